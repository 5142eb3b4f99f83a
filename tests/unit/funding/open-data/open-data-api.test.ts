// The open data API against the seeded demo data: figures equal the ledger's, every CSV row
// equals its JSON item, ETags, CSV formula injection, anonymity, filters, 404s and bad input.
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getFundingFigures, listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { loader as programmesLoader } from '~/routes/api.v1.programmes.ts';
import { loader as projectsLoader } from '~/routes/api.v1.projects.ts';
import {
  contributionColumns,
  programmeColumns,
  projectColumns,
  type ContributionItem,
  type ProgrammeItem,
  type ProjectItem,
} from '~/funding/open-data/items.server.ts';
import { flattenRecord } from '~/funding/open-data/responses.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { asCsvText, call, callJson } from './call.ts';
import { aroundRequest } from '../../clock.ts';

/** The seed's current year; requests that test something else than the default year name it. */
const Y = new Date().getUTCFullYear();
const RANGE = `from=${Y - 3}&to=${Y + 1}`;
const INJECTION_DONOR = "=cmd|' /C calc'!A0";
const INJECTION_PROJECT = '+SUM(1;2)';

type List<T> = {
  year?: number;
  fromYear?: number;
  toYear?: number;
  filters?: Record<string, string>;
  currency: string;
  unit: string;
  warnings: string[];
  items: T[];
};

beforeAll(async () => {
  const db = getPrisma();
  await seedDemoData({ db });
  // A company whose name is a spreadsheet formula, giving this year, and a project titled like one.
  const donor = await db.donor.create({
    data: { type: 'COMPANY', displayName: INJECTION_DONOR, organisationName: INJECTION_DONOR, countryCode: 'FR' },
  });
  await db.payment.create({
    data: {
      donorId: donor.id,
      method: 'BANK_TRANSFER',
      provider: 'MANUAL',
      currency: 'USD',
      amountMinor: 1_234_500n,
      usdRate: '1',
      usdMinor: 1_234_500n,
      earmarkType: 'GENERAL_PURPOSE',
      receivedAt: new Date(),
    },
  });
  await refreshFundingSummaries({ db, donorIds: [donor.id] }); // as every writer of money facts does
  const programme = await db.programme.findFirstOrThrow({ where: { slug: 'corruption' } });
  const title = {
    en: INJECTION_PROJECT,
    fr: INJECTION_PROJECT,
    es: INJECTION_PROJECT,
    ru: INJECTION_PROJECT,
    zh: INJECTION_PROJECT,
    ar: INJECTION_PROJECT,
  };
  await db.project.create({
    data: {
      code: 'ZZZX01',
      programmeId: programme.id,
      title,
      description: title,
      countryCode: 'KE',
      regionCode: '014',
      sectorCode: '15113',
      status: 'PIPELINE',
      startDate: new Date(Date.UTC(Y, 0, 1)),
      endDate: new Date(Date.UTC(Y + 2, 11, 31)),
    },
  });
}, 120_000);

