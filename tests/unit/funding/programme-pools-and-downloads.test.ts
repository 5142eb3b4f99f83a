// #11 item 13: money given to a whole programme sits in its unallocated pool until staff allocate
// it; the home card, the programme page and /funding show that pool, and the thank-you page says
// so. #11 item 15: /funding's programmes download means the page's filters (years, programme,
// region), the CSV equals the page's programme table, and a region takes in its UN M49 sub-regions
// and countries on every page and file.
import type { AppLoadContext } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { loader as homeLoader } from '~/routes/_index/route.tsx';
import { loader as programmeLoader } from '~/routes/programmes.$slug/route.tsx';
import { loader as fundingLoader } from '~/routes/funding/route.tsx';
import { loader as thanksLoader } from '~/routes/give.thanks/route.tsx';
import { loader as programmesApi } from '~/routes/api.v1.programmes.ts';
import { loader as projectsApi } from '~/routes/api.v1.projects.ts';
import { programmeColumns, type ProgrammeItem, type ProjectItem } from '~/funding/open-data/items.server.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { formatPercentFromBasisPoints } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { getT } from '~/platform/i18n.server.ts';
import { call, callJson } from './open-data/call.ts';

const db = getPrisma();
const context: AppLoadContext = { cspNonce: 'test' };
const ORIGIN = 'http://localhost:3000';
const Y = new Date().getUTCFullYear();
const SLUG = 'trafficking-in-persons';
const GIFT_USD_MINOR = 123_456;
const usd = (minor: number) => formatMoney(minor, 'USD', 'en');

async function pageData<T>(run: Promise<T>): Promise<T extends { data: infer D } ? D : never> {
  const result = (await run) as { data: unknown };
  return result.data as T extends { data: infer D } ? D : never;
}
const get = (path: string) => new Request(`${ORIGIN}${path}`);

let programmeId = '';
let poolBefore = 0;

beforeAll(async () => {
  await seedDemoData({ db });
  const programme = await db.programme.findFirstOrThrow({ where: { slug: SLUG } });
  programmeId = programme.id;
  poolBefore = (await getFundingFigures({ programmeId, fromYear: Y, toYear: Y })).unallocatedUsdMinor;
  // A gift to the whole programme, received and not yet allocated by staff.
  const donor = await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: 'Pool Donor', countryCode: 'FR' } });
  await db.payment.create({
    data: {
      donorId: donor.id,
      method: 'BANK_TRANSFER',
      provider: 'MANUAL',
      currency: 'USD',
      amountMinor: BigInt(GIFT_USD_MINOR),
      usdRate: '1',
      usdMinor: BigInt(GIFT_USD_MINOR),
      earmarkType: 'PROGRAMME',
      programmeId,
      receivedAt: new Date(),
    },
  });
  await refreshFundingSummaries({ db, donorIds: [donor.id], programmeIds: [programmeId] }); // as every writer of money facts does
}, 120_000);

describe('item 13: the programme pool is shown', () => {
  it('home card, programme page and /funding show "received for the programme, not yet allocated to projects"', async () => {
    const expected = usd(poolBefore + GIFT_USD_MINOR);
    expect((await getFundingFigures({ programmeId, fromYear: Y, toYear: Y })).unallocatedUsdMinor).toBe(poolBefore + GIFT_USD_MINOR);

    const home = await pageData(homeLoader({ request: get('/?lng=en'), params: {}, context }));
    const card = home.programmes.find((programme) => programme.slug === SLUG);
    expect(card?.unallocated).toBe(expected);

    const programmePage = await pageData(programmeLoader({ request: get(`/programmes/${SLUG}?lng=en`), params: { slug: SLUG }, context }));
    expect(programmePage.unallocated).toBe(expected);

    const dashboard = await pageData(fundingLoader({ request: get(`/funding?programme=${SLUG}&lng=en`), params: {}, context }));
    expect(dashboard.totals.unallocated).toBe(expected);
    expect(dashboard.programmes.map((row) => [row.slug, row.unallocated])).toEqual([[SLUG, expected]]);

    // With a region, programme-level money has no region: the page says so instead of a number.
    const regional = await pageData(fundingLoader({ request: get(`/funding?programme=${SLUG}&region=002&lng=en`), params: {}, context }));
    expect(regional.totals.unallocated).toBeNull();
    expect(regional.programmes[0]?.unallocated).toBeNull();

    const t = getT('en', 'home');
    expect(t('programme.unallocated')).toBe('Received for the programme, not yet allocated to projects');
    expect(await checkLedger({ db })).toEqual([]);
  });

  it('the thank-you page does not say a programme or general-purpose gift already counts as funding', async () => {
    const bodyFor = async (earmarkType: 'PROGRAMME' | 'PROJECT' | 'GENERAL_PURPOSE') => {
      const payment = await db.payment.findFirstOrThrow({ where: { earmarkType, pledgeId: { not: null } } });
      const stripeSessionId = `cs_test_pool_${earmarkType.toLowerCase()}`;
      await db.checkoutSession.create({ data: { pledgeId: payment.pledgeId ?? '', stripeSessionId, status: 'complete' } });
      const page = await pageData(thanksLoader({ request: get(`/give/thanks?session_id=${stripeSessionId}&lng=en`), params: {}, context }));
      expect(page.status).toBe('paid');
      return getT('en', 'give')(page.paidBodyKey);
    };
    expect(await bodyFor('PROGRAMME')).toContain('not yet allocated to projects');
    expect(await bodyFor('GENERAL_PURPOSE')).toContain('once staff allocate it');
    expect(await bodyFor('PROJECT')).toContain('now counts');
  });
});

