// npm run bench:page-data — time the uncached data of each public page (the read-model calls its
// loader makes), against DATABASE_URL, or else the embedded database bench:seed-large built.
// Prints p50/p95 per page over BENCH_RUNS runs. The in-process cache is off in scripts, so every
// run queries PostgreSQL.
import { startEmbeddedPostgres } from '../app/services/embedded-postgres.server.ts';

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
process.env.DATABASE_URL ??= cluster!.urlFor('portal_large');
const { getFundingFigures, listProgrammeFunding } = await import('../app/models/funding.server.ts');
const { getFundingByRegion, getFundingByYear, getProjectFunding, listContributions, listProjectFunding, listTopDonors } = await import(
  '../app/models/funding-report.server.ts'
);
const { getPrisma } = await import('../app/utils/db.server.ts');
const runs = Number(process.env.BENCH_RUNS ?? 40);
const year = new Date().getUTCFullYear();
const db = getPrisma();
const programme = await db.programme.findFirstOrThrow({ orderBy: { sortOrder: 'asc' } });
const project = await db.project.findFirstOrThrow({ where: { code: { startsWith: 'BENCH' } }, orderBy: { code: 'asc' } });
const [counts] = await db.$queryRaw<{ n: bigint }[]>`SELECT ((SELECT count(*) FROM payments) + (SELECT count(*) FROM allocations)
  + (SELECT count(*) FROM pledges) + (SELECT count(*) FROM pledge_instalments))::bigint AS n`;

const pages: Record<string, () => Promise<unknown>> = {
  'home, /programmes': () => listProgrammeFunding({ year }),
  '/programmes/:slug': () =>
    Promise.all([
      listProgrammeFunding({ year }),
      listProjectFunding({ fromYear: year, toYear: year, programmeId: programme.id }),
      getFundingByYear({ fromYear: year - 3, toYear: year + 1, programmeId: programme.id }),
      getFundingByRegion({ fromYear: year, toYear: year, programmeId: programme.id }),
      listTopDonors({ fromYear: year - 3, toYear: year + 1, programmeId: programme.id }),
    ]),
  '/projects/:code': () =>
    Promise.all([
      getProjectFunding({ code: project.code, fromYear: year, toYear: year }),
      getFundingByYear({ fromYear: year - 3, toYear: year + 1, projectId: project.id }),
      listTopDonors({ fromYear: year - 3, toYear: year + 1, projectId: project.id }),
    ]),
  '/funding (5 years)': () =>
    Promise.all([
      getFundingFigures({ fromYear: year - 4, toYear: year }),
      getFundingByYear({ fromYear: year - 4, toYear: year }),
      listContributions({ fromYear: year - 4, toYear: year, limit: 100 }),
    ]),
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(`ledger rows (pledges, instalments, payments, allocations): ${counts!.n}; ${runs} runs per page`);
for (const [name, load] of Object.entries(pages)) {
  await load(); // warm-up: connections, plans
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await load();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(22)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`);
}
await db.$disconnect();
await cluster?.stop();
