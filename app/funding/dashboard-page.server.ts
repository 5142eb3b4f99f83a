// Builds the /funding page from a request: reads the shared URL filters, checks programme and
// region against what exists (unknown values become a notice, never an error), asks the model for
// the figures and formats them in the reader's language. Kept out of the route file for size.
import type { BarDatum } from '~/ui/charts/bar-chart.tsx';
import type { ChartAxis, ChartCategory } from '~/ui/charts/chart-types.ts';
import { buildAxis } from '~/ui/charts/scale.ts';
import { formatCompactUsd, formatFigures, fundingCategory, maxStack } from './funding-format.ts';
import { donorPageSlugs } from './donor-page.server.ts';
import { getPageT, type Translate } from './page-labels.server.ts';
import {
  contributionSorts,
  getDashboardData,
  listProgrammeOptions,
  listProjectOptions,
  type ContributionSort,
  type DashboardData,
} from './dashboard-queries.server.ts';
import type { FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { listFilterOptions, type DonorContribution } from './funding-report-queries.server.ts';
import { formatPercentFromBasisPoints, formatYear, regionName } from '~/platform/format.ts';
import {
  donorTypeParam,
  donorTypes,
  filtersToSearchParams,
  parseFundingFilters,
  projectCodeSchema,
  type FundingFilters,
} from './funding-filters.server.ts';
import { getPageFiguresLastChangedAt } from './figures-last-changed-queries.server.ts';
import { formatLastChanged } from './figures-notes.server.ts';
import { placeName } from './place-names.ts';
import { pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { enclosingRegions, isM49Country } from '~/platform/m49-regions.ts';
import type {
  ContributionTotalsView,
  ContributionView,
  DownloadLinks,
  FilterFormView,
  ProgrammeRowView,
  ScopePlace,
  SortLink,
  TotalsView,
  YearView,
} from './dashboard-types.ts';

/** How many years the dashboard shows when the URL names none: enough to see a trend. */
export const DEFAULT_YEARS = 5;

/** Rows of the contributions table on the page; the totals and the download cover every donor. */
export const CONTRIBUTION_ROWS = 100;

const YEAR_PARAMS = ['year', 'from', 'to'];

const share = (part: number, whole: number) => (whole > 0 ? Number((BigInt(part) * 10_000n) / BigInt(whole)) : 0);

function formatTotals(figures: FundingFigures, unallocatedUsdMinor: number | null, locale: Locale, t: Translate): TotalsView {
  const { coverage: coveragePercent, ...amounts } = formatFigures(figures, locale);
  return {
    ...amounts,
    unallocated: unallocatedUsdMinor === null ? null : formatMoney(unallocatedUsdMinor, 'USD', locale),
    coveragePercent,
    coverageBasisPoints: figures.coverageBasisPoints,
    coverageLabel: t('totals.coverageLabel', { percent: coveragePercent, funded: amounts.funded, requirement: amounts.requirement }),
  };
}

function formatYears(data: DashboardData, locale: Locale): YearView[] {
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const percent = (basisPoints: number) => formatPercentFromBasisPoints(basisPoints, locale);
  return data.byYear.map((row) => {
    const gpShare = share(row.fundedBySource.generalPurpose, row.fundedUsdMinor);
    return {
      year: row.year,
      yearLabel: formatYear(row.year, locale),
      requirementUsdMinor: row.requirementUsdMinor,
      regularBudgetUsdMinor: row.fundedBySource.regularBudget,
      generalPurposeUsdMinor: row.fundedBySource.generalPurpose,
      earmarkedUsdMinor: row.fundedBySource.earmarked,
      gapUsdMinor: row.gapUsdMinor,
      generalPurposeShareBasisPoints: gpShare,
      requirement: usd(row.requirementUsdMinor),
      regularBudget: usd(row.fundedBySource.regularBudget),
      generalPurpose: usd(row.fundedBySource.generalPurpose),
      earmarked: usd(row.fundedBySource.earmarked),
      funded: usd(row.fundedUsdMinor),
      pledgedUnpaid: usd(row.pledgedUnpaidUsdMinor),
      gap: usd(row.gapUsdMinor),
      coverage: percent(row.coverageBasisPoints),
      generalPurposeShare: percent(gpShare),
    };
  });
}

/** Chart data: numbers for geometry, strings formatted here in the reader's language. */
function buildCharts(
  data: DashboardData,
  years: YearView[],
  locale: Locale,
): { byYear: { categories: ChartCategory[]; axis: ChartAxis }; generalPurposeShare: { bars: BarDatum[]; axis: ChartAxis } } {
  const percent = (basisPoints: number) => formatPercentFromBasisPoints(basisPoints, locale);
  return {
    byYear: {
      categories: data.byYear.map((row) => fundingCategory(String(row.year), formatYear(row.year, locale), row, locale)),
      axis: buildAxis(maxStack(data.byYear), (value) => formatCompactUsd(value, locale)),
    },
    generalPurposeShare: {
      bars: years.map((year) => ({
        key: String(year.year),
        label: year.yearLabel,
        value: year.generalPurposeShareBasisPoints,
        valueLabel: year.generalPurposeShare,
      })),
      // A share axis always runs to 100 % so small shares look small.
      axis: buildAxis(10_000, percent),
    },
  };
}

function formatContribution(
  row: DonorContribution,
  index: number,
  locale: Locale,
  t: Translate,
  pageSlugs: ReadonlyMap<string, string>,
): ContributionView {
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const slug = row.donorId && !row.isAnonymous ? pageSlugs.get(row.donorId) : undefined;
  return {
    key: row.donorId ?? `anonymous-${index}`,
    donor: row.name ?? t('contributions.anonymous'),
    ...(slug ? { href: `/donors/${slug}` } : {}),
    isAnonymous: row.name === null,
    type: t(`donorTypes.${row.donorType}`),
    country: row.countryCode ? regionName(locale)(row.countryCode) : t('contributions.noCountry'),
    pledged: usd(row.pledgedUsdMinor),
    paid: usd(row.paidUsdMinor),
    paidRatio: row.pledgedUsdMinor > 0 ? formatPercentFromBasisPoints(share(row.paidUsdMinor, row.pledgedUsdMinor), locale) : '—',
    generalPurpose: usd(row.generalPurposeUsdMinor),
    generalPurposeShare: formatPercentFromBasisPoints(row.generalPurposeShareBasisPoints, locale),
  };
}

function formatContributionTotals(data: DashboardData, locale: Locale): ContributionTotalsView {
  const totals = data.contributionTotals;
  return {
    pledged: formatMoney(totals.pledgedUsdMinor, 'USD', locale),
    paid: formatMoney(totals.paidUsdMinor, 'USD', locale),
    paidRatio: totals.pledgedUsdMinor > 0 ? formatPercentFromBasisPoints(share(totals.paidUsdMinor, totals.pledgedUsdMinor), locale) : '—',
    generalPurpose: formatMoney(totals.generalPurposeUsdMinor, 'USD', locale),
    generalPurposeShare: formatPercentFromBasisPoints(totals.generalPurposeShareBasisPoints, locale),
  };
}

/** Each endpoint gets the filters it applies (donor type is the contributions' own filter). */
function downloadLinks(applied: URLSearchParams): DownloadLinks {
  const both = (path: string, names: readonly string[]) => {
    const link = (format: 'csv' | 'json' | 'xlsx') => {
      const params = new URLSearchParams([...applied].filter(([name]) => names.includes(name)));
      params.set('format', format);
      return `${path}?${params.toString()}`;
    };
    return { csv: link('csv'), json: link('json'), xlsx: link('xlsx') };
  };
  const figureParams = ['year', 'from', 'to', 'programme', 'region', 'country'];
  return {
    programmes: both('/api/v1/programmes', [...figureParams, 'project']),
    projects: both('/api/v1/projects', figureParams),
    contributions: both('/api/v1/contributions', [...figureParams, 'project', 'donorType']),
  };
}

/** The programme table's rows, formatted; the raw figures are the programmes download's. */
function formatProgrammes(data: DashboardData, locale: Locale): ProgrammeRowView[] {
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  return data.programmes.map((row) => ({
    slug: row.slug,
    title: pickText(row.title, locale),
    requirement: usd(row.requirementUsdMinor),
    funded: usd(row.fundedUsdMinor),
    pledgedUnpaid: usd(row.pledgedUnpaidUsdMinor),
    gap: usd(row.gapUsdMinor),
    coverage: formatPercentFromBasisPoints(row.coverageBasisPoints, locale),
    unallocated: row.unallocatedUsdMinor === null ? null : usd(row.unallocatedUsdMinor),
  }));
}

/** The programmes' pools together (null with a region: programme-level money has no region). */
function unallocatedTotal(data: DashboardData): number | null {
  if (data.programmes.some((row) => row.unallocatedUsdMinor === null)) return null;
  return data.programmes.reduce((sum, row) => sum + (row.unallocatedUsdMinor ?? 0), 0);
}

/** A region's or a country's name with the address of its page. */
function placeLink(code: string, locale: Locale): ScopePlace {
  return {
    name: placeName(code, locale, regionName(locale)(code)),
    href: /^\d{3}$/.test(code) ? `/regions/${code}` : `/countries/${code}`,
  };
}

type DashboardArgs = Parameters<typeof getDashboardData>[0];

const isSameDashboard = (a: DashboardArgs, b: DashboardArgs) =>
  a.fromYear === b.fromYear &&
  a.toYear === b.toYear &&
  a.programmeId === b.programmeId &&
  a.regionCode === b.regionCode &&
  a.countryCode === b.countryCode &&
  a.projectId === b.projectId &&
  a.donorType === b.donorType &&
  a.sort === b.sort;

/** The loader body of /funding. Nonsense in the URL is reported in `notices`, never thrown. */
export async function buildFundingDashboard(request: Request, now: Date = new Date()) {
  const { locale } = resolveLocale(request);
  const t = getPageT(locale, 'funding');
  const url = new URL(request.url);
  const currentYear = now.getUTCFullYear();
  const parsed = parseFundingFilters(url.searchParams, currentYear);
  const ignored = new Set(parsed.ignored);
  const filters: FundingFilters = { ...parsed.filters };

  // The project filter: a code (Zod), then one that exists (checked against the menu below).
  const projectParam = url.searchParams.get('project');
  const projectCode = projectParam ? projectCodeSchema.safeParse(projectParam) : undefined;
  if (projectCode && !projectCode.success) ignored.add('project');
  const sortParam = url.searchParams.get('sort');
  const sort: ContributionSort = (contributionSorts as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as ContributionSort) // checked against the list just above
    : 'paid';
  const isYearGiven = YEAR_PARAMS.some((name) => url.searchParams.get(name) && !ignored.has(name));

  // The figures depend on the menus only through a programme's id, a region that may not exist,
  // and data younger than the default range. Without a programme or region (the default page),
  // they start now, beside the menus, for the range as asked, and are kept when the range comes
  // out the same (unless the data is younger than five years), else asked for again: one round
  // of statements instead of two.
  const early: DashboardArgs | undefined =
    filters.programmeSlug || filters.regionCode || filters.countryCode || projectParam
      ? undefined
      : {
          fromYear: isYearGiven ? filters.fromYear : currentYear - DEFAULT_YEARS + 1,
          toYear: filters.toYear,
          donorType: filters.donorType,
          sort,
        };
  const earlyData = early && getDashboardData(early);
  earlyData?.catch(() => undefined); // awaited below when used; a failure then surfaces there

  const [options, programmes, projects] = await Promise.all([listFilterOptions(), listProgrammeOptions(), listProjectOptions()]);
  if (!isYearGiven) {
    // No year asked for (or none understood): show a trend up to this year rather than one bar,
    // starting no earlier than the first year with data so the chart opens on real figures.
    const firstYear = Math.min(currentYear, options.years[0] ?? currentYear);
    filters.fromYear = Math.max(currentYear - DEFAULT_YEARS + 1, firstYear);
  }
  const programme = programmes.find((candidate) => candidate.slug === filters.programmeSlug);
  if (filters.programmeSlug && !programme) {
    ignored.add('programme');
    filters.programmeSlug = undefined;
  }
  // A region is a choice when a project lies in it or in a region or country inside it (UN M49).
  const regionCodes = [
    ...new Set([...options.regionCodes, ...[...options.regionCodes, ...options.countryCodes].flatMap((code) => enclosingRegions(code))]),
  ];
  if (filters.regionCode && !regionCodes.includes(filters.regionCode)) {
    ignored.add('region');
    filters.regionCode = undefined;
  }
  // A country is a choice when a project lies in it.
  if (filters.countryCode && !(isM49Country(filters.countryCode) && options.countryCodes.includes(filters.countryCode))) {
    ignored.add('country');
    filters.countryCode = undefined;
  }
  const project = projectCode?.success ? projects.find((candidate) => candidate.code === projectCode.data) : undefined;
  if (projectCode?.success && !project) ignored.add('project');
  if (sortParam && sortParam !== sort) ignored.add('sort');

  const args: DashboardArgs = {
    fromYear: filters.fromYear,
    toYear: filters.toYear,
    programmeId: programme?.id,
    regionCode: filters.regionCode,
    countryCode: filters.countryCode,
    projectId: project?.id,
    donorType: filters.donorType,
    sort,
  };
  const lastChangedAt = getPageFiguresLastChangedAt({
    fromYear: args.fromYear,
    toYear: args.toYear,
    programmeId: args.programmeId,
    regionCode: args.regionCode,
    countryCode: args.countryCode,
    projectId: args.projectId,
    withGifts: !args.programmeId && !args.regionCode && !args.countryCode && !args.projectId,
  });
  lastChangedAt.catch(() => undefined); // awaited below; a failure then surfaces there
  const data = await (earlyData && early && isSameDashboard(early, args) ? earlyData : getDashboardData(args));
  const shownContributions = data.contributions.slice(0, CONTRIBUTION_ROWS);
  const pageSlugs = await donorPageSlugs(shownContributions.map((row) => (row.isAnonymous ? null : row.donorId)));

  // Only what the page applied: the download then means exactly what the page shows.
  const applied = filtersToSearchParams({
    fromYear: filters.fromYear,
    toYear: filters.toYear,
    programmeSlug: filters.programmeSlug,
    regionCode: filters.regionCode,
    countryCode: filters.countryCode,
    donorType: filters.donorType,
  });
  if (project) applied.set('project', project.code);
  const sortLinks: SortLink[] = contributionSorts.map((candidate) => {
    const params = new URLSearchParams(applied);
    if (candidate !== 'paid') params.set('sort', candidate);
    return { sort: candidate, href: `?${params.toString()}#contributions`, isCurrent: candidate === sort };
  });

  const region = regionName(locale);
  const yearOptions = [...new Set([...options.years, filters.fromYear, filters.toYear, currentYear])].sort((a, b) => a - b);
  const form: FilterFormView = {
    from: String(filters.fromYear),
    to: String(filters.toYear),
    programme: filters.programmeSlug ?? '',
    region: filters.regionCode ?? '',
    country: filters.countryCode ?? '',
    project: project?.code ?? '',
    donorType: filters.donorType ? donorTypeParam(filters.donorType) : '',
    sort: sort === 'paid' ? '' : sort,
    years: yearOptions.map((year) => ({ value: String(year), label: formatYear(year, locale) })),
    programmes: programmes.map((p) => ({ value: p.slug, label: pickText(p.title, locale) })),
    regions: regionCodes.map((code) => ({ value: code, label: region(code) })).sort((a, b) => a.label.localeCompare(b.label, locale)),
    countries: options.countryCodes
      .map((code) => ({ value: code, label: placeName(code, locale, code) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
    projects: projects.map((p) => ({ value: p.code, label: `${p.code} — ${pickText(p.title, locale)}` })),
    donorTypes: donorTypes.map((type) => ({ value: donorTypeParam(type), label: t(`donorTypes.${type}`) })),
  };

  const years = formatYears(data, locale);
  const period =
    filters.fromYear === filters.toYear
      ? formatYear(filters.fromYear, locale)
      : t('period', { from: formatYear(filters.fromYear, locale), to: formatYear(filters.toYear, locale) });

  return {
    title: pageTitle(locale, t('meta.title')),
    description: t('meta.description'),
    period,
    dir: directionOf(locale),
    scope: {
      programme: programme ? pickText(programme.title, locale) : undefined,
      region: filters.regionCode ? placeLink(filters.regionCode, locale) : undefined,
      country: filters.countryCode ? placeLink(filters.countryCode, locale) : undefined,
      project: project ? { name: `${project.code} — ${pickText(project.title, locale)}`, href: `/projects/${project.code}` } : undefined,
      donorType: filters.donorType ? t(`donorTypes.${filters.donorType}`) : undefined,
    },
    notices: [...ignored].map((name) => t(`params.${name}`, { defaultValue: name })),
    form,
    // A region, a country or a project: programme-level money and pools have none of them.
    hasRegion: Boolean(filters.regionCode || filters.countryCode || project),
    // General-purpose gifts belong to no programme or place: a narrowed table cannot show them.
    isNarrowedForGeneralPurpose: Boolean(filters.regionCode || filters.countryCode || project || programme),
    totals: formatTotals(data.totals, unallocatedTotal(data), locale, t),
    programmes: formatProgrammes(data, locale),
    years,
    charts: buildCharts(data, years, locale),
    contributions: shownContributions.map((row, index) => formatContribution(row, index, locale, t, pageSlugs)),
    contributionCount: data.contributionCount,
    contributionTotals: formatContributionTotals(data, locale),
    sortLinks,
    downloads: downloadLinks(applied),
    lastChanged: formatLastChanged(await lastChangedAt, locale),
    // Raw figures for tests and for anyone reading the loader's JSON (the page shows the strings).
    figures: { totals: data.totals, programmes: data.programmes, contributionTotals: data.contributionTotals },
  };
}

export type FundingDashboardView = Awaited<ReturnType<typeof buildFundingDashboard>>;
