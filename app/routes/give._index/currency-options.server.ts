// The currency picker's options, formatted on the server in the reader's language (so the page
// renders the same text on the server and after hydration): each currency's name, its limits,
// an example of how to type an amount (JPY without decimals, KWD with three), and quick amounts:
// a programme's own, with what each pays for, when the gift is for it (decision 057), else ours.
import type { TFunction } from 'i18next';
import type { GiftSuggestion } from '~/giving/suggested-amount-queries.server.ts';
import { amountLimits, givingCurrencies, type GivingCurrency } from '~/giving/give-schema.ts';
import type { Locale } from '~/platform/i18n.ts';
import { currencyExponent, formatMoney, minorToDecimalString } from '~/platform/money.ts';

/** Quick amounts in minor units: round, familiar sums of roughly 25, 50, 100 and 250 US dollars. */
const quickAmounts: Record<GivingCurrency, readonly bigint[]> = {
  USD: [2_500n, 5_000n, 10_000n, 25_000n],
  EUR: [2_500n, 5_000n, 10_000n, 25_000n],
  GBP: [2_000n, 4_000n, 8_000n, 20_000n],
  CHF: [2_500n, 5_000n, 10_000n, 25_000n],
  JPY: [3_000n, 5_000n, 10_000n, 30_000n],
  SEK: [25_000n, 50_000n, 100_000n, 250_000n],
  NOK: [25_000n, 50_000n, 100_000n, 250_000n],
  KWD: [10_000n, 15_000n, 30_000n, 75_000n],
};

/** Suggested amounts by currency (a programme's), when the gift is for a programme or its project. */
export type Suggestions = ReadonlyMap<string, readonly GiftSuggestion[]>;

/**
 * The amount already chosen when the form opens (issue #16): the programme's preselected amount in
 * this currency, else the second quick amount, about 50 US dollars.
 */
export function preselectedAmount(code: GivingCurrency, suggestions?: Suggestions): string {
  const own = suggestions?.get(code);
  const chosen = own?.find((suggestion) => suggestion.isPreselected) ?? own?.[0];
  return minorToDecimalString(chosen?.amountMinor ?? quickAmounts[code][1] ?? amountLimits[code].min, code);
}

export interface CurrencyOption {
  code: GivingCurrency;
  label: string;
  exponent: number;
  /** How to type an amount in this currency, with its smallest and largest gift. */
  hint: string;
  /** `text`: what the amount pays for, when the programme's officers wrote it. */
  quick: { value: string; label: string; text?: string }[];
}

export function listCurrencyOptions(locale: Locale, t: TFunction, suggestions?: Suggestions): CurrencyOption[] {
  const names = new Intl.DisplayNames([locale], { type: 'currency' });
  return givingCurrencies.map((code) => {
    const exponent = currencyExponent(code);
    const limits = amountLimits[code];
    const range = { min: formatMoney(limits.min, code, locale), max: formatMoney(limits.max, code, locale) };
    const example = minorToDecimalString(quickAmounts[code][1] ?? limits.min, code);
    return {
      code,
      label: `${code} — ${names.of(code) ?? code}`,
      exponent,
      hint:
        exponent === 0
          ? t('amount.hintWhole', { currency: code, example, ...range })
          : t('amount.hintDecimals', { currency: code, decimals: exponent, example, ...range }),
      quick: quickOptions(code, locale, suggestions?.get(code)),
    };
  });
}

function quickOptions(code: GivingCurrency, locale: Locale, own: readonly GiftSuggestion[] | undefined) {
  const option = (minor: bigint) => ({ value: minorToDecimalString(minor, code), label: formatMoney(minor, code, locale) });
  if (!own?.length) return quickAmounts[code].map(option);
  return own.map((suggestion) => ({ ...option(suggestion.amountMinor), ...(suggestion.text ? { text: suggestion.text } : {}) }));
}
