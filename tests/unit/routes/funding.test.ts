// The /funding loader against the seeded demo ledger: the figures a Member State delegate reads
// must be the ledger's for the same filter (to the minor unit), nonsense filters must give a
// notice and not an error, and the download links must carry exactly the filters applied.
import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { loader } from '~/routes/funding/route.tsx';
import { loader as programmesLoader } from '~/routes/api.v1.programmes.ts';
import { loader as projectsLoader } from '~/routes/api.v1.projects.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { buildFundingDashboard } from '~/funding/dashboard-page.server.ts';
import { getFundingFigures, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { listContributions, listFilterOptions, listProjectFunding } from '~/funding/funding-report-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { formatPercentFromBasisPoints } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { aroundRequest } from '../clock.ts';

const year = new Date().getUTCFullYear();
const context: AppLoadContext = { cspNonce: 'test' };

async function load(query: string, headers: Record<string, string> = {}) {
  const result = await loader({ request: new Request(`http://localhost/funding${query}`, { headers }), params: {}, context });
  return result.data;
}

const withoutPool = ({ unallocatedUsdMinor: _pool, ...rest }: FundingFigures & { unallocatedUsdMinor: number }) => rest;
const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);

let programmes: { id: string; slug: string }[];
let firstYear: number;
/** The default range: up to five years to this one, from the first year with data */
const defaultFromFor = (to: number) => Math.max(to - 4, Math.min(to, firstYear));
/** The default range's first year seen from the seed's year (requests that test something else name the range). */
let defaultFrom: number;

/** A page without a year range: it ends this year (by the clock when it ran) and starts as the default says. */
async function loadDefaultRange(query: string) {
  const { result: page, clockYears } = await aroundRequest(() => load(query));
  const to = Number(page.form.to);
  expect(clockYears).toContain(to);
  expect(page.form.from).toBe(String(defaultFromFor(to)));
  return { page, from: defaultFromFor(to), to };
}

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
  programmes = await getPrisma().programme.findMany({ select: { id: true, slug: true }, orderBy: { sortOrder: 'asc' } });
  firstYear = (await listFilterOptions({ db: getPrisma() })).years[0] ?? year;
  defaultFrom = defaultFromFor(year);
  expect(defaultFrom).toBeLessThan(year); // the demo has several years of figures
});

describe('totals equal the ledger', () => {
  it('without filters: up to five years to this one, equal to getFundingFigures', async () => {
    const { page, from, to } = await loadDefaultRange('?lng=en');
    const ledger = withoutPool(await getFundingFigures({ fromYear: from, toYear: to }));
    expect(page.figures.totals).toEqual(ledger);
    expect(ledger.requirementUsdMinor).toBeGreaterThan(0);
    expect(ledger.fundedUsdMinor).toBeGreaterThan(0);
    expect(page.totals.gap).toBe(formatMoney(ledger.gapUsdMinor, 'USD', 'en'));
    expect(page.totals.generalPurpose).toBe(formatMoney(ledger.fundedBySource.generalPurpose, 'USD', 'en'));
    expect(page.notices).toEqual([]);
  });

  it('without filters, when the data starts within the default range: from its first year', async () => {
    // The page starts the default range's figures before it knows the first year with data;
    // seen from a year when the data is younger than five years, it must ask again.
    const page = await buildFundingDashboard(new Request('http://localhost/funding?lng=en'), new Date(Date.UTC(firstYear + 1, 5, 1)));
    expect(page.form.from).toBe(String(firstYear));
    expect(page.form.to).toBe(String(firstYear + 1));
    expect(page.figures.totals).toEqual(withoutPool(await getFundingFigures({ fromYear: firstYear, toYear: firstYear + 1 })));
    const contributions = await listContributions({ fromYear: firstYear, toYear: firstYear + 1 });
    expect(page.contributionCount).toBe(contributions.length);
  });

  it('for each programme and a year range', async () => {
    for (const programme of programmes) {
      const page = await load(`?from=${year - 2}&to=${year}&programme=${programme.slug}`);
      const ledger = withoutPool(await getFundingFigures({ programmeId: programme.id, fromYear: year - 2, toYear: year }));
      expect(page.figures.totals, programme.slug).toEqual(ledger);
      expect(page.form.programme).toBe(programme.slug);
    }
  });

  it('for a region: the sum of the ledger figures of the projects in it', async () => {
    const projects = await listProjectFunding({ fromYear: year - 3, toYear: year, regionCode: '014' });
    expect(projects.length).toBeGreaterThan(1);
    const ledger = await Promise.all(projects.map((p) => getFundingFigures({ projectId: p.id, fromYear: year - 3, toYear: year })));
    const requirement = sum(ledger, (f) => f.requirementUsdMinor);
    const funded = sum(ledger, (f) => f.fundedUsdMinor);

    const page = await load(`?from=${year - 3}&to=${year}&region=014&lng=en`);
    expect(page.figures.totals.requirementUsdMinor).toBe(requirement);
    expect(page.figures.totals.fundedUsdMinor).toBe(funded);
    expect(page.figures.totals.fundedBySource).toEqual({
      regularBudget: sum(ledger, (f) => f.fundedBySource.regularBudget),
      generalPurpose: sum(ledger, (f) => f.fundedBySource.generalPurpose),
      earmarked: sum(ledger, (f) => f.fundedBySource.earmarked),
    });
    expect(page.figures.totals.pledgedUnpaidUsdMinor).toBe(sum(ledger, (f) => f.pledgedUnpaidUsdMinor));
    // The region's gap is computed at the region's level, not summed from per-project gaps.
    expect(page.figures.totals.gapUsdMinor).toBe(Math.max(0, requirement - funded));
    expect(page.scope.region).toEqual({ name: 'Eastern Africa', href: '/regions/014' });
    expect(page.hasRegion).toBe(true);
  });

  it('the year rows add up to the totals', async () => {
    const page = await load(`?from=${year - 4}&to=${year}`);
    expect(page.years.map((row) => row.year)).toEqual([year - 4, year - 3, year - 2, year - 1, year]);
    expect(sum(page.years, (row) => row.requirementUsdMinor)).toBe(page.figures.totals.requirementUsdMinor);
    expect(sum(page.years, (row) => row.generalPurposeUsdMinor)).toBe(page.figures.totals.fundedBySource.generalPurpose);
    expect(page.charts.byYear.categories).toHaveLength(5);
  });
});

