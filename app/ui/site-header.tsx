import { Link, NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '~/platform/i18n.ts';
import { LanguageSwitcher } from './language-switcher.tsx';

const navItems = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/programmes', key: 'nav.programmes', end: false },
  { to: '/funding', key: 'nav.funding', end: false },
  { to: '/give', key: 'nav.give', end: false },
  { to: '/login', key: 'nav.signIn', end: false },
] as const;

export function SiteHeader({ locale }: { locale: Locale }) {
  const { t } = useTranslation('common');
  return (
    <header className="site-header">
      <div className="site-header__inner">
        {/* Named by its visible text (WCAG 2.5.3, axe label-content-name-mismatch): no aria-label. */}
        <Link to="/" className="site-brand">
          <span className="site-brand__name">{t('site.name')}</span> <span className="site-brand__tagline">{t('site.tagline')}</span>
        </Link>
        <LanguageSwitcher current={locale} />
      </div>
      <nav className="main-nav" aria-label={t('nav.label')}>
        <ul>
          {navItems.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} prefetch="intent">
                {t(item.key)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
