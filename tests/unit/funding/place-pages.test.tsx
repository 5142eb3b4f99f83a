// Country and region pages (/countries/:iso, /regions/:m49) and the /funding country and project
// filters, against the seeded demo ledger: the pages' figures equal sums written here in SQL over
// the money facts themselves (requirements, allocations), the projects are the ones the seed put
// there (a region takes in its sub-regions' countries), no individual or anonymous donor is ever
// named, unknown codes are a 404 that says what was asked, and the page renders in Arabic.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { Prisma } from '~/generated/prisma/client.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useRouteError: () => null,
  isRouteErrorResponse: () => false,
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  Form: ({ children }: { children: ReactNode }) => <form method="get">{children}</form>,
}));

// Years as the URL gives them: the pages never read the clock for them.
const thisYear = new Date().getUTCFullYear();
const fromYear = thisYear - 3;
const toYear = thisYear + 1;
const years = `from=${fromYear}&to=${toYear}`;
const request = (path: string) => new Request(`http://localhost${path}`);

type Loaded = { route: { default: () => ReactNode }; data: unknown };
async function load(kind: 'country' | 'region', code: string, query = years, lng = 'en'): Promise<Loaded> {
  const module = kind === 'country' ? '~/routes/countries.$iso/route.tsx' : '~/routes/regions.$m49/route.tsx';
  const route = (await import(module)) as {
    loader: (a: { request: Request; params: Record<string, string>; context: object }) => Promise<{ data: unknown }>;
    default: () => ReactNode;
  };
  const path = `/${kind === 'country' ? 'countries' : 'regions'}/${code}?${query}&lng=${lng}`;
  const params: Record<string, string> = kind === 'country' ? { iso: code } : { m49: code };
  return { route, data: (await route.loader({ request: request(path), params, context: { cspNonce: 'test' } })).data };
}

async function thrown(loadPage: () => Promise<unknown>): Promise<Response> {
  try {
    await loadPage();
  } catch (error) {
    if (error instanceof Response) return error;
    // data() thrown by a loader: Remix's DataWithResponseInit
    if (error && typeof error === 'object' && 'init' in error && 'data' in error) {
      const { init, data } = error as { init: ResponseInit | null; data: unknown };
      return new Response(JSON.stringify(data), { status: init?.status ?? 200 });
    }
    throw error;
  }
  throw new Error('expected the loader to throw');
}

interface PlaceData {
  heading: string;
  projects: { code: string }[];
  donors: { name: string; href?: string; isGroup: boolean }[];
  within: { code: string; href: string }[];
  raw: {
    fromYear: number;
    toYear: number;
    totals: Awaited<ReturnType<typeof getFundingFigures>>;
    projectCodes: string[];
    donors: { donorId: string | null; name: string | null; kind: string; donorType: string; allocatedUsdMinor: number }[];
    byType: { donorType: string; allocatedUsdMinor: number }[];
  };
}

/** Requirement and funded by source from the facts: project_requirements and allocations of the projects given. */
async function factsFor(codes: string[]) {
  const db = getPrisma();
  const [requirement] = await db.$queryRaw<{ v: bigint }[]>`
    SELECT COALESCE(SUM(r."usdMinor"), 0)::bigint AS v FROM project_requirements r JOIN projects p ON p.id = r."projectId"
    WHERE p.code IN (${Prisma.join(codes)}) AND r.year BETWEEN ${fromYear} AND ${toYear}`;
  const sources = await db.$queryRaw<{ source: string; v: bigint }[]>`
    SELECT a.source::text AS source, SUM(a."usdMinor")::bigint AS v FROM allocations a JOIN projects p ON p.id = a."projectId"
    WHERE p.code IN (${Prisma.join(codes)}) AND a.year BETWEEN ${fromYear} AND ${toYear} GROUP BY a.source`;
  // Allocated money by the type of the donor whose payment it came from (a reversal's row: its payment's donor).
  const byType = await db.$queryRaw<{ type: string; v: bigint }[]>`
    SELECT d.type::text AS type, SUM(a."usdMinor")::bigint AS v FROM allocations a
    JOIN projects p ON p.id = a."projectId"
    LEFT JOIN reversals rv ON rv.id = a."reversalId"
    JOIN payments pay ON pay.id = COALESCE(a."paymentId", rv."paymentId")
    JOIN donors d ON d.id = pay."donorId"
    WHERE p.code IN (${Prisma.join(codes)}) AND a.year BETWEEN ${fromYear} AND ${toYear}
    GROUP BY d.type HAVING SUM(a."usdMinor") <> 0`;
  const source = (name: string) => Number(sources.find((row) => row.source === name)?.v ?? 0n);
  return {
    requirement: Number(requirement?.v ?? 0n),
    regularBudget: source('REGULAR_BUDGET'),
    generalPurpose: source('GENERAL_PURPOSE'),
    earmarked: source('EARMARKED'),
    byType: Object.fromEntries(byType.map((row) => [row.type, Number(row.v)])),
  };
}

