// npm run bench:recompute — time a full rebuild of the summary tables (and its verification) on
// DATABASE_URL, or else on the embedded database bench:seed-large built; then the scoped refresh
// a money writer runs in its own transaction (docs/decisions/009). Target for the full rebuild:
// ≤ 1 s at 1,000,000 ledger rows.
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
process.env.DATABASE_URL ??= cluster!.urlFor('portal_large');
const { refreshFundingSummaries, verifyFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
const { getPrisma } = await import('../app/platform/db.server.ts');
const db = getPrisma();

for (let run = 1; run <= Number(process.env.BENCH_RUNS ?? 3); run += 1) {
  const tables: string[] = [];
  const started = performance.now();
  const result = await refreshFundingSummaries({ onTable: (table, ms, rows) => tables.push(`${table} ${Math.round(ms)} ms (${rows})`) });
  console.log(
    `full recompute #${run}: ${Math.round(performance.now() - started)} ms (${result.rows} project-years)\n  ${tables.join('\n  ')}`,
  );
}
const started = performance.now();
const problems = await verifyFundingSummaries();
console.log(`verify against the facts: ${Math.round(performance.now() - started)} ms, ${problems.length} differences`);

// What a writer pays: a payment on a promise touches its pledge, donor and project.
const pledges = await db.$queryRaw<{ id: string; donorId: string; projectId: string }[]>`
  SELECT id::text AS id, "donorId"::text AS "donorId", "projectId"::text AS "projectId" FROM pledges
  WHERE "earmarkType" = 'PROJECT' AND frequency = 'INSTALMENTS' ORDER BY reference LIMIT 40`;
const times: number[] = [];
for (const pledge of pledges) {
  const begun = performance.now();
  await db.$transaction((tx) =>
    refreshFundingSummaries({ db: tx, pledgeIds: [pledge.id], donorIds: [pledge.donorId], projectIds: [pledge.projectId] }),
  );
  times.push(performance.now() - begun);
}
times.sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!.toFixed(1);
console.log(`scoped refresh for one payment (pledge, donor, project), in its transaction: p50 ${at(50)} ms, p95 ${at(95)} ms`);
await db.$disconnect();
await cluster?.stop();
