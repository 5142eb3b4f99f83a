// The public funding figures, in USD minor units (DOMAIN.md, money rule 4), read from the
// summary tables that the money writers keep in step with the facts in their own transactions
// (funding-summary.server.ts, docs/decisions/009). The ledger check recomputes the same figures
// in TypeScript from the raw facts (ledger-check.server.ts); both must agree to the minor unit.
//
// Definitions (one place, shared with the ledger check and the summaries):
// - requirement: sum of project_requirements of the scope's projects for years in the range.
// - funded: sum of allocations (negative rows are reversals) to the scope's projects with
//   allocation.year in the range, split by source.
// - promise: a pledge the donor still owes money on: INSTALMENTS pledges (any method) and ONCE
//   pledges not paid by card. A MONTHLY gift promises nothing ahead, and a one-off card gift is
//   no promise either: its pledge row is written before the Stripe Checkout session, so an
//   abandoned checkout must not show as money owed. Those count only through their payments.
// - pledged-unpaid: for promises earmarked to the scope (PROGRAMME pledges of the programme,
//   PROJECT pledges of its projects; with no scope, every pledge incl. general-purpose) whose
//   latest pledge event is not CANCELLED/WRITTEN_OFF: per instalment due in the year range,
//   max(0, instalment − net payments that settled it), converted with the pledge's pinned rate
//   (half away from zero, as toUsdMinor), then summed.
// - funding summaries hold the project-year part; open_instalments what each promise still owes;
//   unallocated_balances the pools, per payment or regular-budget entry.
// - gap: max(0, requirement total − funded total) at the level asked for (programme or project),
//   not a sum of per-project gaps: over-funding of one project offsets another's shortfall within
//   a programme, which is how a programme's portfolio is reported. The ledger check uses the same.
// - coverage: floor(funded × 10000 ÷ requirement) basis points (0 when there is no requirement);
//   it can exceed 10000 when funded exceeds the requirement.
// - unallocated (not limited to the year range: a pool is a balance, not a flow):
//   general-purpose pool = net GENERAL_PURPOSE payments − their allocations;
//   programme pool = net PROGRAMME payments of the programme + its regular-budget entries − the
//   allocations of both; project = net PROJECT payments of the project − their allocations;
//   whole portfolio = all of these together. "Net" means usdMinor minus reversals' usdMinor.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { currencyExponents, toSafeNumber } from '~/platform/money.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { projectInRegionSql } from './region-sql.server.ts';

export interface FundingFigures {
  requirementUsdMinor: number;
  fundedUsdMinor: number;
  fundedBySource: { regularBudget: number; generalPurpose: number; earmarked: number };
  pledgedUnpaidUsdMinor: number;
  gapUsdMinor: number;
  coverageBasisPoints: number;
}

export interface ProgrammeFunding extends FundingFigures {
  id: string;
  slug: string;
  code: string;
  title: LocalizedText;
  sortOrder: number;
  unallocatedUsdMinor: number;
}

interface RawSums {
  requirement: bigint;
  regularBudget: bigint;
  generalPurpose: bigint;
  earmarked: bigint;
  pledgedUnpaid: bigint;
}

const emptySums = (): RawSums => ({ requirement: 0n, regularBudget: 0n, generalPurpose: 0n, earmarked: 0n, pledgedUnpaid: 0n });

/** Builds the figures from raw sums; the ledger check calls it too so both share one formula. */
export function figuresFromSums(sums: RawSums): FundingFigures {
  const funded = sums.regularBudget + sums.generalPurpose + sums.earmarked;
  const gap = sums.requirement > funded ? sums.requirement - funded : 0n;
  const coverage = sums.requirement > 0n && funded > 0n ? (funded * 10000n) / sums.requirement : 0n;
  return {
    requirementUsdMinor: toSafeNumber(sums.requirement),
    fundedUsdMinor: toSafeNumber(funded),
    fundedBySource: {
      regularBudget: toSafeNumber(sums.regularBudget),
      generalPurpose: toSafeNumber(sums.generalPurpose),
      earmarked: toSafeNumber(sums.earmarked),
    },
    pledgedUnpaidUsdMinor: toSafeNumber(sums.pledgedUnpaid),
    gapUsdMinor: toSafeNumber(gap),
    coverageBasisPoints: toSafeNumber(coverage),
  };
}

/** SQL expression: the ISO 4217 exponent of a currency column (constants from money.ts only). */
export function exponentSql(column: Prisma.Sql): Prisma.Sql {
  const cases = Object.entries(currencyExponents)
    .filter(([, exponent]) => exponent !== 2)
    .map(([code, exponent]) => `WHEN '${code}' THEN ${exponent}`)
    .join(' ');
  return Prisma.sql`(CASE ${column} ${Prisma.raw(cases)} ELSE 2 END)`;
}

