// /programmes/:slug — one global programme: its mandate, its figures for the chosen years, its
// projects (filter and sort in the URL, the same parameters as the open data API, so the
// "Download CSV" link is the API address with this page's query), and three charts.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '~/ui/charts/bar-chart.tsx';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { ErrorPage } from '~/ui/error-page.tsx';
import { FiguresList } from '~/funding/figures-list.tsx';
import { HowToRead } from '~/funding/figures-notes.tsx';
import { IgnoredFiltersNotice } from '~/funding/ignored-filters-notice.tsx';
import { buildProgrammePage } from '~/funding/programme-page.server.ts';
import { ProjectFiltersForm } from './project-filters-form.tsx';
import { ProjectsTable } from './projects-table.tsx';
import printStylesHref from '~/ui/styles/print.css?url';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStylesHref, media: 'print' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildProgrammePage(request, params.slug ?? '', locale));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function ProgrammePage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('programmes');
  const { t: tPdf } = useTranslation('summary-pdf');
  return (
    <div className="programme-page">
      <p className="breadcrumb">
        <Link to="/programmes">{t('list.heading')}</Link>
      </p>
      <h1>{page.heading}</h1>
      <section aria-labelledby="mandate-title" className="programme-page__mandate">
        <h2 id="mandate-title">{t('programme.mandate')}</h2>
        <p>{page.mandate}</p>
        <p>
          <Link to={`/give?programme=${encodeURIComponent(page.slug)}`} className="button">
            {t('programme.give')}
          </Link>
        </p>
      </section>

      <IgnoredFiltersNotice ignored={page.ignored} />

      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('programme.figuresHeading', { period: page.period })}</h2>
        <FiguresList figures={page.figures} unallocated={page.unallocated} />
        <p className="download-link">
          <a href={page.pdfHref} download>
            {tPdf('link')}
          </a>
        </p>
      </section>

      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{t('projects.heading')}</h2>
        <ProjectFiltersForm form={page.form} resetHref={`/programmes/${page.slug}`} />
        <ProjectsTable table={page.table} />
        <p className="download-link">
          <a href={page.csvHref} download>
            {t('projects.download')}
          </a>
          {' · '}
          <a href={page.xlsxHref} download>
            {t('projects.downloadXlsx')}
          </a>{' '}
          <span className="hint">{t('projects.downloadHint')}</span>
        </p>
      </section>

      <section aria-labelledby="charts-title">
        <h2 id="charts-title">{t('programme.chartsHeading')}</h2>
        <h3>{page.byYearChart.title}</h3>
        <StackedBarChart id="programme-by-year" orientation="vertical" dir={page.dir} {...page.byYearChart} />
        <h3>{page.byRegionChart.title}</h3>
        <BarChart id="programme-by-region" tone="red" pattern="crosshatch" dir={page.dir} {...page.byRegionChart} />
        <h3>{page.donorsChart.title}</h3>
        <BarChart id="programme-donors" tone="green" pattern="solid" dir={page.dir} {...page.donorsChart} />
      </section>

      <HowToRead lastChanged={page.lastChanged} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
