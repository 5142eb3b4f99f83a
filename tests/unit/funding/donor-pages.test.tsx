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
  Form: ({ children, method, className, role, ...rest }: { children: ReactNode; method: string; className?: string; role?: string }) => (
    <form method={method} className={className} role={role} aria-label={(rest as Record<string, string>)['aria-label']}>
      {children}
    </form>
  ),
  useRouteError: () => null,
  Link: ({ to, rel, children }: { to: string; rel?: string; children: ReactNode }) => (
    <a href={to} rel={rel}>
      {children}
    </a>
  ),
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

interface ListPage {
  donors: { slug: string; name: string; type: string }[];
  count: string;
  range: string | null;
  ignored: { name: string; value: string }[];
  pager: { label: string; previous: string | null; next: string | null };
  form: { q: string; type: string };
}

async function listPage(search: string, lng = 'en'): Promise<ListPage> {
  const separator = search ? '&' : '';
  return (await loadRoute('~/routes/donors._index/route.tsx', `/donors?${search}${separator}lng=${lng}`)).data as ListPage;
}

/** Every donor the list shows for a query, following its "next" links from page 1. */
async function everyListedDonor(search: string): Promise<ListPage['donors']> {
  const donors: ListPage['donors'] = [];
  let next: string | null = `/donors${search ? `?${search}` : ''}`;
  for (let guard = 0; next && guard < 50; guard++) {
    const current: ListPage = await listPage(new URL(next, 'http://localhost').searchParams.toString());
    donors.push(...current.donors);
    next = current.pager.next;
  }
  return donors;
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
    const listed = await everyListedDonor('');
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

describe('the list of donor pages (/donors)', () => {
  // 150 companies with a page, so the list runs over more than one page of 100.
  beforeAll(async () => {
    await getPrisma().donor.createMany({
      data: Array.from({ length: 150 }, (_, index) => ({
        type: 'COMPANY' as const,
        displayName: `Paging Company ${String(index).padStart(3, '0')}`,
      })),
    });
  });

  it('pages by 100, by name then slug, with counts and previous/next links; the pages together are the API list', async () => {
    const api = (await callJson<{ items: { slug: string }[] }>(donorListApiLoader, '/api/v1/donors')).body.items.map((i) => i.slug);
    expect(api.length).toBeGreaterThan(150);
    const first = await listPage('');
    expect(first.donors).toHaveLength(100);
    expect(first.count).toBe(`${api.length} donors`);
    expect(first.range).toBe(`showing 1 to 100 of ${api.length}`);
    expect(first.pager).toMatchObject({ previous: null, next: '/donors?page=2' });
    const all = await everyListedDonor('');
    expect(all.map((donor) => donor.slug)).toEqual(api);
    expect(new Set(all.map((donor) => donor.slug)).size).toBe(all.length);

    const search = await listPage('q=paging+company');
    expect(search.count).toBe('150 donors');
    expect(search.pager.next).toBe('/donors?q=paging+company&page=2');
    const second = await listPage('q=paging+company&page=2');
    expect(second.donors.map((donor) => donor.name)).toEqual(
      Array.from({ length: 50 }, (_, index) => `Paging Company ${String(index + 100).padStart(3, '0')}`),
    );
    expect(second.range).toBe('showing 101 to 150 of 150');
    expect(second.pager).toMatchObject({ previous: '/donors?q=paging+company', next: null, label: 'Page 2 of 2' });
    expect(second.ignored).toEqual([]);
  });

  it('searches names case-insensitively, anywhere in the name; % and _ are plain characters', async () => {
    const germ = await listPage('q=ERMAN');
    expect(germ.donors.map((donor) => donor.slug)).toContain('germany');
    for (const donor of germ.donors) expect(donor.name.toLowerCase()).toContain('erman');
    expect(germ.form.q).toBe('ERMAN');
    expect((await listPage('q=%25')).donors).toEqual([]);
    expect((await listPage('q=Paging_Company')).donors).toEqual([]);
    const none = await listPage('q=no+such+donor+anywhere');
    expect(none.donors).toEqual([]);
    expect(none.count).toBe('0 donors');
    expect(none.pager).toMatchObject({ previous: null, next: null });
  });

  it('filters by type, as member-state or MEMBER_STATE alike; Member States are a link away from every list page', async () => {
    const expected = await getPrisma().donor.count({
      where: { type: 'MEMBER_STATE', publicSlug: { not: null }, isAnonymous: false, isProfilePending: false, erasedAt: null },
    });
    expect(expected).toBeGreaterThan(1);
    for (const value of ['member-state', 'MEMBER_STATE']) {
      const states = await listPage(`type=${value}`);
      expect(states.donors).toHaveLength(expected);
      for (const donor of states.donors) expect(donor.type).toBe('Member State');
      expect(states.form.type).toBe('member-state');
      expect(states.ignored).toEqual([]);
    }
    const both = await listPage('type=company&q=paging');
    expect(both.count).toBe('150 donors');
    const none = await listPage('type=foundation&q=paging');
    expect(none.donors).toEqual([]);
    const first = (await loadRoute('~/routes/donors._index/route.tsx', '/donors?lng=en')).data as {
      typeLinks: { href: string; label: string }[];
    };
    expect(first.typeLinks.slice(0, 2)).toEqual([
      { href: '/donors?type=member-state', label: 'Member States', isCurrent: false },
      { href: '/donors?type=intergovernmental', label: 'Intergovernmental bodies', isCurrent: false },
    ]);
  });

  it('ignores parameters it does not understand, says so, and shows page 1 — never a 500', async () => {
    const cases: [string, string[]][] = [
      ['page=0', ['page']],
      ['page=-1', ['page']],
      ['page=abc', ['page']],
      ['page=1.5', ['page']],
      ['page=99999999', ['page']],
      ['page=3', ['page']], // past the last page (2 at most here)
      ['q=paging&page=3', ['page']],
      ['type=individual', ['type']],
      ['type=other', ['type']],
      ['type=nonsense&page=x', ['type', 'page']],
      [`q=${'x'.repeat(101)}`, ['q']],
      ['q=&type=&page=', []],
    ];
    for (const [search, ignored] of cases) {
      const result = await listPage(search);
      expect(
        result.ignored.map((item) => item.name),
        search,
      ).toEqual(ignored);
      expect(result.pager.previous, search).toBeNull();
      expect(result.donors.length, search).toBeGreaterThan(0);
    }
    expect((await listPage('page=abc')).ignored[0]).toEqual({ name: 'page', label: 'Page', value: 'abc' });
    expect((await listPage('type=individual')).donors).toHaveLength(100);
  });

  it('never lists an individual or an anonymous donor, whatever the search', async () => {
    const hiddenSlugs = new Set(hidden.flatMap((donor) => (donor.publicSlug ? [donor.publicSlug] : [])));
    for (const donor of hidden.slice(0, 20)) {
      const found = await listPage(`q=${encodeURIComponent(donor.displayName.slice(0, 100))}`);
      for (const row of found.donors) expect(hiddenSlugs.has(row.slug), row.slug).toBe(false);
    }
    expect((await listPage('q=Quiet+Foundation')).donors).toEqual([]);
    expect((await listPage('q=Hidden+Holdings')).donors).toEqual([]);
    const person = hidden.find((donor) => donor.publicSlug === 'a-person')!;
    expect((await listPage(`q=${encodeURIComponent(person.displayName)}`)).donors.map((d) => d.slug)).not.toContain('a-person');
  });

  it('renders in Arabic: a labelled GET search form, the notice, counts and pager, one h1', async () => {
    const { route, data } = await loadRoute('~/routes/donors._index/route.tsx', '/donors?q=paging&page=2&type=bad&lng=ar');
    page.data = data;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
        <route.default />
      </I18nextProvider>,
    );
    expect([...html.matchAll(/<h1[^>]*>/g)]).toHaveLength(1);
    expect(html).toMatch(/<form method="get"[^>]*role="search"/);
    expect(html).toMatch(/<label for="donor-search">[^<]*[\u0600-\u06FF]/);
    expect(html).toContain('name="q"');
    expect(html).toContain('value="paging"');
    expect(html).toMatch(/<button type="submit"[^>]*>[^<]*[\u0600-\u06FF]/);
    expect(html).toContain('class="filter-notice"');
    expect(html).toContain('<a href="/donors?q=paging" rel="prev">الصفحة السابقة</a>');
    expect(html).not.toContain('rel="next"');
    expect(html).toMatch(/<caption>[^<]*[\u0600-\u06FF]/);
  });
});
