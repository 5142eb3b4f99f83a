// The forms of a project's needs and results: a year's requirement, an impact update (Markdown in
// six languages), a new indicator, and a dated value of an indicator.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import type { Locale } from '~/platform/i18n.ts';
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

/** What an edit form starts from: the stored item's id and fields. */
interface Editing<V> {
  id: string;
  defaultValue: V;
}

/** Texts in the six languages, as the stored JSON holds them (a language may be missing). */
type Localized = Partial<Record<Locale, string>>;
type UpdateValue = { publishedOn: string; title: Localized; body: Localized };
type IndicatorValue = { code: string; name: Localized; unit: string; baseline: string; target: string };

/** Adds an impact update, or (with `editing`) corrects one: same fields, its id in a hidden field. */
export function ImpactUpdateForm({ lastResult, editing }: { lastResult: Result; editing?: Editing<UpdateValue> }) {
  const { t } = useTranslation('programme-editor');
  const id = editing ? `edit-update-${editing.id}` : 'add-update';
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: editing?.defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: impactUpdateSchema }),
  });
  return (
    <Form method="post" className="editor-form" aria-labelledby={`${id}-title`} {...getFormProps(form)}>
      <h3 id={`${id}-title`}>{t(editing ? 'updates.editHeading' : 'updates.addHeading')}</h3>
      <input type="hidden" name="intent" value={editing ? 'edit-update' : 'add-update'} />
      {editing ? <input type="hidden" name="updateId" value={editing.id} /> : null}
      <FormErrors form={form} />
      <Field field={fields.publishedOn} label={t('fields.publishedOn')} type="date" />
      <LocalizedFields field={fields.title} label={t('fields.updateTitle')} />
      <LocalizedFields field={fields.body} label={t('fields.body')} hint={t('updates.markdownHelp')} multiline />
      <button type="submit" className="button">
        {t(editing ? 'save' : 'updates.add')}
      </button>
    </Form>
  );
}

/** Adds a result indicator, or (with `editing`) corrects one's name, unit, baseline or target. */
export function IndicatorForm({ lastResult, editing }: { lastResult: Result; editing?: Editing<IndicatorValue> }) {
  const { t } = useTranslation('programme-editor');
  const id = editing ? `edit-indicator-${editing.id}` : 'add-indicator';
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: editing?.defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: indicatorSchema }),
  });
  return (
    <Form method="post" className="editor-form" aria-labelledby={`${id}-title`} {...getFormProps(form)}>
      <h3 id={`${id}-title`}>{t(editing ? 'indicators.editHeading' : 'indicators.addHeading')}</h3>
      <input type="hidden" name="intent" value={editing ? 'edit-indicator' : 'add-indicator'} />
      {editing ? <input type="hidden" name="indicatorId" value={editing.id} /> : null}
      <FormErrors form={form} />
      <Field field={fields.code} label={t('fields.indicatorCode')} dir="ltr" />
      <LocalizedFields field={fields.name} label={t('fields.name')} />
      <Field field={fields.unit} label={t('fields.unit')} hint={t('fields.unitHint')} dir="ltr" />
      <Field field={fields.baseline} label={t('fields.baseline')} inputMode="decimal" dir="ltr" />
      <Field field={fields.target} label={t('fields.target')} inputMode="decimal" dir="ltr" />
      <button type="submit" className="button">
        {t(editing ? 'save' : 'indicators.add')}
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
