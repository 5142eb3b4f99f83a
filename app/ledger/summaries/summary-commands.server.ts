// The summary tables behind the public figures (docs/decisions/009): derived data, refreshed
// from the money facts inside the writers' own transactions for exactly what they touched, and
// rebuilt wholesale by the nightly job. verifyFundingSummaries and the ledger check compare
// every table with the facts.
//
//   open_instalments            per instalment: what a live promise still owes
//   funding_summaries           per project-year: requirement, funded by source, project pledged-unpaid
//   unallocated_balances        per payment or regular-budget entry: what is not yet allocated
//   donor_allocation_summaries  per project-year-donor: allocated money (a project's top donors)
//   programme_donor_allocations the same per programme-year and donor as shown (a programme's)
//   project_donor_groups        the same per project-year, people and anonymous gifts grouped (a place's; decision 059)
//   country_donor_years         the same per country-year (a country's donors; decision 062)
//   country_donor_bounds        per country and donor: the most any year range can sum (decision 062)
//   donor_contribution_summaries per donor-year-earmark: pledged, paid, general-purpose (contributions)
//   contribution_year_totals    per year-donor type-anonymity: sums of the previous table
//   donor_year_contributions    per year-donor as shown: paid (a donor's rank in a year; decision 059)
//   donor_contribution_totals   per donor as shown (or anonymous pool): all-time sums, years given
//   donor_year_counts           per donor type, year and previous year given: donors (the count)
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import {
  contributionYearTotalRowsSql,
  countryDonorBoundRowsSql,
  countryDonorYearRowsSql,
  donorAllocationRowsSql,
  donorAllocationScopeSql,
  donorContributionRowsSql,
  donorContributionTotalRowsSql,
  donorYearContributionRowsSql,
  donorYearCountRowsSql,
  fundingSummaryRowsSql,
  inScope,
  openInstalmentRowsSql,
  programmeDonorAllocationRowsSql,
  projectDonorGroupRowsSql,
  unallocatedRowsSql,
  unallocatedScopeSql,
  type RowScope,
  type SomeScope,
} from './summary-rows.server.ts';
import { verifySummaryTables } from './summary-verify-queries.server.ts';

// Serialises refreshes (writers' scoped ones and full rebuilds): each reads what the others wrote.
export const REFRESH_LOCK_KEY = 727_100_001;

/** What a writer touched. Every id whose facts changed; see docs/decisions/009 for the contract. */
export interface SummaryTouch {
  /** Projects whose requirements or allocations changed, or that a touched pledge is earmarked to */
  projectIds?: string[];
  /** Pledges whose instalments, events or settling payments (and their reversals) changed */
  pledgeIds?: string[];
  /** Donors whose payments, reversals, allocations of their payments or pledges changed, or whose type or anonymity changed */
  donorIds?: string[];
  /** Programmes whose regular-budget entries (or their allocations) changed */
  programmeIds?: string[];
}

function hasTransaction(db: DbClient): db is Extract<DbClient, { $transaction: unknown }> {
  return '$transaction' in db;
}

const unique = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];

/** Widens a writer's ids by what follows from them: a pledge's donor and project. */
async function resolveScope(tx: DbClient, touch: SummaryTouch): Promise<SomeScope> {
  const pledgeIds = unique(touch.pledgeIds ?? []);
  const pledges = pledgeIds.length
    ? await tx.$queryRaw<{ donorId: string; projectId: string | null }[]>`
        SELECT "donorId"::text AS "donorId", CASE WHEN "earmarkType" = 'PROJECT' THEN "projectId"::text END AS "projectId"
        FROM pledges WHERE id = ANY(${pledgeIds}::uuid[])`
    : [];
  return {
    pledgeIds,
    donorIds: unique([...(touch.donorIds ?? []), ...pledges.map((pledge) => pledge.donorId)]),
    projectIds: unique([...(touch.projectIds ?? []), ...pledges.map((pledge) => pledge.projectId)]),
    programmeIds: unique(touch.programmeIds ?? []),
  };
}