describe('figures equal the ledger', () => {
  test('programmes: every programme, integer minor units, equal to the ledger queries', async () => {
    const { result, clockYears } = await aroundRequest(() => callJson<List<ProgrammeItem>>(programmesLoader, '/api/v1/programmes'));
    const { status, body } = result;
    expect(status).toBe(200);
    expect(body).toMatchObject({ currency: 'USD', unit: 'minor', warnings: [] });
    expect(body.fromYear).toBe(body.toYear);
    const shown = body.fromYear ?? -1;
    expect(clockYears).toContain(shown); // this year by default
    const ledger = await listProgrammeFunding({ year: shown });
    expect(body.items.map((item) => item.slug)).toEqual(ledger.map((row) => row.slug));
    for (const item of body.items) {
      const row = ledger.find((candidate) => candidate.slug === item.slug);
      const figures = await getFundingFigures({ programmeId: row?.id, fromYear: shown, toYear: shown });
      expect(item).toMatchObject({
        requirementUsdMinor: figures.requirementUsdMinor,
        fundedUsdMinor: figures.fundedUsdMinor,
        pledgedUnpaidUsdMinor: figures.pledgedUnpaidUsdMinor,
        gapUsdMinor: figures.gapUsdMinor,
        coverageBasisPoints: figures.coverageBasisPoints,
        unallocatedUsdMinor: figures.unallocatedUsdMinor,
        fundedBySource: {
          regularBudgetUsdMinor: figures.fundedBySource.regularBudget,
          generalPurposeUsdMinor: figures.fundedBySource.generalPurpose,
          earmarkedUsdMinor: figures.fundedBySource.earmarked,
        },
      });
      expect(Number.isSafeInteger(item.requirementUsdMinor) && item.requirementUsdMinor > 0).toBe(true);
      expect(item.names.ar).not.toBe(item.names.en);
    }
  });

  test('projects over a range: each equals getFundingFigures for the project, and the ledger check passes', async () => {
    const { body } = await callJson<List<ProjectItem>>(projectsLoader, `/api/v1/projects?${RANGE}`);
    expect(body).toMatchObject({ fromYear: Y - 3, toYear: Y + 1, filters: {}, warnings: [] });
    const projects = await getPrisma().project.findMany({ select: { id: true, code: true } });
    expect(body.items.map((item) => item.code).sort()).toEqual(projects.map((project) => project.code).sort());
    let requirementTotal = 0;
    for (const item of body.items) {
      const id = projects.find((project) => project.code === item.code)?.id;
      const figures = await getFundingFigures({ projectId: id, fromYear: Y - 3, toYear: Y + 1 });
      expect(item.requirementUsdMinor).toBe(figures.requirementUsdMinor);
      expect(item.fundedUsdMinor).toBe(figures.fundedUsdMinor);
      expect(item.fundedBySource.earmarkedUsdMinor).toBe(figures.fundedBySource.earmarked);
      expect(item.pledgedUnpaidUsdMinor).toBe(figures.pledgedUnpaidUsdMinor);
      expect(item.gapUsdMinor).toBe(figures.gapUsdMinor);
      expect(item.coverageBasisPoints).toBe(figures.coverageBasisPoints);
      requirementTotal += item.requirementUsdMinor;
    }
    const all = await getFundingFigures({ fromYear: Y - 3, toYear: Y + 1 });
    expect(requirementTotal).toBe(all.requirementUsdMinor);
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
  });
});

describe('CSV equals JSON', () => {
  const cases = [
    { name: 'programmes', loader: programmesLoader, query: 'year=' + Y, columns: programmeColumns },
    { name: 'projects', loader: projectsLoader, query: RANGE, columns: projectColumns },
    { name: 'contributions', loader: contributionsLoader, query: RANGE, columns: contributionColumns },
  ] as const;

  test.each(cases)(
    '$name: header is the documented columns and every row equals its JSON item',
    async ({ name, loader, query, columns }) => {
      const json = await callJson<List<object>>(loader, `/api/v1/${name}?${query}`);
      const response = await call(loader, `/api/v1/${name}?${query}&format=csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${name}-[\\d-]+\\.csv"$`));
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual([...columns]);
      expect(rows.length).toBe(json.body.items.length);
      expect(rows.length).toBeGreaterThan(3);
      json.body.items.forEach((item, index) => {
        const flat = flattenRecord(item);
        // no field of the JSON item is missing from the CSV
        expect(Object.keys(flat).every((key) => (columns as readonly string[]).includes(key))).toBe(true);
        expect(rows[index]).toEqual(columns.map((column) => asCsvText(flat[column])));
      });
    },
  );

  test('formula-like donor and project names are quoted in CSV, unchanged in JSON', async () => {
    const contributions = await call(contributionsLoader, '/api/v1/contributions?format=csv');
    const rows = parseCsv(await contributions.text());
    const nameAt = contributionColumns.indexOf('name');
    const donorRow = rows.find((row) => row[nameAt]?.includes('cmd|'));
    expect(donorRow?.[nameAt]).toBe(`'${INJECTION_DONOR}`);
    expect(donorRow?.[contributionColumns.indexOf('paidUsdMinor')]).toBe('1234500');

    const projects = await call(projectsLoader, '/api/v1/projects?format=csv&country=ke');
    const text = await projects.text();
    expect(text).toContain(`'${INJECTION_PROJECT}`);
    expect(text).not.toMatch(/(^|,)\+SUM/m);

    const json = await callJson<List<ContributionItem>>(contributionsLoader, '/api/v1/contributions');
    expect(json.body.items.some((item) => item.name === INJECTION_DONOR)).toBe(true);
  });
});

