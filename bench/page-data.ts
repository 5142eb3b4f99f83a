// npm run bench:page-data — time the uncached data of each public page: the loader's own work
// (the page builders the routes call, or the same model calls for the home page and the
// programme list), against DATABASE_URL, or else the embedded database bench:seed-large built.
// Default URLs first (what the targets are about), then a few filtered variants.
// Prints min/p50/p95 per page over BENCH_RUNS runs (min shows the cost without the other work
// sharing the machine's two cores), and two figures that do not depend on that other work: this
// process's CPU time per page and the SQL statements per page. The in-process cache is off in
// scripts, so every run queries PostgreSQL.
import pg from 'pg';
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';

// Prisma's pg adapter sends every statement through Pool#query: count them there.
let statements = 0;
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  statements += 1;
  return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof poolQuery;

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
process.env.DATABASE_URL ??= cluster!.urlFor('portal_large');
const { listProgrammeFunding } = await import('../app/ledger/funding-figure-queries.server.ts');
const { listFilterOptions } = await import('../app/funding/funding-report-queries.server.ts');
const { buildProgrammePage } = await import('../app/funding/programme-page.server.ts');
const { buildProjectPage } = await import('../app/funding/project-page.server.ts');
const { buildFundingDashboard } = await import('../app/funding/dashboard-page.server.ts');
const { buildDonorPage, buildDonorList } = await import('../app/funding/donor-page.server.ts');
const { buildPlacePage } = await import('../app/funding/place-page.server.ts');
const { getPrisma } = await import('../app/platform/db.server.ts');
const runs = Number(process.env.BENCH_RUNS ?? 40);
const year = new Date().getUTCFullYear();
const db = getPrisma();
const programme = await db.programme.findFirstOrThrow({ orderBy: { sortOrder: 'asc' } });
const project = await db.project.findFirstOrThrow({ where: { code: { startsWith: 'BENCH' } }, orderBy: { code: 'asc' } });
// The donor page with the most contribution rows (decision 048): the heaviest donor page there is.
const [donor] = await db.$queryRaw<{ slug: string }[]>`SELECT d."publicSlug" AS slug FROM donors d
  JOIN donor_contribution_summaries f ON f."donorId" = d.id AND NOT f."isAnonymous"
  WHERE d."publicSlug" IS NOT NULL AND NOT d."isAnonymous" AND d.type::text IN ('MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION')
  GROUP BY d.id ORDER BY count(*) DESC LIMIT 1`;
const [country] = await db.$queryRaw<{ code: string }[]>`SELECT "countryCode"::text AS code FROM projects
  WHERE "countryCode" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
const [counts] = await db.$queryRaw<{ n: bigint }[]>`SELECT ((SELECT count(*) FROM payments) + (SELECT count(*) FROM allocations)
  + (SELECT count(*) FROM pledges) + (SELECT count(*) FROM pledge_instalments) + (SELECT count(*) FROM reversals)
  + (SELECT count(*) FROM pledge_events) + (SELECT count(*) FROM regular_budget_entries))::bigint AS n`;
const request = (path: string) => new Request(`http://bench.local${path}`, { headers: { 'accept-language': 'en' } });

const pages: Record<string, () => Promise<unknown>> = {
  home: () => listProgrammeFunding({ year }),
  '/programmes': () => Promise.all([listProgrammeFunding({ year }), listFilterOptions({})]),
  '/programmes/:slug': () => buildProgrammePage(request(`/programmes/${programme.slug}`), programme.slug, 'en'),
  '/projects/:code': () => buildProjectPage(project.code, 'en'),
  '/funding': () => buildFundingDashboard(request('/funding')),
  '/donors/:slug': () => buildDonorPage(donor?.slug ?? 'germany', 'en', new Date()),
  '/donors': () => buildDonorList(request('/donors'), 'en'),
  // The country with the most projects, and the region holding the most (its sub-regions' included).
  '/countries/:iso': () =>
    buildPlacePage(request(`/countries/${country?.code ?? 'KE'}`), { kind: 'country', code: country?.code ?? 'KE' }, 'en'),
  '/regions/:m49': () => buildPlacePage(request('/regions/002'), { kind: 'region', code: '002' }, 'en'),
  // Variants: not the default URL of any page.
  '/programmes/:slug?from&to': () =>
    buildProgrammePage(request(`/programmes/${programme.slug}?from=${year - 4}&to=${year}`), programme.slug, 'en'),
  // Two years, not the five the ledger has: sums differ from the bounds, so the search may read further (decision 062).
  '/countries/:iso?from&to': () =>
    buildPlacePage(
      request(`/countries/${country?.code ?? 'KE'}?from=${year - 1}&to=${year}`),
      { kind: 'country', code: country?.code ?? 'KE' },
      'en',
    ),
  '/funding?sort=pledged': () => buildFundingDashboard(request('/funding?sort=pledged')),
  '/funding?donorType': () => buildFundingDashboard(request('/funding?donorType=company')),
  '/funding?programme': () => buildFundingDashboard(request(`/funding?programme=${programme.slug}`)),
  '/funding?region': () => buildFundingDashboard(request('/funding?region=002')),
  '/funding?country': () => buildFundingDashboard(request(`/funding?country=${country?.code ?? 'KE'}`)),
  '/funding?project': () => buildFundingDashboard(request(`/funding?project=${project.code}`)),
  '/funding?sort=share': () => buildFundingDashboard(request('/funding?sort=general-purpose-share')),
  // A name search that matches about a thousand donors (the bench seed's "Benchmark donor 19…"), Member
  // States only, and a page deep in the list (OFFSET 14,900 of ~20,000 at the large ledger).
  '/donors?q': () => buildDonorList(request('/donors?q=donor%2019'), 'en'),
  '/donors?type': () => buildDonorList(request('/donors?type=member-state'), 'en'),
  '/donors?page': () => buildDonorList(request('/donors?page=150'), 'en'),
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(`ledger rows: ${counts!.n}; ${runs} runs per page`);
// BENCH_PAGES=/countries/:iso,/donors/:slug times only those pages.
const only = process.env.BENCH_PAGES?.split(',').map((name) => name.trim());
for (const [name, load] of Object.entries(pages).filter(([name]) => !only || only.includes(name))) {
  for (let run = 0; run < 5; run += 1) await load(); // warm-up: connections, plans, compiled code
  const times: number[] = [];
  statements = 0;
  const cpu = process.cpuUsage();
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await load();
    times.push(performance.now() - started);
  }
  const { user, system } = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(28)} min ${times[0]!.toFixed(1)} ms  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms` +
      `  | node CPU ${((user + system) / 1000 / runs).toFixed(1)} ms, ${(statements / runs).toFixed(1)} statements per page`,
  );
}
await db.$disconnect();
await cluster?.stop();
