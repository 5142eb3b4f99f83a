// Data for /donors/:slug and /donors (decision 048), formatted in the reader's language: a named
// institutional donor's giving by year, programme, project and earmark, its payment record against
// its pledges' instalments, a chart over time with its table, and its rank among donors each year.
import { buildAxis } from '~/ui/charts/scale.ts';
import type { ChartCategory, ChartSeries } from '~/ui/charts/chart-types.ts';
import { formatNumber, formatPercentFromBasisPoints, formatYear } from '~/platform/format.ts';
import { pageTitle } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { formatCompactUsd } from './funding-format.ts';
import {
  findDonorPageSlugs,
  getDonorPageData,
  listPublicDonorPage,
  PAGE_DONOR_TYPES,
  type DonorEarmark,
  type DonorYear,
} from './donor-page-queries.server.ts';
import { DONORS_PER_PAGE, donorListHref, readDonorListQuery } from './donor-list-query.server.ts';
import { donorTypeParam } from './funding-filters.server.ts';
import { getPageT, type Translate } from './page-labels.server.ts';
import { placeName } from './place-names.ts';
import { formatLastChanged } from './figures-notes.server.ts';

const SLUG = /^[a-z0-9-]{1,80}$/;

function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

const shareBasisPoints = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : 0);

/** The donor type as the page names it. */
const typeLabel = (donorType: string, t: Translate) => t(`donor-pages:types.${donorType}`);

interface Sums {
  pledgedUsdMinor: number;
  paidUsdMinor: number;
}

function byProgramme(earmarks: DonorEarmark[], locale: Locale, titles: Map<string, string>) {
  const rows = new Map<string, Sums>();
  for (const earmark of earmarks) {
    if (!earmark.programmeSlug) continue;
    const row = rows.get(earmark.programmeSlug) ?? { pledgedUsdMinor: 0, paidUsdMinor: 0 };
    row.pledgedUsdMinor += earmark.pledgedUsdMinor;
    row.paidUsdMinor += earmark.paidUsdMinor;
    rows.set(earmark.programmeSlug, row);
  }
  return [...rows]
    .sort(([a, x], [b, y]) => y.paidUsdMinor - x.paidUsdMinor || a.localeCompare(b))
    .map(([slug, sums]) => ({
      slug,
      name: titles.get(slug) ?? slug,
      pledged: formatMoney(sums.pledgedUsdMinor, 'USD', locale),
      paid: formatMoney(sums.paidUsdMinor, 'USD', locale),
    }));
}

function chartOf(years: DonorYear[], locale: Locale, t: Translate) {
  const series: ChartSeries[] = [
    { key: 'generalPurpose', label: t('charts:series.generalPurpose'), tone: 'green', pattern: 'solid' },
    { key: 'earmarked', label: t('charts:series.earmarked'), tone: 'blue', pattern: 'diagonal' },
    { key: 'outstanding', label: t('donor-pages:chart.outstanding'), tone: 'orange', pattern: 'dots' },
  ];
  const money = (value: number) => formatMoney(value, 'USD', locale);
  const categories: ChartCategory[] = years.map((year) => {
    const earmarked = year.paidUsdMinor - year.generalPurposeUsdMinor;
    return {
      key: String(year.year),
      label: formatYear(year.year, locale),
      values: { generalPurpose: year.generalPurposeUsdMinor, earmarked, outstanding: year.outstandingUsdMinor },
      valueLabels: {
        generalPurpose: money(year.generalPurposeUsdMinor),
        earmarked: money(earmarked),
        outstanding: money(year.outstandingUsdMinor),
      },
      totalLabel: money(year.paidUsdMinor + year.outstandingUsdMinor),
    };
  });
  const max = Math.max(0, ...years.map((year) => Math.max(0, year.paidUsdMinor) + year.outstandingUsdMinor));
  return {
    title: t('donor-pages:chart.title'),
    description: t('donor-pages:chart.description'),
    series,
    categories,
    axis: buildAxis(max, (value: number) => formatCompactUsd(value, locale)),
    valueAxisLabel: t('charts:axis.usd'),
    categoryAxisLabel: t('charts:axis.year'),
    emptyText: t('charts:empty'),
    table: {
      summary: t('charts:table.summary'),
      caption: t('donor-pages:chart.caption'),
      categoryHeader: t('charts:axis.year'),
      totalHeader: t('donor-pages:chart.total'),
    },
  };
}

