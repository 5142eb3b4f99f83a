// The suggested amounts form (decision 057): six rows, each an amount in the chosen currency, the
// radio that makes it the preselected one on /give, and what it pays for in the six languages
// (each input in its own language and direction). Empty rows are left out when saving.
import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  useForm,
  type DefaultValue,
  type FieldMetadata,
  type SubmissionResult,
} from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { directionOf, locales } from '~/platform/i18n.ts';
import { FieldErrors, FormErrors } from './editor-fields.tsx';
import {
  MAX_SUGGESTION_TEXT,
  suggestedAmountsSchema,
  type SuggestedAmountsForm,
  type SuggestedAmountsInput,
} from './suggested-amount-schema.ts';

export function SuggestedAmountsEditor({
  currency,
  currencyName,
  defaultValue,
  lastResult,
}: {
  currency: string;
  currencyName: string;
  defaultValue: DefaultValue<SuggestedAmountsForm>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation('programme-editor');
  const [form, fields] = useForm<SuggestedAmountsForm, SuggestedAmountsInput>({
    id: `amounts-${currency}`,
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: suggestedAmountsSchema }),
  });
  const rows = fields.rows.getFieldList();
  // One radio group across the rows: which amount /give preselects.
  // Each row's radio comes first in it, so an error that appears under the amount as it is left
  // never moves the radio from under the pointer.
  const radios = getCollectionProps(fields.preselected, { type: 'radio', options: rows.map((_, index) => String(index)) }).map(
    ({ key, ...props }) => (
      <div className="choice" key={key}>
        <input {...props} />
        <label htmlFor={props.id}>{t('amounts.preselected')}</label>
      </div>
    ),
  );
  return (
    <Form method="post" className="editor-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save-amounts" />
      <input type="hidden" name={fields.currency.name} value={currency} />
      <FormErrors form={form} />
      <FieldErrors field={fields.rows} />
      <FieldErrors field={fields.preselected} />
      {rows.map((row, index) => {
        const parts = row.getFieldset();
        const text = parts.text.getFieldset();
        const { key: amountKey, ...amountProps } = getInputProps(parts.amount as FieldMetadata<string>, { type: 'text' });
        return (
          <fieldset className="localized-fields suggested-amount" key={row.key}>
            <legend>{t('amounts.rowLegend', { number: index + 1 })}</legend>
            {radios[index]}
            <div className="field">
              <label htmlFor={parts.amount.id}>{t('amounts.amountLabel', { currency: currencyName })}</label>
              <input key={amountKey} {...amountProps} inputMode="decimal" dir="ltr" />
              <FieldErrors field={parts.amount} />
            </div>
            {locales.map((locale) => {
              const part = text[locale] as FieldMetadata<string>;
              const { key, ...props } = getInputProps(part, { type: 'text' });
              return (
                <div className="field" key={locale}>
                  <label htmlFor={part.id}>{t('amounts.textLabel', { language: t(`amounts.languages.${locale}`) })}</label>
                  <input key={key} {...props} lang={locale} dir={directionOf(locale)} maxLength={MAX_SUGGESTION_TEXT} />
                  <FieldErrors field={part} />
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <button type="submit" className="button">
        {t('amounts.save')}
      </button>
    </Form>
  );
}
