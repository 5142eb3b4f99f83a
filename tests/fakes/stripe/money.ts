// Currencies as the hosted pages and validation need them: exponents from Intl, exact formatting of
// integer minor units (no floating point), and the per-currency rules Stripe applies to charges.
import { invalid } from './params.ts';

const supported = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/** Digits after the decimal point (JPY 0, EUR 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `2500, 'eur'` → `€25.00`; `12340, 'kwd'` → `KWD 12.340`, exactly. */
export function formatAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const scale = 10n ** BigInt(exponent);
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const absolute = value < 0n ? -value : value;
  const parts = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: exponent }).formatToParts(
    absolute / scale,
  );
  const fraction = String(absolute % scale).padStart(exponent, '0');
  return sign + parts.map((part) => (part.type === 'fraction' ? fraction : part.value)).join('');
}

// Stripe's minimum charge amounts (docs: "Minimum and maximum charge amounts"), in minor units.
const MINIMUM: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  chf: 50,
  cad: 50,
  aud: 50,
  nzd: 50,
  sgd: 50,
  jpy: 50,
  sek: 300,
  nok: 300,
  dkk: 250,
  hkd: 400,
  pln: 200,
  czk: 1500,
  mxn: 1000,
};
const MAXIMUM = 99_999_999;
// Three-decimal currencies: Stripe requires the last digit to be 0 for card payments.
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function checkCurrency(currency: string, param: string): string {
  const code = currency.toLowerCase();
  if (!supported.has(code))
    throw invalid(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...supported].slice(0, 8).join(', ')}, …`,
      param,
    );
  return code;
}

/** The checks Stripe makes on the total a Checkout Session will charge. */
export function checkChargeAmount(total: number, currency: string): void {
  const minimum = MINIMUM[currency];
  if (minimum !== undefined && total < minimum) {
    throw invalid(
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, currency)} ${currency}`,
      'line_items',
    );
  }
  if (total > MAXIMUM)
    throw invalid(
      `The Checkout Session's total amount due must be no more than ${formatAmount(MAXIMUM, currency)} ${currency}`,
      'line_items',
    );
  if (THREE_DECIMAL.has(currency) && total % 10 !== 0) {
    throw invalid(
      `Amounts in ${currency} must end in 0 (they are rounded to the nearest ten of the smallest unit for card networks); got ${total}.`,
      'line_items',
      'amount_invalid',
    );
  }
}
