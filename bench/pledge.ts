// npm run bench:pledge — 50 concurrent donors for 30 s through the /give action (a real form POST,
// as a browser without JavaScript sends it), with the Stripe emulator adding 250 ms to every API
// call. Prints pledges/s, latency percentiles, errors, and checks the database afterwards for
// duplicate Checkout sessions and pledges left without one. Issue #4 targets: ≥ 50 pledges/s,
// p99 ≤ 400 ms, 0 errors, 0 duplicate sessions.
import pg from 'pg';
import { startStripeEmulator } from '../tests/fakes/stripe.ts';
import { startPortal } from './lib.ts';

const DONORS = Number(process.env.BENCH_DONORS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const LATENCY_MS = process.env.BENCH_STRIPE_LATENCY_MS ?? '250';
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

const { embeddedDatabaseUrl } = await import('../app/services/embedded-postgres.server.ts');
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

const latencies: number[] = [];
let errors = 0;
const errorSamples = new Set<string>();
const deadline = Date.now() + SECONDS * 1000;

async function donor(): Promise<void> {
  while (Date.now() < deadline) {
    const started = performance.now();
    try {
      const response = await fetch(`${portal.origin}/give`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.origin },
        body: formBody(),
      });
      await response.arrayBuffer();
      const location = response.headers.get('location') ?? '';
      if (response.status >= 300 && response.status < 400 && location.includes('/c/pay/')) latencies.push(performance.now() - started);
      else {
        errors += 1;
        errorSamples.add(`${response.status} ${location}`.slice(0, 120));
      }
    } catch (error) {
      errors += 1;
      errorSamples.add((error as Error).message);
    }
  }
}

const startedAt = performance.now();
await Promise.all(Array.from({ length: DONORS }, donor));
const elapsed = (performance.now() - startedAt) / 1000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
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

console.log(`\npledge action: ${DONORS} donors for ${SECONDS} s, Stripe emulator latency ${LATENCY_MS} ms per call`);
console.log(`  pledges/s        ${(latencies.length / elapsed).toFixed(1)}   (${latencies.length} redirects to Checkout in ${elapsed.toFixed(1)} s)`);
console.log(`  latency ms       p50 ${percentile(latencies, 50).toFixed(0)}  p95 ${percentile(latencies, 95).toFixed(0)}  p99 ${percentile(latencies, 99).toFixed(0)}  max ${percentile(latencies, 100).toFixed(0)}`);
console.log(`  errors           ${errors}${errorSamples.size ? `  e.g. ${[...errorSamples].slice(0, 3).join(' | ')}` : ''}`);
console.log(`  new pledges      ${Number(pledgesAfter) - Number(pledgesBefore)}`);
console.log(`  duplicate sessions ${duplicates}   card pledges without a session ${orphans}`);
