// The nightly summaries job (docs/decisions/024) never waits for a lock that a writer (the
// summaries lock of a scoped refresh) or a reader (a query on a summary table) holds, and it
// repairs summaries that drifted from the facts, whatever the table.
import type { JobHelpers } from 'graphile-worker';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { refreshFundingSummariesTask } from '~/ledger/summaries/refresh-summaries-task.server.ts';
import { REFRESH_LOCK_KEY, refreshFundingSummaries, verifyFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildLedgerFixture } from '../ledger-fixture.ts';

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

const lines: string[] = [];
const logger = { info: (line: string) => lines.push(line), error: (line: string) => lines.push(`ERROR ${line}`) };
// graphile-worker hands the task a full JobHelpers; the task only uses its logger
const runNightlyJob = () => refreshFundingSummariesTask({ reason: 'nightly' }, { logger } as unknown as JobHelpers);

beforeAll(async () => {
  await buildLedgerFixture(getPrisma());
  await refreshFundingSummaries();
});

describe('the nightly summaries job', () => {
  test('runs to the end while a writer holds the summaries lock and a reader holds every summary table', async () => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // A writer in the middle of its scoped refresh, and a reader in the middle of a page's queries.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [REFRESH_LOCK_KEY]);
      for (const table of summaryTables) await other.query(`SELECT 1 FROM ${table} LIMIT 1`);
      const holder = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

      let finished = false;
      const job = Promise.resolve(runNightlyJob()).finally(() => (finished = true));
      // Either the job finishes, or some session of it queues behind the locks held above.
      let waiting: { query: string }[] = [];
      while (!finished && waiting.length === 0) {
        const result = await getPrisma().$queryRaw<{ query: string }[]>`
          SELECT a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE NOT l.granted AND l.pid <> ${holder} AND a.datname = current_database()`;
        waiting = result;
      }
      expect(waiting.map((row) => row.query)).toEqual([]);
      await job;
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
    expect(lines.at(-1)).toMatch(/^funding summaries checked \(nightly\): in step with the facts/);
  });

  test('repairs drift in per-row and aggregate tables, and logs what differed', async () => {
    const db = getPrisma();
    await db.$executeRaw`UPDATE funding_summaries SET "earmarkedUsdMinor" = "earmarkedUsdMinor" + 1 WHERE year = 2025`;
    await db.$executeRaw`DELETE FROM open_instalments WHERE year = 2026`;
    await db.$executeRaw`UPDATE donor_year_counts SET donors = donors + 1 WHERE year = 2025`;
    await db.$executeRaw`UPDATE donor_contribution_totals SET "paidUsdMinor" = "paidUsdMinor" + 7`;
    await db.$executeRaw`UPDATE project_donor_groups SET "allocatedUsdMinor" = "allocatedUsdMinor" + 3 WHERE year = 2025`;
    await db.$executeRaw`DELETE FROM donor_year_contributions WHERE year = 2025`;
    await db.$executeRaw`UPDATE country_donor_years SET "allocatedUsdMinor" = "allocatedUsdMinor" + 5 WHERE year = 2025`;
    await db.$executeRaw`DELETE FROM country_donor_bounds`;
    expect(await verifyFundingSummaries()).not.toEqual([]);
    lines.length = 0;
    await runNightlyJob();
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR funding_summaries: stored .* has no facts behind it$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR open_instalments: facts give .*, not stored$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR donor_year_counts: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR donor_contribution_totals: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR project_donor_groups: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR donor_year_contributions: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR country_donor_years: /));
    expect(lines).toContainEqual(expect.stringMatching(/^ERROR country_donor_bounds: /));
    expect(lines.at(-1)).toMatch(/^funding summaries repaired \(nightly\): \d+ rows differed/);
    expect(await verifyFundingSummaries()).toEqual([]);
  });
});
