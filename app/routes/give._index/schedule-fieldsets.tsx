// How often and how the donor pays: once, monthly (card only) or a pledge in instalments with
// its count, first due date and interval; then card or bank transfer.
import { getInputProps, getSelectProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { instalmentIntervals, MAX_INSTALMENTS, MIN_INSTALMENTS } from '~/giving/give-schema.ts';
import { FieldError } from '~/giving/field-error.tsx';
import type { GiveFields, LiveValues } from './use-give-form.ts';
import { RadioFieldset } from './radio-fieldset.tsx';

export function FrequencyFieldset({ fields, live, today }: { fields: GiveFields; live: LiveValues; today: string }) {
  const { t } = useTranslation('give');
  const { key: countKey, ...countProps } = getInputProps(fields.instalmentCount, {
    type: 'number',
    ariaDescribedBy: `${fields.instalmentCount.id}-hint`,
  });
  const { key: dateKey, ...dateProps } = getInputProps(fields.firstDueOn, { type: 'date' });
  const { key: intervalKey, ...intervalProps } = getSelectProps(fields.intervalMonths);
  // Without JavaScript every option stays visible, with a heading saying when it applies.
  const showInstalments = !live.hydrated || live.frequency === 'instalments';
  return (
    <RadioFieldset
      field={fields.frequency}
      legend={t('frequency.legend')}
      options={[
        { value: 'once', label: t('frequency.once') },
        { value: 'monthly', label: t('frequency.monthly'), hint: t('frequency.monthlyHint') },
        { value: 'instalments', label: t('frequency.instalments'), hint: t('frequency.instalmentsHint') },
      ]}
    >
      <fieldset className="give-conditional" hidden={!showInstalments}>
        <legend>{t('instalments.legend')}</legend>
        <div className="field">
          <label htmlFor={fields.instalmentCount.id}>{t('instalments.count')}</label>
          <input key={countKey} {...countProps} min={MIN_INSTALMENTS} max={MAX_INSTALMENTS} step={1} inputMode="numeric" />
          <p id={`${fields.instalmentCount.id}-hint`} className="hint">
            {t('instalments.countHint', { min: MIN_INSTALMENTS, max: MAX_INSTALMENTS })}
          </p>
          <FieldError id={fields.instalmentCount.errorId} errors={fields.instalmentCount.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.firstDueOn.id}>{t('instalments.firstDueOn')}</label>
          <input key={dateKey} {...dateProps} min={today} />
          <FieldError id={fields.firstDueOn.errorId} errors={fields.firstDueOn.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.intervalMonths.id}>{t('instalments.interval')}</label>
          <select key={intervalKey} {...intervalProps}>
            {instalmentIntervals.map((months) => (
              <option key={months} value={String(months)}>
                {t(`instalments.every${months}`)}
              </option>
            ))}
          </select>
          <FieldError id={fields.intervalMonths.errorId} errors={fields.intervalMonths.errors} />
        </div>
      </fieldset>
    </RadioFieldset>
  );
}

export function MethodFieldset({ fields }: { fields: GiveFields }) {
  const { t } = useTranslation('give');
  return (
    <RadioFieldset
      field={fields.method}
      legend={t('method.legend')}
      hint={t('method.hint')}
      options={[
        { value: 'card', label: t('method.card'), hint: t('method.cardHint') },
        { value: 'bank_transfer', label: t('method.bankTransfer'), hint: t('method.bankTransferHint') },
      ]}
    />
  );
}
