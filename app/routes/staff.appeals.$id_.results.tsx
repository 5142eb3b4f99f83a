// Resource mobilization and admins: what an appeal did (issue #15 item 6, docs/decisions/050) — its
// emails, clicks, gifts and money raised, and for each programme or project it asked for, the
// coverage the day before the send and now, with a chart over time and its figures as a table.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildAppealResultsPage } from '~/appeals/appeal-results-page.server.ts';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { LineChart } from '~/ui/charts/line-chart.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const page = await buildAppealResultsPage({ appealId: params.id ?? '-', locale: resolveLocale(request).locale });
  if (!page) throw new Response('Not found', { status: 404 });
  return data(page);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

function Figures({ id, heading, rows }: { id: string; heading: string; rows: { key: string; label: string; value: string }[] }) {
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{heading}</h2>
      <dl className="figures figures--wide">
        {rows.map((row) => (
          <div key={row.key} className="figures__row" data-figure={row.key}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function AppealResults() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('staff-appeals');
  return (
    <section className="staff-appeals stack" aria-labelledby="results-title">
      <p>
        <Link to={`/staff/appeals/${page.id}`}>{t('results.back')}</Link>
      </p>
      <h1 id="results-title">{page.heading}</h1>
      <p>{page.sent}</p>
      <p className="field__hint">{page.asOf}</p>
      <p>
        <a href={`/staff/appeals/${page.id}/results.csv`} download>
          {t('results.csv')}
        </a>
      </p>
      <Figures id="emails-heading" heading={t('results.emails')} rows={page.emails} />
      <Figures id="clicks-heading" heading={t('results.clicks')} rows={page.engagement} />
      <Figures id="gifts-heading" heading={t('results.gifts')} rows={page.gifts} />
      <p className="field__hint">{t('results.definitions')}</p>
      {page.byCurrency.length > 0 ? (
        <TableScroll label={t('results.byCurrency.caption')}>
          <table className="data-table data-table--figures">
            <caption>{t('results.byCurrency.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.byCurrency.currency')}</th>
                <th scope="col">{t('results.byCurrency.amount')}</th>
                <th scope="col">{t('results.byCurrency.usd')}</th>
              </tr>
            </thead>
            <tbody>
              {page.byCurrency.map((line) => (
                <tr key={line.currency}>
                  <th scope="row">{line.currency}</th>
                  <td>{line.amount}</td>
                  <td>{line.usd}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <h2>{t('results.coverage.heading')}</h2>
      {page.blocks.length === 0 ? <p>{t('results.coverage.none')}</p> : null}
      {page.blocks.map((block) => (
        <section key={block.key} className="stack" aria-label={block.title}>
          <h3>{block.title}</h3>
          <p className="field__hint">{block.label}</p>
          <ul>
            <li>{block.beforeLine}</li>
            <li>{block.nowLine}</li>
            {block.change ? <li>{block.change}</li> : null}
          </ul>
          <LineChart {...block.chart} />
        </section>
      ))}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
