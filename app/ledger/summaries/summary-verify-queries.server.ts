// Compares each summary table with what the facts give now (the same row queries a rebuild
// uses, over everything). Used by the refresh job after a rebuild, by tests, and by
// `npm run ledger:check`; the ledger check recomputes the tables independently in TypeScript.
import { Prisma } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/platform/db.server.ts';
import {
  contributionYearTotalRowsSql,
  countryDonorBoundRowsSql,
  countryDonorYearRowsSql,
  donorAllocationRowsSql,
  donorContributionRowsSql,
  donorContributionTotalRowsSql,
  donorYearContributionRowsSql,
  donorYearCountRowsSql,
  fundingSummaryRowsSql,
  openInstalmentRowsSql,
  programmeDonorAllocationRowsSql,
  projectDonorGroupRowsSql,
  unallocatedRowsSql,
  type RowScope,
} from './summary-rows.server.ts';

const all: RowScope = { all: true };

/** Up to `limit` rows each way: expected but missing (or different), and stored but not expected. */
async function compareTable(db: DbClient, table: string, columns: string, expected: Prisma.Sql, limit = 10): Promise<string[]> {
  const cols = Prisma.raw(columns);
  const rows = await db.$queryRaw<{ side: string; row: unknown }[]>`
    (SELECT 'expected' AS side, to_jsonb(x) AS row FROM (SELECT ${cols} FROM (${expected}) e EXCEPT ALL SELECT ${cols} FROM ${Prisma.raw(table)}) x LIMIT ${limit})
    UNION ALL
    (SELECT 'stored', to_jsonb(y) FROM (SELECT ${cols} FROM ${Prisma.raw(table)} EXCEPT ALL SELECT ${cols} FROM (${expected}) e) y LIMIT ${limit})`;
  return rows.map((row) =>
    row.side === 'expected'
      ? `${table}: facts give ${JSON.stringify(row.row)}, not stored`
      : `${table}: stored ${JSON.stringify(row.row)} has no facts behind it`,
  );
}

const figureKeys = [
  'requirementUsdMinor',
  'regularBudgetUsdMinor',
  'generalPurposeUsdMinor',
  'earmarkedUsdMinor',
  'pledgedUnpaidUsdMinor',
] as const;
type SummaryRow = { projectId: string; year: number } & Record<(typeof figureKeys)[number], bigint>;

/** funding_summaries, field by field (the messages name the project-year and the figure). */
async function compareFundingSummaries(db: DbClient): Promise<string[]> {
  const expected = await db.$queryRaw<SummaryRow[]>(fundingSummaryRowsSql(all, openInstalmentRowsSql(all)));
  const stored = await db.$queryRaw<
    SummaryRow[]
  >`SELECT "projectId"::text AS "projectId", year, ${Prisma.raw(figureKeys.map((key) => `"${key}"`).join(', '))} FROM funding_summaries`;
  const key = (row: { projectId: string; year: number }) => `${row.projectId}/${row.year}`;
  const storedByKey = new Map(stored.map((row) => [key(row), row]));
  const problems: string[] = [];
  for (const row of expected) {
    const saved = storedByKey.get(key(row));
    storedByKey.delete(key(row));
    if (!saved) {
      problems.push(`funding summary missing for project ${row.projectId} year ${row.year}`);
      continue;
    }
    for (const field of figureKeys) {
      if (BigInt(saved[field]) !== BigInt(row[field])) {
        problems.push(`funding summary ${key(row)} ${field}: stored ${saved[field]}, facts give ${row[field]}`);
      }
    }
  }
  for (const extra of storedByKey.keys()) problems.push(`funding summary ${extra} has no facts behind it`);
  return problems;
}

/** Every summary table against the facts; one line per difference (empty = in step). */
export async function verifySummaryTables({ db }: { db: DbClient }): Promise<string[]> {
  const allocations = donorAllocationRowsSql(all);
  const contributions = donorContributionRowsSql(all);
  const yearTotals = contributionYearTotalRowsSql(contributions);
  const donorTotals = donorContributionTotalRowsSql(contributions, yearTotals);
  return [
    ...(await compareFundingSummaries(db)),
    ...(await compareTable(
      db,
      'open_instalments',
      '"instalmentId", "pledgeId", "earmarkType", "programmeId", "projectId", year, "dueOn", "openUsdMinor", currency, "openMinor"',
      openInstalmentRowsSql(all),
    )),
    ...(await compareTable(
      db,
      'unallocated_balances',
      '"originId", pool, "programmeId", "projectId", "usdMinor"',
      unallocatedRowsSql(all),
    )),
    ...(await compareTable(
      db,
      'donor_allocation_summaries',
      '"projectId", year, "donorId", "isAnonymous", "donorType", "allocatedUsdMinor"',
      allocations,
    )),
    ...(await compareTable(
      db,
      'programme_donor_allocations',
      '"programmeId", year, "donorKey", "donorId", "donorType", "allocatedUsdMinor"',
      programmeDonorAllocationRowsSql(allocations),
    )),
    ...(await compareTable(
      db,
      'project_donor_groups',
      '"projectId", year, "donorKey", "donorId", "donorType", "allocatedUsdMinor"',
      projectDonorGroupRowsSql(allocations),
    )),
    ...(await compareTable(
      db,
      'country_donor_years',
      '"countryCode", "donorKey", year, "donorType", "allocatedUsdMinor"',
      countryDonorYearRowsSql(allocations),
    )),
    ...(await compareTable(
      db,
      'country_donor_bounds',
      '"countryCode", "donorKey", "boundUsdMinor"',
      countryDonorBoundRowsSql(allocations),
    )),
    ...(await compareTable(
      db,
      'donor_contribution_summaries',
      '"donorId", year, "isAnonymous", "earmarkType", "scopeId", "donorType", "pledgedUsdMinor", "paidUsdMinor", "generalPurposeUsdMinor", facts',
      contributions,
    )),
    ...(await compareTable(
      db,
      'contribution_year_totals',
      'year, "donorType", "isAnonymous", "pledgedUsdMinor", "paidUsdMinor", "generalPurposeUsdMinor", facts',
      yearTotals,
    )),
    ...(await compareTable(
      db,
      'donor_year_contributions',
      'year, "donorKey", "paidUsdMinor", facts',
      donorYearContributionRowsSql(contributions),
    )),
    ...(await compareTable(
      db,
      'donor_contribution_totals',
      '"donorKey", "donorId", "donorType", "pledgedUsdMinor", "paidUsdMinor", years',
      donorTotals,
    )),
    ...(await compareTable(db, 'donor_year_counts', '"donorType", year, "previousYear", donors', donorYearCountRowsSql(donorTotals))),
  ];
}
