// Each programme's figures for the funding filters (years, programme, region): the /funding
// dashboard's programme table and GET /api/v1/programmes read the same rows, so a download holds
// exactly what the table shows. Definitions are the ledger's (funding-figure-queries.server.ts):
// with a region, only project-level money counts (a programme-level pledge or pool has no
// region), so pledged-unpaid leaves out programme-level promises and the pool is null.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { toSafeNumber } from '~/platform/money.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { figuresFromSums, summarySumsSql, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { projectInRegionSql } from '~/ledger/region-sql.server.ts';

export interface ProgrammeFigures extends FundingFigures {
  id: string;
  slug: string;
  code: string;
  title: LocalizedText;
  /** Received for the programme, not yet allocated to projects; null with a region filter */
  unallocatedUsdMinor: number | null;
}

export interface ProgrammeFiguresFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
}

async function listProgrammeFiguresUncached(args: ProgrammeFiguresFilter & { db?: DbClient }): Promise<ProgrammeFigures[]> {
  if (
    !Number.isInteger(args.fromYear) ||
    !Number.isInteger(args.toYear) ||
    args.fromYear > args.toYear ||
    args.toYear - args.fromYear > 200
  ) {
    throw new RangeError(`invalid year range ${args.fromYear}–${args.toYear}`);
  }
  const db = args.db ?? getPrisma();
  const inRegion = args.regionCode ? projectInRegionSql('p', args.regionCode) : Prisma.sql`TRUE`;
  const isNarrowed = Boolean(args.regionCode);
  const programme = args.programmeId ? Prisma.sql`pg.id = ${args.programmeId}::uuid` : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<
    {
      id: string;
      slug: string;
      code: string;
      title: unknown;
      requirement: bigint;
      regularBudget: bigint;
      generalPurpose: bigint;
      earmarked: bigint;
      pledgedUnpaid: bigint;
      above: bigint;
      pool: bigint;
    }[]
  >`
    SELECT pg.id::text AS id, pg.slug, pg.code, pg.title,
           COALESCE(s.requirement, 0)::bigint AS requirement, COALESCE(s."regularBudget", 0)::bigint AS "regularBudget",
           COALESCE(s."generalPurpose", 0)::bigint AS "generalPurpose", COALESCE(s.earmarked, 0)::bigint AS earmarked,
           COALESCE(s."pledgedUnpaid", 0)::bigint AS "pledgedUnpaid", COALESCE(o.v, 0)::bigint AS above, COALESCE(u.v, 0)::bigint AS pool
    FROM programmes pg
    LEFT JOIN (
      SELECT p."programmeId", ${summarySumsSql}
      FROM funding_summaries s JOIN projects p ON p.id = s."projectId"
      WHERE s.year BETWEEN ${args.fromYear} AND ${args.toYear} AND ${inRegion}
      GROUP BY p."programmeId"
    ) s ON s."programmeId" = pg.id
    LEFT JOIN (
      SELECT o."programmeId", SUM(o."openUsdMinor") AS v FROM open_instalments o
      WHERE ${isNarrowed ? Prisma.sql`FALSE` : Prisma.sql`TRUE`} AND o."earmarkType" = 'PROGRAMME'
        AND o.year BETWEEN ${args.fromYear} AND ${args.toYear}
      GROUP BY o."programmeId"
    ) o ON o."programmeId" = pg.id
    LEFT JOIN (
      SELECT u."programmeId", SUM(u."usdMinor") AS v FROM unallocated_balances u
      WHERE u.pool IN ('PROGRAMME', 'REGULAR_BUDGET')
      GROUP BY u."programmeId"
    ) u ON u."programmeId" = pg.id
    WHERE ${programme}
    ORDER BY pg."sortOrder", pg.code`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    code: row.code,
    // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
    title: row.title as LocalizedText,
    ...figuresFromSums({
      requirement: BigInt(row.requirement),
      regularBudget: BigInt(row.regularBudget),
      generalPurpose: BigInt(row.generalPurpose),
      earmarked: BigInt(row.earmarked),
      pledgedUnpaid: BigInt(row.pledgedUnpaid) + BigInt(row.above),
    }),
    unallocatedUsdMinor: isNarrowed ? null : toSafeNumber(BigInt(row.pool)),
  }));
}

/** Every programme (or the one asked for) with its figures for the filters. Cached outside transactions. */
export const listProgrammeFigures = cachedRead('listProgrammeFigures', listProgrammeFiguresUncached);
