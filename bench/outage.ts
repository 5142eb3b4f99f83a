// npm run bench:outage — the crash/outage run of issue #11: the portal (web + in-process worker)
// on its own PostgreSQL takes a pledge burst (donors pledging and paying through the Stripe
// emulator, whose webhooks come back to the portal) and a webhook burst (every event delivered a
// second time), while the PostgreSQL postmaster is killed with SIGKILL twice and restarted on the
// same data directory. Prints: whether the portal process lived throughout, how /healthz and
// /readyz answered, readiness red→green per outage, pledges / payments / events / emails expected
// vs recorded (nothing lost, nothing doubled) and the ledger check. Figures go in docs/performance.md.
// BENCH_PORTAL_LOG=<file> keeps the portal's own log of the run.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import Stripe from 'stripe';
import { startResendFake } from '../tests/fakes/resend.ts';
import { startStripeEmulator } from '../tests/fakes/stripe.ts';
import { freePort, sleep, spawnTsx, startKillablePostgres, waitFor } from '../tests/unit/platform/outage/process-harness.ts';

const DONORS = Number(process.env.BENCH_DONORS ?? 8);
/** Load before the first outage, each outage's length, and load after each outage once green. */
const LEAD_SECONDS = 8;
const DOWN_SECONDS = 6;
const GREEN_SECONDS = 8;
const OUTAGE_COUNT = 2;
const secret = 'whsec_bench_outage';
const log = (line: string) => console.log(`[bench] ${line}`);

const postgres = await startKillablePostgres('bench-outage');
const databaseUrl = postgres.urlFor('portal');
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const mail = await startResendFake({ port: await freePort() });
const emulator = await startStripeEmulator({
  port: await freePort(),
  webhookUrl: `${origin}/webhooks/stripe`,
  webhookSecret: secret,
  // Stripe retries for days; the emulator's doubling from 500 ms covers an outage of minutes.
  retryBaseMs: 500,
  maxDeliveryAttempts: 12,
});
const portal = spawnTsx('server.ts', {
  DATABASE_URL: databaseUrl,
  PORTAL_MODE: 'demo',
  WORKER_MODE: 'inline',
  PORT: String(port),
  HOST: '127.0.0.1',
  APP_ORIGIN: origin,
  STRIPE_API_BASE: emulator.url,
  STRIPE_SECRET_KEY: 'sk_test_bench_outage',
  STRIPE_WEBHOOK_SECRET: secret,
  RESEND_BASE_URL: mail.url,
  RESEND_API_KEY: 're_bench_outage',
  WRITE_RATE_LIMIT: '100000000',
  PLEDGE_RATE_LIMIT: '100000000',
  JOB_HEARTBEAT_INTERVAL_MS: '2000',
  JOB_LOCK_STALE_AFTER_MS: '10000',
});
let portalExit: string | undefined;
portal.child.once('exit', (code, signal) => (portalExit = `exited (code ${code}, signal ${signal})`));
await waitFor('the portal to start', () => /ready on/.test(portal.output()) || !portal.isAlive(), 180_000);
if (!portal.isAlive()) throw new Error(`portal did not start:\n${portal.output()}`);

const database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
database.on('error', () => undefined);
const count = async (sql: string, values: unknown[] = []) => Number((await database.query<{ n: string }>(sql, values)).rows[0]?.n ?? 0);
const cardPledgesWithoutSession = `SELECT count(*) AS n FROM pledges p WHERE p.method = 'CARD' AND NOT EXISTS (SELECT 1 FROM checkout_sessions c WHERE c."pledgeId" = p.id)`;
const before = {
  withoutSession: await count(cardPledgesWithoutSession),
  pledges: await count('SELECT count(*) AS n FROM pledges'),
  payments: await count(`SELECT count(*) AS n FROM payments WHERE provider = 'STRIPE'`),
  emails: await count('SELECT count(*) AS n FROM email_outbox'),
  sessions: await count('SELECT count(*) AS n FROM checkout_sessions'),
};

