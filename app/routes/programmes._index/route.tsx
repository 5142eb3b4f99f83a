// /programmes — every global programme's requirement, funding by source, pledged-unpaid, gap and
// coverage for one year (?year=, default the current UTC year): a stacked bar per programme and
// the same figures as a table. Everything is formatted here, in the reader's language.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { buildAxis } from '~/ui/charts/scale.ts';
import { ErrorPage } from '~/ui/error-page.tsx';
import { fundingCategory, fundingSeries, formatCompactUsd, formatFigures, maxStack } from '~/funding/funding-format.ts';
import { IgnoredFiltersNotice } from '~/funding/ignored-filters-notice.tsx';
import { ProgrammeFundingTable } from './programme-funding-table.tsx';
import { YearForm } from '~/funding/year-form.tsx';
import { listFilterOptions } from '~/funding/funding-report-queries.server.ts';
import { listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import printStylesHref from '~/ui/styles/print.css?url';
import { formatYear } from '~/platform/format.ts';
import { parseFundingFilters } from '~/funding/funding-filters.server.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { directionOf, pickText } from '~/platform/i18n.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStylesHref, media: 'print' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programmes', 'charts']);
  const currentYear = new Date().getUTCFullYear();
  const raw = new URL(request.url).searchParams.get('year');
  // Only ?year= means something here; other parameters (lng, tracking tags) are left alone.
  const { filters, ignored } = parseFundingFilters(new URLSearchParams(raw === null ? '' : { year: raw }), currentYear);
  const year = filters.fromYear;
  const [programmes, options] = await Promise.all([listProgrammeFunding({ year }), listFilterOptions({})]);
  const yearLabel = formatYear(year, locale);
  const years = [...new Set([...options.years, currentYear, year])].sort((a, b) => b - a);

  return data({
    title: pageTitle(locale, t('list.title')),
    description: t('list.description'),
    dir: directionOf(locale),
    year: String(year),
    yearLabel,
    years: years.map((value) => ({ value: String(value), label: formatYear(value, locale) })),
    ignored: ignored.map((name) => ({ name, label: t('filters.year'), value: (raw ?? '').slice(0, 40) })),
    rows: programmes.map((programme) => ({
      slug: programme.slug,
      title: pickText(programme.title, locale),
      figures: formatFigures(programme, locale),
    })),
    chart: {
      title: t('list.chartTitle', { year: yearLabel }),
      description: t('list.chartDescription'),
      series: fundingSeries({
        regularBudget: t('charts:series.regularBudget'),
        generalPurpose: t('charts:series.generalPurpose'),
        earmarked: t('charts:series.earmarked'),
        gap: t('charts:series.gap'),
      }),
      categories: programmes.map((p) => fundingCategory(p.slug, pickText(p.title, locale), p, locale)),
      axis: buildAxis(maxStack(programmes), (value) => formatCompactUsd(value, locale)),
      valueAxisLabel: t('charts:axis.usd'),
      referenceName: t('charts:series.requirement'),
      emptyText: t('list.empty'),
      table: {
        summary: t('charts:table.summary'),
        caption: t('list.chartTableCaption', { year: yearLabel }),
        categoryHeader: t('figures.programme'),
      },
    },
  });
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function Programmes() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('programmes');
  return (
    <div className="programmes-page">
      <h1>{t('list.heading')}</h1>
      <p className="page-intro">{t('list.intro')}</p>
      <IgnoredFiltersNotice ignored={page.ignored} />
      <YearForm years={page.years} selected={page.year} />

      <section aria-labelledby="year-funding-title">
        <h2 id="year-funding-title">{t('list.yearHeading', { year: page.yearLabel })}</h2>
        <p>{t('list.definitions')}</p>
        <StackedBarChart id="programmes-chart" orientation="horizontal" dir={page.dir} {...page.chart} />
        {page.rows.length > 0 ? (
          <ProgrammeFundingTable rows={page.rows} caption={t('list.tableCaption', { year: page.yearLabel })} />
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
