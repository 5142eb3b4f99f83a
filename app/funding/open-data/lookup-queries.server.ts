// Identifier lookups for the open data API's filters: an unknown programme slug or project code
// is a 404 there (a typo must not silently return an empty, "fully funded" list).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** The programme's id for a URL slug, or null when no programme has it. */
export async function findProgrammeIdBySlug(args: { slug: string; db?: DbClient }): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const programme = await db.programme.findUnique({ where: { slug: args.slug }, select: { id: true } });
  return programme?.id ?? null;
}

/** The project's id for its code (e.g. GLOT59), or null when no project has it. */
export async function findProjectIdByCode(args: { code: string; db?: DbClient }): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const project = await db.project.findUnique({ where: { code: args.code }, select: { id: true } });
  return project?.id ?? null;
}

/**
 * When the funding figures of these years last changed (ISO, UTC), for the downloads' About sheet:
 * the latest rewrite of a project-year's funding summary (every writer rewrites the summaries of
 * what it touched; the nightly check repairs only rows that differ) and, with `withGifts`, the
 * latest gift received (contributions count gifts that no project summary holds). Both read an
 * index. Null when nothing was ever recorded for those years.
 */
export async function getFiguresLastChangedAt(args: {
  fromYear: number;
  toYear: number;
  withGifts?: boolean;
  db?: DbClient;
}): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT GREATEST(
      (SELECT MAX("refreshedAt") FROM funding_summaries WHERE year BETWEEN ${args.fromYear} AND ${args.toYear}),
      CASE WHEN ${args.withGifts === true} THEN (SELECT MAX("lastGiftAt") FROM donor_gift_summaries) END
    ) AS at`;
  return row?.at ? row.at.toISOString() : null;
}
