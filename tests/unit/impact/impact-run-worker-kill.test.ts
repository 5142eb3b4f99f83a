// Issue #13's "done when": killing the worker in the middle of a 10,000-report run and restarting
// it sends each report exactly once. Real processes: `npm run worker` (scripts/worker.ts) as a
// child on a scratch database of 10,000 donors (report consent, a gift in 2025-Q4 each), the
// Resend fake in this process. The run is started as the schedule and staff start one (its job queued);
// the worker gets SIGKILL once during the fan-out (decided by polling the run's counters) and once
// while sending — at the instant the fake has accepted a batch and before it answers, the one
// place where a sender that did not resend under the same key would deliver twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { startImpactReportRun } from '~/impact/impact-report-run-commands.server.ts';
import { createPrismaClient } from '~/platform/db.server.ts';
import { createBenchProjects, seedDonors, seedProjectGifts } from '../../../bench/donor-seeding.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { createScratchDatabase } from '../../setup/scratch-database.ts';
import { spawnTsx, waitFor, type ChildOutput } from '../platform/outage/process-harness.ts';

const DONORS = 10_000;
const PERIOD = '2025-Q4';
// The fake's limit and the worker's pacing: high, so the sending is bound by rendering, not by the limit.
const FAKE_RATE_PER_SECOND = 100;
const WORKER_RATE_PER_SECOND = 50;

let databaseUrl: string;
let db: PrismaClient;
let pool: pg.Pool;
let fake: ResendFake;
const workers: ChildOutput[] = [];
/** Set to the worker to kill when the fake next accepts a batch. */
let killOnNextBatch: ChildOutput | null = null;
let batchesBeforeSendKill = -1;

function startWorker(): ChildOutput {
  const worker = spawnTsx('scripts/worker.ts', {
    DATABASE_URL: databaseUrl,
    PORTAL_MODE: 'demo',
    APP_ORIGIN: 'https://portal.example.org',
    RESEND_BASE_URL: fake.url,
    RESEND_API_KEY: 're_test_kill_run',
    RESEND_RATE_LIMIT_PER_SECOND: String(WORKER_RATE_PER_SECOND),
    WORKER_CONCURRENCY: '2',
    // Short windows, so the restarted worker takes over the dead one's jobs within seconds.
    JOB_HEARTBEAT_INTERVAL_MS: '200',
    JOB_LOCK_STALE_AFTER_MS: '1000',
  });
  workers.push(worker);
  return worker;
}

async function kill(worker: ChildOutput): Promise<void> {
  if (worker.isAlive()) worker.child.kill('SIGKILL');
  await waitFor('the worker to die', () => !worker.isAlive(), 10_000);
  expect(worker.child.signalCode).toBe('SIGKILL');
}

interface Progress {
  donors: number;
  queued: number;
  skipped: number;
  finished: boolean;
  outbox: number;
  sent: number;
  pending: number;
}

async function progress(runId: string): Promise<Progress> {
  const { rows } = await pool.query<Progress>(
    `SELECT r.donors, r.queued, r.skipped, r."finishedAt" IS NOT NULL AS finished,
            (SELECT count(*) FROM email_outbox)::int AS outbox,
            (SELECT count(*) FROM email_outbox WHERE status = 'SENT')::int AS sent,
            (SELECT count(*) FROM email_outbox WHERE status = 'PENDING')::int AS pending
       FROM impact_report_runs r WHERE r.id = $1::uuid`,
    [runId],
  );
  return rows[0]!;
}