/** The nil UUID: the `scopeId` of general-purpose rows in donor_contribution_summaries. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** SQL: true when pledge `alias` is a promise (INSTALMENTS, or ONCE not by card; see above). */
export function isPromiseSql(alias: string): Prisma.Sql {
  const pledge = Prisma.raw(alias);
  return Prisma.sql`(${pledge}.frequency = 'INSTALMENTS' OR (${pledge}.frequency = 'ONCE' AND ${pledge}.method <> 'CARD'))`;
}

/** SQL: `amount` (minor units of pledge `alias`'s currency) in USD minor units at its pinned rate. */
export function usdAtPinnedRateSql(amount: Prisma.Sql, alias: string): Prisma.Sql {
  const pledge = Prisma.raw(alias);
  return Prisma.sql`round(${amount} * ${pledge}."usdRate" * power(10::numeric, 2 - ${exponentSql(Prisma.sql`${pledge}.currency`)}))::bigint`;
}

/** Which projects a figure covers: one project, one programme's projects, or all (undefined). */
export type FundingScope = { projectId: string } | { programmeId: string } | undefined;

function projectScopeSql(scope: FundingScope): Prisma.Sql {
  if (!scope) return Prisma.sql`TRUE`;
  if ('projectId' in scope) return Prisma.sql`s."projectId" = ${scope.projectId}::uuid`;
  return Prisma.sql`s."projectId" IN (SELECT p.id FROM projects p WHERE p."programmeId" = ${scope.programmeId}::uuid)`;
}

/** SQL: the sums of funding_summaries rows `s` as the columns of RawSums (pledgedUnpaid: the projects' own promises). */
const summarySumsSql = Prisma.sql`
  COALESCE(SUM(s."requirementUsdMinor"), 0)::bigint AS requirement, COALESCE(SUM(s."regularBudgetUsdMinor"), 0)::bigint AS "regularBudget",
  COALESCE(SUM(s."generalPurposeUsdMinor"), 0)::bigint AS "generalPurpose", COALESCE(SUM(s."earmarkedUsdMinor"), 0)::bigint AS earmarked,
  COALESCE(SUM(s."pledgedUnpaidUsdMinor"), 0)::bigint AS "pledgedUnpaid"`;

/**
 * SQL: open_instalments rows `o` of promises that sit on no project: PROGRAMME promises (of one
 * programme, or of all) and, for the whole portfolio, GENERAL_PURPOSE promises.
 */
export function aboveProjectsSql(programmeId: string | undefined): Prisma.Sql {
  return programmeId
    ? Prisma.sql`o."earmarkType" = 'PROGRAMME' AND o."programmeId" = ${programmeId}::uuid`
    : Prisma.sql`o."earmarkType" IN ('PROGRAMME', 'GENERAL_PURPOSE')`;
}

function poolWhere(scope: FundingScope): Prisma.Sql {
  if (!scope) return Prisma.sql`TRUE`;
  if ('projectId' in scope) return Prisma.sql`u.pool = 'PROJECT' AND u."projectId" = ${scope.projectId}::uuid`;
  return Prisma.sql`u.pool IN ('PROGRAMME', 'REGULAR_BUDGET') AND u."programmeId" = ${scope.programmeId}::uuid`;
}

function sumsFromRow(row: RawSums): RawSums {
  return {
    requirement: BigInt(row.requirement),
    regularBudget: BigInt(row.regularBudget),
    generalPurpose: BigInt(row.generalPurpose),
    earmarked: BigInt(row.earmarked),
    pledgedUnpaid: BigInt(row.pledgedUnpaid),
  };
}

function assertYearRange(fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 1900 || toYear > 9999) {
    throw new RangeError(`invalid year range ${fromYear}–${toYear}`);
  }
}

/**
 * Every programme's figures (or the one asked for) over a year range, in programme order:
 * project-year figures, programme-level promises and pools, all from the summaries. With a region
 * (or a country, or one project) only its projects' figures count, and programme-level promises none (they have no region);
 * `unallocatedUsdMinor` is always the programme's whole pool, for the caller to show or not.
 */
