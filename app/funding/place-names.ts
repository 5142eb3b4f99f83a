// Country and region names in the reader's language from Intl.DisplayNames (UN M49 region codes
// work too). "001" (world) is a project that works everywhere: the page calls it "Global".
const cache = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string): Intl.DisplayNames {
  let names = cache.get(locale);
  if (!names) cache.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  return names;
}

/** Some locales write region names in lower case ("world", "весь мир"); a label starts upper case. */
function capitalise(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

export function placeName(code: string, locale: string, globalLabel: string): string {
  if (code === '001') return globalLabel;
  try {
    return capitalise(displayNames(locale).of(code) ?? code, locale);
  } catch {
    // Intl throws RangeError on malformed codes; show the code rather than fail the page.
    return code;
  }
}

/** Country name when there is a country, else the region's name. */
export function projectPlace(project: { countryCode: string | null; regionCode: string }, locale: string, globalLabel: string): string {
  return placeName(project.countryCode ?? project.regionCode, locale, globalLabel);
}
