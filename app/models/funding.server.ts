// The ledger queries: every public funding figure, in USD minor units, computed from the money
// facts with SQL aggregates (DOMAIN.md, money rule 4). The ledger check recomputes the same
// figures in TypeScript from raw rows (ledger-check.server.ts); both must agree to the minor unit.
//
// Definitions (one place, shared with the ledger check and the summaries job):
// - requirement: sum of project_requirements of the scope's projects for years in the range.
// - funded: sum of allocations (negative rows are reversals) to the scope's projects with
//   allocation.year in the range, split by source.
// - pledged-unpaid: for non-MONTHLY pledges earmarked to the scope (PROGRAMME pledges of the
//   programme, PROJECT pledges of its projects; with no scope, every pledge incl. general-purpose)
//   whose latest pledge event is not CANCELLED/WRITTEN_OFF: per instalment due in the year range,
//   max(0, instalment − net payments that settled it), converted with the pledge's pinned rate
//   (half away from zero, as toUsdMinor), then summed.
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
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import type { LocalizedText } from '~/utils/i18n.ts';
import { currencyExponents, toSafeNumber } from '~/utils/money.ts';
import { cachedRead } from '~/services/public-data-cache.server.ts';

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

/** Which projects a figure covers: one project, one programme's projects, or all (undefined). */
export type FundingScope = { projectId: string } | { programmeId: string } | { programmeLevelOnly: true } | undefined;

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

function projectScopeSql(scope: FundingScope, alias: string): Prisma.Sql {
  const projects = Prisma.raw(alias);
  if (!scope) return Prisma.sql`TRUE`;
  if ('programmeLevelOnly' in scope) return Prisma.sql`FALSE`;
  if ('projectId' in scope) return Prisma.sql`${projects}.id = ${scope.projectId}::uuid`;
  return Prisma.sql`${projects}."programmeId" = ${scope.programmeId}::uuid`;
}

function pledgeScopeSql(scope: FundingScope): Prisma.Sql {
  if (!scope) return Prisma.sql`TRUE`;
  if ('programmeLevelOnly' in scope) return Prisma.sql`pl."earmarkType" = 'PROGRAMME'`;
  if ('projectId' in scope) return Prisma.sql`(pl."earmarkType" = 'PROJECT' AND pl."projectId" = ${scope.projectId}::uuid)`;
  return Prisma.sql`((pl."earmarkType" = 'PROGRAMME' AND pl."programmeId" = ${scope.programmeId}::uuid)
    OR (pl."earmarkType" = 'PROJECT' AND pr."programmeId" = ${scope.programmeId}::uuid))`;
}

type Row = { pid: string | null; v: bigint };

async function requirementRows(db: DbClient, scope: FundingScope, from: number, to: number): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT pr."programmeId"::text AS pid, SUM(r."usdMinor")::bigint AS v
    FROM project_requirements r JOIN projects pr ON pr.id = r."projectId"
    WHERE r.year BETWEEN ${from} AND ${to} AND ${projectScopeSql(scope, 'pr')}
    GROUP BY pr."programmeId"`;
}

async function allocationRows(db: DbClient, scope: FundingScope, from: number, to: number) {
  return db.$queryRaw<(Row & { source: string })[]>`
    SELECT pr."programmeId"::text AS pid, a.source::text AS source, SUM(a."usdMinor")::bigint AS v
    FROM allocations a JOIN projects pr ON pr.id = a."projectId"
    WHERE a.year BETWEEN ${from} AND ${to} AND ${projectScopeSql(scope, 'pr')}
    GROUP BY pr."programmeId", a.source`;
}

/**
 * SQL for open instalments (one row each) of live, non-monthly pledges in the scope and years.
 * For one programme or project it looks up each instalment's payments and latest pledge event by
 * index; for everything (summary rebuilds, portfolio totals) it aggregates whole tables with hash
 * joins instead, which is ~10× faster at a million rows than a lookup per instalment.
 */
export function openInstalmentsSql(scope: FundingScope, from: number, to: number): Prisma.Sql {
  const latestEvent = scope
    ? Prisma.sql`LEFT JOIN LATERAL (
        SELECT e.kind FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1
      ) latest ON TRUE`
    : Prisma.sql`LEFT JOIN (
        SELECT DISTINCT ON (e."pledgeId") e."pledgeId", e.kind FROM pledge_events e ORDER BY e."pledgeId", e."createdAt" DESC, e.id DESC
      ) latest ON latest."pledgeId" = pl.id`;
  const paid = scope
    ? Prisma.sql`LEFT JOIN LATERAL (
        SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0)) AS net
        FROM payments p WHERE p."instalmentId" = i.id
      ) paid ON TRUE`
    : Prisma.sql`LEFT JOIN (
        SELECT p."instalmentId", SUM(p."amountMinor" - COALESCE(rv.amount, 0)) AS net
        FROM payments p
        LEFT JOIN (SELECT r."paymentId", SUM(r."amountMinor") AS amount FROM reversals r GROUP BY r."paymentId") rv ON rv."paymentId" = p.id
        WHERE p."instalmentId" IS NOT NULL
        GROUP BY p."instalmentId"
      ) paid ON paid."instalmentId" = i.id`;
  return Prisma.sql`
    SELECT CASE pl."earmarkType" WHEN 'PROGRAMME' THEN pl."programmeId" WHEN 'PROJECT' THEN pr."programmeId" END AS pid,
           pl."projectId" AS project_id, pl."earmarkType"::text AS earmark, EXTRACT(YEAR FROM i."dueOn")::int AS year,
           round(GREATEST(i."amountMinor" - COALESCE(paid.net, 0), 0) * pl."usdRate"
                 * power(10::numeric, 2 - ${exponentSql(Prisma.sql`pl.currency`)}))::bigint AS usd
    FROM pledges pl
    LEFT JOIN projects pr ON pr.id = pl."projectId"
    ${latestEvent}
    JOIN pledge_instalments i ON i."pledgeId" = pl.id
    ${paid}
    WHERE pl.frequency <> 'MONTHLY'
      AND (latest.kind IS NULL OR latest.kind = 'REINSTATED')
      AND i."dueOn" >= make_date(${from}::int, 1, 1) AND i."dueOn" < make_date(${to + 1}::int, 1, 1)
      AND ${pledgeScopeSql(scope)}`;
}

async function pledgedUnpaidRows(db: DbClient, scope: FundingScope, from: number, to: number): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT o.pid::text AS pid, SUM(o.usd)::bigint AS v
    FROM (${openInstalmentsSql(scope, from, to)}) o
    GROUP BY o.pid`;
}