export async function listProgrammeFiguresInRange(args: {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
  countryCode?: string;
  projectId?: string;
  db?: DbClient;
}): Promise<ProgrammeFunding[]> {
  assertYearRange(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  // A region, a country or a project narrows the figures to projects: programme-level money has none of them.
  const narrowed = Boolean(args.regionCode || args.countryCode || args.projectId);
  const inRegion = Prisma.join(
    [
      Prisma.sql`TRUE`,
      ...(args.regionCode ? [projectInRegionSql('p', args.regionCode)] : []),
      ...(args.countryCode ? [Prisma.sql`p."countryCode" = ${args.countryCode}`] : []),
      ...(args.projectId ? [Prisma.sql`p.id = ${args.projectId}::uuid`] : []),
    ],
    ' AND ',
  );
  const programme = args.programmeId ? Prisma.sql`pg.id = ${args.programmeId}::uuid` : Prisma.sql`TRUE`;
  // One statement: a page's data is a few round trips, not one per figure.
  const rows = await db.$queryRaw<
    (RawSums & { id: string; slug: string; code: string; title: unknown; sortOrder: number; above: bigint; pool: bigint })[]
  >`
    SELECT pg.id::text AS id, pg.slug, pg.code, pg.title, pg."sortOrder",
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
      WHERE ${narrowed ? Prisma.sql`FALSE` : Prisma.sql`TRUE`} AND o."earmarkType" = 'PROGRAMME'
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
  return rows.map((row) => {
    const sums = sumsFromRow(row);
    sums.pledgedUnpaid += BigInt(row.above);
    return {
      id: row.id,
      slug: row.slug,
      code: row.code,
      // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
      title: row.title as LocalizedText,
      sortOrder: row.sortOrder,
      ...figuresFromSums(sums),
      unallocatedUsdMinor: toSafeNumber(BigInt(row.pool)),
    };
  });
}

/** Every programme's figures for one year, in programme order (home page, programme list). */
function listProgrammeFundingUncached(args: { year: number; db?: DbClient }): Promise<ProgrammeFunding[]> {
  return listProgrammeFiguresInRange({ fromYear: args.year, toYear: args.year, db: args.db });
}

/**
 * Figures for one project, one programme, or the whole portfolio (neither id) over a year range.
 * `unallocatedUsdMinor` is the matching pool balance (see the definitions at the top).
 */
async function getFundingFiguresUncached(args: {
  programmeId?: string;
  projectId?: string;
  fromYear: number;
  toYear: number;
  db?: DbClient;
}): Promise<FundingFigures & { unallocatedUsdMinor: number }> {
  assertYearRange(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const scope: FundingScope = args.projectId
    ? { projectId: args.projectId }
    : args.programmeId
      ? { programmeId: args.programmeId }
      : undefined;
  // A project's own promises are all in its summaries; a programme's or the portfolio's are not.
  const above = args.projectId ? Prisma.sql`FALSE` : aboveProjectsSql(args.programmeId);
  const [row] = await db.$queryRaw<(RawSums & { above: bigint; pool: bigint })[]>`
    SELECT s.*, o.above, u.pool FROM
      (SELECT ${summarySumsSql} FROM funding_summaries s WHERE s.year BETWEEN ${args.fromYear} AND ${args.toYear} AND ${projectScopeSql(scope)}) s,
      (SELECT COALESCE(SUM(o."openUsdMinor"), 0)::bigint AS above FROM open_instalments o
        WHERE ${above} AND o.year BETWEEN ${args.fromYear} AND ${args.toYear}) o,
      (SELECT COALESCE(SUM(u."usdMinor"), 0)::bigint AS pool FROM unallocated_balances u WHERE ${poolWhere(scope)}) u`;
  const sums = row ? sumsFromRow(row) : emptySums();
  sums.pledgedUnpaid += BigInt(row?.above ?? 0n);
  return { ...figuresFromSums(sums), unallocatedUsdMinor: toSafeNumber(BigInt(row?.pool ?? 0n)) };
}

/** Received general-purpose money not yet allocated to a project (net of reversals). */
async function getGeneralPurposePoolUncached(args: { db?: DbClient }): Promise<number> {
  const [row] = await (args.db ?? getPrisma()).$queryRaw<{ v: bigint }[]>`
    SELECT COALESCE(SUM(u."usdMinor"), 0)::bigint AS v FROM unallocated_balances u WHERE u.pool = 'GENERAL_PURPOSE'`;
  return toSafeNumber(BigInt(row?.v ?? 0n));
}

/** Cached outside transactions; see public-data-cache.server.ts. */
export const listProgrammeFunding = cachedRead('listProgrammeFunding', listProgrammeFundingUncached);

/** Cached outside transactions; see public-data-cache.server.ts. */
export const getFundingFigures = cachedRead('getFundingFigures', getFundingFiguresUncached);

/** Cached outside transactions; see public-data-cache.server.ts. */
export const getGeneralPurposePool = cachedRead('getGeneralPurposePool', getGeneralPurposePoolUncached);
