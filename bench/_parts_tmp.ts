process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/portal_large';
const q = await import('../app/funding/funding-report-queries.server.ts');
const { getPageFiguresLastChangedAt } = await import('../app/funding/figures-last-changed-queries.server.ts');
const { listProgrammeOptions } = await import('../app/funding/dashboard-queries.server.ts');
const { getDonorPageData } = await import('../app/funding/donor-page-queries.server.ts');
const scope = { fromYear: 2022, toYear: 2026, countryCode: 'KE' };
const parts: Record<string, () => Promise<unknown>> = {
  filterOptions: () => q.listFilterOptions({}),
  projectFunding: () => q.listProjectFunding(scope),
  byYear: () => q.getFundingByYear(scope),
  placeDonors: () => q.listPlaceDonors({ ...scope, limit: 50 }),
  lastChanged: () => getPageFiguresLastChangedAt(scope),
  programmes: () => listProgrammeOptions(),
  regionDonors: () => q.listPlaceDonors({ fromYear: 2022, toYear: 2026, regionCode: '002', limit: 50 }),
  regionLastChanged: () => getPageFiguresLastChangedAt({ fromYear: 2022, toYear: 2026, regionCode: '002' }),
  donorPage: () => getDonorPageData({ slug: 'japan', today: '2026-12-07' }),
};
for (const [name, fn] of Object.entries(parts)) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); await fn(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name.padEnd(20), 'min', times[0]!.toFixed(1), 'p50', times[7]!.toFixed(1));
}
process.exit(0);