// Health probes every 100 ms, all through the run.
const probes = { healthz: new Map<number, number>(), readyz: new Map<number, number>() };
const readiness: Array<{ at: number; ready: boolean }> = [];
const started = Date.now();
let probing = true;
const probeLoop = (async () => {
  while (probing) {
    for (const path of ['healthz', 'readyz'] as const) {
      const status = await fetch(`${origin}/${path}`, { signal: AbortSignal.timeout(3000) }).then(
        (response) => response.status,
        () => 0,
      );
      probes[path].set(status, (probes[path].get(status) ?? 0) + 1);
      if (path === 'readyz') {
        const ready = status === 200;
        if (readiness.at(-1)?.ready !== ready) readiness.push({ at: Date.now() - started, ready });
      }
    }
    await sleep(100);
  }
})();

// The pledge burst: each donor pledges, pays at the emulator, and pledges again; a refusal (503
// during an outage) is tried again a second later, as a person would.
const tally = { attempts: 0, accepted: 0, refused: new Map<number, number>(), paid: 0, payFailed: 0 };
let sequence = 0;
let loadOver = false;
async function donor(): Promise<void> {
  while (!loadOver) {
    sequence += 1;
    const body = new URLSearchParams({
      amount: String(20 + (sequence % 80)),
      currency: sequence % 3 === 0 ? 'EUR' : 'USD',
      frequency: 'once',
      method: 'card',
      ...(sequence % 2 === 0 ? { earmark: 'general' } : { earmark: 'project', project: 'GLOT59' }),
      donorType: 'individual',
      givenName: 'Outage',
      familyName: `Donor ${sequence}`,
      email: `outage-${sequence}@example.org`,
      website: '',
    }).toString();
    tally.attempts += 1;
    const response = await fetch(`${origin}/give`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body,
    }).catch(() => undefined);
    await response?.arrayBuffer().catch(() => undefined);
    const sessionId = (response?.headers.get('location') ?? '').split('/c/pay/')[1];
    if (!response || !sessionId) {
      const status = response?.status ?? 0;
      tally.refused.set(status, (tally.refused.get(status) ?? 0) + 1);
      await sleep(1000);
      continue;
    }
    tally.accepted += 1;
    try {
      await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
      tally.paid += 1;
    } catch {
      tally.payFailed += 1;
    }
  }
}

// The webhook burst: every event the emulator has made is delivered once more by us, signed, in
// bursts of 20 at a time (Stripe does deliver twice); a refusal is retried until acknowledged.
const stripe = new Stripe('sk_test_bench_outage');
const replayed = new Set<string>();
const replayTally = { deliveries: 0, refused: 0 };
async function replayBurst(): Promise<void> {
  const events = emulator.events().filter((event) => !replayed.has(event.id));
  for (const event of events) replayed.add(event.id);
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < events.length) {
        const event = events[next++]!;
        const payload = JSON.stringify(event);
        for (;;) {
          replayTally.deliveries += 1;
          const status = await fetch(`${origin}/webhooks/stripe`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }),
            },
            body: payload,
          }).then(
            (response) => response.status,
            () => 0,
          );
          if (status === 200) break;
          replayTally.refused += 1;
          await sleep(1000);
        }
      }
    }),
  );
}
const replayLoop = (async () => {
  while (!loadOver) {
    await sleep(2000);
    await replayBurst();
  }
})();

