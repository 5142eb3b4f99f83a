// The forms of a project's needs and results: a year's requirement, an impact update (Markdown in
// six languages), a new indicator, and a dated value of an indicator.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormErrors, LocalizedFields } from '~/programmes/editor-fields.tsx';
import { impactUpdateSchema, indicatorSchema, indicatorValueSchema, requirementSchema } from '~/programmes/programme-editor-schemas.ts';

type Result = SubmissionResult<string[]> | undefined;

export function RequirementForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm({
    id: 'set-requirement',
    lastResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: requirementSchema }),
  });
  return (
    <Form method="post" className="editor-form" aria-labelledby="requirement-form-title" {...getFormProps(form)}>
      <h3 id="requirement-form-title">{t('requirements.setHeading')}</h3>
      <p className="field__hint">{t('requirements.hint')}</p>
      <input type="hidden" name="intent" value="set-requirement" />
      <FormErrors form={form} />
      <Field field={fields.year} label={t('fields.year')} inputMode="numeric" />
      <Field field={fields.amount} label={t('fields.amount')} inputMode="decimal" dir="ltr" />
      <button type="submit" className="button">
        {t('requirements.set')}
      </button>
    </Form>
  );
}

export function ImpactUpdateForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm({
    id: 'add-update',
    lastResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: impactUpdateSchema }),
  });
  return (
    <Form method="post" className="editor-form" aria-labelledby="update-form-title" {...getFormProps(form)}>
      <h3 id="update-form-title">{t('updates.addHeading')}</h3>
      <input type="hidden" name="intent" value="add-update" />
      <FormErrors form={form} />
      <Field field={fields.publishedOn} label={t('fields.publishedOn')} type="date" />
      <LocalizedFields field={fields.title} label={t('fields.updateTitle')} />
      <LocalizedFields field={fields.body} label={t('fields.body')} hint={t('updates.markdownHelp')} multiline />
      <button type="submit" className="button">
        {t('updates.add')}
      </button>
    </Form>
  );
}

export function IndicatorForm({ lastResult }: { lastResult: Result }) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm({
    id: 'add-indicator',
    lastResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: indicatorSchema }),
  });
  return (
    <Form method="post" className="editor-form" aria-labelledby="indicator-form-title" {...getFormProps(form)}>
      <h3 id="indicator-form-title">{t('indicators.addHeading')}</h3>
      <input type="hidden" name="intent" value="add-indicator" />
      <FormErrors form={form} />
      <Field field={fields.code} label={t('fields.indicatorCode')} dir="ltr" />
      <LocalizedFields field={fields.name} label={t('fields.name')} />
      <Field field={fields.unit} label={t('fields.unit')} hint={t('fields.unitHint')} dir="ltr" />
      <Field field={fields.baseline} label={t('fields.baseline')} inputMode="decimal" dir="ltr" />
      <Field field={fields.target} label={t('fields.target')} inputMode="decimal" dir="ltr" />
      <button type="submit" className="button">
        {t('indicators.add')}
      </button>
    </Form>
  );
}

export function IndicatorValueForm({
  lastResult,
  indicators,
  updates,
}: {
  lastResult: Result;
  indicators: { id: string; label: string }[];
  updates: { id: string; label: string }[];
}) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm({
    id: 'add-value',
    lastResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: indicatorValueSchema }),
  });
  const { key: indicatorKey, ...indicatorProps } = getSelectProps(fields.indicatorId);
  const { key: updateKey, ...updateProps } = getSelectProps(fields.impactUpdateId);
  return (
    <Form method="post" className="editor-form" aria-labelledby="value-form-title" {...getFormProps(form)}>
      <h3 id="value-form-title">{t('indicators.valueHeading')}</h3>
      <p className="field__hint">{t('indicators.valueHint')}</p>
      <input type="hidden" name="intent" value="add-value" />
      <FormErrors form={form} />
      <Field field={fields.indicatorId} label={t('fields.indicator')}>
        <select key={indicatorKey} {...indicatorProps}>
          <option value="">—</option>
          {indicators.map((indicator) => (
            <option key={indicator.id} value={indicator.id}>
              {indicator.label}
            </option>
          ))}
        </select>
      </Field>
      <Field field={fields.measuredOn} label={t('fields.measuredOn')} type="date" />
      <Field field={fields.value} label={t('fields.value')} inputMode="decimal" dir="ltr" />
      <Field field={fields.impactUpdateId} label={t('fields.update')}>
        <select key={updateKey} {...updateProps}>
          <option value="">{t('fields.noUpdate')}</option>
          {updates.map((update) => (
            <option key={update.id} value={update.id}>
              {update.label}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button">
        {t('indicators.addValue')}
      </button>
    </Form>
  );
}