// Where the seed puts its projects (prisma/seed-data/projects.ts), written out by hand.
const AFRICA = ['KENU12', 'MOZC27', 'NGAT81', 'XSSR77', 'XWAC05'];
const WESTERN_AFRICA = ['NGAT81', 'XWAC05'];
const AMERICAS = ['COLC18', 'XAMT72', 'XLAU40'];
const GLOBAL = ['GLOC44', 'GLOR50', 'GLOT59', 'GLOU68'];

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
}, 120_000);

describe('which projects a place has', () => {
  it('a country has its own projects; a region those of its sub-regions and their countries; World the global ones', async () => {
    const cases: [kind: 'country' | 'region', code: string, expected: string[]][] = [
      ['country', 'NG', ['NGAT81']],
      ['country', 'KE', ['KENU12']],
      ['region', '011', WESTERN_AFRICA],
      ['region', '002', AFRICA],
      ['region', '202', ['KENU12', 'MOZC27', 'NGAT81', 'XSSR77', 'XWAC05']],
      ['region', '019', AMERICAS],
      ['region', '001', GLOBAL],
    ];
    for (const [kind, code, expected] of cases) {
      const { data } = await load(kind, code);
      expect([...(data as PlaceData).raw.projectCodes].sort(), `${kind} ${code}`).toEqual(expected);
    }
  });

  it('a known country without projects has a page with none; the country sits in its regions, nearest first, each linked', async () => {
    const { data } = await load('country', 'FR');
    expect((data as PlaceData).projects).toEqual([]);
    expect((data as PlaceData).raw.totals.fundedUsdMinor).toBe(0);
    const { data: nigeria } = await load('country', 'NG');
    expect((nigeria as PlaceData).within.map((place) => place.href)).toEqual(['/regions/011', '/regions/202', '/regions/002']);
  });
});

