import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '~/platform/i18n.ts';
import { LanguageLinks } from './language-switcher.tsx';

export function SiteFooter({ locale }: { locale: Locale }) {
  const { t } = useTranslation('common');
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
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
