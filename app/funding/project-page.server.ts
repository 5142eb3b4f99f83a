// Data for /projects/:code: the summary, budget and funding by year and by source over the
// project's life, the donors whose money reached it, and its impact updates and indicators,
// formatted in the reader's language.
import { buildAxis } from '~/ui/charts/scale.ts';
import { totalsFromYears } from './dashboard-queries.server.ts';
import { getFundingByYear, listTopDonors } from './funding-report-queries.server.ts';
import { getProjectByCode, type IndicatorItem } from './programme-queries.server.ts';
import { formatDate, formatNumber, formatYear } from '~/platform/format.ts';
import { pageTitle } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatCompactUsd, formatFigures, fundingCategory, fundingSeries, maxStack, donorBars } from './funding-format.ts';
import { getPageT, type Translate } from './page-labels.server.ts';
import { placeName } from './place-names.ts';
import { donorPageSlugs } from './donor-page.server.ts';
import { periodLabel, statusLabel } from './programme-page.server.ts';
import { getPageFiguresLastChangedAt } from './figures-last-changed-queries.server.ts';
import { formatLastChanged } from './figures-notes.server.ts';

const PROJECT_CODE = /^[A-Za-z0-9-]{1,32}$/;

function notFound(): Response {
  return new Response('Not Found', { status: 404 });
}

function formatIndicator(indicator: IndicatorItem, locale: Locale, t: Translate) {
  // Indicator values are counts and rates, not money: a float for display is fine here.
  const number = (value: string) => formatNumber(Number(value), locale, { maximumFractionDigits: 2 });
  return {
    id: indicator.id,
    name: pickText(indicator.name, locale),
    unit: t(`units.${indicator.unit}`, { defaultValue: indicator.unit }),
    baseline: number(indicator.baseline),
    target: number(indicator.target),
    latest: indicator.latest
      ? t('impact.latestValue', { value: number(indicator.latest.value), date: formatDate(indicator.latest.measuredOn, locale) })
      : t('impact.notMeasured'),
    progress: t(indicator.latest ? 'programme-editor:public.progress' : 'programme-editor:public.progressNotMeasured', {
      baseline: number(indicator.baseline),
      latest: indicator.latest ? number(indicator.latest.value) : '',
      target: number(indicator.target),
      unit: t(`units.${indicator.unit}`, { defaultValue: indicator.unit }),
    }),
  };
}

export async function buildProjectPage(code: string, locale: Locale) {
  if (!PROJECT_CODE.test(code)) throw notFound();
  const project = await getProjectByCode({ code });
  if (!project) throw notFound();

  const t = getPageT(locale, ['programmes', 'charts', 'programme-editor']);
  const fromYear = Number(project.startDate.slice(0, 4));
  const toYear = Math.max(fromYear, Number(project.endDate.slice(0, 4)));
  const [byYear, donors, lastChangedAt] = await Promise.all([
    getFundingByYear({ fromYear, toYear, projectId: project.id }),
    listTopDonors({ fromYear, toYear, projectId: project.id, limit: 20 }),
    getPageFiguresLastChangedAt({ fromYear, toYear, projectId: project.id }),
  ]);
  const pageSlugs = await donorPageSlugs(donors.map((donor) => donor.donorId));
  // The project's figures over its life are the totals of its years (the same scope and years).
  const funding = totalsFromYears(byYear);

  const globalLabel = t('places.global');
  const period = periodLabel(fromYear, toYear, locale, t);
  const title = pickText(project.title, locale);
  const compact = (value: number) => formatCompactUsd(value, locale);
  const anonymous = t('donors.anonymous');

  return {
    title: pageTitle(locale, `${project.code} — ${title}`),
    description: pickText(project.description, locale),
    dir: directionOf(locale),
    code: project.code,
    heading: title,
    summary: {
      programme: { slug: project.programme.slug, title: pickText(project.programme.title, locale) },
      // Each place links to its page (/countries/:iso, /regions/:m49).
      country: project.countryCode
        ? { name: placeName(project.countryCode, locale, globalLabel), href: `/countries/${project.countryCode}` }
        : null,
      region: { name: placeName(project.regionCode, locale, globalLabel), href: `/regions/${project.regionCode}` },
      sector: t(`sectors.${project.sectorCode}`, { defaultValue: project.sectorCode }),
      status: statusLabel(project.status, t),
      dates: t('project.dateRange', { start: formatDate(project.startDate, locale), end: formatDate(project.endDate, locale) }),
      description: pickText(project.description, locale),
    },
    period,
    figures: formatFigures(funding, locale),
    years: byYear.map((year) => ({ year: formatYear(year.year, locale), ...formatFigures(year, locale) })),
    byYearChart: {
      title: t('project.byYearTitle', { period }),
      description: t('project.byYearDescription'),
      series: fundingSeries({
        regularBudget: t('charts:series.regularBudget'),
        generalPurpose: t('charts:series.generalPurpose'),
        earmarked: t('charts:series.earmarked'),
        gap: t('charts:series.gap'),
      }),
      categories: byYear.map((year) => fundingCategory(String(year.year), formatYear(year.year, locale), year, locale)),
      axis: buildAxis(maxStack(byYear), compact),
      valueAxisLabel: t('charts:axis.usd'),
      categoryAxisLabel: t('charts:axis.year'),
      referenceName: t('charts:series.requirement'),
      emptyText: t('charts:empty'),
      table: {
        summary: t('charts:table.summary'),
        caption: t('project.byYearChartCaption', { period }),
        categoryHeader: t('charts:axis.year'),
      },
    },
    donorsChart: {
      title: t('project.donorsTitle', { period }),
      description: t('project.donorsDescription'),
      valueName: t('donors.allocatedProject'),
      ...donorBars(donors, locale, anonymous, pageSlugs),
      valueAxisLabel: t('charts:axis.usd'),
      emptyText: t('donors.noneProject'),
      table: { summary: t('charts:table.summary'), caption: t('project.donorsCaption', { period }), categoryHeader: t('donors.donor') },
    },
    updates: project.updates.map((update) => ({
      id: update.id,
      title: pickText(update.title, locale),
      body: pickText(update.body, locale),
      date: formatDate(update.publishedAt, locale),
      dateTime: update.publishedAt.slice(0, 10),
    })),
    indicators: project.indicators.map((indicator) => formatIndicator(indicator, locale, t)),
    lastChanged: formatLastChanged(lastChangedAt, locale),
  };
}

export type ProjectPage = Awaited<ReturnType<typeof buildProjectPage>>;
