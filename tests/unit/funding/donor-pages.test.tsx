// Donor pages (decision 048) against the seeded demo ledger: a named institutional donor's page
// and API answer equal /api/v1/contributions for it to the cent; individuals and anonymous donors
// never get a page (404 like an unknown slug), are never listed, linked or in the API, even with a
// slug written by hand; the page renders in Arabic with one h1 and labelled tables.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { loader as donorApiLoader } from '~/routes/api.v1.donors.$slug.ts';
import { loader as donorListApiLoader } from '~/routes/api.v1.donors._index.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { formatMoney } from '~/platform/money.ts';
import { call, callJson } from './open-data/call.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useRouteError: () => null,
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

const context = { cspNonce: 'test' };
const request = (path: string) => new Request(`http://localhost${path}`);

async function loadRoute(module: string, path: string, params: Record<string, string> = {}) {
  const route = (await import(module)) as {
    loader: (a: { request: Request; params: Record<string, string>; context: object }) => Promise<{ data: unknown }>;
    default: () => ReactNode;
  };
  return { route, data: (await route.loader({ request: request(path), params, context })).data };
}

async function statusOf(load: () => Promise<unknown>): Promise<number> {
  try {
    await load();
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

interface ContributionItem {
  donorId?: string;
  pledgedUsdMinor: number;
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
}
interface DonorDetail {
  slug: string;
  totals: { pledgedUsdMinor: number; paidUsdMinor: number; generalPurposeUsdMinor: number; earmarkedUsdMinor: number };
  years: {
    year: number;
    pledgedUsdMinor: number;
    paidUsdMinor: number;
    generalPurposeUsdMinor: number;
    rank: number | null;
    donorsThatYear: number;
  }[];
}

/** Donors that must never have a page: every individual and "other" donor, and every anonymous one. */
let hidden: { id: string; publicSlug: string | null; displayName: string }[] = [];
let germanyId = '';

beforeAll(async () => {
  const db = getPrisma();
  await seedDemoData({ db });
  germanyId = (await db.donor.findFirstOrThrow({ where: { displayName: 'Germany', type: 'MEMBER_STATE' } })).id;
  // An anonymous company, and a named company that later asks to stay anonymous (it had a slug).
  await db.donor.create({ data: { type: 'COMPANY', displayName: 'Hidden Holdings', isAnonymous: true } });
  const turned = await db.donor.create({ data: { type: 'FOUNDATION', displayName: 'Quiet Foundation' } });
  expect((await db.donor.findUniqueOrThrow({ where: { id: turned.id } })).publicSlug).toBe('quiet-foundation');
  await db.donor.update({ where: { id: turned.id }, data: { isAnonymous: true } });
  // A slug written by hand on an individual: readers must still refuse it.
  const person = await db.donor.findFirstOrThrow({ where: { type: 'INDIVIDUAL', isAnonymous: false, payments: { some: {} } } });
  await db.$executeRaw`UPDATE donors SET "publicSlug" = 'a-person' WHERE id = ${person.id}::uuid`;
  hidden = await db.donor.findMany({
    where: { OR: [{ type: { in: ['INDIVIDUAL', 'OTHER'] } }, { isAnonymous: true }] },
    select: { id: true, publicSlug: true, displayName: true },
  });
}, 120_000);

describe('who has a page', () => {
  it('the seed’s Member States have stable slugs from their names; individuals and anonymous donors have none from the trigger', async () => {
    const germany = await getPrisma().donor.findUniqueOrThrow({ where: { id: germanyId } });
    expect(germany.publicSlug).toBe('germany');
    // A change of name keeps the slug.
    await getPrisma().donor.update({ where: { id: germanyId }, data: { displayName: 'Germany' } });
    expect((await getPrisma().donor.findUniqueOrThrow({ where: { id: germanyId } })).publicSlug).toBe('germany');
    // Accents folded, punctuation to dashes; a taken name gets the id's start; no Latin letters: the id's start.
    const slugOf = async (data: { type: 'MEMBER_STATE' | 'COMPANY'; displayName: string }) => {
      const donor = await getPrisma().donor.create({ data });
      return { id: donor.id, slug: (await getPrisma().donor.findUniqueOrThrow({ where: { id: donor.id } })).publicSlug };
    };
    expect((await slugOf({ type: 'MEMBER_STATE', displayName: 'Côte d’Ivoire' })).slug).toBe('cote-d-ivoire');
    const twin = await slugOf({ type: 'COMPANY', displayName: 'GERMANY' });
    expect(twin.slug).toBe(`germany-${twin.id.slice(0, 8)}`);
    const arabic = await slugOf({ type: 'COMPANY', displayName: 'شركة الأمل' });
    expect(arabic.slug).toBe(`donor-${arabic.id.slice(0, 8)}`);
    const slugged = hidden.filter((donor) => donor.publicSlug !== null).map((donor) => donor.publicSlug);
    expect(slugged.sort()).toEqual(['a-person', 'quiet-foundation']);
  });

  it('individual and anonymous donors are 404 on the page and the API, exactly like an unknown slug, and never listed', async () => {
    const slugs = [...hidden.flatMap((donor) => (donor.publicSlug ? [donor.publicSlug] : [])), 'no-such-donor'];
    for (const slug of slugs) {
      expect(await statusOf(() => loadRoute('~/routes/donors.$slug/route.tsx', `/donors/${slug}`, { slug })), slug).toBe(404);
      const response = await call(donorApiLoader, `/api/v1/donors/${slug}`, {}, { slug });
      expect(response.status, slug).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'There is no donor page with this slug.' } });
    }
    const { data: list } = await loadRoute('~/routes/donors._index/route.tsx', '/donors?lng=en');
    const listed = (list as { donors: { slug: string; name: string }[] }).donors;
    expect(listed.map((donor) => donor.slug)).toContain('germany');
    const { body } = await callJson<{ items: { slug: string; name: string }[] }>(donorListApiLoader, '/api/v1/donors');
    expect(body.items.map((item) => item.slug)).toEqual(listed.map((donor) => donor.slug));
    const hiddenSlugs = new Set(slugs);
    for (const item of body.items) expect(hiddenSlugs.has(item.slug), item.slug).toBe(false);
    const types = await getPrisma().donor.findMany({ where: { publicSlug: { in: listed.map((d) => d.slug) } }, select: { type: true } });
    for (const { type } of types) expect(['MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION']).toContain(type);
  });

  it('public pages link donor names only to donors with a page', async () => {
    const listed = new Set(
      (await callJson<{ items: { slug: string }[] }>(donorListApiLoader, '/api/v1/donors')).body.items.map(
        (item) => `/donors/${item.slug}`,
      ),
    );
    const { data: funding } = await loadRoute('~/routes/funding/route.tsx', '/funding?lng=en');
    const rows = (funding as { contributions: { donor: string; href?: string; isAnonymous: boolean }[] }).contributions;
    expect(rows.some((row) => row.href === '/donors/germany')).toBe(true);
    for (const row of rows) {
      if (row.href) expect(listed.has(row.href), row.donor).toBe(true);
      if (row.isAnonymous) expect(row.href).toBeUndefined();
    }
    const hiddenNames = new Set(hidden.map((donor) => donor.displayName));
    for (const row of rows) if (hiddenNames.has(row.donor)) expect(row.href, row.donor).toBeUndefined();

    const project = await getPrisma().donorAllocationSummary.findFirstOrThrow({ where: { donorId: germanyId, isAnonymous: false } });
    const { code } = await getPrisma().project.findUniqueOrThrow({ where: { id: project.projectId } });
    const { data: projectPage } = await loadRoute('~/routes/projects.$code/route.tsx', `/projects/${code}?lng=en`, { code });
    const bars = (projectPage as { donorsChart: { bars: { label: string; href?: string }[] } }).donorsChart.bars;
    expect(bars.some((bar) => bar.href === '/donors/germany')).toBe(true);
    for (const bar of bars) if (bar.href) expect(listed.has(bar.href), bar.label).toBe(true);
  });
});

