// The suggested amounts of one programme as stored (all six languages), for the staff form.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { Locale } from '~/platform/i18n.ts';

/** One currency's list of a programme, in order, with its texts as stored ({ en, fr, … }). */
export async function listSuggestedAmountsForEditing({
  programmeId,
  currency,
  db = getPrisma(),
}: {
  programmeId: string;
  currency: string;
  db?: DbClient;
}) {
  const rows = await db.suggestedAmount.findMany({
    where: { programmeId, currency },
    orderBy: { position: 'asc' },
    select: { amountMinor: true, isPreselected: true, text: true },
  });
  // Texts are written by the seed and the staff form as { en, fr, … }: a parse boundary.
  return rows.map((row) => ({ ...row, text: (row.text ?? {}) as Partial<Record<Locale, string>> }));
}

/** How many amounts each currency of a programme has (the staff page's currency menu). */
export async function countSuggestedAmounts({ programmeId, db = getPrisma() }: { programmeId: string; db?: DbClient }) {
  const groups = await db.suggestedAmount.groupBy({ by: ['currency'], where: { programmeId }, _count: { _all: true } });
  return new Map(groups.map((group) => [group.currency, group._count._all]));
}

/** The programme a suggested amounts page is for, or null. */
export async function getProgrammeForAmounts({ slug, db = getPrisma() }: { slug: string; db?: DbClient }) {
  return db.programme.findUnique({ where: { slug }, select: { id: true, slug: true, code: true, title: true } });
}
