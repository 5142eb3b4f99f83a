// /donors — the named institutional donors that have a page (decision 048), 100 a page by name,
// searchable by name and filterable by type with a plain GET form that works without JavaScript.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { buildDonorList } from '~/funding/donor-page.server.ts';
import { IgnoredFiltersNotice } from '~/funding/ignored-filters-notice.tsx';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';
import { DonorSearchForm } from './donor-search-form.tsx';
import { DonorPager } from './donor-pager.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildDonorList(request, locale));
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
      <IgnoredFiltersNotice ignored={page.ignored} />
      <nav aria-label={t('list.byType')} className="donor-types">
        <ul>
          {page.typeLinks.map((link) => (
            <li key={link.href}>
              <Link to={link.href} aria-current={link.isCurrent ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DonorSearchForm form={page.form} />
      <p className="donor-count" role="status">
        {page.count}
        {page.range ? ` · ${page.range}` : null}
        {page.showAllHref ? (
          <>
            {' · '}
            <Link to={page.showAllHref}>{t('list.showAll')}</Link>
          </>
        ) : null}
      </p>
      {page.donors.length === 0 ? (
        <p>{page.isFiltered ? t('list.noMatch') : t('list.empty')}</p>
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
      <DonorPager pager={page.pager} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