type PoolRow = { kind: string; pid: string | null; projid: string | null; v: bigint };

/** Unallocated balances by origin: payments by earmark (net of reversals) and regular budget. */
async function unallocatedRows(db: DbClient, where: Prisma.Sql): Promise<PoolRow[]> {
  return db.$queryRaw<PoolRow[]>`
    SELECT x.kind, x.pid::text AS pid, x.projid::text AS projid, SUM(x.v)::bigint AS v FROM (
      SELECT p."earmarkType"::text AS kind, p."programmeId" AS pid, p."projectId" AS projid, p."usdMinor" AS v FROM payments p
      UNION ALL
      SELECT p."earmarkType"::text, p."programmeId", p."projectId", -r."usdMinor"
      FROM reversals r JOIN payments p ON p.id = r."paymentId"
      UNION ALL
      SELECT p."earmarkType"::text, p."programmeId", p."projectId", -a."usdMinor"
      FROM allocations a JOIN payments p ON p.id = a."paymentId"
      UNION ALL
      SELECT 'REGULAR_BUDGET', e."programmeId", NULL::uuid, e."usdMinor" FROM regular_budget_entries e
      UNION ALL
      SELECT 'REGULAR_BUDGET', e."programmeId", NULL::uuid, -a."usdMinor"
      FROM allocations a JOIN regular_budget_entries e ON e.id = a."regularBudgetEntryId"
    ) x
    WHERE ${where}
    GROUP BY x.kind, x.pid, x.projid`;
}

function unallocatedWhere(scope: FundingScope): Prisma.Sql {
  if (!scope) return Prisma.sql`TRUE`;
  if ('programmeLevelOnly' in scope) return Prisma.sql`x.kind IN ('PROGRAMME', 'REGULAR_BUDGET')`;
  if ('projectId' in scope) return Prisma.sql`x.kind = 'PROJECT' AND x.projid = ${scope.projectId}::uuid`;
  return Prisma.sql`x.kind IN ('PROGRAMME', 'REGULAR_BUDGET') AND x.pid = ${scope.programmeId}::uuid`;
}

const sum = (rows: { v: bigint }[]) => rows.reduce((total, row) => total + BigInt(row.v), 0n);

async function sumsByProgramme(db: DbClient, scope: FundingScope, from: number, to: number): Promise<Map<string | null, RawSums>> {
  const [requirements, allocations, unpaid] = [
    await requirementRows(db, scope, from, to),
    await allocationRows(db, scope, from, to),
    await pledgedUnpaidRows(db, scope, from, to),
  ];
  const byProgramme = new Map<string | null, RawSums>();
  const entry = (pid: string | null) => {
    let sums = byProgramme.get(pid);
    if (!sums) byProgramme.set(pid, (sums = emptySums()));
    return sums;
  };
  for (const row of requirements) entry(row.pid).requirement += BigInt(row.v);
  for (const row of unpaid) entry(row.pid).pledgedUnpaid += BigInt(row.v);
  for (const row of allocations) {
    const sums = entry(row.pid);
    if (row.source === 'REGULAR_BUDGET') sums.regularBudget += BigInt(row.v);
    else if (row.source === 'GENERAL_PURPOSE') sums.generalPurpose += BigInt(row.v);
    else sums.earmarked += BigInt(row.v);
  }
  return byProgramme;
}

function assertYearRange(fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || fromYear < 1900 || toYear > 9999) {
    throw new RangeError(`invalid year range ${fromYear}–${toYear}`);
  }
}