/** Everything /donors/:slug shows; a 404 Response for an unknown slug and for every donor without a page alike. */
export async function buildDonorPage(slug: string, locale: Locale, now: Date) {
  if (!SLUG.test(slug)) throw notFound();
  const data = await getDonorPageData({ slug, today: now.toISOString().slice(0, 10) });
  if (!data) throw notFound();
  const t = getPageT(locale, ['donor-pages', 'charts', 'funding']);
  const { donor, years, earmarks, paymentRecord } = data;
  const money = (value: number) => formatMoney(value, 'USD', locale);
  const totals = years.reduce(
    (sum, year) => ({
      pledged: sum.pledged + year.pledgedUsdMinor,
      paid: sum.paid + year.paidUsdMinor,
      gp: sum.gp + year.generalPurposeUsdMinor,
      outstanding: sum.outstanding + year.outstandingUsdMinor,
    }),
    { pledged: 0, paid: 0, gp: 0, outstanding: 0 },
  );
  const programmeTitles = new Map(
    earmarks.flatMap((e) => (e.programmeSlug ? [[e.programmeSlug, pickText(e.programmeTitle, locale)] as const] : [])),
  );
  const generalPurpose = earmarks.find((e) => e.earmarkType === 'GENERAL_PURPOSE');
  const country = donor.countryCode ? placeName(donor.countryCode, locale, '') : null;

  return {
    title: pageTitle(locale, donor.name),
    description: t('donor-pages:page.description', { name: donor.name }),
    dir: directionOf(locale),
    slug: donor.slug,
    heading: donor.name,
    type: typeLabel(donor.donorType, t),
    country,
    totals: {
      pledged: money(totals.pledged),
      paid: money(totals.paid),
      generalPurpose: money(totals.gp),
      generalPurposeShare: formatPercentFromBasisPoints(shareBasisPoints(totals.gp, totals.paid), locale),
      outstanding: money(totals.outstanding),
    },
    years: years.map((year) => ({
      key: String(year.year),
      year: formatYear(year.year, locale),
      pledged: money(year.pledgedUsdMinor),
      paid: money(year.paidUsdMinor),
      generalPurpose: money(year.generalPurposeUsdMinor),
      generalPurposeShare: formatPercentFromBasisPoints(shareBasisPoints(year.generalPurposeUsdMinor, year.paidUsdMinor), locale),
      outstanding: money(year.outstandingUsdMinor),
      rank:
        year.rank == null
          ? t('donor-pages:years.noRank')
          : t('donor-pages:years.rankOf', { rank: formatNumber(year.rank, locale), count: formatNumber(year.donorsThatYear, locale) }),
    })),
    programmes: byProgramme(earmarks, locale, programmeTitles),
    projects: earmarks
      .filter((e) => e.earmarkType === 'PROJECT')
      .map((e) => ({
        code: e.ref ?? '',
        name: pickText(e.title, locale),
        pledged: money(e.pledgedUsdMinor),
        paid: money(e.paidUsdMinor),
      })),
    generalPurpose: {
      pledged: money(generalPurpose?.pledgedUsdMinor ?? 0),
      paid: money(generalPurpose?.paidUsdMinor ?? 0),
    },
    paymentRecord: {
      onTime: formatNumber(paymentRecord.onTime, locale),
      late: formatNumber(paymentRecord.late, locale),
      outstanding: formatNumber(paymentRecord.outstanding, locale),
      overdue: formatNumber(paymentRecord.overdue, locale),
      outstandingAmount: money(paymentRecord.outstandingUsdMinor),
    },
    chart: chartOf(years, locale, t),
    lastChanged: formatLastChanged(data.lastChangedAt, locale),
  };
}