describe('item 15: downloads carry and honour the filters; regions follow UN M49', () => {
  it('the filtered programmes CSV equals the filtered programme table', async () => {
    const query = `from=${Y - 3}&to=${Y}&region=202&lng=en`;
    const page = await pageData(fundingLoader({ request: get(`/funding?${query}`), params: {}, context }));
    expect(page.notices).toEqual([]); // Sub-Saharan Africa is a choice though no project names it
    const link = new URL(page.downloads.programmes.csv, ORIGIN);
    expect(Object.fromEntries(link.searchParams)).toEqual({ from: String(Y - 3), to: String(Y), region: '202', format: 'csv' });

    const response = await call(programmesApi, `${link.pathname}${link.search}`);
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([...programmeColumns]);
    const column = (name: (typeof programmeColumns)[number]) => programmeColumns.indexOf(name);
    expect(rows.map((row) => row[column('slug')])).toEqual(page.programmes.map((row) => row.slug));
    rows.forEach((row, index) => {
      const shown = page.programmes[index];
      expect(usd(Number(row[column('requirementUsdMinor')]))).toBe(shown?.requirement);
      expect(usd(Number(row[column('fundedUsdMinor')]))).toBe(shown?.funded);
      expect(usd(Number(row[column('pledgedUnpaidUsdMinor')]))).toBe(shown?.pledgedUnpaid);
      expect(usd(Number(row[column('gapUsdMinor')]))).toBe(shown?.gap);
      expect(formatPercentFromBasisPoints(Number(row[column('coverageBasisPoints')]), 'en')).toBe(shown?.coverage);
      expect(row[column('unallocatedUsdMinor')]).toBe('');
    });
    // The table is the totals split by programme: the region's requirement is all in it.
    const requirement = rows.reduce((sum, row) => sum + Number(row[column('requirementUsdMinor')]), 0);
    expect(requirement).toBe(page.figures.totals.requirementUsdMinor);
    expect(requirement).toBeGreaterThan(0);

    // JSON: the same rows, the filters named in the envelope.
    const json = await callJson<{ fromYear: number; toYear: number; filters: Record<string, string>; items: ProgrammeItem[] }>(
      programmesApi,
      new URL(page.downloads.programmes.json, ORIGIN).pathname + new URL(page.downloads.programmes.json, ORIGIN).search,
    );
    expect(json.body).toMatchObject({ fromYear: Y - 3, toYear: Y, filters: { region: '202' } });
    expect(json.body.items.map((item) => item.requirementUsdMinor)).toEqual(page.figures.programmes.map((row) => row.requirementUsdMinor));
  });

  it('one programme over a range: the CSV has that programme only, equal to the ledger', async () => {
    const page = await pageData(
      fundingLoader({ request: get(`/funding?from=${Y - 2}&to=${Y}&programme=${SLUG}&lng=en`), params: {}, context }),
    );
    const link = new URL(page.downloads.programmes.csv, ORIGIN);
    const [, ...rows] = parseCsv(await (await call(programmesApi, `${link.pathname}${link.search}`)).text());
    expect(rows).toHaveLength(1);
    const ledger = await getFundingFigures({ programmeId, fromYear: Y - 2, toYear: Y });
    const column = (name: (typeof programmeColumns)[number]) => programmeColumns.indexOf(name);
    expect(Number(rows[0]?.[column('requirementUsdMinor')])).toBe(ledger.requirementUsdMinor);
    expect(Number(rows[0]?.[column('fundedUsdMinor')])).toBe(ledger.fundedUsdMinor);
    expect(Number(rows[0]?.[column('pledgedUnpaidUsdMinor')])).toBe(ledger.pledgedUnpaidUsdMinor);
    expect(Number(rows[0]?.[column('unallocatedUsdMinor')])).toBe(ledger.unallocatedUsdMinor);
    expect(page.figures.totals.requirementUsdMinor).toBe(ledger.requirementUsdMinor);
  });

  it('a region takes in its sub-regions and countries (Americas, Sub-Saharan Africa)', async () => {
    const projects = await db.project.findMany({ select: { code: true, regionCode: true, countryCode: true } });
    const codesIn = async (region: string) =>
      (
        await callJson<{ items: ProjectItem[]; warnings: string[] }>(projectsApi, `/api/v1/projects?region=${region}&from=${Y - 3}&to=${Y}`)
      ).body.items
        .map((item) => item.code)
        .sort();
    const expectCodes = (predicate: (project: (typeof projects)[number]) => boolean) =>
      projects
        .filter(predicate)
        .map((project) => project.code)
        .sort();

    const americas = await codesIn('019');
    expect(americas).toEqual(expectCodes((p) => ['019', '419', '005', '029', '013', '021'].includes(p.regionCode)));
    expect(americas).toEqual(expect.arrayContaining(expectCodes((p) => p.countryCode === 'CO')));
    expect(americas.length).toBeGreaterThan(1);

    const subSaharan = await codesIn('202');
    expect(subSaharan).toEqual(expectCodes((p) => ['202', '011', '014', '017', '018'].includes(p.regionCode)));
    expect(subSaharan).toEqual(expect.arrayContaining(expectCodes((p) => p.countryCode === 'NG' || p.countryCode === 'KE')));

    const dashboard = await pageData(fundingLoader({ request: get('/funding?lng=en'), params: {}, context }));
    expect(dashboard.form.regions.map((option) => option.value)).toEqual(expect.arrayContaining(['002', '202', '019', '419', '011']));
  });
});
