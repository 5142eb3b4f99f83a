// Dates and numbers for display, via Intl in the reader's locale. Always UTC and explicit options
// so the server and the browser print the same text (no hydration mismatch). Money lives in
// ~/utils/money.ts; these helpers never touch money amounts.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format as Intl.NumberFormat;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return format as Intl.DateTimeFormat;
}

/** A date (ISO string or Date) in the reader's language, e.g. "3 March 2026"; UTC calendar day. */
export function formatDate(iso: string | Date, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(iso)}`);
  return dateFormat(locale, options).format(date);
}

/** Two UTC calendar days as one range in the reader's language, e.g. "1 October – 31 December 2026". */
export function formatDateRange(from: Date, to: Date, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new RangeError('not a date range');
  return dateFormat(locale, options).formatRange(from, to);
}

// The two formats pages call hundreds of times get a cache of their own per locale: the general
// cache's key (the options as JSON) costs more than the formatting itself.
const percentFormats = new Map<string, Intl.NumberFormat>();
const yearFormats = new Map<string, Intl.NumberFormat>();

/** Basis points (1/100 of a percent) as a percentage: 4250 → "42.5%" (fr: "42,5 %"). */
export function formatPercentFromBasisPoints(basisPoints: number, locale: string): string {
  let format = percentFormats.get(locale);
  if (!format) percentFormats.set(locale, (format = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })));
  return format.format(basisPoints / 10_000);
}

/** A plain number in the reader's language (grouping and digits as the locale writes them). */
export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return numberFormat(locale, options).format(value);
}

/** A calendar year without grouping ("2026", not "2,026"), in the locale's digits. */
export function formatYear(year: number, locale: string): string {
  let format = yearFormats.get(locale);
  if (!format) yearFormats.set(locale, (format = numberFormat(locale, { useGrouping: false })));
  return format.format(year);
}

// One DisplayNames per language: building it per table row would cost more than the lookup.
const displayNames = new Map<string, Intl.DisplayNames>();

/** Region (UN M49) or country (ISO 3166) names in the reader's language: '014' → "Eastern Africa". */
export function regionName(locale: string): (code: string) => string {
  let names = displayNames.get(locale);
  if (!names) displayNames.set(locale, (names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' })));
  const lookup = names;
  return (code) => lookup.of(code) ?? code;
}
