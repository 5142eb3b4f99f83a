// The optional extras: a dedication, covering the card processing fee (its amount shown as soon
// as the amount is typed), and the two consents, whose label text is exactly what gets recorded.
import { getTextareaProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { MAX_DEDICATION_LENGTH, processingFeeMinor, PROCESSING_FEE_PERCENT } from '~/giving/give-schema.ts';
import { formatMoney } from '~/platform/money.ts';
import { typedAmountMinor } from './amount-fieldset.tsx';
import { FieldError } from '~/giving/field-error.tsx';
import { Checkbox } from '~/giving/form-controls.tsx';
import type { GiveFields, LiveValues } from './use-give-form.ts';

export function ExtrasFieldsets({ fields, live }: { fields: GiveFields; live: LiveValues }) {
  const { t, i18n } = useTranslation('give');
  const currency = live.currency ?? 'USD';
  // Formatted in the browser only (after hydration), so server and client markup agree.
  const amount = live.hydrated ? typedAmountMinor(live.amount, currency) : null;
  const percent = String(PROCESSING_FEE_PERCENT);
  const feeLabel = amount
    ? t('fee.labelAmount', { fee: formatMoney(processingFeeMinor(amount), currency, i18n.language), percent })
    : t('fee.label', { percent });
  const dedicationHintId = `${fields.dedication.id}-hint`;
  const { key: dedicationKey, ...dedicationProps } = getTextareaProps(fields.dedication, { ariaDescribedBy: dedicationHintId });
  return (
    <>
      <fieldset className="give-fieldset">
        <legend>{t('extras.legend')}</legend>
        <div className="field">
          <label htmlFor={fields.dedication.id}>{t('extras.dedication')}</label>
          <textarea key={dedicationKey} {...dedicationProps} maxLength={MAX_DEDICATION_LENGTH} rows={2} />
          <p id={dedicationHintId} className="hint">
            {t('extras.dedicationHint', { max: MAX_DEDICATION_LENGTH })}
          </p>
          <FieldError id={fields.dedication.errorId} errors={fields.dedication.errors} />
        </div>
        <Checkbox field={fields.coversFee} label={feeLabel} hint={t('fee.hint')} />
      </fieldset>
      <fieldset className="give-fieldset" aria-describedby="give-consent-hint">
        <legend>{t('consent.legend')}</legend>
        <p id="give-consent-hint" className="hint">
          {t('consent.hint')}
        </p>
        <Checkbox field={fields.consentImpactReports} label={t('consent.impactReports')} />
        <Checkbox field={fields.consentAppeals} label={t('consent.appeals')} />
      </fieldset>
    </>
  );
}
