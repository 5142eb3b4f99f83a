// Issue #11 items 1 and 8 for `npm run worker`, with real process kills:
// - PostgreSQL's postmaster gets SIGKILL while the worker is sending an email: the worker lives,
//   restarts its job runner when PostgreSQL is back, and the email goes out once;
// - the worker itself gets SIGKILL while sending: another worker sends that email within the
//   heartbeat window (not graphile-worker's four hours), once.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../../app/boot.server.ts';
import { createPrismaClient } from '../../../../app/platform/db.server.ts';
import { enqueueEmail } from '../../../../app/platform/email/outbox.server.ts';
import { parseEnv } from '../../../../app/platform/env.server.ts';
import {
  sleep,
  spawnTsx,
  startHeldMailServer,
  startKillablePostgres,
  waitFor,
  type ChildOutput,
  type HeldMailServer,
  type KillablePostgres,
} from './process-harness.ts';

// Short windows for the test (production defaults: 15 s heartbeats, 60 s staleness).
const HEARTBEAT_MS = 300;
const STALE_AFTER_MS = 2000;

let postgres: KillablePostgres;
let databaseUrl: string;
let mail: HeldMailServer;
const workers: ChildOutput[] = [];

function startWorkerProcess(): ChildOutput {
  const worker = spawnTsx('scripts/worker.ts', {
    DATABASE_URL: databaseUrl,
    PORTAL_MODE: 'demo',
    RESEND_BASE_URL: mail.url,
    RESEND_API_KEY: 're_test_outage',
    WORKER_CONCURRENCY: '2',
    JOB_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
    JOB_LOCK_STALE_AFTER_MS: String(STALE_AFTER_MS),
  });
  workers.push(worker);
  return worker;
}

async function queueEmail(key: string): Promise<string> {
  const db = createPrismaClient(databaseUrl);
  try {
    const email = await enqueueEmail({
      db,
      template: 'sign-in-link',
      to: 'staff@example.org',
      locale: 'en',
      props: { url: 'https://portal.example.org/login/verify?token=x', expiresInMinutes: 10 },
      idempotencyKey: key,
    });
    return email.id;
  } finally {
    await db.$disconnect();
  }
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const emailStatus = async (id: string) =>
  (await query<{ status: string }>('SELECT status FROM email_outbox WHERE id = $1', [id]))[0]?.status;
const jobsLeft = async () => Number((await query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.jobs'))[0]?.n);

describe('the stand-alone worker through a PostgreSQL outage and its own death (real SIGKILL)', () => {
  beforeAll(async () => {
    postgres = await startKillablePostgres('test-outage-worker');
    databaseUrl = postgres.urlFor('portal');
    await prepareDatabase({ env: parseEnv({ DATABASE_URL: databaseUrl, PORTAL_MODE: 'demo' }), log: () => undefined });
  }, 60_000);

  afterEach(async () => {
    if (process.env.OUTAGE_TEST_LOG) for (const worker of workers) console.log(worker.output());
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await mail?.close();
  });

  afterAll(async () => {
    await postgres?.destroy();
  });

  it('lives while PostgreSQL is killed mid-job, restarts its runner when it is back, and the email goes out once', async () => {
    mail = await startHeldMailServer();
    const emailId = await queueEmail('outage:postgres-killed');
    const worker = startWorkerProcess();
    await waitFor('the worker to call the mail provider', () => mail.received.length === 1, 30_000);

    await postgres.kill();
    mail.release(); // the send succeeds, but recording it (and then the failure) cannot reach PostgreSQL
    await sleep(3000);
    expect(worker.isAlive(), worker.output()).toBe(true);

    await postgres.restart();
    await waitFor('the email to be recorded as sent', async () => (await emailStatus(emailId).catch(() => undefined)) === 'SENT', 60_000);
    await waitFor('the job to be done', async () => (await jobsLeft()) === 0, 30_000);
    expect(worker.isAlive()).toBe(true);
    // Every call carried the key of the one batch the email was claimed into (decision 036).
    expect([...new Set(mail.received)]).toEqual([expect.stringMatching(/^batch:/)]);
    expect(mail.delivered.size).toBe(1);
  }, 150_000);

  it('a job held by a worker killed with SIGKILL runs again on another worker within the heartbeat window, once', async () => {
    mail = await startHeldMailServer();
    const emailId = await queueEmail('outage:worker-killed');
    const first = startWorkerProcess();
    await waitFor('the first worker to call the mail provider', () => mail.received.length === 1, 30_000);
    const [locked] = await query<{ locked_by: string | null }>(
      `SELECT locked_by FROM graphile_worker.jobs WHERE task_identifier = 'send-email'`,
    );
    expect(locked?.locked_by).toBeTruthy();

    first.child.kill('SIGKILL');
    await waitFor('the first worker to die', () => !first.isAlive());
    mail.release();
    const second = startWorkerProcess();
    await waitFor('the email to be sent by the second worker', async () => (await emailStatus(emailId)) === 'SENT', 30_000);
    await waitFor('the job to be done', async () => (await jobsLeft()) === 0, 10_000);
    expect(second.isAlive()).toBe(true);
    // The dead worker's request never got its answer; the second one's did: one message.
    // Both calls carried the same batch key (the second worker resumed the batch the first claimed).
    const batchKey = mail.received[0];
    expect(batchKey).toMatch(/^batch:/);
    expect(mail.received).toEqual([batchKey, batchKey]);
    expect(mail.delivered.size).toBe(1);
    const [row] = await query<{ providerMessageId: string }>('SELECT "providerMessageId" FROM email_outbox WHERE id = $1', [emailId]);
    expect(row?.providerMessageId).toBe(mail.delivered.get(batchKey!));
  }, 120_000);
});
