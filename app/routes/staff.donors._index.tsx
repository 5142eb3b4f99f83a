// Finance, resource mobilization and admins: find a donor by name, email, organisation, pledge
// reference or payment id (a plain GET form: the search is a URL that can be shared internally).
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildDonorSearchPage } from '~/finance/donors/donor-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

import { DONOR_ROLES } from '~/finance/donors/donor-roles.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, DONOR_ROLES);
  return data(await buildDonorSearchPage(resolveLocale(request).locale, new URL(request.url).searchParams.get('q')));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function DonorSearch() {
  const { query, message, hits, caption } = useLoaderData<typeof loader>();
  const { t } = useTranslation('staff-donors');
  return (
    <section className="staff-donors" aria-labelledby="donors-title">
      <h1 id="donors-title">{t('search.title')}</h1>
      <Form method="get" role="search" className="inline-form">
        <label htmlFor="donor-query">{t('search.label')}</label>
        <input id="donor-query" name="q" type="search" defaultValue={query} minLength={2} maxLength={200} required />
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </Form>
      {message ? <p role="status">{message}</p> : null}
      {hits.length > 0 ? (
        <TableScroll label={caption}>
          <table className="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('search.columns.name')}</th>
                <th scope="col">{t('search.columns.email')}</th>
                <th scope="col">{t('search.columns.type')}</th>
                <th scope="col">{t('search.columns.organisation')}</th>
                <th scope="col">{t('search.columns.country')}</th>
                <th scope="col">{t('search.columns.matched')}</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((hit) => (
                <tr key={hit.id}>
                  <th scope="row">
                    <Link to={`/staff/donors/${hit.id}`}>{hit.name}</Link>
                  </th>
                  <td>{hit.email}</td>
                  <td>{hit.type}</td>
                  <td>{hit.organisation}</td>
                  <td>{hit.country}</td>
                  <td>{hit.matched}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
