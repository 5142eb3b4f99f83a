// The programme form (new and edit): slug, code, order, title and mandate in six languages.
import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormErrors, LocalizedFields } from './editor-fields.tsx';
import { programmeSchema, type ProgrammeInput } from './programme-editor-schemas.ts';

export type ProgrammeFormValue = DefaultValue<ProgrammeInput>;

export function ProgrammeForm({
  id,
  intent,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  id: string;
  intent: string;
  defaultValue?: ProgrammeFormValue;
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeSchema }),
  });
  return (
    <Form method="post" className="editor-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <FormErrors form={form} />
      <Field field={fields.slug} label={t('fields.slug')} hint={t('fields.slugHint')} dir="ltr" />
      <Field field={fields.code} label={t('fields.code')} dir="ltr" />
      <Field field={fields.sortOrder} label={t('fields.sortOrder')} type="number" inputMode="numeric" />
      <LocalizedFields field={fields.title} label={t('fields.title')} />
      <LocalizedFields field={fields.mandate} label={t('fields.mandate')} multiline />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
