import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '~/platform/i18n.ts';

// Each language is named in itself, so a reader finds theirs whatever the page's language.
export const languageNames: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  zh: '中文',
  ar: 'العربية',
};

function useLanguageHref(): (locale: Locale) => string {
  const location = useLocation();
  return (locale) => {
    const params = new URLSearchParams(location.search);
    params.set('lng', locale);
    return `${location.pathname}?${params.toString()}`;
  };
}

/**
 * Plain links (full document loads): the server sets the `lng` cookie and renders the whole page,
 * <html lang dir> included, in the chosen language.
 */
export function LanguageLinks({ current }: { current: Locale }) {
  const hrefFor = useLanguageHref();
  return (
    <ul className="language-list">
      {locales.map((locale) => (
        <li key={locale}>
          <a
            href={hrefFor(locale)}
            hrefLang={locale}
            lang={locale}
            dir={locale === 'ar' ? 'rtl' : 'ltr'}
            aria-current={locale === current ? 'true' : undefined}
          >
            {languageNames[locale]}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function LanguageSwitcher({ current }: { current: Locale }) {
  const { t } = useTranslation('common');
  return (
    <nav className="language-switcher" aria-label={t('language.label')}>
      <LanguageLinks current={current} />
    </nav>
  );
}