describe('Germany’s page', () => {
  it('equals /api/v1/contributions for Germany to the cent, over all its years and in each year', async () => {
    const { body: detail } = await callJson<DonorDetail>(donorApiLoader, '/api/v1/donors/germany', { slug: 'germany' });
    const years = detail.years.map((row) => row.year);
    expect(years.length).toBeGreaterThan(1);
    const from = Math.min(...years);
    const to = Math.max(...years);
    const germanyIn = async (query: string) => {
      const { body } = await callJson<{ items: ContributionItem[] }>(contributionsLoader, `/api/v1/contributions?${query}`);
      return body.items.find((item) => item.donorId === germanyId);
    };
    const all = await germanyIn(`from=${from}&to=${to}`);
    expect(all).toBeDefined();
    expect(detail.totals.paidUsdMinor).toBe(all?.paidUsdMinor);
    expect(detail.totals.pledgedUsdMinor).toBe(all?.pledgedUsdMinor);
    expect(detail.totals.generalPurposeUsdMinor).toBe(all?.generalPurposeUsdMinor);
    expect(detail.totals.paidUsdMinor).toBeGreaterThan(0);
    for (const row of detail.years) {
      const year = await germanyIn(`year=${row.year}`);
      expect(row.paidUsdMinor, String(row.year)).toBe(year?.paidUsdMinor ?? 0);
      expect(row.pledgedUsdMinor, String(row.year)).toBe(year?.pledgedUsdMinor ?? 0);
      expect(row.generalPurposeUsdMinor, String(row.year)).toBe(year?.generalPurposeUsdMinor ?? 0);
      // Rank: the API's order by paid (ties apart) puts Germany at the same place.
      if (row.rank !== null) {
        const { body } = await callJson<{ items: ContributionItem[] }>(contributionsLoader, `/api/v1/contributions?year=${row.year}`);
        const above = body.items.filter((item) => item.paidUsdMinor > row.paidUsdMinor).length;
        expect(row.rank, String(row.year)).toBe(above + 1);
        expect(row.donorsThatYear, String(row.year)).toBe(body.items.length);
      }
    }
    // The page shows the same totals, formatted.
    const { data } = await loadRoute('~/routes/donors.$slug/route.tsx', '/donors/germany?lng=en', { slug: 'germany' });
    const totals = (data as { totals: { paid: string; pledged: string } }).totals;
    expect(totals.paid).toBe(formatMoney(detail.totals.paidUsdMinor, 'USD', 'en'));
    expect(totals.pledged).toBe(formatMoney(detail.totals.pledgedUsdMinor, 'USD', 'en'));
  });

  it('renders in Arabic: right to left, one h1, headings in order, every table captioned with header cells', async () => {
    const { route, data } = await loadRoute('~/routes/donors.$slug/route.tsx', '/donors/germany?lng=ar', { slug: 'germany' });
    page.data = data;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
        <route.default />
      </I18nextProvider>,
    );
    const levels = [...html.matchAll(/<h([1-6])[^>]*>/g)].map((match) => Number(match[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
    expect(html).toMatch(/<h2[^>]*>[^<]*[\u0600-\u06FF]/);
    expect(html).toContain('direction="rtl"');
    const tables = [...html.matchAll(/<table[\s\S]*?<\/table>/g)].map((match) => match[0]);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const table of tables) {
      expect(table).toMatch(/<caption>[^<]*[\u0600-\u06FF]/);
      expect(table).toContain('<th scope="col"');
    }
    expect(html).toContain('href="/programmes/');
  });
});
