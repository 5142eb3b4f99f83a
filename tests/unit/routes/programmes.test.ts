// The programme list, programme and project loaders against the seeded demo ledger: figures equal
// the ledger's to the minor unit (formatted), filters and sorting come from the URL, nonsense
// values give a notice and never an error, and unknown programmes and projects are 404s.
import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { loader as listLoader } from '~/routes/programmes._index/route.tsx';
import { loader as programmeLoader } from '~/routes/programmes.$slug/route.tsx';
import { loader as projectLoader } from '~/routes/projects.$code/route.tsx';
import { getFundingFigures, listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { listFilterOptions, listProjectFunding, listTopDonors } from '~/funding/funding-report-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { formatPercentFromBasisPoints } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { aroundRequest } from '../clock.ts';

/** The seed's current year; requests that test something else than the default year name it. */
const year = new Date().getUTCFullYear();
const context: AppLoadContext = { cspNonce: 'test' };
const usd = (minor: number, locale = 'en') => formatMoney(minor, 'USD', locale);
const ARABIC = /[\u0600-\u06FF]/;

const request = (path: string) => new Request(`http://localhost${path}`);
const loadList = async (query = '') => (await listLoader({ request: request(`/programmes${query}`), params: {}, context })).data;
const loadProgramme = async (slug: string, query = '') =>
  (await programmeLoader({ request: request(`/programmes/${slug}${query}`), params: { slug }, context })).data;
const loadProject = async (code: string, query = '') =>
  (await projectLoader({ request: request(`/projects/${code}${query}`), params: { code }, context })).data;

async function statusOf(load: () => Promise<unknown>): Promise<number> {
  try {
    await load();
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

let corruptionId: string;

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
  corruptionId = (await getPrisma().programme.findUniqueOrThrow({ where: { slug: 'corruption' } })).id;
});

describe('/programmes', () => {
  it('shows every programme for the current year with the ledger’s figures', async () => {
    const { result: page, clockYears } = await aroundRequest(() => loadList('?lng=en'));
    const shown = Number(page.year);
    expect(clockYears).toContain(shown);
    const ledger = await listProgrammeFunding({ year: shown });
    expect(page.ignored).toEqual([]);
    expect(page.rows.map((row) => row.slug)).toEqual(ledger.map((p) => p.slug));
    for (const [index, programme] of ledger.entries()) {
      const row = page.rows[index];
      expect(row?.figures.requirement).toBe(usd(programme.requirementUsdMinor));
      expect(row?.figures.earmarked).toBe(usd(programme.fundedBySource.earmarked));
      expect(row?.figures.pledgedUnpaid).toBe(usd(programme.pledgedUnpaidUsdMinor));
      expect(row?.figures.gap).toBe(usd(programme.gapUsdMinor));
      expect(row?.figures.coverage).toBe(formatPercentFromBasisPoints(programme.coverageBasisPoints, 'en'));
      // The chart draws the same numbers: funded by source, then the gap.
      const bar = page.chart.categories[index];
      expect(bar?.values).toEqual({ ...programme.fundedBySource, gap: programme.gapUsdMinor });
      expect(bar?.reference).toBe(programme.requirementUsdMinor);
    }
    expect(page.chart.axis.max).toBeGreaterThanOrEqual(Math.max(...ledger.map((p) => p.requirementUsdMinor)));
    expect(page.years.map((y) => y.value)).toContain(String(shown));
  });

  it('takes ?year= and ignores nonsense years with a notice', async () => {
    const earlier = await loadList(`?year=${year - 2}&lng=en`);
    expect(earlier.year).toBe(String(year - 2));
    const ledger = await listProgrammeFunding({ year: year - 2 });
    expect(earlier.rows[0]?.figures.funded).toBe(usd(ledger[0]?.fundedUsdMinor ?? -1));

    const { result: nonsense, clockYears } = await aroundRequest(() => loadList('?year=twenty&lng=en'));
    expect(clockYears).toContain(Number(nonsense.year));
    expect(nonsense.ignored).toEqual([{ name: 'year', label: 'Year', value: 'twenty' }]);
  });

  it('speaks Arabic, right to left, with Arabic programme names', async () => {
    const page = await loadList('?lng=ar');
    expect(page.dir).toBe('rtl');
    for (const row of page.rows) expect(row.title).toMatch(ARABIC);
    expect(page.chart.series.map((s) => s.label).join(' ')).toMatch(ARABIC);
  });
});

describe('/programmes/:slug', () => {
  it('lists the programme’s projects with the ledger’s figures, sorted by code', async () => {
    const { result: page, clockYears } = await aroundRequest(() => loadProgramme('corruption', '?lng=en'));
    const shown = Number(page.form.year);
    expect(clockYears).toContain(shown);
    const projects = await listProjectFunding({ fromYear: shown, toYear: shown, programmeId: corruptionId });
    expect(page.heading).toBe('Global Programme against Corruption');
    expect(page.table.rows.map((r) => r.code)).toEqual(projects.map((p) => p.code).sort());
    for (const project of projects) {
      const ledger = await getFundingFigures({ projectId: project.id, fromYear: shown, toYear: shown });
      const row = page.table.rows.find((r) => r.code === project.code);
      expect(row?.requirement).toBe(usd(ledger.requirementUsdMinor));
      expect(row?.funded).toBe(usd(ledger.fundedUsdMinor));
      expect(row?.gap).toBe(usd(ledger.gapUsdMinor));
    }
    const programme = await getFundingFigures({ programmeId: corruptionId, fromYear: shown, toYear: shown });
    expect(page.figures.gap).toBe(usd(programme.gapUsdMinor));
    expect(page.figures.pledgedUnpaid).toBe(usd(programme.pledgedUnpaidUsdMinor));
    expect(page.csvHref).toBe(`/api/v1/projects?year=${shown}&programme=corruption&format=csv`);
    expect(page.byYearChart.categories.map((c) => c.key)).toEqual([shown - 3, shown - 2, shown - 1, shown, shown + 1].map(String));
  });

  it('filters by region and year from the URL; the total gap is requirement − funded of those projects', async () => {
    const page = await loadProgramme('corruption', `?region=014&year=${year - 1}&lng=en`);
    const projects = await listProjectFunding({ fromYear: year - 1, toYear: year - 1, programmeId: corruptionId, regionCode: '014' });
    expect(projects.length).toBeGreaterThan(0);
    expect(page.table.rows.map((r) => r.code)).toEqual(projects.map((p) => p.code).sort());
    expect(page.form.region).toBe('014');
    expect(page.form.year).toBe(String(year - 1));
    const requirement = projects.reduce((s, p) => s + p.requirementUsdMinor, 0);
    const funded = projects.reduce((s, p) => s + p.fundedUsdMinor, 0);
    expect(page.table.totals.gap).toBe(usd(Math.max(0, requirement - funded)));
    expect(page.csvHref).toBe(`/api/v1/projects?year=${year - 1}&programme=corruption&region=014&format=csv`);
    expect(page.xlsxHref).toBe(`/api/v1/projects?year=${year - 1}&programme=corruption&region=014&format=xlsx`);
    // Sort links keep the filters.
    expect(page.table.sortLinks.gap).toBe(`?year=${year - 1}&region=014&sort=gap&dir=desc`);
  });

  it('sorts by gap, requirement and coverage in both directions', async () => {
    const projects = await listProjectFunding({ fromYear: year, toYear: year, programmeId: corruptionId });
    const byCode = (rows: { code: string }[]) => rows.map((r) => r.code);
    const expected = (pick: (p: (typeof projects)[number]) => number, dir: 1 | -1) =>
      [...projects].sort((a, b) => (pick(a) - pick(b)) * dir || a.code.localeCompare(b.code)).map((p) => p.code);

    expect(byCode((await loadProgramme('corruption', `?year=${year}&sort=gap&dir=desc`)).table.rows)).toEqual(
      expected((p) => p.gapUsdMinor, -1),
    );
    expect(byCode((await loadProgramme('corruption', `?year=${year}&sort=gap&dir=asc`)).table.rows)).toEqual(
      expected((p) => p.gapUsdMinor, 1),
    );
    expect(byCode((await loadProgramme('corruption', `?year=${year}&sort=requirement`)).table.rows)).toEqual(
      expected((p) => p.requirementUsdMinor, -1),
    );
    expect(byCode((await loadProgramme('corruption', `?year=${year}&sort=coverage&dir=asc`)).table.rows)).toEqual(
      expected((p) => p.coverageBasisPoints, 1),
    );
    const sorted = await loadProgramme('corruption', `?year=${year}&sort=gap&dir=desc`);
    expect(sorted.table.sortLinks.gap).toContain('sort=gap&dir=asc');
    expect(sorted.table.caption).toContain('sorted by Gap (descending)');
  });

  it('ignores nonsense and unknown filter values with a notice, never an error', async () => {
    const { result: page, clockYears } = await aroundRequest(() =>
      loadProgramme('corruption', '?region=999&country=ZZ&status=asleep&year=1850&sort=bogus&dir=sideways&lng=en'),
    );
    expect(page.ignored.map((i) => i.name)).toEqual(['region', 'country', 'status', 'year', 'sort', 'dir']);
    expect(page.ignored[0]).toEqual({ name: 'region', label: 'Region', value: '999' });
    expect(clockYears).toContain(Number(page.form.year));
    const all = await listProjectFunding({ fromYear: Number(page.form.year), toYear: Number(page.form.year), programmeId: corruptionId });
    expect(page.table.rows).toHaveLength(all.length);
    expect(page.table.sort).toBe('code');
    // Malformed values and odd characters are refused too.
    const odd = await loadProgramme('corruption', `?region=${encodeURIComponent('<script>')}&country=${'x'.repeat(500)}`);
    expect(odd.ignored.map((i) => i.name)).toEqual(['region', 'country']);
    expect(odd.ignored[1]?.value).toHaveLength(40);
  });

  it('filters by status and country', async () => {
    const page = await loadProgramme('corruption', `?year=${year}&status=pipeline&lng=en`);
    const pipeline = await listProjectFunding({ fromYear: year, toYear: year, programmeId: corruptionId, status: 'PIPELINE' });
    expect(page.table.rows.map((r) => r.code)).toEqual(pipeline.map((p) => p.code).sort());
    expect(page.table.rows.every((r) => r.status === 'In preparation')).toBe(true);
    const kenya = await loadProgramme('corruption', '?country=ke&lng=en');
    expect(kenya.table.rows.map((r) => r.place)).toEqual(['Kenya']);
  });

  it('names anonymous donors "Anonymous" in the top donors chart', async () => {
    // Which programme-years have an anonymous gift among their ten largest donors depends on the
    // date the demo was seeded (its amounts and dates are drawn relative to it): every year with
    // figures is checked, and at least one must show the anonymous donors.
    const { years } = await listFilterOptions();
    const hiddenNames = (await getPrisma().donor.findMany({ where: { isAnonymous: true }, select: { displayName: true } })).map(
      (d) => d.displayName,
    );
    expect(hiddenNames.length).toBeGreaterThan(0);
    const shownAnonymous: string[] = [];
    for (const programme of await getPrisma().programme.findMany({ orderBy: { sortOrder: 'asc' } })) {
      for (const shown of years) {
        const donors = await listTopDonors({ fromYear: shown, toYear: shown, programmeId: programme.id, limit: 10 });
        const page = await loadProgramme(programme.slug, `?year=${shown}&lng=en`);
        const labels = page.donorsChart.bars.map((b) => b.label);
        expect(labels, `${programme.slug} ${shown}`).toEqual(donors.map((d) => d.name ?? 'Anonymous'));
        expect(page.donorsChart.bars.map((b) => b.value)).toEqual(donors.map((d) => d.allocatedUsdMinor));
        for (const name of hiddenNames) expect(labels).not.toContain(name);
        if (donors.some((d) => d.name === null)) {
          expect(labels).toContain('Anonymous');
          shownAnonymous.push(`${programme.slug} ${shown}`);
        }
      }
    }
    expect(shownAnonymous.length).toBeGreaterThan(0);
  });

  it('is a 404 for an unknown programme', async () => {
    expect(await statusOf(() => loadProgramme('no-such-programme'))).toBe(404);
  });
});

describe('/projects/:code', () => {
  it('shows the summary, budget by year over the project’s life, donors and impact', async () => {
    const page = await loadProject('KENU12', '?lng=en');
    const project = await getPrisma().project.findUniqueOrThrow({ where: { code: 'KENU12' } });
    const from = project.startDate.getUTCFullYear();
    const to = project.endDate.getUTCFullYear();
    expect(page.code).toBe('KENU12');
    expect(page.summary.country).toEqual({ name: 'Kenya', href: '/countries/KE' });
    expect(page.summary.region).toEqual({ name: 'Eastern Africa', href: '/regions/014' });
    expect(page.summary.programme.slug).toBe('corruption');
    expect(page.summary.sector).toBe('Anti-corruption organisations and institutions');
    expect(page.years).toHaveLength(to - from + 1);
    const thisYear = await getFundingFigures({ projectId: project.id, fromYear: year, toYear: year });
    const row = page.years.find((y) => y.year === String(year));
    expect(row?.requirement).toBe(usd(thisYear.requirementUsdMinor));
    expect(row?.gap).toBe(usd(thisYear.gapUsdMinor));
    const life = await getFundingFigures({ projectId: project.id, fromYear: from, toYear: to });
    expect(page.figures.funded).toBe(usd(life.fundedUsdMinor));
    expect(page.figures.generalPurpose).toBe(usd(life.fundedBySource.generalPurpose));
    expect(page.updates.length).toBeGreaterThan(0);
    expect(page.indicators).toHaveLength(2);
    expect(page.indicators[0]?.latest).toMatch(/\d/);
    const dates = page.updates.map((u) => u.dateTime);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('shows an empty impact section for a project without updates or indicators', async () => {
    await getPrisma().project.create({
      data: {
        code: 'TEST01',
        programmeId: corruptionId,
        title: { en: 'Test project' },
        description: { en: 'Nothing yet' },
        regionCode: '150',
        sectorCode: '15130',
        status: 'PIPELINE',
        startDate: new Date(Date.UTC(year, 0, 1)),
        endDate: new Date(Date.UTC(year, 11, 31)),
      },
    });
    const page = await loadProject('TEST01', '?lng=fr');
    expect(page.heading).toBe('Test project');
    expect(page.updates).toEqual([]);
    expect(page.indicators).toEqual([]);
    expect(page.donorsChart.bars).toEqual([]);
    expect(page.years).toHaveLength(1);
    expect(page.summary.status).toBe('En préparation');
  });

  it('is a 404 for an unknown or malformed code', async () => {
    expect(await statusOf(() => loadProject('NOPE99'))).toBe(404);
    expect(await statusOf(() => loadProject('../etc/passwd'))).toBe(404);
    expect(await statusOf(() => loadProject('x'.repeat(200)))).toBe(404);
  });
});