export type DonorPage = Awaited<ReturnType<typeof buildDonorPage>>;

/**
 * /donors: one page of 100 donors with a page, by name then slug, with its type and country,
 * optionally narrowed by `q` (name contains) and `type`. One order for every reader, filtered or
 * not: Member States and intergovernmental bodies are not pulled to the top of page 1, since that
 * would make page 1 differ from the sequence that pages 2, 3… continue (a donor could be on two
 * pages, or on none); instead the page offers a link per type, so they are one click away.
 */
export async function buildDonorList(request: Request, locale: Locale) {
  const t = getPageT(locale, ['donor-pages']);
  const params = new URL(request.url).searchParams;
  const query = readDonorListQuery(params);
  const filter = { nameContains: query.q, donorType: query.type };
  let page = query.page;
  let result = await listPublicDonorPage({ ...filter, offset: (page - 1) * DONORS_PER_PAGE, limit: DONORS_PER_PAGE });
  if (page > 1 && result.donors.length === 0) {
    // Past the last page: as any other value not understood, ignored and said so.
    query.ignored.push('page');
    page = 1;
    result = await listPublicDonorPage({ ...filter, offset: 0, limit: DONORS_PER_PAGE });
  }
  const { total, donors } = result;
  const pages = Math.max(1, Math.ceil(total / DONORS_PER_PAGE));
  const number = (value: number) => formatNumber(value, locale);
  const first = (page - 1) * DONORS_PER_PAGE + 1;
  const isFiltered = Boolean(query.q || query.type);
  return {
    title: pageTitle(locale, t('donor-pages:list.title')),
    description: t('donor-pages:list.description'),
    heading: t('donor-pages:list.title'),
    ignored: query.ignored.map((name) => ({
      name,
      label: t(`donor-pages:list.params.${name}`),
      value: (params.get(name) ?? '').slice(0, 40),
    })),
    form: {
      q: query.q ?? '',
      type: query.type ? donorTypeParam(query.type) : '',
      types: PAGE_DONOR_TYPES.map((type) => ({ value: donorTypeParam(type), label: typeLabel(type, t) })),
    },
    typeLinks: PAGE_DONOR_TYPES.map((type) => ({
      href: donorListHref({ type }),
      label: t(`donor-pages:list.typesPlural.${type}`),
      isCurrent: query.type === type && !query.q,
    })),
    showAllHref: isFiltered ? donorListHref({}) : null,
    isFiltered,
    count: t('donor-pages:list.count', { count: total, number: number(total) }),
    range:
      total > DONORS_PER_PAGE
        ? t('donor-pages:list.range', { from: number(first), to: number(first + donors.length - 1), total: number(total) })
        : null,
    pager: {
      label: t('donor-pages:list.pageOf', { page: number(page), pages: number(pages) }),
      previous: page > 1 ? donorListHref({ q: query.q, type: query.type, page: page - 1 }) : null,
      next: page < pages ? donorListHref({ q: query.q, type: query.type, page: page + 1 }) : null,
    },
    donors: donors.map((donor) => ({
      slug: donor.slug,
      name: donor.name,
      type: typeLabel(donor.donorType, t),
      country: donor.countryCode ? placeName(donor.countryCode, locale, '') : '',
    })),
  };
}

export type DonorList = Awaited<ReturnType<typeof buildDonorList>>;

/** Donor id → page slug of the given donors that have one, for linking donor names on public pages. */
export async function donorPageSlugs(donorIds: readonly (string | null)[]): Promise<Map<string, string>> {
  return findDonorPageSlugs({ donorIds: donorIds.filter((id): id is string => id !== null) });
}
