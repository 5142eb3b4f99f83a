// The nightly safety net for the summary tables (docs/decisions/024): recompute every table from
// the facts and repair only what differs, without blocking writers or readers. The recompute
// runs in one REPEATABLE READ snapshot, into temporary tables, taking no lock a writer or reader
// waits for (writers keep refreshing their scope meanwhile: their facts and figures commit
// together, so the snapshot sees both consistently). Where the snapshot's figures differ from the
// stored ones (a bug or a hand edit: normally nothing), the repair re-runs the writers' own scoped
// refresh for the ids concerned, then rebuilds the four small aggregates from the tables below
// them, under the writers' lock; a second pass confirms nothing is left.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type Db, type DbClient } from '~/platform/db.server.ts';
import { REFRESH_LOCK_KEY, refreshFundingSummaries, summaryColumns, type SummaryTouch } from './summary-commands.server.ts';
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
const from = (table: string) => Prisma.sql`SELECT * FROM ${Prisma.raw(table)}`;

interface SummaryTable {
  table: string;
  columns: string;
  /** The table's rows from the facts; `source(name)` reads another table of the same pass */
  rows: (source: (table: string) => Prisma.Sql) => Prisma.Sql;
  /** Aggregates of other summary tables, rebuilt whole on repair; the rest repair by scope */
  isAggregate?: boolean;
}

// In dependency order, as a rebuild writes them.
const tables: SummaryTable[] = [
  { table: 'open_instalments', columns: summaryColumns.openInstalments, rows: () => openInstalmentRowsSql(all) },
  {
    table: 'funding_summaries',
    columns: summaryColumns.fundingSummaries,
    rows: (source) => fundingSummaryRowsSql(all, source('open_instalments')),
  },
  { table: 'unallocated_balances', columns: summaryColumns.unallocated, rows: () => unallocatedRowsSql(all) },
  { table: 'donor_allocation_summaries', columns: summaryColumns.donorAllocations, rows: () => donorAllocationRowsSql(all) },
  {
    table: 'programme_donor_allocations',
    columns: summaryColumns.programmeAllocations,
    rows: (source) => programmeDonorAllocationRowsSql(source('donor_allocation_summaries')),
    isAggregate: true,
  },
  {
    table: 'project_donor_groups',
    columns: summaryColumns.projectGroups,
    rows: (source) => projectDonorGroupRowsSql(source('donor_allocation_summaries')),
    isAggregate: true,
  },
  {
    table: 'country_donor_years',
    columns: summaryColumns.countryYears,
    rows: (source) => countryDonorYearRowsSql(source('donor_allocation_summaries')),
    isAggregate: true,
  },
  {
    table: 'country_donor_bounds',
    columns: summaryColumns.countryBounds,
    rows: (source) => countryDonorBoundRowsSql(source('donor_allocation_summaries')),
    isAggregate: true,
  },
  { table: 'donor_contribution_summaries', columns: summaryColumns.contributions, rows: () => donorContributionRowsSql(all) },
  {
    table: 'contribution_year_totals',
    columns: summaryColumns.yearTotals,
    rows: (source) => contributionYearTotalRowsSql(source('donor_contribution_summaries')),
    isAggregate: true,
  },
  {
    table: 'donor_year_contributions',
    columns: summaryColumns.donorYears,
    rows: (source) => donorYearContributionRowsSql(source('donor_contribution_summaries')),
    isAggregate: true,
  },
  {
    table: 'donor_contribution_totals',
    columns: summaryColumns.donorTotals,
    rows: (source) => donorContributionTotalRowsSql(source('donor_contribution_summaries'), source('contribution_year_totals')),
    isAggregate: true,
  },
  {
    table: 'donor_year_counts',
    columns: summaryColumns.yearCounts,
    rows: (source) => donorYearCountRowsSql(source('donor_contribution_totals')),
    isAggregate: true,
  },
];

// What a differing row of a per-row table says to refresh (its columns, in the diff table d).
const scopeOf: Record<string, Prisma.Sql> = {
  open_instalments: Prisma.sql`SELECT 'pledge' AS kind, d."pledgeId"::text AS id FROM d`,
  funding_summaries: Prisma.sql`SELECT 'project', d."projectId"::text FROM d`,
  unallocated_balances: Prisma.sql`
    SELECT 'donor', p."donorId"::text FROM d JOIN payments p ON p.id = d."originId"
    UNION ALL SELECT 'pledge', p."pledgeId"::text FROM d JOIN payments p ON p.id = d."originId" WHERE p."pledgeId" IS NOT NULL
    UNION ALL SELECT 'programme', e."programmeId"::text FROM d JOIN regular_budget_entries e ON e.id = d."originId"
    UNION ALL SELECT 'project', d."projectId"::text FROM d WHERE d."projectId" IS NOT NULL`,
  donor_allocation_summaries: Prisma.sql`SELECT 'donor', d."donorId"::text FROM d UNION ALL SELECT 'project', d."projectId"::text FROM d`,
  donor_contribution_summaries: Prisma.sql`SELECT 'donor', d."donorId"::text FROM d`,
};

export interface SummaryDifferences {
  /** Up to ten lines per table: rows the facts give that are not stored, and stored rows they do not give */
  lines: string[];
  /** Differing rows in all */
  count: number;
  touch: Required<SummaryTouch>;
  aggregates: string[];
}

