import { getInputProps, getSelectProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { parseAmount } from '~/platform/money.ts';
import type { CurrencyOption } from './currency-options.server.ts';
import { FieldError } from '~/giving/field-error.tsx';
import type { GiveFields, GiveFormMetadata, LiveValues } from './use-give-form.ts';

/** The typed amount in minor units, or null while it is not (yet) a valid amount. */
export function typedAmountMinor(amount: unknown, currency: string): bigint | null {
  if (typeof amount !== 'string' || amount.trim() === '') return null;
  try {
    return parseAmount(amount, currency);
  } catch {
    return null;
  }
}

/**
 * Currency and amount; with JavaScript, quick-amount buttons for the chosen currency. A programme's
 * amounts come with what each pays for (decision 057): beside each button (its description), and
 * without JavaScript as a list to read before typing the amount.
 */
export function AmountFieldset({
  form,
  fields,
  live,
  currencies,
}: {
  form: GiveFormMetadata;
  fields: GiveFields;
  live: LiveValues;
  currencies: CurrencyOption[];
}) {
  const { t } = useTranslation('give');
  const current = currencies.find((option) => option.code === live.currency) ?? currencies[0];
  const hintId = `${fields.amount.id}-hint`;
  const { key: currencyKey, ...currencyProps } = getSelectProps(fields.currency);
  const { key: amountKey, ...amountProps } = getInputProps(fields.amount, { type: 'text', ariaDescribedBy: hintId });
  return (
    <fieldset className="give-fieldset">
      <legend>{t('amount.legend')}</legend>
      <div className="give-amount">
        <div className="field">
          <label htmlFor={fields.currency.id}>{t('amount.currency')}</label>
          <select key={currencyKey} {...currencyProps}>
            {currencies.map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
          <FieldError id={fields.currency.errorId} errors={fields.currency.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.amount.id}>{t('amount.label')}</label>
          <input
            key={amountKey}
            {...amountProps}
            inputMode={current?.exponent === 0 ? 'numeric' : 'decimal'}
            autoComplete="transaction-amount"
            spellCheck={false}
          />
          <p id={hintId} className="hint">
            {current?.hint}
          </p>
          <FieldError id={fields.amount.errorId} errors={fields.amount.errors} />
        </div>
      </div>
      {current ? <QuickAmounts form={form} fields={fields} live={live} current={current} /> : null}
    </fieldset>
  );
}

function QuickAmounts({
  form,
  fields,
  live,
  current,
}: {
  form: GiveFormMetadata;
  fields: GiveFields;
  live: LiveValues;
  current: CurrencyOption;
}) {
  const { t } = useTranslation('give');
  const described = current.quick.some((option) => option.text);
  const textId = (index: number) => `${fields.amount.id}-pays-for-${index}`;
  if (!live.hydrated) {
    if (!described) return null;
    return (
      <div className="quick-amounts-text">
        <p className="hint">{t('amount.paysForIntro')}</p>
        <ul className="quick-amounts quick-amounts--described">
          {current.quick.map((option) => (
            <li key={option.value} className="quick-amount">
              <span className="quick-amount__amount">{option.label}</span>
              {option.text ? <span className="quick-amount__text">{option.text}</span> : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const typed = typedAmountMinor(live.amount, current.code);
  return (
    <div
      className={described ? 'quick-amounts quick-amounts--described' : 'quick-amounts'}
      role="group"
      aria-label={t('amount.quickLabel')}
    >
      {current.quick.map((option, index) => {
        const button = (
          <button
            key={option.value}
            type="button"
            className="quick-amounts__button"
            aria-pressed={typed !== null && typed === typedAmountMinor(option.value, current.code)}
            aria-describedby={option.text ? textId(index) : undefined}
            onClick={() => form.update({ name: fields.amount.name, value: option.value })}
          >
            {option.label}
          </button>
        );
        if (!described) return button;
        return (
          <div key={option.value} className="quick-amount">
            {button}
            {option.text ? (
              <span id={textId(index)} className="quick-amount__text">
                {option.text}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
