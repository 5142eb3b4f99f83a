// Data for /countries/:iso and /regions/:m49: the projects in a country (ISO 3166-1 alpha-2, what
// projects store) or a UN M49 region (its sub-regions and their countries included), their
// requirement, funding by source and by donor, gap, a chart by year with its table, and downloads.
// Every figure comes from the read models the other pages use (listProjectFunding,
// getFundingByYear + totalsFromYears, the donor allocation summaries): no arithmetic of its own
// beyond formatting. Unknown codes are a 404 that names what was asked for.
import { data, redirect } from '@remix-run/node';
import { buildAxis } from '~/ui/charts/scale.ts';
import type { ChartCategory } from '~/ui/charts/chart-types.ts';
import { formatYear } from '~/platform/format.ts';
import { pageTitle } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { enclosingRegions, isM49Country, isM49Region, regionScope } from '~/platform/m49-regions.ts';
import { listProgrammeOptions, totalsFromYears } from './dashboard-queries.server.ts';
import { donorPageSlugs } from './donor-page.server.ts';
import { getPageFiguresLastChangedAt } from './figures-last-changed-queries.server.ts';
import { formatLastChanged } from './figures-notes.server.ts';
import { filtersToSearchParams, parseFundingFilters } from './funding-filters.server.ts';
import { formatCompactUsd, formatFigures, fundingCategory, fundingSeries, maxStack } from './funding-format.ts';
import {
  getFundingByYear,
  listFilterOptions,
  listPlaceDonors,
  listProjectFunding,
  type PlaceDonor,
} from './funding-report-queries.server.ts';
import { getPageT, type Translate } from './page-labels.server.ts';
import { placeName } from './place-names.ts';
import { periodLabel, statusLabel } from './programme-page.server.ts';

/** How many years a place page shows when the URL names none (as /funding). */
const DEFAULT_YEARS = 5;
/** Donors and groups listed by name or group; the sums by donor type cover all of them. */
const DONOR_ROWS = 50;

export type Place = { kind: 'country'; code: string } | { kind: 'region'; code: string };

/** A 404 whose body says what was not found, for the route's error page. */
function placeNotFound(place: Place): never {
  throw data({ notFound: place.kind, code: place.code.slice(0, 12) }, { status: 404 });
}

/**
 * Checks the code in the URL: a country is two letters of a country the M49 tree places (upper
 * case is the address; lower case redirects to it), a region three digits of an M49 region.
 */
export function checkPlace(place: Place): Place {
  if (place.kind === 'country') {
    if (!/^[A-Za-z]{2}$/.test(place.code)) placeNotFound(place);
    const code = place.code.toUpperCase();
    if (!isM49Country(code)) placeNotFound(place);
    if (code !== place.code) throw redirect(`/countries/${code}`, 301);
    return { kind: 'country', code };
  }
  if (!/^\d{3}$/.test(place.code) || !isM49Region(place.code)) placeNotFound(place);
  return place;
}

const YEAR_PARAMS = ['year', 'from', 'to'] as const;

function donorLabel(donor: PlaceDonor, t: Translate): string {
  if (donor.kind === 'anonymous') return t('place-pages:donors.anonymousGroup', { type: t(`funding:donorTypes.${donor.donorType}`) });
  if (donor.kind === 'people') return t(`place-pages:donors.peopleGroup.${donor.donorType}`);
  return donor.name ?? t('place-pages:donors.unnamed');
}

