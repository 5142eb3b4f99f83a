// The optional extras: a dedication, covering the card processing fee (its amount shown as soon
// as the amount is typed), and the two consents, whose label text is exactly what gets recorded.
import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { MAX_DEDICATION_LENGTH, processingFeeMinor, PROCESSING_FEE_PERCENT } from '~/giving/give-schema.ts';
import { formatMoney } from '~/platform/money.ts';
import { typedAmountMinor } from './amount-fieldset.tsx';
import { FieldError } from '~/giving/field-error.tsx';
import { FoldedSection } from '~/ui/folded-section.tsx';
import type { GiveFields, LiveValues } from './use-give-form.ts';

function Checkbox({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: 'checkbox', ariaDescribedBy: hintId });
  return (
    <div className="choice">
      {/* Optional: Conform marks every field of a piped schema required, which would block an unticked box without JavaScript. */}
      <input key={key} {...props} required={false} />
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="choice__hint hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

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
      <FoldedSection
        className="give-fold"
        summary={t('extras.summary')}
        startsOpen={Boolean(fields.dedication.initialValue) || fields.coversFee.initialValue === 'on'}
        mustOpen={Boolean(fields.dedication.errors?.length || fields.coversFee.errors?.length)}
      >
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
      </FoldedSection>
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
