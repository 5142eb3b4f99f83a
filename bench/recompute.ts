// npm run bench:recompute — time a full rebuild of the summary tables (and its verification) on
// DATABASE_URL, or else on the embedded database bench:seed-large built; then the scoped refresh
// a money writer runs in its own transaction (docs/decisions/009); then the nightly job (a recompute
// in one snapshot, compared with the stored tables: docs/decisions/024) and the full rebuild, each
// with a writer (scoped refreshes, one after another) and a reader (a page's summary queries) running
// beside it, to see whether either waits. Target for the nightly job: ≤ 30 s at 1,000,000 ledger
// rows, never blocking writers or readers.
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
process.env.DATABASE_URL ??= cluster!.urlFor('portal_large');
const { refreshFundingSummaries, verifyFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
const { getPrisma } = await import('../app/platform/db.server.ts');
const { reconcileFundingSummaries } = await import('../app/ledger/summaries/summary-reconcile-commands.server.ts');
const db = getPrisma();

for (let run = 1; run <= Number(process.env.BENCH_RUNS ?? 3); run += 1) {
  const tables: string[] = [];
  const started = performance.now();
  const result = await refreshFundingSummaries({ onTable: (table, ms, rows) => tables.push(`${table} ${Math.round(ms)} ms (${rows})`) });
  console.log(
    `full recompute #${run}: ${Math.round(performance.now() - started)} ms (${result.rows} project-years)\n  ${tables.join('\n  ')}`,
  );
}
// BENCH_VERIFY=0 skips the separate verification (the nightly job below compares as it goes).
if (process.env.BENCH_VERIFY !== '0') {
  const started = performance.now();
  const problems = await verifyFundingSummaries();
  console.log(`verify against the facts: ${Math.round(performance.now() - started)} ms, ${problems.length} differences`);
}

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

/** Runs `work` while a writer and a reader loop beside it; reports its time and their latencies. */
async function withTraffic(label: string, work: () => Promise<unknown>) {
  let running = true;
  const writes: number[] = [];
  const reads: number[] = [];
  const writer = (async () => {
    for (let i = 0; running; i += 1) {
      const pledge = pledges[i % pledges.length]!;
      const begun = performance.now();
      await db.$transaction(
        (tx) => refreshFundingSummaries({ db: tx, pledgeIds: [pledge.id], donorIds: [pledge.donorId], projectIds: [pledge.projectId] }),
        { timeout: 300_000, maxWait: 300_000 },
      );
      writes.push(performance.now() - begun);
    }
  })();
  const reader = (async () => {
    while (running) {
      const begun = performance.now();
      await db.$queryRaw`SELECT "donorKey", "paidUsdMinor" FROM donor_contribution_totals ORDER BY "paidUsdMinor" DESC LIMIT 10`;
      await db.$queryRaw`SELECT SUM("earmarkedUsdMinor")::bigint AS s FROM funding_summaries WHERE year = 2025`;
      reads.push(performance.now() - begun);
      await new Promise((done) => setTimeout(done, 20));
    }
  })();
  await new Promise((done) => setTimeout(done, 1000)); // both going before the work starts
  const begun = performance.now();
  await work();
  const ms = performance.now() - begun;
  running = false;
  await Promise.all([writer, reader]);
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const q = (p: number) => (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(0);
    return `${sorted.length} done, p50 ${q(50)} ms, p99 ${q(99)} ms, max ${q(100)} ms`;
  };
  console.log(
    `${label}: ${Math.round(ms)} ms\n  writer beside it (scoped refresh): ${stats(writes)}\n  reader beside it (two summary queries): ${stats(reads)}`,
  );
}

const steps: string[] = [];
await withTraffic('nightly job (recompute in a snapshot, compare, nothing to repair)', async () => {
  const { found } = await reconcileFundingSummaries({ onStep: (step, ms) => steps.push(`${step} ${Math.round(ms)} ms`) });
  if (found.count > 0) console.log(`  differences found and repaired: ${found.count}`);
});
console.log(`  ${steps.join('\n  ')}`);
await withTraffic("full rebuild (the nightly job before: TRUNCATE and rewrite under the writers' lock)", () => refreshFundingSummaries());

await db.$disconnect();
await cluster?.stop();
