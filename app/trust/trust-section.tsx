import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One h2 section of a trust page: its heading `<page>.<id>.heading` and one paragraph per key
 * (`<page>.<id>.<key>`), then whatever the page adds (links, a list).
 */
export function TrustSection({
  page,
  id,
  paragraphs,
  values,
  children,
}: {
  page: string;
  id: string;
  paragraphs: readonly string[];
  values?: Record<string, string>;
  children?: ReactNode;
}) {
  const { t } = useTranslation('trust');
  const headingId = `${page}-${id}`;
  return (
    <section className="trust-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`${page}.${id}.heading`)}</h2>
      {paragraphs.map((key) => (
        <p key={key}>{t(`${page}.${id}.${key}`, values)}</p>
      ))}
      {children}
    </section>
  );
}

/** The three pages, linked from each other at the foot of every trust page. */
export function TrustPageLinks({ current, paths }: { current: string; paths: Record<string, string> }) {
  const { t } = useTranslation('trust');
  return (
    <nav className="trust-links" aria-label={t('nav.label')}>
      <ul>
        {Object.entries(paths).map(([page, path]) => (
          <li key={page}>
            <a href={path} aria-current={page === current ? 'page' : undefined}>
              {t(`nav.${page}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