/** Replaces the rows of `table` in the scope (`where`) with `rows`. */
async function replaceRows(tx: DbClient, table: string, columns: string, where: Prisma.Sql, rows: Prisma.Sql): Promise<number> {
  await tx.$executeRaw`DELETE FROM ${Prisma.raw(table)} WHERE ${where}`;
  return tx.$executeRaw`INSERT INTO ${Prisma.raw(table)} (${Prisma.raw(columns)}) SELECT ${Prisma.raw(columns)} FROM (${rows}) r`;
}

export const summaryColumns = {
  openInstalments:
    '"instalmentId", "pledgeId", "earmarkType", "programmeId", "projectId", year, "dueOn", "openUsdMinor", currency, "openMinor"',
  fundingSummaries:
    '"projectId", year, "requirementUsdMinor", "regularBudgetUsdMinor", "generalPurposeUsdMinor", "earmarkedUsdMinor", "pledgedUnpaidUsdMinor"',
  unallocated: '"originId", pool, "programmeId", "projectId", "usdMinor"',
  donorAllocations: '"projectId", year, "donorId", "isAnonymous", "donorType", "allocatedUsdMinor"',
  contributions:
    '"donorId", year, "isAnonymous", "earmarkType", "scopeId", "donorType", "pledgedUsdMinor", "paidUsdMinor", "generalPurposeUsdMinor", facts',
  yearTotals: 'year, "donorType", "isAnonymous", "pledgedUsdMinor", "paidUsdMinor", "generalPurposeUsdMinor", facts',
  donorTotals: '"donorKey", "donorId", "donorType", "pledgedUsdMinor", "paidUsdMinor", years',
  programmeAllocations: '"programmeId", year, "donorKey", "donorId", "donorType", "allocatedUsdMinor"',
  projectGroups: '"projectId", year, "donorKey", "donorId", "donorType", "allocatedUsdMinor"',
  countryYears: '"countryCode", "donorKey", year, "donorType", "allocatedUsdMinor"',
  countryBounds: '"countryCode", "donorKey", "boundUsdMinor"',
  donorYears: 'year, "donorKey", "paidUsdMinor", facts',
  yearCounts: '"donorType", year, "previousYear", donors',
};

const summaryTables = [
  'open_instalments',
  'funding_summaries',
  'unallocated_balances',
  'donor_allocation_summaries',
  'programme_donor_allocations',
  'project_donor_groups',
  'country_donor_years',
  'country_donor_bounds',
  'donor_contribution_summaries',
  'contribution_year_totals',
  'donor_year_contributions',
  'donor_contribution_totals',
  'donor_year_counts',
];

interface Aggregate {
  table: string;
  keys: string[];
  /** Columns that follow from the key (a donor's type): the latest rows' values win */
  fixed?: string[];
  sums: string[];
  /** The column that is 0 exactly when nothing is left behind a row */
  emptyWhen: string;
}

const yearTotals: Aggregate = {
  table: 'contribution_year_totals',
  keys: ['year', '"donorType"', '"isAnonymous"'],
  sums: ['"pledgedUsdMinor"', '"paidUsdMinor"', '"generalPurposeUsdMinor"', 'facts'],
  emptyWhen: 'facts',
};
const programmeAllocations: Aggregate = {
  table: 'programme_donor_allocations',
  keys: ['"programmeId"', 'year', '"donorKey"'],
  fixed: ['"donorId"', '"donorType"'],
  sums: ['"allocatedUsdMinor"'],
  emptyWhen: '"allocatedUsdMinor"',
};
const projectGroups: Aggregate = {
  table: 'project_donor_groups',
  keys: ['"projectId"', 'year', '"donorKey"'],
  fixed: ['"donorId"', '"donorType"'],
  sums: ['"allocatedUsdMinor"'],
  emptyWhen: '"allocatedUsdMinor"',
};
const countryYears: Aggregate = {
  table: 'country_donor_years',
  keys: ['"countryCode"', '"donorKey"', 'year'],
  fixed: ['"donorType"'],
  sums: ['"allocatedUsdMinor"'],
  emptyWhen: '"allocatedUsdMinor"',
};
const countryBounds: Aggregate = {
  table: 'country_donor_bounds',
  keys: ['"countryCode"', '"donorKey"'],
  sums: ['"boundUsdMinor"'],
  emptyWhen: '"boundUsdMinor"',
};
const donorYears: Aggregate = {
  table: 'donor_year_contributions',
  keys: ['year', '"donorKey"'],
  sums: ['"paidUsdMinor"', 'facts'],
  emptyWhen: 'facts',
};
const yearCounts: Aggregate = {
  table: 'donor_year_counts',
  keys: ['"donorType"', 'year', '"previousYear"'],
  sums: ['donors'],
  emptyWhen: 'donors',
};