describe('a 10,000-report run through two worker deaths (SIGKILL)', () => {
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase({ migrated: true });
    db = createPrismaClient(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const projectIds = await createBenchProjects(db, ['KILL1', 'KILL2', 'KILL3', 'KILL4']);
    await seedDonors(db, { count: DONORS });
    await seedProjectGifts(db, { projectIds });
    fake = await startResendFake({
      rateLimitPerSecond: FAKE_RATE_PER_SECOND,
      onBatchAccepted: () => {
        const worker = killOnNextBatch;
        if (!worker) return;
        killOnNextBatch = null;
        // Before the answer is written: the worker never learns the batch was accepted.
        batchesBeforeSendKill = fake.counts().batches;
        worker.child.kill('SIGKILL');
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (process.env.KILL_RUN_TEST_LOG) for (const worker of workers) console.log(worker.output());
    await Promise.all(workers.map((worker) => worker.stop()));
    await fake?.close();
    await pool?.end();
    await db?.$disconnect();
  });

  it('sends each donor’s report exactly once', async () => {
    const { run } = await startImpactReportRun({ db, period: PERIOD, trigger: 'COMMAND' });

    // 1. Killed during the fan-out: some pages committed, the run not finished.
    const first = startWorker();
    await waitFor('the fan-out to commit a few pages', async () => (await progress(run.id)).donors >= 1500, 60_000);
    await kill(first);
    const atFirstKill = await progress(run.id);
    expect(atFirstKill.finished).toBe(false);
    expect(atFirstKill.donors).toBeLessThan(DONORS);
    expect(atFirstKill.queued).toBe(atFirstKill.donors); // every donor here has news and consent

    // 2. Restarted; killed while sending, once the fan-out is done, the instant the fake accepts a batch.
    const second = startWorker();
    await waitFor('the fan-out to finish', async () => (await progress(run.id)).finished, 60_000);
    const sentAtFanOutEnd = (await progress(run.id)).sent;
    await waitFor('a few batches more to be sent', async () => (await progress(run.id)).sent >= sentAtFanOutEnd + 200, 60_000);
    killOnNextBatch = second;
    await waitFor('the worker to die as the fake accepts a batch', () => !second.isAlive(), 30_000);
    await kill(second);
    const atSecondKill = await progress(run.id);
    expect(atSecondKill.pending).toBeGreaterThan(0);
    // The batch accepted at the kill was never marked sent: the fake holds more than the outbox says.
    expect(fake.messages().length).toBeGreaterThan(atSecondKill.sent);

    // 3. Restarted once more: it resumes the dead worker's batch under its key and drains the outbox.
    startWorker();
    await waitFor(
      'the outbox to be drained',
      async () => {
        const now = await progress(run.id);
        return now.finished && now.outbox === DONORS && now.pending === 0;
      },
      240_000,
    );

    const end = await progress(run.id);
    expect(end).toMatchObject({ donors: DONORS, queued: DONORS, skipped: 0, outbox: DONORS, sent: DONORS, pending: 0 });
    expect(end.donors).toBe(end.queued + end.skipped);
    const { rows: reports } = await pool.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM impact_reports WHERE period = $1 GROUP BY 1`,
      [PERIOD],
    );
    expect(reports).toEqual([{ status: 'QUEUED', n: DONORS }]);
    const { rows: unsent } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_outbox WHERE status <> 'SENT'`);
    expect(unsent[0]!.n).toBe(0);

    // What the provider delivered: one message per donor. The fake records a message only when a
    // batch is first accepted (a replay under a known key answers the same ids and records nothing),
    // so a batch sent again under another key would show here as a donor with two messages.
    const messages = fake.messages();
    const perRecipient = new Map<string, number>();
    for (const message of messages) for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(messages).toHaveLength(DONORS);
    expect(perRecipient.size).toBe(DONORS);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    // Every outbox row's provider id is the id of the one message the fake holds for that donor.
    const { rows: ids } = await pool.query<{ toAddress: string; providerMessageId: string }>(
      `SELECT "toAddress", "providerMessageId" FROM email_outbox`,
    );
    const messageIdOf = new Map(messages.map((message) => [message.to[0]!, message.id]));
    expect(ids.filter((row) => messageIdOf.get(row.toAddress) !== row.providerMessageId)).toEqual([]);
    // The batch the second worker died on was sent again under its key and answered from the
    // fake's memory: calls outnumber the distinct batch keys.
    expect(batchesBeforeSendKill).toBeGreaterThan(0);
    const batchKeys = new Set(messages.map((message) => message.idempotencyKey));
    expect([...batchKeys].every((key) => key?.startsWith('batch:'))).toBe(true);
    expect(fake.counts().batches).toBeGreaterThan(batchKeys.size);
  }, 420_000);
});