/**
 * Unallocated programme pools (programme-earmarked payments and regular budget, less their
 * allocations and reversals), by programme. Written to use the earmark and foreign-key indexes:
 * programme-level money is a small share of a large ledger.
 */
async function programmePools(db: DbClient): Promise<Map<string, bigint>> {
  const rows = await db.$queryRaw<{ pid: string; v: bigint }[]>`
    SELECT x.pid::text AS pid, SUM(x.v)::bigint AS v FROM (
      SELECT p."programmeId" AS pid, p."usdMinor" - COALESCE((SELECT SUM(r."usdMinor") FROM reversals r WHERE r."paymentId" = p.id), 0)
             - COALESCE((SELECT SUM(a."usdMinor") FROM allocations a WHERE a."paymentId" = p.id), 0) AS v
      FROM payments p WHERE p."earmarkType" = 'PROGRAMME'
      UNION ALL
      SELECT e."programmeId", e."usdMinor" - COALESCE((SELECT SUM(a."usdMinor") FROM allocations a WHERE a."regularBudgetEntryId" = e.id), 0)
      FROM regular_budget_entries e
    ) x GROUP BY x.pid`;
  return new Map(rows.map((row) => [row.pid, BigInt(row.v)]));
}

/**
 * Every programme's figures for one year, in programme order (home page, programme list).
 * Project-year figures come from funding_summaries (kept in step with the facts in the writers'
 * transactions, docs/decisions/005); programme-level pledges and pools from the facts. The
 * ledger check recomputes all of it from the facts alone.
 */
async function listProgrammeFundingUncached(args: { year: number; db?: DbClient }): Promise<ProgrammeFunding[]> {
  assertYearRange(args.year, args.year);
  const db = args.db ?? getPrisma();
  const programmes = await db.programme.findMany({
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
    select: { id: true, slug: true, code: true, title: true, sortOrder: true },
  });
  const projectSums = await db.$queryRaw<(RawSums & { pid: string })[]>`
    SELECT p."programmeId"::text AS pid,
           SUM(s."requirementUsdMinor")::bigint AS requirement, SUM(s."regularBudgetUsdMinor")::bigint AS "regularBudget",
           SUM(s."generalPurposeUsdMinor")::bigint AS "generalPurpose", SUM(s."earmarkedUsdMinor")::bigint AS earmarked,
           SUM(s."pledgedUnpaidUsdMinor")::bigint AS "pledgedUnpaid"
    FROM funding_summaries s JOIN projects p ON p.id = s."projectId"
    WHERE s.year = ${args.year}
    GROUP BY p."programmeId"`;
  const programmeLevel = await pledgedUnpaidRows(db, { programmeLevelOnly: true }, args.year, args.year);
  const pools = await programmePools(db);
  const sums = new Map<string, RawSums>();
  for (const row of projectSums) {
    sums.set(row.pid, {
      requirement: BigInt(row.requirement),
      regularBudget: BigInt(row.regularBudget),
      generalPurpose: BigInt(row.generalPurpose),
      earmarked: BigInt(row.earmarked),
      pledgedUnpaid: BigInt(row.pledgedUnpaid),
    });
  }
  for (const row of programmeLevel) {
    if (!row.pid) continue;
    const entry = sums.get(row.pid) ?? emptySums();
    entry.pledgedUnpaid += BigInt(row.v);
    sums.set(row.pid, entry);
  }
  return programmes.map((programme) => ({
    id: programme.id,
    slug: programme.slug,
    code: programme.code,
    // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
    title: programme.title as LocalizedText,
    sortOrder: programme.sortOrder,
    ...figuresFromSums(sums.get(programme.id) ?? emptySums()),
    unallocatedUsdMinor: toSafeNumber(pools.get(programme.id) ?? 0n),
  }));
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
  const byProgramme = await sumsByProgramme(db, scope, args.fromYear, args.toYear);
  const total = emptySums();
  for (const sums of byProgramme.values()) {
    for (const key of Object.keys(total) as (keyof RawSums)[]) total[key] += sums[key];
  }
  const pools = await unallocatedRows(db, unallocatedWhere(scope));
  return { ...figuresFromSums(total), unallocatedUsdMinor: toSafeNumber(sum(pools)) };
}

/** Received general-purpose money not yet allocated to a project (net of reversals). */
async function getGeneralPurposePoolUncached(args: { db?: DbClient }): Promise<number> {
  const db = args.db ?? getPrisma();
  return toSafeNumber(sum(await unallocatedRows(db, Prisma.sql`x.kind = 'GENERAL_PURPOSE'`)));
}

/** Cached outside transactions; see public-data-cache.server.ts. */
export const listProgrammeFunding = cachedRead('listProgrammeFunding', listProgrammeFundingUncached);

/** Cached outside transactions; see public-data-cache.server.ts. */
export const getFundingFigures = cachedRead('getFundingFigures', getFundingFiguresUncached);

/** Cached outside transactions; see public-data-cache.server.ts. */
export const getGeneralPurposePool = cachedRead('getGeneralPurposePool', getGeneralPurposePoolUncached);
