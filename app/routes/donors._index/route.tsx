// /donors — the named institutional donors that have a page (decision 048), by name.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { buildDonorList } from '~/funding/donor-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildDonorList(locale));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function DonorsPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('donor-pages');
  return (
    <div className="donors-page">
      <h1>{page.heading}</h1>
      <p className="page-intro">{t('list.intro')}</p>
      {page.donors.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <TableScroll label={t('list.caption')}>
          <table className="data-table" id="donor-list">
            <caption>{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.name')}</th>
                <th scope="col">{t('list.type')}</th>
                <th scope="col">{t('list.country')}</th>
              </tr>
            </thead>
            <tbody>
              {page.donors.map((donor) => (
                <tr key={donor.slug}>
                  <th scope="row">
                    <Link to={`/donors/${donor.slug}`}>{donor.name}</Link>
                  </th>
                  <td>{donor.type}</td>
                  <td>{donor.country}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
