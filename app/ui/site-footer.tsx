import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '~/platform/i18n.ts';
import { TRUST_PAGES, TRUST_PATHS } from '~/platform/trust-links.ts';
import { LanguageLinks } from './language-switcher.tsx';

export function SiteFooter({ locale }: { locale: Locale }) {
  const { t } = useTranslation('common');
  const { t: trust } = useTranslation('trust');
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav className="site-footer__trust" aria-label={trust('nav.label')}>
          <ul>
            {TRUST_PAGES.map((page) => (
              <li key={page}>
                <Link to={TRUST_PATHS[page]}>{trust(`nav.${page}`)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          {t('footer.openData')} <Link to="/funding">{t('footer.openDataLink')}</Link>
        </p>
        <p>{t('footer.mandate')}</p>
        <p id="footer-languages">{t('language.footerIntro')}</p>
        <div role="group" aria-labelledby="footer-languages">
          <LanguageLinks current={locale} />
        </div>
      </div>
    </footer>
  );
}