describe('figures', () => {
  it('equal the money facts summed in SQL here, for countries and regions, to the minor unit', async () => {
    const cases: [kind: 'country' | 'region', code: string, codes: string[]][] = [
      ['country', 'NG', ['NGAT81']],
      ['country', 'CO', ['COLC18']],
      ['region', '002', AFRICA],
      ['region', '019', AMERICAS],
      ['region', '001', GLOBAL],
    ];
    let sawMoney = false;
    for (const [kind, code, codes] of cases) {
      const { raw } = (await load(kind, code)).data as PlaceData;
      const facts = await factsFor(codes);
      const label = `${kind} ${code}`;
      expect(raw.fromYear).toBe(fromYear);
      expect(raw.totals.requirementUsdMinor, label).toBe(facts.requirement);
      expect(raw.totals.fundedBySource, label).toEqual({
        regularBudget: facts.regularBudget,
        generalPurpose: facts.generalPurpose,
        earmarked: facts.earmarked,
      });
      expect(raw.totals.gapUsdMinor, label).toBe(Math.max(0, facts.requirement - raw.totals.fundedUsdMinor));
      // Pledged-unpaid: the ledger's own figure for each project, added up.
      let unpaid = 0;
      const projects = await getPrisma().project.findMany({ where: { code: { in: codes } }, select: { id: true } });
      for (const project of projects)
        unpaid += (await getFundingFigures({ projectId: project.id, fromYear, toYear })).pledgedUnpaidUsdMinor;
      expect(raw.totals.pledgedUnpaidUsdMinor, label).toBe(unpaid);
      // Funding by donor type is the allocated money of those donors; with the regular budget it is all that was funded.
      expect(Object.fromEntries(raw.byType.map((row) => [row.donorType, row.allocatedUsdMinor])), label).toEqual(facts.byType);
      const byTypeTotal = raw.byType.reduce((sum, row) => sum + row.allocatedUsdMinor, 0);
      expect(byTypeTotal + facts.regularBudget, label).toBe(raw.totals.fundedUsdMinor);
      // Every donor and group is listed (fewer than the page's limit here) and they add up to the same.
      expect(
        raw.donors.reduce((sum, row) => sum + row.allocatedUsdMinor, 0),
        label,
      ).toBe(byTypeTotal);
      if (raw.totals.fundedUsdMinor > 0) sawMoney = true;
    }
    expect(sawMoney).toBe(true);
  });

  it('the country page shows the same totals as /funding?country= for the same years', async () => {
    const { loader } = await import('~/routes/funding/route.tsx');
    const funding = (await loader({
      request: request(`/funding?country=NG&${years}`),
      params: {},
      context: { cspNonce: 'test' },
    })) as unknown as {
      data: { figures: { totals: unknown }; notices: string[] };
    };
    const { raw } = (await load('country', 'NG')).data as PlaceData;
    expect(funding.data.notices).toEqual([]);
    expect(funding.data.figures.totals).toEqual(raw.totals);
  });
});

describe('donors', () => {
  it('named institutional donors link to their pages; individuals and anonymous gifts are groups, never named', async () => {
    const db = getPrisma();
    const unnamed = await db.donor.findMany({
      where: { OR: [{ type: { in: ['INDIVIDUAL', 'OTHER'] } }, { isAnonymous: true }] },
      select: { displayName: true },
    });
    const names = new Set(unnamed.map((donor) => donor.displayName).filter((name) => name.length > 3));
    let groups = 0;
    for (const [kind, code] of [
      ['country', 'KE'],
      ['country', 'NG'],
      ['region', '002'],
      ['region', '019'],
      ['region', '001'],
      ['region', '142'],
      ['region', '150'],
    ] as const) {
      const { route, data } = await load(kind, code);
      const place = data as PlaceData;
      for (const donor of place.raw.donors) {
        if (donor.kind === 'named') expect(['INDIVIDUAL', 'OTHER']).not.toContain(donor.donorType);
        else expect(donor.donorId).toBeNull();
      }
      groups += place.donors.filter((donor) => donor.isGroup).length;
      for (const donor of place.donors.filter((row) => !row.isGroup)) expect(donor.href, donor.name).toMatch(/^\/donors\/[a-z0-9-]+$/);
      page.data = data;
      const html = renderToStaticMarkup(
        <I18nextProvider i18n={getI18nInstance('en', getLocaleResources('en'))}>
          <route.default />
        </I18nextProvider>,
      );
      for (const name of names) expect(html.includes(`>${name}<`), `${code}: ${name}`).toBe(false);
    }
    expect(groups).toBeGreaterThan(0);
  });
});