/**
 * Adds (sign 1) or takes away (sign −1) `rows`, grouped like `aggregate`, to its table. A scoped
 * refresh takes away the old rows' part, replaces the rows, and adds the new rows' part: the
 * aggregate follows without re-reading everything it sums.
 */
async function shift(tx: DbClient, aggregate: Aggregate, rows: Prisma.Sql, sign: 1 | -1): Promise<void> {
  const { table, keys, fixed = [], sums } = aggregate;
  const columns = [...keys, ...fixed, ...sums].join(', ');
  const picked = [...[...keys, ...fixed].map((column) => `r.${column}`), ...sums.map((column) => `${sign} * r.${column}`)];
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(table)} AS t (${Prisma.raw(columns)})
    SELECT ${Prisma.raw(picked.join(', '))} FROM (${rows}) r
    ON CONFLICT (${Prisma.raw(keys.join(', '))}) DO UPDATE SET ${Prisma.raw(
      [
        ...sums.map((column) => `${column} = t.${column} + EXCLUDED.${column}`),
        ...fixed.map((column) => `${column} = EXCLUDED.${column}`),
      ].join(', '),
    )}`;
}

async function dropEmpty(tx: DbClient, aggregate: Aggregate): Promise<void> {
  await tx.$executeRaw`DELETE FROM ${Prisma.raw(aggregate.table)} WHERE ${Prisma.raw(aggregate.emptyWhen)} = 0`;
}

/** The scoped refresh: each table's rows for what the writer touched, in dependency order; returns the project-years written. */
async function refreshScope(tx: DbClient, scope: SomeScope): Promise<number> {
  await replaceRows(
    tx,
    'open_instalments',
    summaryColumns.openInstalments,
    inScope(scope, 'pledgeIds', '"pledgeId"'),
    openInstalmentRowsSql(scope),
  );
  const summaries = fundingSummaryRowsSql(scope, Prisma.sql`SELECT * FROM open_instalments`);
  const rows = await replaceRows(
    tx,
    'funding_summaries',
    summaryColumns.fundingSummaries,
    inScope(scope, 'projectIds', '"projectId"'),
    summaries,
  );
  await replaceRows(tx, 'unallocated_balances', summaryColumns.unallocated, unallocatedScopeSql(scope), unallocatedRowsSql(scope));

  const allocationsInScope = Prisma.sql`SELECT * FROM donor_allocation_summaries WHERE ${donorAllocationScopeSql(scope)}`;
  await shift(tx, programmeAllocations, programmeDonorAllocationRowsSql(allocationsInScope, true), -1);
  await shift(tx, projectGroups, projectDonorGroupRowsSql(allocationsInScope, true), -1);
  await shift(tx, countryYears, countryDonorYearRowsSql(allocationsInScope, true), -1);
  await shift(tx, countryBounds, countryDonorBoundRowsSql(allocationsInScope, true), -1);
  await replaceRows(
    tx,
    'donor_allocation_summaries',
    summaryColumns.donorAllocations,
    donorAllocationScopeSql(scope),
    donorAllocationRowsSql(scope),
  );
  await shift(tx, programmeAllocations, programmeDonorAllocationRowsSql(allocationsInScope, true), 1);
  await shift(tx, projectGroups, projectDonorGroupRowsSql(allocationsInScope, true), 1);
  await shift(tx, countryYears, countryDonorYearRowsSql(allocationsInScope, true), 1);
  await shift(tx, countryBounds, countryDonorBoundRowsSql(allocationsInScope, true), 1);
  await dropEmpty(tx, programmeAllocations);
  await dropEmpty(tx, projectGroups);
  await dropEmpty(tx, countryYears);
  await dropEmpty(tx, countryBounds);
  if (scope.donorIds.length === 0) return rows;

  const donorsContributions = Prisma.sql`SELECT * FROM donor_contribution_summaries WHERE "donorId" = ANY(${scope.donorIds}::uuid[])`;
  await shift(tx, yearTotals, contributionYearTotalRowsSql(donorsContributions), -1);
  await shift(tx, donorYears, donorYearContributionRowsSql(donorsContributions), -1);
  await replaceRows(
    tx,
    'donor_contribution_summaries',
    summaryColumns.contributions,
    inScope(scope, 'donorIds', '"donorId"'),
    donorContributionRowsSql(scope),
  );
  await shift(tx, yearTotals, contributionYearTotalRowsSql(donorsContributions), 1);
  await shift(tx, donorYears, donorYearContributionRowsSql(donorsContributions), 1);
  await dropEmpty(tx, yearTotals);
  await dropEmpty(tx, donorYears);

  // The donors' own rows and every anonymous pool (few) are rebuilt; their year pairs follow.
  const touchedKeys = Prisma.sql`("donorId" = ANY(${scope.donorIds}::uuid[]) OR "donorId" IS NULL)`;
  const touchedTotals = Prisma.sql`SELECT * FROM donor_contribution_totals WHERE ${touchedKeys}`;
  const donorTotals = donorContributionTotalRowsSql(donorsContributions, Prisma.sql`SELECT * FROM contribution_year_totals`);
  await shift(tx, yearCounts, donorYearCountRowsSql(touchedTotals), -1);
  await replaceRows(tx, 'donor_contribution_totals', summaryColumns.donorTotals, touchedKeys, donorTotals);
  await shift(tx, yearCounts, donorYearCountRowsSql(touchedTotals), 1);
  await dropEmpty(tx, yearCounts);
  return rows;
}

/** The full rebuild: every table emptied and recomputed from the facts, in dependency order; returns the project-years written. */
async function rebuildAll(tx: DbClient, onTable?: TableTimer): Promise<number> {
  const all: RowScope = { all: true };
  // Whole-table aggregates: memory for hash joins instead of spilling to disk, and no JIT
  // compilation, which costs more than it saves on these plans.
  await tx.$executeRaw`SET LOCAL work_mem = '128MB'`;
  await tx.$executeRaw`SET LOCAL jit = off`;
  // Derived data: a crash before the commit reaches disk loses only this rebuild, which reruns.
  await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
  await tx.$executeRaw`TRUNCATE ${Prisma.raw(summaryTables.join(', '))}`;
  // Rows go in in primary-key order: each index grows at its end instead of all over its pages.
  const insert = async (table: string, cols: string, rows: Prisma.Sql, keyColumns?: string) => {
    const started = performance.now();
    const written = await tx.$executeRaw`INSERT INTO ${Prisma.raw(table)} (${Prisma.raw(cols)}) SELECT ${Prisma.raw(cols)} FROM (${rows}) r
      ${keyColumns ? Prisma.raw(`ORDER BY ${keyColumns}`) : Prisma.empty}`;
    onTable?.(table, performance.now() - started, written);
    return written;
  };
  const table = (name: string) => Prisma.sql`SELECT * FROM ${Prisma.raw(name)}`;
  await insert('open_instalments', summaryColumns.openInstalments, openInstalmentRowsSql(all));
  const rows = await insert('funding_summaries', summaryColumns.fundingSummaries, fundingSummaryRowsSql(all, table('open_instalments')));
  await insert('unallocated_balances', summaryColumns.unallocated, unallocatedRowsSql(all));
  await insert(
    'donor_allocation_summaries',
    summaryColumns.donorAllocations,
    donorAllocationRowsSql(all),
    '"projectId", year, "donorId", "isAnonymous"',
  );
  await insert(
    'programme_donor_allocations',
    summaryColumns.programmeAllocations,
    programmeDonorAllocationRowsSql(table('donor_allocation_summaries')),
    '"programmeId", year, "donorKey"',
  );
  await insert(
    'project_donor_groups',
    summaryColumns.projectGroups,
    projectDonorGroupRowsSql(table('donor_allocation_summaries')),
    '"projectId", year, "donorKey"',
  );
  await insert(
    'country_donor_years',
    summaryColumns.countryYears,
    countryDonorYearRowsSql(table('donor_allocation_summaries')),
    '"countryCode", "donorKey", year',
  );
  await insert(
    'country_donor_bounds',
    summaryColumns.countryBounds,
    countryDonorBoundRowsSql(table('donor_allocation_summaries')),
    '"countryCode", "donorKey"',
  );
  await insert(
    'donor_contribution_summaries',
    summaryColumns.contributions,
    donorContributionRowsSql(all),
    '"donorId", year, "isAnonymous", "earmarkType", "scopeId"',
  );
  await insert('contribution_year_totals', summaryColumns.yearTotals, contributionYearTotalRowsSql(table('donor_contribution_summaries')));
  await insert(
    'donor_year_contributions',
    summaryColumns.donorYears,
    donorYearContributionRowsSql(table('donor_contribution_summaries')),
    'year, "donorKey"',
  );
  await insert(
    'donor_contribution_totals',
    summaryColumns.donorTotals,
    donorContributionTotalRowsSql(table('donor_contribution_summaries'), table('contribution_year_totals')),
  );
  await insert('donor_year_counts', summaryColumns.yearCounts, donorYearCountRowsSql(table('donor_contribution_totals')));
  return rows;
}

/** Told how long each table of a full rebuild took (benchmarks). */
export type TableTimer = (table: string, ms: number, rows: number) => void;

/**
 * Brings the summary tables in step with the facts. Writers of money facts call it inside their
 * own transaction with every id they touched (`projectIds`, `pledgeIds`, `donorIds`,
 * `programmeIds`): a commit then carries facts and figures together. Without ids it rebuilds
 * everything (nightly job, seed, repair). Returns the project-year summaries written, and how
 * many projects and years the table covers. how many projects and years they cover.
 */
export async function refreshFundingSummaries(
  args: { db?: DbClient; onTable?: TableTimer } & SummaryTouch = {},
): Promise<{ rows: number; projects: number; years: number }> {
  const db = args.db ?? getPrisma();
  const isFull = !args.projectIds && !args.pledgeIds && !args.donorIds && !args.programmeIds;
  const run = async (tx: DbClient) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`;
    const rows = isFull ? await rebuildAll(tx, args.onTable) : await refreshScope(tx, await resolveScope(tx, args));
    const [counts] = await tx.$queryRaw<{ projects: bigint; years: bigint }[]>`
      SELECT COUNT(DISTINCT "projectId")::bigint AS projects, COUNT(DISTINCT year)::bigint AS years FROM funding_summaries`;
    return { rows, projects: Number(counts?.projects ?? 0n), years: Number(counts?.years ?? 0n) };
  };
  // A full rebuild of a large ledger takes longer than Prisma's 5 s default for interactive transactions.
  return hasTransaction(db) ? db.$transaction(run, { timeout: 120_000, maxWait: 30_000 }) : run(db);
}

/** Compares every summary table with the facts; returns one line per difference (empty = in step). */
export async function verifyFundingSummaries(args: { db?: DbClient } = {}): Promise<string[]> {
  return verifySummaryTables({ db: args.db ?? getPrisma() });
}

/**
 * Rebuilds every summary when the ledger has pledges but the summaries are empty (tables a
 * migration has just added); says whether it did.
 */
export async function rebuildSummariesIfMissing({ db = getPrisma() }: { db?: DbClient } = {}): Promise<boolean> {
  const [state] = await db.$queryRaw<{ pledges: boolean; summarised: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pledges) AS pledges, EXISTS (SELECT 1 FROM open_instalments) AS summarised`;
  if (!state?.pledges || state.summarised) return false;
  await refreshFundingSummaries({ db });
  return true;
}
