import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LastChangedView } from './figures-notes.server.ts';

/** "Figures last changed <date time> (UTC)." under a page's figures; nothing when never recorded. */
export function LastChanged({ lastChanged }: { lastChanged: LastChangedView | null }) {
  if (!lastChanged) return null;
  return (
    <p className="dashboard-note figures-last-changed">
      <time dateTime={lastChanged.iso}>{lastChanged.text}</time>
    </p>
  );
}

/** The notes every public figures page carries, in this order. */
const NOTES = ['budgetYear', 'iati', 'grossNet', 'pledgedUnpaid', 'basis'] as const;

/**
 * "How to read these figures": budget year against transaction date (and so why IATI's yearly
 * incoming funds differ from a page's funded figure), gross against net, pledged-unpaid, and
 * what the amounts are in; then the page's own notes and links, and when the figures last changed.
 */
export function HowToRead({
  lastChanged,
  extra = [],
  children,
}: {
  lastChanged: LastChangedView | null;
  /** Notes only this page needs, already translated */
  extra?: readonly string[];
  children?: ReactNode;
}) {
  const { t } = useTranslation('figures-notes');
  return (
    <section className="how-to-read" aria-labelledby="how-to-read-title">
      <h2 id="how-to-read-title">{t('heading')}</h2>
      <ul>
        {NOTES.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
        {extra.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      {children}
      <LastChanged lastChanged={lastChanged} />
    </section>
  );
}
