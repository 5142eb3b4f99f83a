// Money in integer minor units of its own currency (DOMAIN.md, money rule 1). Parsing and
// conversion use string and bigint arithmetic only: a float never touches an amount. This module
// has no server dependencies because forms parse and pages format amounts in the browser too.

/** ISO 4217 minor-unit exponents of the currencies the portal accepts. */
export const currencyExponents = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
  SEK: 2,
  NOK: 2,
  KWD: 3,
  CAD: 2,
  AUD: 2,
  DKK: 2,
  CNY: 2,
  RUB: 2,
  SAR: 2,
  AED: 2,
  QAR: 2,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  KRW: 0,
  INR: 2,
  BRL: 2,
  MXN: 2,
  ZAR: 2,
  NZD: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  TRY: 2,
  SGD: 2,
  HKD: 2,
  EGP: 2,
  MAD: 2,
  NGN: 2,
  KES: 2,
  COP: 2,
  CLP: 0,
  ISK: 0,
  VND: 0,
  IDR: 2,
  THB: 2,
  PKR: 2,
} as const satisfies Record<string, number>;

export type CurrencyCode = keyof typeof currencyExponents;

/** Upper bound of a PostgreSQL BIGINT: every stored amount must fit. */
export const MAX_MINOR = 9_223_372_036_854_775_807n;

export type MoneyErrorCode =
  'EMPTY' | 'INVALID_FORMAT' | 'NEGATIVE' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE' | 'UNKNOWN_CURRENCY' | 'INVALID_RATE' | 'UNSAFE_INTEGER';