describe('ETag and caching', () => {
  test('a matching If-None-Match gets 304 without a body; another tag or variant gets 200', async () => {
    const first = await call(projectsLoader, '/api/v1/projects?year=' + Y);
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=60, must-revalidate');
    expect(first.headers.get('Access-Control-Allow-Origin')).toBe('*');

    const again = await call(projectsLoader, '/api/v1/projects?year=' + Y);
    expect(again.headers.get('ETag')).toBe(etag); // same data, same tag: no timestamp in the body

    const notModified = await call(projectsLoader, '/api/v1/projects?year=' + Y, { 'If-None-Match': `"other", ${etag}` });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('ETag')).toBe(etag);

    const strongForm = await call(projectsLoader, '/api/v1/projects?year=' + Y, { 'If-None-Match': etag.slice(2) });
    expect(strongForm.status).toBe(304);
    const stale = await call(projectsLoader, '/api/v1/projects?year=' + Y, { 'If-None-Match': 'W/"stale"' });
    expect(stale.status).toBe(200);
    const csv = await call(projectsLoader, `/api/v1/projects?year=${Y}&format=csv`);
    expect(csv.headers.get('ETag')).not.toBe(etag);
    const otherYear = await call(projectsLoader, `/api/v1/projects?year=${Y - 1}`);
    expect(otherYear.headers.get('ETag')).not.toBe(etag);
  });

  test('a new money fact changes the tag', async () => {
    const before = (await call(contributionsLoader, '/api/v1/contributions')).headers.get('ETag');
    const db = getPrisma();
    const donor = await db.donor.findFirstOrThrow({ where: { displayName: INJECTION_DONOR } });
    await db.payment.create({
      data: {
        donorId: donor.id,
        method: 'BANK_TRANSFER',
        provider: 'MANUAL',
        currency: 'USD',
        amountMinor: 100n,
        usdRate: '1',
        usdMinor: 100n,
        earmarkType: 'GENERAL_PURPOSE',
        receivedAt: new Date(),
      },
    });
    await refreshFundingSummaries({ db, donorIds: [donor.id] });
    const after = await call(contributionsLoader, '/api/v1/contributions', { 'If-None-Match': before ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before);
  });
});

describe('anonymity', () => {
  test('anonymous donors are "Anonymous" with no id and no country, in JSON and CSV', async () => {
    const { body } = await callJson<List<ContributionItem>>(contributionsLoader, `/api/v1/contributions?${RANGE}`);
    const anonymous = body.items.filter((item) => item.isAnonymous);
    expect(anonymous.length).toBeGreaterThan(0);
    for (const item of anonymous) {
      expect(item.name).toBe('Anonymous');
      expect('donorId' in item).toBe(false);
      expect(item.countryCode).toBeNull();
    }
    for (const item of body.items.filter((candidate) => !candidate.isAnonymous)) expect(item.donorId).toMatch(/^[0-9a-f-]{36}$/);

    const hidden = await getPrisma().donor.findMany({ where: { isAnonymous: true }, select: { id: true, displayName: true } });
    expect(hidden.length).toBeGreaterThan(0);
    const csv = await (await call(contributionsLoader, `/api/v1/contributions?${RANGE}&format=csv`)).text();
    const json = JSON.stringify(body);
    for (const donor of hidden) {
      expect(json).not.toContain(donor.id);
      expect(json).not.toContain(donor.displayName);
      expect(csv).not.toContain(donor.id);
      expect(csv).not.toContain(donor.displayName);
    }
  });
});

