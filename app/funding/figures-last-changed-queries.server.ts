// When the figures a public page shows last changed: the latest rewrite of a funding summary of
// the page's projects and years (every money writer rewrites the summaries of what it touched,
// in its own transaction; decision 009), and for the whole portfolio also the latest gift
// received (the contributions table counts gifts no project summary holds). One statement on
// funding_summaries' primary key or year index.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { projectInRegionSql } from '~/ledger/region-sql.server.ts';

export interface FiguresScope {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  regionCode?: string;
  countryCode?: string;
  /** Count gifts received too (pages with a contributions table over the whole portfolio) */
  withGifts?: boolean;
}

async function getPageFiguresLastChangedAtUncached(args: FiguresScope & { db?: DbClient }): Promise<string | null> {
  const db = args.db ?? getPrisma();
  const conditions: Prisma.Sql[] = [];
  if (args.programmeId) conditions.push(Prisma.sql`p."programmeId" = ${args.programmeId}::uuid`);
  if (args.projectId) conditions.push(Prisma.sql`p.id = ${args.projectId}::uuid`);
  if (args.regionCode) conditions.push(projectInRegionSql('p', args.regionCode));
  if (args.countryCode) conditions.push(Prisma.sql`p."countryCode" = ${args.countryCode}`);
  const projects =
    conditions.length > 0
      ? Prisma.sql`AND s."projectId" IN (SELECT p.id FROM projects p WHERE ${Prisma.join(conditions, ' AND ')})`
      : Prisma.empty;
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT GREATEST(
      (SELECT MAX(s."refreshedAt") FROM funding_summaries s WHERE s.year BETWEEN ${args.fromYear} AND ${args.toYear} ${projects}),
      CASE WHEN ${args.withGifts === true} THEN (SELECT MAX("lastGiftAt") FROM donor_gift_summaries) END
    ) AS at`;
  return row?.at ? row.at.toISOString() : null;
}

/** ISO time (UTC) the scope's figures last changed, or null when none were ever recorded. Cached outside transactions. */
export const getPageFiguresLastChangedAt = cachedRead('getPageFiguresLastChangedAt', getPageFiguresLastChangedAtUncached);
