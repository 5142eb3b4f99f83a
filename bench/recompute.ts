// npm run bench:recompute — time a full funding-summaries rebuild (and its verification) on
// DATABASE_URL, or else on the embedded database bench:seed-large built. Target: ≤ 1 s at
// 1,000,000 ledger rows.
import { startEmbeddedPostgres } from '../app/services/embedded-postgres.server.ts';

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
process.env.DATABASE_URL ??= cluster!.urlFor('portal_large');
const { refreshFundingSummaries, verifyFundingSummaries } = await import('../app/models/funding-summary.server.ts');
const { getPrisma } = await import('../app/utils/db.server.ts');

for (let run = 1; run <= 3; run += 1) {
  const started = performance.now();
  const result = await refreshFundingSummaries();
  console.log(`full recompute #${run}: ${Math.round(performance.now() - started)} ms (${result.rows} project-years)`);
}
const started = performance.now();
const problems = await verifyFundingSummaries();
console.log(`verify against the facts: ${Math.round(performance.now() - started)} ms, ${problems.length} differences`);
await getPrisma().$disconnect();
await cluster?.stop();