/** Told how long each step took (benchmarks). */
export type StepTimer = (step: string, ms: number) => void;

/** Recomputes every summary from the facts in one snapshot and compares it with what is stored. Takes no lock anyone waits for. */
export async function findSummaryDifferences({
  db = getPrisma(),
  onStep,
}: { db?: Db; onStep?: StepTimer } = {}): Promise<SummaryDifferences> {
  return db.$transaction(
    async (tx) => {
      // Whole-table aggregates: memory for hash joins, and no JIT (it costs more than it saves here).
      await tx.$executeRaw`SET LOCAL work_mem = '128MB'`;
      await tx.$executeRaw`SET LOCAL jit = off`;
      const found: SummaryDifferences = {
        lines: [],
        count: 0,
        touch: { pledgeIds: [], donorIds: [], projectIds: [], programmeIds: [] },
        aggregates: [],
      };
      const ids = { pledge: new Set<string>(), donor: new Set<string>(), project: new Set<string>(), programme: new Set<string>() };
      for (const { table, columns, rows, isAggregate } of tables) {
        let started = performance.now();
        const fresh = `fresh_${table}`;
        const cols = Prisma.raw(columns);
        // Temporary tables: no WAL, no indexes, gone at commit; nothing shared is written.
        await tx.$executeRaw`CREATE TEMPORARY TABLE ${Prisma.raw(fresh)} ON COMMIT DROP AS SELECT ${cols} FROM (${rows((name) => from(`fresh_${name}`))}) r`;
        onStep?.(`${table}: recompute`, performance.now() - started);
        started = performance.now();
        const differ = `differ_${table}`;
        // One hash aggregate over both sides (each row +1 from the facts, −1 stored): what does not
        // cancel out differs. Half the work of EXCEPT ALL both ways; NULLs group as equal, as there.
        await tx.$executeRaw`CREATE TEMPORARY TABLE ${Prisma.raw(differ)} ON COMMIT DROP AS
          SELECT CASE WHEN g.n > 0 THEN 'facts' ELSE 'stored' END AS side, ${cols} FROM (
            SELECT ${cols}, SUM(u.s) AS n FROM (
              SELECT ${cols}, 1 AS s FROM ${Prisma.raw(fresh)} UNION ALL SELECT ${cols}, -1 FROM ${Prisma.raw(table)}
            ) u GROUP BY ${cols}
          ) g WHERE g.n <> 0`;
        const [counted] = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM ${Prisma.raw(differ)}`;
        onStep?.(`${table}: compare`, performance.now() - started);
        const n = Number(counted?.n ?? 0n);
        if (n === 0) continue;
        found.count += n;
        const examples = await tx.$queryRaw<{ side: string; row: unknown }[]>`
          SELECT side, to_jsonb(x) - 'side' AS row FROM ${Prisma.raw(differ)} x LIMIT 10`;
        for (const { side, row } of examples)
          found.lines.push(
            side === 'facts'
              ? `${table}: facts give ${JSON.stringify(row)}, not stored`
              : `${table}: stored ${JSON.stringify(row)} has no facts behind it`,
          );
        if (isAggregate) {
          found.aggregates.push(table);
          continue;
        }
        const scope = await tx.$queryRaw<{ kind: keyof typeof ids; id: string }[]>`
          WITH d AS (SELECT * FROM ${Prisma.raw(differ)}) SELECT DISTINCT kind, id FROM (${scopeOf[table]!}) s(kind, id)`;
        for (const { kind, id } of scope) ids[kind].add(id);
      }
      found.touch = {
        pledgeIds: [...ids.pledge],
        donorIds: [...ids.donor],
        projectIds: [...ids.project],
        programmeIds: [...ids.programme],
      };
      return found;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 300_000, maxWait: 30_000 },
  );
}

/** Rebuilds the aggregate tables from the tables below them (repair only), in the caller's transaction under the writers' lock. */
async function rebuildAggregates(tx: DbClient): Promise<void> {
  for (const { table, columns, rows, isAggregate } of tables) {
    if (!isAggregate) continue;
    // DELETE, not TRUNCATE: readers keep reading the committed rows meanwhile (MVCC).
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(table)}`;
    await tx.$executeRaw`INSERT INTO ${Prisma.raw(table)} (${Prisma.raw(columns)}) SELECT ${Prisma.raw(columns)} FROM (${rows(from)}) r`;
  }
}

/**
 * The nightly check and repair: finds the differences between the stored summaries and the facts,
 * repairs them (if any) through the writers' scoped refresh and a rebuild of the aggregates, and
 * confirms. Returns what was found (an empty `lines`: everything was in step) and what remains
 * after the repair (empty unless something keeps changing it).
 */
export async function reconcileFundingSummaries({ db = getPrisma(), onStep }: { db?: Db; onStep?: StepTimer } = {}): Promise<{
  found: SummaryDifferences;
  remaining: string[];
}> {
  const found = await findSummaryDifferences({ db, onStep });
  if (found.count === 0) return { found, remaining: [] };
  const hasScope = Object.values(found.touch).some((list) => list.length > 0);
  await db.$transaction(
    async (tx) => {
      if (hasScope) await refreshFundingSummaries({ db: tx, ...found.touch });
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`;
      await rebuildAggregates(tx);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  const after = await findSummaryDifferences({ db });
  return { found, remaining: after.lines };
}
