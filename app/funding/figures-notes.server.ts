// "Figures last changed <date time>" in the reader's language, for the shared FiguresNotes block.
import { formatDate } from '~/platform/format.ts';
import type { Locale } from '~/platform/i18n.ts';
import { getPageT } from './page-labels.server.ts';

export interface LastChangedView {
  /** ISO timestamp (UTC), for <time dateTime> */
  iso: string;
  text: string;
}

/** The sentence a page shows under its figures; null when nothing was ever recorded. */
export function formatLastChanged(iso: string | null, locale: Locale): LastChangedView | null {
  if (!iso) return null;
  const t = getPageT(locale, 'figures-notes');
  const date = formatDate(iso, locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return { iso, text: t('lastChanged', { date }) };
}
