// Issue #15's "done when": a crash mid-send and a restart send each recipient exactly once. Real
// processes: `npm run worker` (scripts/worker.ts) as a child on a scratch database of 5,000 donors
// with appeal consent, the Resend fake in this process. The appeal is sent as staff send it (its
// job queued); the worker gets SIGKILL during the fan-out (as soon as the first page of recipients
// is committed) and again while sending — the instant the fake has accepted a batch and before it
// answers, where a sender that did not resend under the same key (with the same bytes: the
// figures are pinned) would deliver twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { startAppealSend } from '~/appeals/appeal-send-commands.server.ts';
import { createPrismaClient } from '~/platform/db.server.ts';
import { createSendableAppeal, grantAppealConsent } from '../../../bench/appeal-seeding.ts';
import { createBenchProjects, seedDonors, seedProjectGifts } from '../../../bench/donor-seeding.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { createScratchDatabase } from '../../setup/scratch-database.ts';
import { spawnTsx, waitFor, type ChildOutput } from '../platform/outage/process-harness.ts';

const DONORS = 5_000;
const FAKE_RATE_PER_SECOND = 100;
const WORKER_RATE_PER_SECOND = 50;

let databaseUrl: string;
let db: PrismaClient;
let pool: pg.Pool;
let fake: ResendFake;
const workers: ChildOutput[] = [];
let killOnNextBatch: ChildOutput | null = null;

function startWorker(): ChildOutput {
  const worker = spawnTsx('scripts/worker.ts', {
    DATABASE_URL: databaseUrl,
    PORTAL_MODE: 'demo',
    APP_ORIGIN: 'https://portal.example.org',
    RESEND_BASE_URL: fake.url,
    RESEND_API_KEY: 're_test_kill_appeal',
    RESEND_RATE_LIMIT_PER_SECOND: String(WORKER_RATE_PER_SECOND),
    WORKER_CONCURRENCY: '2',
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

async function progress(appealId: string) {
  const { rows } = await pool.query<{ status: string; recipients: number; sent: number; pending: number }>(
    `SELECT a.status::text AS status,
            (SELECT count(*) FROM appeal_recipients r WHERE r."appealId" = a.id)::int AS recipients,
            (SELECT count(*) FROM email_outbox WHERE status = 'SENT')::int AS sent,
            (SELECT count(*) FROM email_outbox WHERE status = 'PENDING')::int AS pending
       FROM appeals a WHERE a.id = $1::uuid`,
    [appealId],
  );
  return rows[0]!;
}

describe('an appeal to 5,000 donors through two worker deaths (SIGKILL)', () => {
  beforeAll(async () => {
    databaseUrl = await createScratchDatabase({ migrated: true });
    db = createPrismaClient(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    const projectIds = await createBenchProjects(db, ['AKILL1', 'AKILL2']);
    await seedDonors(db, { count: DONORS });
    await seedProjectGifts(db, { projectIds }); // a confirmed profile and figures for the block
    await grantAppealConsent(db);
    fake = await startResendFake({
      rateLimitPerSecond: FAKE_RATE_PER_SECOND,
      onBatchAccepted: () => {
        const worker = killOnNextBatch;
        if (!worker) return;
        killOnNextBatch = null;
        worker.child.kill('SIGKILL'); // before the answer: the worker never learns the batch went
      },
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await fake?.close();
    await pool?.end();
    await db?.$disconnect();
  });

  it('sends each recipient the appeal exactly once', async () => {
    const { appealId, staffUserId } = await createSendableAppeal(db, {
      code: 'kill-appeal',
      projectId: (await db.project.findFirstOrThrow()).id,
    });
    expect(await startAppealSend({ db, appealId, staffUserId })).toEqual({ ok: true, status: 'SENDING' });

    // 1. Killed during the fan-out, once a page of recipients is committed.
    const first = startWorker();
    await waitFor('the first page of recipients', async () => (await progress(appealId)).recipients > 0, 60_000);
    await kill(first);
    const atFirstKill = await progress(appealId);
    expect(atFirstKill.recipients).toBeLessThan(DONORS);

    // 2. Restarted; killed the instant the fake accepts a batch, once some mail has gone.
    const second = startWorker();
    await waitFor('a few batches to be sent', async () => (await progress(appealId)).sent >= 300, 120_000);
    killOnNextBatch = second;
    await waitFor('the worker to die as the fake accepts a batch', () => !second.isAlive(), 30_000);
    await kill(second);
    const atSecondKill = await progress(appealId);
    expect(fake.messages().length).toBeGreaterThan(atSecondKill.sent);

    // 3. Restarted once more: the fan-out finishes from its cursor, the dead batch is resent under its key.
    startWorker();
    await waitFor(
      'the appeal to be sent',
      async () => {
        const now = await progress(appealId);
        return now.status === 'SENT' && now.recipients === DONORS && now.pending === 0;
      },
      240_000,
    );
    const end = await progress(appealId);
    expect(end).toEqual({ status: 'SENT', recipients: DONORS, sent: DONORS, pending: 0 });
    const perRecipient = new Map<string, number>();
    for (const message of fake.messages()) for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(fake.messages()).toHaveLength(DONORS);
    expect(perRecipient.size).toBe(DONORS);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    // The killed batch was replayed under its key: more calls than distinct keys.
    const batchKeys = new Set(fake.messages().map((message) => message.idempotencyKey));
    expect(fake.counts().batches).toBeGreaterThan(batchKeys.size);
  }, 420_000);
});