describe('filters', () => {
  test('projects by programme, region, country and status', async () => {
    const db = getPrisma();
    const corruption = await callJson<List<ProjectItem>>(projectsLoader, '/api/v1/projects?programme=corruption');
    const expected = await db.project.count({ where: { programme: { slug: 'corruption' } } });
    expect(corruption.body.items).toHaveLength(expected);
    expect(corruption.body.filters).toEqual({ programme: 'corruption' });
    expect(corruption.body.items.every((item) => item.programme === 'corruption')).toBe(true);

    const eastAfrica = await callJson<List<ProjectItem>>(projectsLoader, '/api/v1/projects?region=014');
    expect(eastAfrica.body.items.length).toBe(await db.project.count({ where: { regionCode: '014' } }));
    expect(eastAfrica.body.items.every((item) => item.regionCode === '014')).toBe(true);

    const kenya = await callJson<List<ProjectItem>>(projectsLoader, '/api/v1/projects?country=ke&status=implementation');
    expect(kenya.body.items.map((item) => item.code)).toEqual(['KENU12']);
    expect(kenya.body.filters).toEqual({ country: 'KE', status: 'implementation' });
  });

  test('contributions by donor type, programme and project add up to less than the whole', async () => {
    const all = await callJson<List<ContributionItem>>(contributionsLoader, `/api/v1/contributions?${RANGE}`);
    const states = await callJson<List<ContributionItem>>(contributionsLoader, `/api/v1/contributions?${RANGE}&donorType=member-state`);
    expect(states.body.items.length).toBeGreaterThan(0);
    expect(states.body.items.every((item) => item.donorType === 'member-state')).toBe(true);
    expect(states.body.items.length).toBeLessThan(all.body.items.length);

    const project = await callJson<List<ContributionItem>>(contributionsLoader, `/api/v1/contributions?${RANGE}&project=glot59`);
    expect(project.status).toBe(200);
    expect(project.body.filters).toEqual({ project: 'GLOT59' });
    expect(project.body.items.length).toBeGreaterThan(0);
    expect(project.body.items.length).toBeLessThan(all.body.items.length);
    const total = (list: ContributionItem[]) => list.reduce((sum, item) => sum + item.paidUsdMinor, 0);
    expect(total(project.body.items)).toBeLessThan(total(all.body.items));
  });
});

describe('errors and bad input', () => {
  test('unknown programme or project is a JSON 404', async () => {
    const programme = await callJson(projectsLoader, '/api/v1/projects?programme=no-such-programme');
    expect(programme.status).toBe(404);
    expect(programme.body).toEqual({ error: { code: 'programme_not_found', message: expect.stringContaining('no-such-programme') } });
    expect(programme.response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const project = await callJson(contributionsLoader, '/api/v1/contributions?project=NOPE99');
    expect(project.status).toBe(404);
    expect(project.body).toMatchObject({ error: { code: 'project_not_found' } });
  });

  test.each([
    ['year=abc', ['year']],
    ['year=1e3', ['year']],
    ['year=2024.5', ['year']],
    ['from=2030&to=2020', ['from', 'to']],
    ['status=bogus&region=Europe&country=KEN', ['status', 'region', 'country']],
    ['programme=..%2F..%2Fetc', ['programme']],
    ['donorType=member-state', ['donorType']], // not a project filter
    ['format=xml&foo=1', ['format', 'foo']],
  ])('nonsense %s is ignored with warnings, never an error', async (query, warnings) => {
    const { result, clockYears } = await aroundRequest(() => callJson<List<ProjectItem>>(projectsLoader, `/api/v1/projects?${query}`));
    const { status, body } = result;
    expect(status).toBe(200);
    expect([...body.warnings].sort()).toEqual([...warnings].sort());
    expect(clockYears).toContain(body.fromYear); // the default: this year
    expect(body.items.length).toBeGreaterThan(0);
  });

  test('programmes take the page filters but no status; contributions report a malformed project code', async () => {
    const programmes = await callJson<List<ProgrammeItem>>(programmesLoader, '/api/v1/programmes?from=2020&status=closed');
    expect(programmes.status).toBe(200);
    expect(programmes.body.warnings.sort()).toEqual(['status']);
    expect(programmes.body.fromYear).toBe(2020);
    const contributions = await callJson<List<ContributionItem>>(contributionsLoader, '/api/v1/contributions?project=%3Cscript%3E');
    expect(contributions.status).toBe(200);
    expect(contributions.body.warnings).toEqual(['project']);
  });

  test('a query string over 2,000 characters is 414, more than 30 parameters is 400, both JSON', async () => {
    const long = await callJson(projectsLoader, `/api/v1/projects?region=${'1'.repeat(2100)}`);
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ error: { code: 'query_too_long' } });
    const many = Array.from({ length: 31 }, (_, index) => `p${index}=1`).join('&');
    const tooMany = await callJson(contributionsLoader, `/api/v1/contributions?${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: { code: 'too_many_parameters' } });
    const thirty = Array.from({ length: 30 }, (_, index) => `p${index}=1`).join('&');
    expect((await call(contributionsLoader, `/api/v1/contributions?${thirty}`)).status).toBe(200);
  });
});