describe('unknown places', () => {
  it('are a 404 that says what was asked, for malformed and for unknown codes alike; lower case redirects', async () => {
    for (const code of ['XX', 'ZZ', 'NGA', '1', 'N%00']) {
      const response = await thrown(() => load('country', code));
      expect(response.status, code).toBe(404);
      expect(await response.json()).toMatchObject({ notFound: 'country' });
    }
    for (const code of ['999', '000', 'abc', '02', '0021']) {
      const response = await thrown(() => load('region', code));
      expect(response.status, code).toBe(404);
      expect(await response.json()).toMatchObject({ notFound: 'region' });
    }
    const redirect = await thrown(() => load('country', 'ng'));
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/countries/NG');
  });

  it('a year that is not understood is ignored and named, the page still answers', async () => {
    const { data } = await load('country', 'NG', 'from=abc&to=2');
    expect((data as { ignored: { name: string }[] }).ignored.map((item) => item.name).sort()).toEqual(['from', 'to']);
  });
});

describe('/funding country and project filters', () => {
  type Dashboard = {
    data: {
      figures: { totals: Awaited<ReturnType<typeof getFundingFigures>> };
      notices: string[];
      form: { country: string; project: string };
      downloads: { contributions: { csv: string } };
      scope: { country?: { href: string }; project?: { href: string } };
    };
  };
  const dashboard = async (query: string) => {
    const { loader } = await import('~/routes/funding/route.tsx');
    return (await loader({ request: request(`/funding?${query}`), params: {}, context: { cspNonce: 'test' } })) as unknown as Dashboard;
  };

  it('a project narrows the totals to that project (the ledger’s own figure) and lands in the form, the scope and the downloads', async () => {
    const project = await getPrisma().project.findUniqueOrThrow({ where: { code: 'NGAT81' } });
    const { data } = await dashboard(`project=ngat81&${years}`);
    const { unallocatedUsdMinor: _pool, ...ledger } = await getFundingFigures({ projectId: project.id, fromYear, toYear });
    expect(data.notices).toEqual([]);
    expect(data.figures.totals).toEqual(ledger);
    expect(data.form.project).toBe('NGAT81');
    expect(data.scope.project?.href).toBe('/projects/NGAT81');
    expect(data.downloads.contributions.csv).toContain('project=NGAT81');
  });

  it('a country narrows the totals and links the country page from the scope line', async () => {
    const { data } = await dashboard(`country=ke&${years}`);
    const facts = await factsFor(['KENU12']);
    expect(data.notices).toEqual([]);
    expect(data.form.country).toBe('KE');
    expect(data.figures.totals.requirementUsdMinor).toBe(facts.requirement);
    expect(data.figures.totals.fundedUsdMinor).toBe(facts.regularBudget + facts.generalPurpose + facts.earmarked);
    expect(data.scope.country?.href).toBe('/countries/KE');
    expect(data.downloads.contributions.csv).toContain('country=KE');
  });

  it('unknown or malformed countries and projects are ignored and named in the notice, never an error', async () => {
    const all = await dashboard(years);
    for (const [query, names] of [
      ['country=XX', ['country']],
      ['country=FR', ['country']], // a real country without projects: no choice in the menu
      ['country=N1', ['country']],
      ['project=NOPE99', ['project']],
      ['project=%3Cscript%3E', ['project']],
      ['country=ZZ&project=NOPE', ['country', 'project']],
    ] as const) {
      const { data } = await dashboard(`${query}&${years}`);
      expect(data.notices.length, query).toBe(names.length);
      expect(data.form.country, query).toBe('');
      expect(data.form.project, query).toBe('');
      expect(data.figures.totals, query).toEqual(all.data.figures.totals);
    }
  });
});

describe('rendering', () => {
  it('renders in Arabic: one h1, headings in order, captioned tables, the chart right to left, how to read the figures', async () => {
    const { route, data } = await load('region', '002', years, 'ar');
    page.data = data;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
        <route.default />
      </I18nextProvider>,
    );
    const levels = [...html.matchAll(/<h([1-6])[^>]*>/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
    expect(html).toContain('direction="rtl"');
    expect(html).toContain('كيف تُقرأ هذه الأرقام');
    const tables = [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((match) => match[0]);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) expect(table).toMatch(/<caption>[^<]+/);
    expect(html).toContain('href="/projects/NGAT81"');
    expect(html).toContain('href="/countries/NG"');
  });
});