/** A money input or conversion that cannot be trusted; `code` is stable for forms and i18n keys. */
export class MoneyError extends Error {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function isSupportedCurrency(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.hasOwn(currencyExponents, value);
}

/** The ISO 4217 exponent (JPY 0, USD 2, KWD 3); throws UNKNOWN_CURRENCY otherwise. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (!isSupportedCurrency(code)) throw new MoneyError('UNKNOWN_CURRENCY', `unsupported currency "${currency}"`);
  return currencyExponents[code];
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const EASTERN_ARABIC_INDIC = '۰۱۲۳۴۵۶۷۸۹';

function normaliseDigits(input: string): string {
  return input
    .replace(/[٠-٩]/g, (d) => String(ARABIC_INDIC.indexOf(d)))
    .replace(/[۰-۹]/g, (d) => String(EASTERN_ARABIC_INDIC.indexOf(d)))
    .replace(/٫/g, '.') // Arabic decimal separator
    .replace(/٬/g, ','); // Arabic thousands separator
}

function isValidGrouping(integerPart: string, separator: string): boolean {
  const groups = integerPart.split(separator);
  return /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * Parses what a person typed into minor units of `currency`.
 *
 * Accepted: "1234", "1234.5", "1,234.56", "1.234,56", "1 234,56", "1'234.50", ".5",
 * Arabic-Indic digits. Rules for separators, so the result never depends on the reader's locale:
 * - both "." and "," present: the last one is the decimal separator, the other groups thousands;
 * - only one kind, several times: it groups thousands ("1,234,567", "1.234.567");
 * - a single "," followed by exactly three digits groups thousands ("1,234" = 1234), otherwise it
 *   is a decimal comma ("12,5"); a single "." is always a decimal point.
 * Spaces, no-break spaces and apostrophes are thousands separators. Negative amounts, more
 * decimals than the currency has, and anything else are refused with a MoneyError code.
 */
export function parseAmount(input: string, currency: string): bigint {
  const exponent = currencyExponent(currency);
  let text = normaliseDigits(input.trim()).replace(/[\s\u00a0\u202f'’]/g, '');
  if (text === '') throw new MoneyError('EMPTY', 'amount is empty');
  if (/^[-−(]/.test(text) || text.endsWith(')')) throw new MoneyError('NEGATIVE', 'amount is negative');
  if (text.startsWith('+')) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) throw new MoneyError('INVALID_FORMAT', `"${input}" is not an amount`);

  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalSeparator: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimalSeparator = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0) decimalSeparator = text.indexOf('.') === lastDot ? '.' : null;
  else if (lastComma >= 0) {
    const single = text.indexOf(',') === lastComma;
    const looksGrouped = single && /^\d{1,3},\d{3}$/.test(text);
    decimalSeparator = single && !looksGrouped ? ',' : null;
  }

  let integerPart = text;
  let fractionPart = '';
  if (decimalSeparator) {
    integerPart = text.slice(0, text.lastIndexOf(decimalSeparator));
    fractionPart = text.slice(text.lastIndexOf(decimalSeparator) + 1);
    if (!/^\d+$/.test(fractionPart)) throw new MoneyError('INVALID_FORMAT', `"${input}" is not an amount`);
  }
  const groupSeparator = decimalSeparator ? (decimalSeparator === '.' ? ',' : '.') : lastComma >= 0 ? ',' : '.';
  if (integerPart.includes(groupSeparator)) {
    if (!isValidGrouping(integerPart, groupSeparator)) throw new MoneyError('INVALID_FORMAT', `"${input}" has misplaced separators`);
    integerPart = integerPart.split(groupSeparator).join('');
  }
  if (!/^\d*$/.test(integerPart)) throw new MoneyError('INVALID_FORMAT', `"${input}" is not an amount`);

  const trimmedFraction = fractionPart.replace(/0+$/, '');
  if (trimmedFraction.length > exponent) {
    throw new MoneyError('TOO_MANY_DECIMALS', `${currency.toUpperCase()} has ${exponent} decimal places`);
  }
  const minor = BigInt((integerPart || '0') + trimmedFraction.padEnd(exponent, '0'));
  if (minor > MAX_MINOR) throw new MoneyError('TOO_LARGE', 'amount is too large');
  return minor;
}

/** "1234.50" for 123450 USD minor; exact for any size (no float division). */
export function minorToDecimalString(minor: bigint | number, currency: string): string {
  return decimalString(minor, currencyExponent(currency));
}

function decimalString(minor: bigint | number, exponent: number): string {
  // A safe integer's toString() already has every digit exactly (no exponent below 1e21), so
  // the common case skips the BigInt; anything else goes through toBigInt, which refuses it.
  let negative: boolean;
  let magnitude: string;
  if (typeof minor === 'number' && Number.isSafeInteger(minor)) {
    negative = minor < 0;
    magnitude = String(negative ? -minor : minor);
  } else {
    const value = toBigInt(minor);
    negative = value < 0n;
    magnitude = (negative ? -value : value).toString();
  }
  const digits = magnitude.padStart(exponent + 1, '0');
  const integer = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${integer}${fraction}`;
}

function toBigInt(minor: bigint | number): bigint {
  if (typeof minor === 'bigint') return minor;
  if (!Number.isSafeInteger(minor)) throw new MoneyError('UNSAFE_INTEGER', `${minor} is not a safe integer amount`);
  return BigInt(minor);
}

// ECMA-402 (NumberFormat v3, Node 20 and every current browser) formats a decimal *string*
// exactly; TypeScript's ES2022 lib only declares number | bigint, hence this one typed view.
type ExactDecimalFormatter = { format(value: string): string };

// Building an Intl.NumberFormat costs far more than using one; pages format hundreds of amounts,
// so each (currency, locale) pair keeps its formatter and exponent (locale → currency → entry).
interface MoneyFormatter {
  exponent: number;
  format: ExactDecimalFormatter['format'];
}
const moneyFormatters = new Map<string, Map<string, MoneyFormatter>>();

function moneyFormatter(currency: string, locale: string): MoneyFormatter {
  let byCurrency = moneyFormatters.get(locale);
  if (!byCurrency) moneyFormatters.set(locale, (byCurrency = new Map()));
  let formatter = byCurrency.get(currency);
  if (!formatter) {
    const exponent = currencyExponent(currency);
    const intl = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }) as unknown as ExactDecimalFormatter;
    formatter = { exponent, format: (value) => intl.format(value) };
    byCurrency.set(currency, formatter);
  }
  return formatter;
}

/** Formats minor units in the reader's locale with the currency's exponent ("$1,234.50", "¥1,234"). */
export function formatMoney(minor: bigint | number, currency: string, locale: string): string {
  const formatter = moneyFormatter(currency, locale);
  return formatter.format(decimalString(minor, formatter.exponent));
}

/** Formats USD minor units (aggregates) in the reader's locale. */
export function formatUsd(usdMinor: bigint | number, locale: string): string {
  return formatMoney(usdMinor, 'USD', locale);
}

/** A positive decimal string ("1.0845", "0.0067", "6.7e-3") as numerator / 10^scale. */
export function parseRate(rate: string): { numerator: bigint; scale: number } {
  const match = /^\s*(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(rate);
  if (!match || (match[1] === '' && !match[2])) throw new MoneyError('INVALID_RATE', `"${rate}" is not a rate`);
  const fraction = match[2] ?? '';
  let numerator = BigInt((match[1] || '0') + fraction);
  let scale = fraction.length - Number(match[3] ?? 0);
  if (scale < 0) {
    numerator *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (numerator <= 0n) throw new MoneyError('INVALID_RATE', `rate must be positive, got "${rate}"`);
  return { numerator, scale };
}

/** numerator / denominator rounded half away from zero (denominator > 0). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -rounded : rounded;
}

/**
 * Converts minor units of `currency` to USD minor units with a pinned rate (USD per one major unit,
 * as a decimal string, e.g. Prisma's Decimal#toString()).
 *
 * Rounding: half away from zero ("half-up"), once per converted amount. Chosen over banker's
 * rounding because it is symmetric: converting −x gives exactly −convert(x), so a full refund
 * cancels its payment to the minor unit, and it is the commercial rounding finance staff expect
 * on a receipt. Bias is irrelevant here: each fact is converted once and its usdMinor is stored.
 * The database applies the same rule (PostgreSQL numeric round() is half away from zero).
 */
export function toUsdMinor(args: { amountMinor: bigint | number; currency: string; usdRate: string }): bigint {
  const exponent = currencyExponent(args.currency);
  const { numerator, scale } = parseRate(args.usdRate);
  // usd minor = amount / 10^exponent × rate × 10^2, with rate = numerator / 10^scale
  const top = toBigInt(args.amountMinor) * numerator * 100n;
  const bottom = 10n ** BigInt(exponent + scale);
  return divideRoundHalfUp(top, bottom);
}

/** A bigint aggregate as a JS number, refusing silently lossy values. */
export function toSafeNumber(value: bigint): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new MoneyError('UNSAFE_INTEGER', `${value} exceeds the safe integer range`);
  return number;
}

/** A decimal string without trailing zeros: "1.084200000000" → "1.0842", "2.000" → "2", "100" → "100". */
export function plainDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
