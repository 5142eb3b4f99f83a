// Recording regular budget for a programme, and correcting an entry with a reversing one.
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field, FormErrors } from './editor-fields.tsx';
import { regularBudgetCorrectionSchema, regularBudgetSchema } from './programme-editor-schemas.ts';

export function RegularBudgetForms({
  entries,
  recordResult,
  correctResult,
}: {
  entries: { id: string; label: string }[];
  recordResult?: SubmissionResult<string[]>;
  correctResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation('programme-editor');
  const [recordForm, record] = useForm({
    id: 'record-regular-budget',
    lastResult: recordResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: regularBudgetSchema }),
  });
  const [correctForm, correct] = useForm({
    id: 'correct-regular-budget',
    lastResult: correctResult,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: regularBudgetCorrectionSchema }),
  });
  const { key: entryKey, ...entryProps } = getSelectProps(correct.entryId);
  return (
    <>
      <h3 id="rb-record-title">{t('regularBudget.recordHeading')}</h3>
      <Form method="post" className="editor-form" aria-labelledby="rb-record-title" {...getFormProps(recordForm)}>
        <input type="hidden" name="intent" value="record-regular-budget" />
        <FormErrors form={recordForm} />
        <Field field={record.year} label={t('fields.year')} inputMode="numeric" />
        <Field field={record.amount} label={t('fields.amount')} inputMode="decimal" dir="ltr" />
        <Field field={record.note} label={t('fields.note')} />
        <button type="submit" className="button">
          {t('regularBudget.record')}
        </button>
      </Form>
      {entries.length ? (
        <>
          <h3 id="rb-correct-title">{t('regularBudget.correctHeading')}</h3>
          <Form method="post" className="editor-form" aria-labelledby="rb-correct-title" {...getFormProps(correctForm)}>
            <input type="hidden" name="intent" value="correct-regular-budget" />
            <FormErrors form={correctForm} />
            <Field field={correct.entryId} label={t('fields.entry')}>
              <select key={entryKey} {...entryProps}>
                <option value="">—</option>
                {entries.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field field={correct.amount} label={t('fields.amount')} inputMode="decimal" dir="ltr" />
            <Field field={correct.reason} label={t('fields.reason')} />
            <button type="submit" className="button button--secondary">
              {t('regularBudget.correct')}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
