// The suggested amounts /give shows for a gift to one programme or to a project of it (issue #16
// item 2; decision 057): written by programme officers per currency, each with what it pays for
// in the reader's language, else in English, else without a text.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';

export interface GiftSuggestion {
  amountMinor: bigint;
  /** What the amount pays for; empty when the officers wrote none in the reader's language or English. */
  text: string;
  isPreselected: boolean;
}

/**
 * The programme's suggested amounts by currency, in the officers' order. `kind: 'project'` reads
 * those of the project's programme. Currencies without a list are absent (the form's defaults apply).
 */
export async function getGiftSuggestions({
  kind,
  key,
  locale,
  db = getPrisma(),
}: {
  kind: 'programme' | 'project';
  key: string;
  locale: Locale;
  db?: DbClient;
}): Promise<Map<string, GiftSuggestion[]>> {
  const programme = kind === 'programme' ? { slug: key } : { projects: { some: { code: key } } };
  const rows = await db.suggestedAmount.findMany({
    where: { programme },
    orderBy: [{ currency: 'asc' }, { position: 'asc' }],
    select: { currency: true, amountMinor: true, isPreselected: true, text: true },
  });
  const byCurrency = new Map<string, GiftSuggestion[]>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency) ?? [];
    list.push({ amountMinor: row.amountMinor, text: pickText(row.text, locale), isPreselected: row.isPreselected });
    byCurrency.set(row.currency, list);
  }
  return byCurrency;
}
