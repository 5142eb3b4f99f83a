// The donor's country picker: every ISO 3166-1 alpha-2 code that Intl knows a name for, named and
// sorted in the reader's language. No hand-kept list of 250 names in six languages: Intl has them.
import type { Locale } from '~/platform/i18n.ts';

// Codes Intl names that are not countries or territories a donor lives in: ISO's exceptional
// reservations, CLDR's groupings and pseudo-locales. Withdrawn codes (ZR, YU, DY ...) are dropped
// by canonicalisation below, which maps them to their successors.
const NOT_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ']);

function isCurrentCountryCode(code: string): boolean {
  return !NOT_COUNTRIES.has(code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
}

export interface CountryOption {
  code: string;
  name: string;
}

const cache = new Map<Locale, CountryOption[]>();

/** Countries with their names in `locale`, sorted by that language's collation. */
export function listCountries(locale: Locale): CountryOption[] {
  const cached = cache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const countries: CountryOption[] = [];
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = isCurrentCountryCode(code) ? names.of(code) : undefined;
      if (name) countries.push({ code, name });
    }
  }
  const collator = new Intl.Collator(locale);
  countries.sort((a, b) => collator.compare(a.name, b.name));
  cache.set(locale, countries);
  return countries;
}
