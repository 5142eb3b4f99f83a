// Finance and admins: pledges of Member States, intergovernmental bodies, companies and
// foundations — total, paid, open, next due and status — filtered by donor type, searched by name
// or reference (a plain GET form), paged; "Record a pledge" opens the form.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildPledgeListPage } from '~/finance/pledges/pledge-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildPledgeListPage({ locale: resolveLocale(request).locale, url: new URL(request.url), now: new Date() }));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function InstitutionalPledges() {
  const { type, query, types, caption, empty, previous, next, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation('institutional-pledges');
  return (
    <section className="staff-pledges" aria-labelledby="pledges-title">
      <h1 id="pledges-title">{t('list.title')}</h1>
      <p>
        <Link to="/staff/finance/pledges/new" className="button">
          {t('list.record')}
        </Link>
      </p>
      <Form method="get" role="search" className="inline-form">
        <label htmlFor="pledge-type">{t('list.type')}</label>
        <select id="pledge-type" name="type" defaultValue={type}>
          <option value="">{t('list.allTypes')}</option>
          {types.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <label htmlFor="pledge-query">{t('list.search')}</label>
        <input id="pledge-query" name="q" type="search" defaultValue={query} maxLength={200} />
        <button type="submit" className="button">
          {t('list.submit')}
        </button>
      </Form>
      {empty ? (
        <p role="status">{empty}</p>
      ) : (
        <TableScroll label={caption}>
          <table className="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.reference')}</th>
                <th scope="col">{t('columns.donor')}</th>
                <th scope="col">{t('columns.type')}</th>
                <th scope="col">{t('columns.currency')}</th>
                <th scope="col" className="numeric">
                  {t('columns.total')}
                </th>
                <th scope="col" className="numeric">
                  {t('columns.paid')}
                </th>
                <th scope="col" className="numeric">
                  {t('columns.open')}
                </th>
                <th scope="col">{t('columns.nextDue')}</th>
                <th scope="col">{t('columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.reference}>
                  <th scope="row">
                    <Link to={`/staff/finance/pledges/${row.reference}`} dir="ltr">
                      {row.reference}
                    </Link>
                  </th>
                  <td>
                    <Link to={`/staff/donors/${row.donorId}`}>{row.donor}</Link>
                  </td>
                  <td>{row.type}</td>
                  <td>{row.currency}</td>
                  <td className="numeric">{row.total}</td>
                  <td className="numeric">{row.paid}</td>
                  <td className="numeric">{row.open}</td>
                  <td>{row.nextDue}</td>
                  <td>{row.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {previous || next ? (
        <nav aria-label={t('list.paging')}>
          {previous ? <Link to={previous}>{t('list.previous')}</Link> : null} {next ? <Link to={next}>{t('list.next')}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
