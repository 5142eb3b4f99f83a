// /donors/:slug — one named institutional donor (decision 048): what it pledged and paid by year,
// programme, project and earmark, its payment record against its instalments, a chart over time
// with its table, its rank among donors each year, and how to read the figures. Unknown slugs,
// individuals and anonymous donors are the same 404.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { StackedBarChart } from '~/ui/charts/stacked-bar-chart.tsx';
import { ErrorPage } from '~/ui/error-page.tsx';
import { buildDonorPage } from '~/funding/donor-page.server.ts';
import { HowToRead, LastChanged } from '~/funding/figures-notes.tsx';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';
import { DonorTables } from './donor-tables.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildDonorPage(params.slug ?? '', locale, new Date()));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function DonorPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('donor-pages');
  const { t: tPdf } = useTranslation('summary-pdf');
  return (
    <div className="donor-page">
      <p className="breadcrumb">
        <Link to="/donors">{t('page.back')}</Link>
      </p>
      <h1>{page.heading}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('page.type')}</dt>
          <dd>{page.type}</dd>
        </div>
        {page.country ? (
          <div>
            <dt>{t('page.country')}</dt>
            <dd>{page.country}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t('page.totalsHeading')}</h2>
        <dl className="summary-list" id="donor-totals">
          {(['pledged', 'paid', 'generalPurpose', 'generalPurposeShare', 'outstanding'] as const).map((key) => (
            <div key={key}>
              <dt>{t(`page.${key}`)}</dt>
              <dd data-figure={key}>{page.totals[key]}</dd>
            </div>
          ))}
        </dl>
        <LastChanged lastChanged={page.lastChanged} />
      </section>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">{page.chart.title}</h2>
        <StackedBarChart id="donor-by-year" orientation="vertical" dir={page.dir} {...page.chart} />
      </section>

      <DonorTables page={page} />

      <HowToRead lastChanged={null} extra={[t('howToRead.years'), t('howToRead.anonymous')]}>
        <p>
          <a href={`/api/v1/donors/${page.slug}`}>{t('api.link')}</a>
          {' · '}
          <a href={`/api/v1/donors/${page.slug}?format=csv`} download>
            {t('api.csv')}
          </a>
          {' · '}
          <a href={`/api/v1/donors/${page.slug}?format=xlsx`} download>
            {t('api.xlsx')}
          </a>
          {' · '}
          <a href={`/donors/${page.slug}/summary.pdf`} download>
            {tPdf('link')}
          </a>
        </p>
      </HowToRead>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