// The outages: the next one starts once readiness has been green again for a while.
const outageLog: Array<{ killAt: number; restartAt: number; restartMs: number }> = [];
const secondsNow = () => ((Date.now() - started) / 1000).toFixed(1);
const outageLoop = (async () => {
  await sleep(LEAD_SECONDS * 1000);
  for (let n = 0; n < OUTAGE_COUNT; n += 1) {
    const killAt = Date.now() - started;
    await postgres.kill();
    log(`t=${secondsNow()} s: PostgreSQL postmaster killed (SIGKILL)`);
    await sleep(DOWN_SECONDS * 1000);
    const restartStarted = Date.now();
    await postgres.restart();
    const restartAt = Date.now() - started;
    outageLog.push({ killAt, restartAt, restartMs: Date.now() - restartStarted });
    log(
      `t=${secondsNow()} s: PostgreSQL restarted on the same data directory and port (start + crash recovery ${Date.now() - restartStarted} ms)`,
    );
    await waitFor('readiness to turn green', () => readiness.at(-1)?.ready === true, 120_000).catch((error: Error) => {
      console.log(portal.output().slice(-6000));
      throw error;
    });
    await sleep(GREEN_SECONDS * 1000);
  }
  loadOver = true;
})();

await Promise.all([...Array.from({ length: DONORS }, donor), replayLoop, outageLoop]);
log(`load over at t=${((Date.now() - started) / 1000).toFixed(1)} s; last webhook burst, then waiting for the work to settle`);
await replayBurst();
await emulator.waitForDeliveries();

// Settled: every event applied, no job or inbox row left, every email sent.
const eventIds = emulator.events().map((event) => event.id);
const settleStarted = Date.now();
const drained = await waitFor(
  'the queue to drain',
  async () => {
    const pending = await count(
      `SELECT (SELECT count(*) FROM stripe_event_inbox) + (SELECT count(*) FROM graphile_worker.jobs WHERE run_at <= now() + interval '5 seconds' AND attempts < max_attempts)
        + (SELECT count(*) FROM email_outbox WHERE status <> 'SENT') AS n`,
    ).catch(() => 1);
    return pending === 0;
  },
  300_000,
).then(
  () => true,
  () => false,
);
const settleSeconds = (Date.now() - settleStarted) / 1000;
probing = false;
await probeLoop;

const after = {
  pledges: await count('SELECT count(*) AS n FROM pledges'),
  payments: await count(`SELECT count(*) AS n FROM payments WHERE provider = 'STRIPE'`),
  emails: await count('SELECT count(*) AS n FROM email_outbox'),
  sessions: await count('SELECT count(*) AS n FROM checkout_sessions'),
  withoutSession: await count(cardPledgesWithoutSession),
  appliedEvents: await count('SELECT count(*) AS n FROM processed_webhook_events WHERE id = ANY($1)', [eventIds]),
  duplicateSessions: await count('SELECT count(*) AS n FROM (SELECT "pledgeId" FROM checkout_sessions GROUP BY 1 HAVING count(*) > 1) d'),
  unsent: await count(`SELECT count(*) AS n FROM email_outbox WHERE status <> 'SENT'`),
  givenUpJobs: (
    await database.query<{ task: string; n: string }>(
      "SELECT task_identifier || coalesce(' (key ' || key || ', ' || attempts || '/' || max_attempts || ')', '') AS task, count(*) AS n FROM graphile_worker.jobs WHERE attempts >= max_attempts GROUP BY 1",
    )
  ).rows,
};
const messages = mail.messages();
const keys = new Map<string, number>();
for (const message of messages) keys.set(message.idempotencyKey ?? message.id, (keys.get(message.idempotencyKey ?? message.id) ?? 0) + 1);
const doubledEmails = [...keys.values()].filter((n) => n > 1).length;
await database.end();

process.env.DATABASE_URL = databaseUrl;
const { checkLedger } = await import('../app/ledger/check/ledger-check-queries.server.ts');
const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
const problems = await checkLedger({ db: getPrisma() });
await disconnectPrisma();

const aliveThroughout = portalExit === undefined && portal.isAlive();
const survivedLines =
  portal.output().match(/ignored after a lost database connection|the job runner stopped|job runner restarting|released jobs locked/g) ??
  [];
await portal.stop();
if (process.env.BENCH_PORTAL_LOG) writeFileSync(process.env.BENCH_PORTAL_LOG, portal.output());
await emulator.close();
await mail.close();
await postgres.destroy();