/** Everything a country or region page shows, for the years in the URL (`year`, or `from`/`to`). */
export async function buildPlacePage(request: Request, asked: Place, locale: Locale, now: Date = new Date()) {
  const place = checkPlace(asked);
  const t = getPageT(locale, ['place-pages', 'programmes', 'charts', 'funding']);
  const url = new URL(request.url);
  const currentYear = now.getUTCFullYear();
  const options = await listFilterOptions({});
  const parsed = parseFundingFilters(url.searchParams, currentYear);
  const ignored = parsed.ignored.filter((name) => (YEAR_PARAMS as readonly string[]).includes(name));
  const isYearGiven = YEAR_PARAMS.some((name) => url.searchParams.get(name) && !ignored.includes(name));
  let { fromYear, toYear } = parsed.filters;
  if (!isYearGiven) {
    const firstYear = Math.min(currentYear, options.years[0] ?? currentYear);
    fromYear = Math.max(currentYear - DEFAULT_YEARS + 1, firstYear);
    toYear = currentYear;
  }
  const scope = place.kind === 'country' ? { countryCode: place.code } : { regionCode: place.code };

  const [projects, byYear, donors, lastChangedAt, programmes] = await Promise.all([
    listProjectFunding({ fromYear, toYear, ...scope }),
    getFundingByYear({ fromYear, toYear, ...scope }),
    listPlaceDonors({ fromYear, toYear, ...scope, limit: DONOR_ROWS }),
    getPageFiguresLastChangedAt({ fromYear, toYear, ...scope }),
    listProgrammeOptions(),
  ]);
  const programmeTitles = new Map(programmes.map((programme) => [programme.slug, programme.title]));
  const pageSlugs = await donorPageSlugs(donors.donors.map((donor) => donor.donorId));
  // The place's figures are the totals of its years: the same scope and years as the chart.
  const totals = totalsFromYears(byYear);

  const globalLabel = t('programmes:places.global');
  const name = placeName(place.code, locale, globalLabel);
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  const period = periodLabel(fromYear, toYear, locale, t);
  const link = (code: string) => (/^\d{3}$/.test(code) ? `/regions/${code}` : `/countries/${code}`);
  const placeLink = (code: string) => ({ code, name: placeName(code, locale, globalLabel), href: link(code) });

  // Where the place sits (nearest region first) and, for a region, the places inside it that have projects.
  const within = place.code === '001' ? [] : enclosingRegions(place.code).map(placeLink);
  const inside =
    place.kind === 'region' && place.code !== '001'
      ? (() => {
          const { regionCodes, countryCodes } = regionScope(place.code);
          const regions = regionCodes.filter((code) => code !== place.code && options.regionCodes.includes(code));
          const countries = countryCodes.filter((code) => options.countryCodes.includes(code));
          // Regions that only hold countries with projects are worth a link too.
          const withCountries = regionCodes.filter(
            (code) => code !== place.code && regionScope(code).countryCodes.some((country) => countries.includes(country)),
          );
          return {
            regions: [...new Set([...regions, ...withCountries])].map(placeLink).sort((a, b) => a.name.localeCompare(b.name, locale)),
            countries: countries.map(placeLink).sort((a, b) => a.name.localeCompare(b.name, locale)),
          };
        })()
      : { regions: [], countries: [] };

  const byType = donors.byType.map((row) => ({
    key: row.donorType,
    label: t(`funding:donorTypes.${row.donorType}`),
    amount: usd(row.allocatedUsdMinor),
  }));
  const sources = [
    { key: 'REGULAR_BUDGET', label: t('charts:series.regularBudget'), amount: usd(totals.fundedBySource.regularBudget) },
    ...byType,
  ];

  const applied = filtersToSearchParams({ fromYear, toYear, ...scope });
  const download = (path: string) => {
    const link = (format: 'csv' | 'json' | 'xlsx') => {
      const params = new URLSearchParams(applied);
      params.set('format', format);
      return `${path}?${params.toString()}`;
    };
    return { csv: link('csv'), json: link('json'), xlsx: link('xlsx') };
  };

  const compact = (value: number) => formatCompactUsd(value, locale);
  const categories: ChartCategory[] = byYear.map((year) => fundingCategory(String(year.year), formatYear(year.year, locale), year, locale));
  const kindKey = place.kind === 'country' ? 'country' : 'region';
  const yearOptions = [...new Set([...options.years, fromYear, toYear, currentYear])]
    .sort((a, b) => a - b)
    .map((year) => ({ value: String(year), label: formatYear(year, locale) }));

  return {
    title: pageTitle(locale, t(`place-pages:${kindKey}.title`, { name })),
    description: t(`place-pages:${kindKey}.description`, { name }),
    dir: directionOf(locale),
    kind: place.kind,
    code: place.code,
    heading: name,
    kindLabel: t(`place-pages:${kindKey}.kind`, { code: place.code }),
    period,
    form: { from: String(fromYear), to: String(toYear), years: yearOptions },
    ignored: ignored.map((param) => ({
      name: param,
      label: t(`funding:params.${param}`),
      value: (url.searchParams.get(param) ?? '').slice(0, 40),
    })),
    within,
    inside,
    figures: formatFigures(totals, locale),
    sources,
    donors: donors.donors.map((donor, index) => {
      const slug = donor.kind === 'named' && donor.donorId ? pageSlugs.get(donor.donorId) : undefined;
      return {
        key: donor.donorId ?? `${donor.kind}-${donor.donorType}-${index}`,
        name: donorLabel(donor, t),
        ...(slug ? { href: `/donors/${slug}` } : {}),
        isGroup: donor.kind !== 'named',
        type: t(`funding:donorTypes.${donor.donorType}`),
        amount: usd(donor.allocatedUsdMinor),
      };
    }),
    projects: projects.map((project) => ({
      code: project.code,
      title: pickText(project.title, locale),
      programme: {
        slug: project.programmeSlug,
        title: pickText(programmeTitles.get(project.programmeSlug) ?? {}, locale) || project.programmeCode,
      },
      place: placeLink(project.countryCode ?? project.regionCode),
      status: statusLabel(project.status, t),
      requirement: usd(project.requirementUsdMinor),
      funded: usd(project.fundedUsdMinor),
      pledgedUnpaid: usd(project.pledgedUnpaidUsdMinor),
      gap: usd(project.gapUsdMinor),
    })),
    chart: {
      title: t('place-pages:chart.title', { period }),
      description: t('place-pages:chart.description'),
      series: fundingSeries({
        regularBudget: t('charts:series.regularBudget'),
        generalPurpose: t('charts:series.generalPurpose'),
        earmarked: t('charts:series.earmarked'),
        gap: t('charts:series.gap'),
      }),
      categories,
      axis: buildAxis(maxStack(byYear), compact),
      valueAxisLabel: t('charts:axis.usd'),
      categoryAxisLabel: t('charts:axis.year'),
      referenceName: t('charts:series.requirement'),
      emptyText: t('charts:empty'),
      table: {
        summary: t('charts:table.summary'),
        caption: t('place-pages:chart.caption', { name, period }),
        categoryHeader: t('charts:axis.year'),
      },
    },
    downloads: { projects: download('/api/v1/projects'), contributions: download('/api/v1/contributions') },
    fundingHref: `/funding?${applied.toString()}`,
    lastChanged: formatLastChanged(lastChangedAt, locale),
    // Raw figures for tests and for anyone reading the loader's JSON (the page shows the strings).
    raw: {
      fromYear,
      toYear,
      totals,
      projectCodes: projects.map((project) => project.code),
      donors: donors.donors,
      byType: donors.byType,
    },
  };
}

export type PlacePage = Awaited<ReturnType<typeof buildPlacePage>>;
