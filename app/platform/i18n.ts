// The six official UN languages. Arabic is written right to left.
export const locales = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** A text stored in six languages (programme titles, narratives); falls back to English. */
export type LocalizedText = Partial<Record<Locale, string>> & { en: string };

export function pickText(text: unknown, locale: Locale): string {
  if (text && typeof text === 'object') {
    const map = text as Record<string, unknown>;
    const value = map[locale] ?? map.en;
    if (typeof value === 'string') return value;
  }
  return '';
}