describe('contributions by donor', () => {
  it('sums the donor rows and shows the general-purpose share as the headline figure', async () => {
    const { page, from, to } = await loadDefaultRange('?lng=en');
    const rows = await listContributions({ fromYear: from, toYear: to, limit: 10_000 });
    const paid = sum(rows, (row) => row.paidUsdMinor);
    const generalPurpose = sum(rows, (row) => row.generalPurposeUsdMinor);
    expect(paid).toBeGreaterThan(0);
    expect(generalPurpose).toBeGreaterThan(0);

    expect(page.figures.contributionTotals.paidUsdMinor).toBe(paid);
    expect(page.figures.contributionTotals.pledgedUsdMinor).toBe(sum(rows, (row) => row.pledgedUsdMinor));
    expect(page.figures.contributionTotals.generalPurposeUsdMinor).toBe(generalPurpose);
    const shareBasisPoints = Math.floor((generalPurpose * 10_000) / paid);
    expect(page.figures.contributionTotals.generalPurposeShareBasisPoints).toBe(shareBasisPoints);
    expect(page.contributionTotals.generalPurposeShare).toBe(formatPercentFromBasisPoints(shareBasisPoints, 'en'));
    expect(page.contributionCount).toBe(rows.length);
    expect(page.isNarrowedForGeneralPurpose).toBe(false);
  });

  it('says why general-purpose money is missing once a programme or region is chosen', async () => {
    const page = await load(`?programme=${programmes[0]?.slug}`);
    expect(page.figures.contributionTotals.generalPurposeUsdMinor).toBe(0);
    expect(page.isNarrowedForGeneralPurpose).toBe(true);
    expect((await load('?region=014')).isNarrowedForGeneralPurpose).toBe(true);
  });

  it('names anonymous donors "Anonymous" and never leaks their names', async () => {
    const page = await load('?lng=en');
    const anonymous = page.contributions.filter((row) => row.isAnonymous);
    expect(anonymous.length).toBeGreaterThan(0);
    for (const row of anonymous) expect(row.donor).toBe('Anonymous');
    const names = page.contributions.map((row) => row.donor).join(' | ');
    for (const hidden of ['Karl Meier', 'Yusuf Haddad', 'Ingrid Solberg']) expect(names).not.toContain(hidden);
  });

  it('sorts by the URL and filters by donor type', async () => {
    const range = `from=${defaultFrom}&to=${year}`;
    const byPledged = await listContributions({ fromYear: defaultFrom, toYear: year, limit: 10_000 });
    const page = await load(`?${range}&lng=en&sort=pledged`);
    const expected = [...byPledged].sort((a, b) => b.pledgedUsdMinor - a.pledgedUsdMinor).map((row) => row.pledgedUsdMinor);
    const shown = page.contributions.map((row) => row.pledged);
    expect(shown).toEqual(expected.slice(0, shown.length).map((minor) => formatMoney(minor, 'USD', 'en')));
    expect(page.sortLinks.find((link) => link.isCurrent)?.sort).toBe('pledged');

    const states = await load(`?${range}&lng=en&donorType=member-state`);
    expect(states.contributions.length).toBeGreaterThan(0);
    for (const row of states.contributions) expect(row.type).toBe('Member State');
    // The donor type narrows the donors, not the programme's needs.
    expect(states.figures.totals).toEqual((await load(`?${range}&lng=en`)).figures.totals);
  });
});

