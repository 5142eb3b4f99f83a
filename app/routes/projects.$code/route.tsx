// /projects/:code — one project: what and where, its budget and funding by year and by source
// over its life, the donors whose money reached it, a prominent way to fund it, and its impact
// updates with result indicators.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BarChart } from '~/ui/charts/bar-chart.tsx';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { ErrorPage } from '~/ui/error-page.tsx';
import { BudgetByYearTable } from './budget-by-year-table.tsx';
import { FiguresList } from '~/funding/figures-list.tsx';
import { HowToRead } from '~/funding/figures-notes.tsx';
import { ImpactSection } from './impact-section.tsx';
import { buildProjectPage } from '~/funding/project-page.server.ts';
import { getProjectPhoto } from '~/programmes/photos/photo-queries.server.ts';
import { toPhotoView } from '~/programmes/photos/photo-view.ts';
import { ProjectPhoto } from '~/programmes/photos/project-photo.tsx';
import printStylesHref from '~/ui/styles/print.css?url';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStylesHref, media: 'print' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  const [page, photo] = await Promise.all([buildProjectPage(params.code ?? '', locale), getProjectPhoto({ code: params.code ?? '' })]);
  return data({ ...page, photo: photo ? toPhotoView(photo, locale) : null });
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function ProjectPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('programmes');
  const { summary } = page;
  return (
    <div className="project-page">
      <p className="breadcrumb">
        <Link to={`/programmes/${summary.programme.slug}`}>{summary.programme.title}</Link>
      </p>
      <p className="project-page__code">{t('project.code', { code: page.code })}</p>
      <h1>{page.heading}</h1>
      {page.photo ? (
        <ProjectPhoto photo={page.photo} sizes="(min-width: 50rem) 48rem, calc(100vw - 2rem)" className="project-photo--page" />
      ) : null}
      <p className="page-intro">{summary.description}</p>
      <p className="fund-cta">
        <Link to={`/give?project=${encodeURIComponent(page.code)}`} className="button button--large">
          {t('project.fund')}
        </Link>
      </p>

      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('project.summaryHeading')}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t('project.programme')}</dt>
            <dd>
              <Link to={`/programmes/${summary.programme.slug}`}>{summary.programme.title}</Link>
            </dd>
          </div>
          {summary.country ? (
            <div>
              <dt>{t('filters.country')}</dt>
              <dd>
                <Link to={summary.country.href}>{summary.country.name}</Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('filters.region')}</dt>
            <dd>
              <Link to={summary.region.href}>{summary.region.name}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('project.sector')}</dt>
            <dd>{summary.sector}</dd>
          </div>
          <div>
            <dt>{t('filters.status')}</dt>
            <dd>{summary.status}</dd>
          </div>
          <div>
            <dt>{t('project.dates')}</dt>
            <dd>{summary.dates}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">{t('project.budgetHeading')}</h2>
        <BudgetByYearTable years={page.years} caption={t('project.budgetCaption', { period: page.period })} />
        <h3>{page.byYearChart.title}</h3>
        <StackedBarChart id="project-by-year" orientation="vertical" dir={page.dir} {...page.byYearChart} />
      </section>

      <section aria-labelledby="sources-title">
        <h2 id="sources-title">{t('project.sourcesHeading', { period: page.period })}</h2>
        <FiguresList figures={page.figures} />
      </section>

      <section aria-labelledby="donors-title">
        <h2 id="donors-title">{page.donorsChart.title}</h2>
        <BarChart id="project-donors" tone="green" dir={page.dir} {...page.donorsChart} />
      </section>

      <ImpactSection updates={page.updates} indicators={page.indicators} />

      <HowToRead lastChanged={page.lastChanged} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
