// npm run bench:pledge — 50 concurrent donors for 30 s through the /give action (a real form POST,
// as a browser without JavaScript sends it), with the Stripe emulator adding 250 ms to every API
// call. Two phases, each on its own figures:
// - paced: each of the 50 donors starts a pledge every second (50 pledges/s offered, the issue's
//   load); latency counts from when a pledge was due to start, so a pledge that waits behind a
//   slow one is charged the wait (no coordinated omission);
// - saturated: each donor sends the next pledge as soon as the last one answers, which finds the
//   most pledges/s the machine can take (there latency is simply donors ÷ throughput).
// Prints pledges/s, latency percentiles, errors, and checks the database afterwards for duplicate
// Checkout sessions and pledges left without one. Issue #4 targets: ≥ 50 pledges/s, p99 ≤ 400 ms,
// 0 errors, 0 duplicate sessions. BENCH_PHASES=paced (or saturated) runs one phase only.
import { rmSync } from 'node:fs';
import pg from 'pg';
import { startStripeEmulator } from '../tests/fakes/stripe.ts';
import { startPortal } from './lib.ts';

// Every run starts from an empty database (BENCH_KEEP_DATA=1 keeps the last one): a ledger grown
// by earlier runs makes runs incomparable.
if (!process.env.BENCH_KEEP_DATA) rmSync('.data/bench-giving', { recursive: true, force: true });

const DONORS = Number(process.env.BENCH_DONORS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const LATENCY_MS = process.env.BENCH_STRIPE_LATENCY_MS ?? '250';
const PHASES = (process.env.BENCH_PHASES ?? 'paced,saturated').split(',');
const PACE_PER_DONOR_PER_S = Number(process.env.BENCH_PACE ?? 1);
const port = 3300;
const pgPort = 54389;

// Stripe stands apart from the portal, as the real one does: the emulator runs in this process.
const emulator = await startStripeEmulator({ port: 3326, webhookSecret: 'whsec_bench_pledge', latencyMs: Number(LATENCY_MS) });
emulator.setWebhook({ url: null });
const portal = await startPortal({
  port,
  env: {
    PORTAL_DATA_DIR: '.data/bench-giving',
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_MAIL_PORT: '3325',
    STRIPE_API_BASE: emulator.url,
    STRIPE_SECRET_KEY: 'sk_test_bench_pledge',
    STRIPE_WEBHOOK_SECRET: 'whsec_bench_pledge',
    // One machine plays 50 donors from one address: lift the per-IP ceilings for this run only.
    WRITE_RATE_LIMIT: '100000000',
    PLEDGE_RATE_LIMIT: '100000000',
  },
});

const { embeddedDatabaseUrl } = await import('../app/platform/database/embedded-postgres.server.ts');
const database = new pg.Client({ connectionString: embeddedDatabaseUrl(pgPort, 'portal') });
await database.connect();
const [{ n: pledgesBefore }] = (await database.query<{ n: string }>('SELECT count(*) AS n FROM pledges')).rows as [{ n: string }];

const currencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'KWD'];
let sequence = 0;
function formBody(): string {
  sequence += 1;
  const currency = currencies[sequence % currencies.length]!;
  return new URLSearchParams({
    amount: currency === 'JPY' ? '5000' : currency === 'KWD' ? '15.250' : '50',
    currency,
    frequency: sequence % 5 === 0 ? 'monthly' : 'once',
    method: 'card',
    earmark: 'general',
    donorType: 'individual',
    givenName: 'Bench',
    familyName: `Donor ${sequence}`,
    email: `bench-${Date.now()}-${sequence}@example.org`,
    website: '',
  }).toString();
}

interface Phase {
  latencies: number[];
  errors: number;
  errorSamples: Set<string>;
  elapsed: number;
}

/** One pledge through the form; returns its latency, or records why it failed. */
async function pledgeOnce(phase: Phase, startedAt: number): Promise<void> {
  try {
    const response = await fetch(`${portal.origin}/give`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.origin },
      body: formBody(),
    });
    await response.arrayBuffer();
    const location = response.headers.get('location') ?? '';
    if (response.status >= 300 && response.status < 400 && location.includes('/c/pay/'))
      phase.latencies.push(performance.now() - startedAt);
    else {
      phase.errors += 1;
      phase.errorSamples.add(`${response.status} ${location}`.slice(0, 120));
    }
  } catch (error) {
    phase.errors += 1;
    phase.errorSamples.add((error as Error).message);
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

async function runPhase(kind: string): Promise<Phase> {
  const phase: Phase = { latencies: [], errors: 0, errorSamples: new Set(), elapsed: 0 };
  const startedAt = performance.now();
  const end = startedAt + SECONDS * 1000;
  const interval = 1000 / PACE_PER_DONOR_PER_S;
  await Promise.all(
    Array.from({ length: DONORS }, async (_, donorIndex) => {
      if (kind === 'saturated') {
        while (performance.now() < end) await pledgeOnce(phase, performance.now());
        return;
      }
      // Donors start spread over the first interval, then each keeps its own once-a-second schedule.
      for (let due = startedAt + (donorIndex * interval) / DONORS; due < end; due += interval) {
        await sleep(due - performance.now());
        await pledgeOnce(phase, due);
      }
    }),
  );
  phase.elapsed = (performance.now() - startedAt) / 1000;
  return phase;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const results: [string, Phase][] = [];
for (const kind of PHASES) results.push([kind, await runPhase(kind)]);

const duplicates = (await database.query('SELECT "pledgeId" FROM checkout_sessions GROUP BY "pledgeId" HAVING count(*) > 1')).rowCount;
const orphans = (
  await database.query(
    `SELECT p.id FROM pledges p LEFT JOIN checkout_sessions c ON c."pledgeId" = p.id
     WHERE p.method = 'CARD' AND p.frequency <> 'INSTALMENTS' AND c.id IS NULL AND p."pledgedAt" > now() - interval '1 hour'`,
  )
).rowCount;
const [{ n: pledgesAfter }] = (await database.query<{ n: string }>('SELECT count(*) AS n FROM pledges')).rows as [{ n: string }];
await database.end();
await portal.stop();
await emulator.close();

console.log(`\npledge action: ${DONORS} donors, ${SECONDS} s per phase, Stripe emulator latency ${LATENCY_MS} ms per call`);
for (const [kind, phase] of results) {
  const offered = kind === 'paced' ? `, ${DONORS * PACE_PER_DONOR_PER_S} pledges/s offered` : ', back to back';
  console.log(`${kind}${offered}`);
  console.log(
    `  pledges/s        ${(phase.latencies.length / phase.elapsed).toFixed(1)}   (${phase.latencies.length} redirects to Checkout in ${phase.elapsed.toFixed(1)} s)`,
  );
  console.log(
    `  latency ms       p50 ${percentile(phase.latencies, 50).toFixed(0)}  p95 ${percentile(phase.latencies, 95).toFixed(0)}  p99 ${percentile(phase.latencies, 99).toFixed(0)}  max ${percentile(phase.latencies, 100).toFixed(0)}`,
  );
  console.log(
    `  errors           ${phase.errors}${phase.errorSamples.size ? `  e.g. ${[...phase.errorSamples].slice(0, 3).join(' | ')}` : ''}`,
  );
}
console.log(`new pledges        ${Number(pledgesAfter) - Number(pledgesBefore)}`);
console.log(`duplicate sessions ${duplicates}   card pledges without a session ${orphans}`);