describe('filters in the URL', () => {
  it('nonsense values give a translated notice and the defaults, not an error', async () => {
    const { page, from, to } = await loadDefaultRange(
      '?from=abc&region=zz&programme=no-such-programme&donorType=alien&sort=sideways&lng=en',
    );
    expect(page.notices).toEqual(expect.arrayContaining(['from year', 'region', 'programme', 'donor type', 'sort order']));
    expect(page.form.region).toBe('');
    expect(page.form.programme).toBe('');
    expect(page.figures.totals).toEqual(withoutPool(await getFundingFigures({ fromYear: from, toYear: to })));
  });

  it('a well-formed region that has no projects is ignored too', async () => {
    const page = await load('?region=999&lng=fr');
    expect(page.notices).toEqual(['région']);
    expect(page.hasRegion).toBe(false);
  });

  it('download links are the open data API with the filters applied', async () => {
    const page = await load(`?from=${year - 2}&to=${year}&region=014&donorType=member-state&programme=corruption&sort=pledged&region2=x`);
    const query = `from=${year - 2}&to=${year}&programme=corruption&region=014&donorType=member-state`;
    expect(page.downloads.contributions.csv).toBe(`/api/v1/contributions?${query}&format=csv`);
    // The donor type narrows the contributions only (as the form's hint says): the figure files do not take it.
    const figureQuery = `from=${year - 2}&to=${year}&programme=corruption&region=014`;
    expect(page.downloads.projects.json).toBe(`/api/v1/projects?${figureQuery}&format=json`);
    expect(page.downloads.programmes.csv).toBe(`/api/v1/programmes?${figureQuery}&format=csv`);
    // An ignored value is not passed on to the download.
    const bad = await load('?year=2025&region=zz');
    expect(bad.downloads.contributions.csv).toBe('/api/v1/contributions?year=2025&format=csv');
  });

  it('the spreadsheet links carry the same filters and every one answers with a file, even after ignored values', async () => {
    const page = await load(
      `?from=${year - 2}&to=${year}&region=014&donorType=member-state&programme=corruption&sort=pledged&region2=x&year=abc`,
    );
    const figureQuery = `from=${year - 2}&to=${year}&programme=corruption&region=014`;
    expect(page.downloads.programmes.xlsx).toBe(`/api/v1/programmes?${figureQuery}&format=xlsx`);
    const loaders = { programmes: programmesLoader, projects: projectsLoader, contributions: contributionsLoader };
    for (const [table, apiLoader] of Object.entries(loaders)) {
      const href = page.downloads[table as keyof typeof loaders].xlsx;
      const response = await apiLoader({ request: new Request(`http://localhost${href}`), params: {}, context });
      expect(response.status, href).toBe(200);
      expect(response.headers.get('Content-Disposition')).toMatch(/\.xlsx"$/);
    }
  });

  it('speaks Arabic: title, region names and numbers in the reader’s locale', async () => {
    const page = await load('?region=014', { 'Accept-Language': 'ar' });
    expect(page.title).toMatch(/[\u0600-\u06FF]/);
    expect(page.dir).toBe('rtl');
    expect(page.scope.region?.name).toBe(new Intl.DisplayNames('ar', { type: 'region' }).of('014'));
    expect(page.totals.requirement).toBe(formatMoney(page.figures.totals.requirementUsdMinor, 'USD', 'ar'));
  });
});