const transitions = readiness.map(({ at, ready }) => `${ready ? 'green' : 'red'} at ${(at / 1000).toFixed(1)} s`).join(', ');
const show = (map: Map<number, number>) => [...map].map(([status, n]) => `${status === 0 ? 'no answer' : status}×${n}`).join(', ');
const verdict = (ok: boolean) => (ok ? 'ok' : 'FAILED');

console.log(
  `\ncrash/outage run: ${DONORS} donors pledging and paying, webhook bursts every 2 s; PostgreSQL SIGKILLed ${outageLog.length} times, each restarted after ${DOWN_SECONDS} s`,
);
console.log(`  portal process    ${aliveThroughout ? 'alive throughout (same pid)' : `DIED: ${portalExit}`}`);
console.log(`  /healthz          ${show(probes.healthz)}`);
console.log(`  /readyz           ${show(probes.readyz)}`);
console.log(`  readiness         ${transitions}`);
for (const [index, outage] of outageLog.entries()) {
  const red = readiness.find((entry) => !entry.ready && entry.at >= outage.killAt)?.at;
  const green = readiness.find((entry) => entry.ready && entry.at >= outage.killAt)?.at;
  const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `  outage ${index + 1}          killed at ${at(outage.killAt)}; readiness red ${red === undefined ? 'never' : `${at(red - outage.killAt)} after the kill`}; PostgreSQL restarted at ${at(outage.restartAt - outage.restartMs)}, accepting connections at ${at(outage.restartAt)}; readiness green ${green === undefined ? 'never' : `${at(green - outage.restartAt)} after that`}`,
  );
}
console.log(
  `  pledge form       ${tally.attempts} posts: ${tally.accepted} accepted, refused ${show(tally.refused) || 'none'} (tried again)`,
);
console.log(
  `  pledges           accepted ${tally.accepted}, with a Checkout session ${after.sessions - before.sessions} (duplicated ${after.duplicateSessions}); rows ${after.pledges - before.pledges}, of which ${after.withoutSession - before.withoutSession} card pledges without a session (form answered 5xx, no money)`,
);
console.log(
  `  payments          expected ${tally.paid} (paid at the emulator; ${tally.payFailed} payment calls failed), recorded ${after.payments - before.payments}`,
);
console.log(
  `  webhook events    ${eventIds.length} made, ${emulator.deliveries().length} deliveries by the emulator + ${replayTally.deliveries} by the burst (${replayTally.refused} refused and retried); applied ${after.appliedEvents}`,
);
console.log(
  `  emails            ${after.emails - before.emails} new outbox rows; all rows sent but ${after.unsent}; the provider received ${messages.length} messages for ${keys.size} idempotency keys, doubled ${doubledEmails}`,
);
console.log(
  `  jobs given up     ${after.givenUpJobs.map((row) => `${row.task}×${row.n}`).join(', ') || 'none'} (graphile-worker keeps a job that reached max_attempts)`,
);
console.log(`  settled           ${drained ? `${settleSeconds.toFixed(1)} s after the load` : 'NOT within 300 s'}`);
console.log(`  recoveries        ${survivedLines.length} log lines of recovery (runner restarts, released locks, ignored rejections)`);
console.log(
  `  ledger check      ${problems.length === 0 ? 'passes' : `${problems.length} problems:\n    ${problems.slice(0, 10).join('\n    ')}`}`,
);
const ok =
  drained &&
  aliveThroughout &&
  after.sessions - before.sessions === tally.accepted &&
  after.payments - before.payments === tally.paid &&
  after.appliedEvents === eventIds.length &&
  after.duplicateSessions === 0 &&
  after.unsent === 0 &&
  doubledEmails === 0 &&
  problems.length === 0;
console.log(`  verdict           ${verdict(ok)}: ${ok ? 'nothing lost, nothing doubled' : 'see above'}`);
process.exit(ok ? 0 : 1);
