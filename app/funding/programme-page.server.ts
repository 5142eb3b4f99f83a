// Data for /programmes/:slug: the programme's texts and figures for the chosen years, its projects
// (filtered and sorted from the URL), and three charts. Everything a reader sees is formatted here
// in their language, so the page component only lays it out.
import { buildAxis } from '~/ui/charts/scale.ts';
import type { ProjectStatus } from '~/generated/prisma/client.ts';
import { totalsFromYears } from './dashboard-queries.server.ts';
import {
  fundingByRegionFromProjects,
  getFundingByRegion,
  getFundingByYear,
  listFilterOptions,
  listProjectFunding,
  listTopDonors,
} from './funding-report-queries.server.ts';
import { figuresFromSums, getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { getProgrammeBySlug } from './programme-queries.server.ts';
import { listProgrammeFigures } from './programme-table-queries.server.ts';
import { formatPercentFromBasisPoints, formatYear } from '~/platform/format.ts';
import { filtersToSearchParams, MAX_YEAR, MIN_YEAR, projectStatuses } from './funding-filters.server.ts';
import { pageTitle } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { donorPageSlugs } from './donor-page.server.ts';
import { formatCompactUsd, formatFigures, fundingCategory, fundingSeries, maxStack, donorBars } from './funding-format.ts';
import { getPageT, type Translate } from './page-labels.server.ts';
import { placeName, projectPlace } from './place-names.ts';
import { getPageFiguresLastChangedAt } from './figures-last-changed-queries.server.ts';
import { formatLastChanged } from './figures-notes.server.ts';
import { readProjectQuery, sortLink, sortProjects, projectSorts } from './project-query.server.ts';

type T = Translate;

/** "2026" or "2023–2026" in the reader's digits. */
export function periodLabel(fromYear: number, toYear: number, locale: Locale, t: T): string {
  if (fromYear === toYear) return formatYear(fromYear, locale);
  return t('programmes:period.range', { from: formatYear(fromYear, locale), to: formatYear(toYear, locale) });
}

export function statusLabel(status: ProjectStatus, t: T): string {
  return t(`programmes:status.${status.toLowerCase()}`);
}

const filterLabelKeys: Record<string, string> = {
  year: 'filters.year',
  from: 'filters.from',
  to: 'filters.to',
  region: 'filters.region',
  country: 'filters.country',
  status: 'filters.status',
  sort: 'filters.sort',
  dir: 'filters.direction',
};

/** Chart years: around a single chosen year (3 before, 1 after), or the chosen range (≤ 15 years). */
function chartYears(fromYear: number, toYear: number): { fromYear: number; toYear: number } {
  if (fromYear === toYear) return { fromYear: Math.max(MIN_YEAR, fromYear - 3), toYear: Math.min(MAX_YEAR, toYear + 1) };
  return { fromYear: Math.max(fromYear, toYear - 14), toYear };
}

/** The one-page PDF of the programme with the page's filters (app/routes/programmes.$slug_.summary[.]pdf.ts). */
function summaryPdfHref(slug: string, filters: URLSearchParams): string {
  const query = filters.toString();
  return `/programmes/${encodeURIComponent(slug)}/summary.pdf${query ? `?${query}` : ''}`;
}

/** What a programme slug can be; anything else (a NUL byte reached PostgreSQL: a 500) is not found. */
const PROGRAMME_SLUG = /^[A-Za-z0-9_-]{1,100}$/;

export async function buildProgrammePage(request: Request, slug: string, locale: Locale) {
  if (!PROGRAMME_SLUG.test(slug)) throw new Response('Not Found', { status: 404 });
  // Two rounds of statements: the programme (with its places) and the filter options, then the
  // figures, which need the programme's id and the filters checked against the options.
  const [programme, options] = await Promise.all([getProgrammeBySlug({ slug }), listFilterOptions({})]);
  if (!programme) throw new Response('Not Found', { status: 404 });

  const t = getPageT(locale, ['programmes', 'charts']);
  const params = new URL(request.url).searchParams;
  const currentYear = new Date().getUTCFullYear();
  const { places } = programme;
  const query = readProjectQuery(params, currentYear, options);
  const { fromYear, toYear } = query.filters;
  const period = periodLabel(fromYear, toYear, locale, t);
  const globalLabel = t('places.global');
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const years = chartYears(fromYear, toYear);
  // The chart's years are the programme's figures per year over the same scope: when they cover
  // the chosen years, the headline figures are their totals (as on /funding), not another query.
  const chartCoversPeriod = years.fromYear <= fromYear && years.toYear >= toYear;
  // Regions of all the programme's projects: when the table is not narrowed, its rows are them.
  const isTableNarrowed = Boolean(query.filters.regionCode || query.filters.countryCode || query.filters.status);

  const [projects, byYear, donors, separateFigures, separateRegions, [pool], lastChangedAt] = await Promise.all([
    listProjectFunding({ ...query.filters, programmeId: programme.id }),
    getFundingByYear({ ...years, programmeId: programme.id }),
    listTopDonors({ fromYear, toYear, programmeId: programme.id, limit: 10 }),
    chartCoversPeriod ? undefined : getFundingFigures({ programmeId: programme.id, fromYear, toYear }),
    isTableNarrowed ? getFundingByRegion({ fromYear, toYear, programmeId: programme.id }) : undefined,
    // The programme's pool: received for it, not yet allocated to projects (a balance today).
    listProgrammeFigures({ fromYear, toYear, programmeId: programme.id }),
    getPageFiguresLastChangedAt({ fromYear, toYear, programmeId: programme.id }),
  ]);
  const pageSlugs = await donorPageSlugs(donors.map((donor) => donor.donorId));
  const figures = separateFigures ?? totalsFromYears(byYear.filter((row) => row.year >= fromYear && row.year <= toYear));
  const byRegion = separateRegions ?? fundingByRegionFromProjects(projects);

  const sorted = sortProjects(projects, query.sort, query.dir);
  // The shown projects' total follows the ledger's definitions (gap at the level asked for).
  const totals = figuresFromSums({
    requirement: sorted.reduce((s, p) => s + BigInt(p.requirementUsdMinor), 0n),
    regularBudget: sorted.reduce((s, p) => s + BigInt(p.fundedBySource.regularBudget), 0n),
    generalPurpose: sorted.reduce((s, p) => s + BigInt(p.fundedBySource.generalPurpose), 0n),
    earmarked: sorted.reduce((s, p) => s + BigInt(p.fundedBySource.earmarked), 0n),
    pledgedUnpaid: sorted.reduce((s, p) => s + BigInt(p.pledgedUnpaidUsdMinor), 0n),
  });

  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const placeOptions = (codes: string[], selected?: string) =>
    [...new Set(selected ? [...codes, selected] : codes)]
      .map((code) => ({ value: code, label: placeName(code, locale, globalLabel) }))
      .sort(byLabel);
  const title = pickText(programme.title, locale);
  // The open data API reads the same parameters: the download is exactly the table's selection.
  const csvQuery = filtersToSearchParams({ ...query.filters, programmeSlug: programme.slug });
  const xlsxQuery = new URLSearchParams(csvQuery);
  csvQuery.set('format', 'csv');
  xlsxQuery.set('format', 'xlsx');
  const series = fundingSeries({
    regularBudget: t('charts:series.regularBudget'),
    generalPurpose: t('charts:series.generalPurpose'),
    earmarked: t('charts:series.earmarked'),
    gap: t('charts:series.gap'),
  });
  const compact = (value: number) => formatCompactUsd(value, locale);
  const anonymous = t('donors.anonymous');

  return {
    title: pageTitle(locale, title),
    description: pickText(programme.mandate, locale),
    dir: directionOf(locale),
    slug: programme.slug,
    heading: title,
    mandate: pickText(programme.mandate, locale),
    period,
    figures: formatFigures(figures, locale),
    unallocated: usd(pool?.unallocatedUsdMinor ?? 0),
    ignored: query.ignored.map((name) => ({
      name,
      label: t(`programmes:${filterLabelKeys[name] ?? 'filters.other'}`),
      value: (params.get(name) ?? '').slice(0, 40),
    })),
    form: {
      year: String(fromYear === toYear ? fromYear : toYear),
      years: [...new Set([...options.years, currentYear, fromYear, toYear])]
        .sort((a, b) => b - a)
        .map((year) => ({ value: String(year), label: formatYear(year, locale) })),
      region: query.filters.regionCode ?? '',
      regions: placeOptions(places.regionCodes, query.filters.regionCode),
      country: query.filters.countryCode ?? '',
      countries: placeOptions(places.countryCodes, query.filters.countryCode),
      status: query.filters.status?.toLowerCase() ?? '',
      statuses: projectStatuses.map((status) => ({ value: status.toLowerCase(), label: statusLabel(status, t) })),
      sort: query.sort,
      dir: query.dir,
    },
    table: {
      caption: t('projects.caption', {
        programme: title,
        period,
        sort: t(`projects.columns.${query.sort}`),
        dir: t(query.dir === 'asc' ? 'projects.ascending' : 'projects.descending'),
      }),
      sort: query.sort,
      dir: query.dir,
      sortLinks: Object.fromEntries(projectSorts.map((column) => [column, sortLink(query, column)])) as Record<
        (typeof projectSorts)[number],
        string
      >,
      rows: sorted.map((project) => ({
        code: project.code,
        title: pickText(project.title, locale),
        place: projectPlace(project, locale, globalLabel),
        status: statusLabel(project.status, t),
        requirement: usd(project.requirementUsdMinor),
        funded: usd(project.fundedUsdMinor),
        gap: usd(project.gapUsdMinor),
        coverage: formatPercentFromBasisPoints(project.coverageBasisPoints, locale),
      })),
      totals: formatFigures(totals, locale),
    },
    csvHref: `/api/v1/projects?${csvQuery.toString()}`,
    pdfHref: summaryPdfHref(programme.slug, filtersToSearchParams(query.filters)),
    xlsxHref: `/api/v1/projects?${xlsxQuery.toString()}`,
    byYearChart: {
      title: t('programme.byYearTitle', { period: periodLabel(years.fromYear, years.toYear, locale, t) }),
      description: t('programme.byYearDescription'),
      series,
      categories: byYear.map((year) => fundingCategory(String(year.year), formatYear(year.year, locale), year, locale)),
      axis: buildAxis(maxStack(byYear), compact),
      valueAxisLabel: t('charts:axis.usd'),
      categoryAxisLabel: t('charts:axis.year'),
      referenceName: t('charts:series.requirement'),
      emptyText: t('charts:empty'),
      table: { summary: t('charts:table.summary'), caption: t('programme.byYearCaption'), categoryHeader: t('charts:axis.year') },
    },
    byRegionChart: {
      title: t('programme.byRegionTitle', { period }),
      description: t('programme.byRegionDescription'),
      valueName: t('charts:series.gap'),
      bars: byRegion.map((region) => ({
        key: region.regionCode,
        label: placeName(region.regionCode, locale, globalLabel),
        value: region.gapUsdMinor,
        valueLabel: usd(region.gapUsdMinor),
      })),
      axis: buildAxis(Math.max(0, ...byRegion.map((r) => r.gapUsdMinor)), compact),
      valueAxisLabel: t('charts:axis.usd'),
      emptyText: t('charts:empty'),
      table: {
        summary: t('charts:table.summary'),
        caption: t('programme.byRegionCaption', { period }),
        categoryHeader: t('filters.region'),
      },
    },
    donorsChart: {
      title: t('programme.donorsTitle', { period }),
      description: t('programme.donorsDescription'),
      valueName: t('donors.allocated'),
      ...donorBars(donors, locale, anonymous, pageSlugs),
      valueAxisLabel: t('charts:axis.usd'),
      emptyText: t('donors.none'),
      table: { summary: t('charts:table.summary'), caption: t('programme.donorsCaption', { period }), categoryHeader: t('donors.donor') },
    },
    lastChanged: formatLastChanged(lastChangedAt, locale),
  };
}

export type ProgrammePage = Awaited<ReturnType<typeof buildProgrammePage>>;
