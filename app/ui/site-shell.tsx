import type { ReactNode } from 'react';
import type { Locale } from '~/platform/i18n.ts';
import { DemoBanner } from './demo-banner.tsx';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';
import { MAIN_ID, SkipLink } from './skip-link.tsx';

/** The page frame: skip link first, demo banner, header with navigation, main, footer. */
export function SiteShell({
  locale,
  demoMailUrl,
  children,
}: {
  locale: Locale;
  /** Set in demo mode only: the banner links to the local mail viewer. */
  demoMailUrl?: string;
  children: ReactNode;
}) {
  return (
    <>
      <SkipLink />
      {demoMailUrl ? <DemoBanner mailUrl={demoMailUrl} /> : null}
      <SiteHeader locale={locale} />
      {/* tabIndex -1: the skip link can move focus here without adding a tab stop. */}
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        {children}
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
