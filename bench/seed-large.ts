// npm run bench:seed-large — a database with ~1,000,000 ledger rows for the speed benchmarks:
// the demo seed, plus 182 more projects (200 in all) with ten years of requirements, 50,000
// donors and 200,000 pledges over five years with what follows from them. The mix is the one the
// portal expects, so every summary has real work to do:
//   55 % one-off card gifts (5 % of them abandoned at checkout: a pledge row and no payment),
//   15 % one-off bank-transfer pledges (some overdue, some paid in part), 20 % pledges in three
//   yearly instalments (future ones open), 10 % monthly card gifts (five payments each);
//   70 % earmarked to a project, 10 % to a programme, 20 % general-purpose; 1 % of card payments
//   refunded (with the reversing allocation); 2 % of bank pledges cancelled, 1 % written off.
// Target: DATABASE_URL's server, else an embedded cluster in .data/bench-large; the database is
// BENCH_DATABASE (default portal_large; engineers sharing one server each use their own name),
// recreated each run. Then a full summaries rebuild, timed. The rows: bench/large-ledger.ts.
import pg from 'pg';
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';
import { createPrismaClient } from '../app/platform/db.server.ts';
import { refreshFundingSummaries } from '../app/ledger/summaries/summary-commands.server.ts';
import { seedLargeLedger } from './large-ledger.ts';

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
const serverUrl = process.env.DATABASE_URL ? process.env.DATABASE_URL.replace(/\/[^/]*$/, '') : cluster!.serverUrl;
const databaseName = process.env.BENCH_DATABASE ?? 'portal_large';
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName) || ['postgres', 'template0', 'template1'].includes(databaseName))
  throw new Error(`BENCH_DATABASE=${databaseName}: not a database this script may drop and recreate`);
const url = `${serverUrl}/${databaseName}`;

const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${databaseName}`);
await admin.end();

const db = createPrismaClient(url);
await seedLargeLedger({ url, db, pledges: Number(process.env.BENCH_PLEDGES ?? 200_000) });

for (let run = 1; run <= 3; run += 1) {
  const t = performance.now();
  const result = await refreshFundingSummaries({ db });
  console.log(`full summaries recompute #${run}: ${Math.round(performance.now() - t)} ms (${result.rows} project-years)`);
}
await db.$disconnect();
// A server with autovacuum (the default) would have analysed the rebuilt summaries and set their
// visibility maps by the time pages read them; this machine's server runs without it, so do it here.
const vacuum = new pg.Client({ connectionString: url });
await vacuum.connect();
const started = performance.now();
await vacuum.query('VACUUM ANALYZE');
await vacuum.end();
console.log(`VACUUM ANALYZE: ${Math.round(performance.now() - started)} ms`);
console.log(`DATABASE_URL=${url}`);
await cluster?.stop();
