// npm run bench:login-timing — how long POST /login takes for a staff address that exists and
// for one that does not (issue #11 item 6: the two must not be told apart by timing); with the
// argument `account` (npm run bench:login-timing -- account), POST /account/sign-in for a donor's
// address and for one that is no donor's (issue #14, decision 041). Calls the
// route's action in this process, as the server does, against a scratch database on the server of
// BENCH_DATABASE_URL (or DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres), dropped
// afterwards. Known and unknown requests alternate, each from its own address and to its own email,
// so rate limits never answer. Prints median and p90 per kind and the difference of the medians.
import { randomBytes } from 'node:crypto';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { applyMigrations, ensureDatabase } from '../app/platform/database/migrations.server.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 20;
const server = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const databaseName = `bench_login_${randomBytes(4).toString('hex')}`;
server.pathname = `/${databaseName}`;
const databaseUrl = server.toString();

await ensureDatabase(databaseUrl);
await applyMigrations(databaseUrl);
await runMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => undefined) });
process.env.DATABASE_URL = databaseUrl;
process.env.WORKER_MODE = 'off';

const isAccount = process.argv.includes('account');
const path = isAccount ? '/account/sign-in' : '/login';
const { action } = isAccount ? await import('../app/routes/account.sign-in.tsx') : await import('../app/routes/login.tsx');
const { createStaff } = await import('../app/staff/staff-user-commands.server.ts');
const { disconnectPrisma, getPrisma } = await import('../app/platform/db.server.ts');

const total = ROUNDS + WARMUP;
for (let i = 0; i < total; i += 1) {
  if (isAccount)
    await getPrisma().donor.create({ data: { type: 'INDIVIDUAL', email: `staff${i}@example.org`, displayName: `Donor ${i}` } });
  else await createStaff({ email: `staff${i}@example.org`, name: `Staff ${i}`, roles: ['FINANCE'] });
}

async function timeLogin(email: string, i: number): Promise<number> {
  const request = new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { Origin: 'http://localhost:3000', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(isAccount ? { email } : { email, redirectTo: '/staff' }).toString(),
  });
  const context = { cspNonce: 'bench', clientIp: `198.51.${Math.floor(i / 250)}.${i % 250}` };
  const started = process.hrtime.bigint();
  await action({ request, params: {}, context });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const known: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < total; i += 1) {
  // Alternate which kind goes first, so neither always follows the other.
  const pair: [string, number[]][] = [
    [`staff${i}@example.org`, known],
    [`nobody${i}@example.org`, unknown],
  ];
  if (i % 2 === 1) pair.reverse();
  for (const [email, into] of pair) {
    const ms = await timeLogin(email, 2 * i + into.length);
    if (i >= WARMUP) into.push(ms);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const row = (name: string, values: number[]) =>
  `${name.padEnd(8)} median ${percentile(values, 50).toFixed(2)} ms   p90 ${percentile(values, 90).toFixed(2)} ms   (n=${values.length})`;
console.log(`POST ${path}, in-process action, ${ROUNDS} requests each`);
console.log(row('known', known));
console.log(row('unknown', unknown));
console.log(`median difference (known − unknown): ${(percentile(known, 50) - percentile(unknown, 50)).toFixed(2)} ms`);

await disconnectPrisma();
const admin = new pg.Client({ connectionString: new URL('/postgres', server).toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
await admin.end();
