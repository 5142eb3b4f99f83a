// The project form (new and edit): code, programme, places, sector, status, dates, and title and
// description in six languages.
import { getFormProps, getSelectProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormErrors, LocalizedFields } from './editor-fields.tsx';
import { projectSchema, type ProjectInput, projectStatuses } from './programme-editor-schemas.ts';

export type ProjectFormValue = DefaultValue<ProjectInput>;

export function ProjectForm({
  id,
  intent,
  defaultValue,
  lastResult,
  submitLabel,
  programmes,
}: {
  id: string;
  intent: string;
  defaultValue?: ProjectFormValue;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
  programmes: { id: string; label: string }[];
}) {
  const { t } = useTranslation('programme-editor');
  const { t: tp } = useTranslation('programmes');
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: projectSchema }),
  });
  const { key: programmeKey, ...programmeProps } = getSelectProps(fields.programmeId);
  const { key: statusKey, ...statusProps } = getSelectProps(fields.status);
  return (
    <Form method="post" className="editor-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors form={form} />
      <Field field={fields.code} label={t('fields.code')} dir="ltr" />
      <Field field={fields.programmeId} label={t('fields.programme')}>
        <select key={programmeKey} {...programmeProps}>
          <option value="">—</option>
          {programmes.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {programme.label}
            </option>
          ))}
        </select>
      </Field>
      <LocalizedFields field={fields.title} label={t('fields.title')} />
      <LocalizedFields field={fields.description} label={t('fields.description')} multiline />
      <Field field={fields.countryCode} label={t('fields.country')} hint={t('fields.countryHint')} dir="ltr" />
      <Field field={fields.regionCode} label={t('fields.region')} hint={t('fields.regionHint')} dir="ltr" inputMode="numeric" />
      <Field field={fields.sectorCode} label={t('fields.sector')} hint={t('fields.sectorHint')} dir="ltr" inputMode="numeric" />
      <Field field={fields.status} label={t('fields.status')}>
        <select key={statusKey} {...statusProps}>
          {projectStatuses.map((status) => (
            <option key={status} value={status}>
              {tp(`status.${status.toLowerCase()}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field field={fields.startDate} label={t('fields.startDate')} type="date" />
      <Field field={fields.endDate} label={t('fields.endDate')} type="date" />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
