// Resource mobilization and admins: the appeals workspace (issue #15) — the saved segments of
// donors, each opened to reuse or change it, and the appeals (composing and sending come next).
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { APPEALS_ROLES, buildAppealsPage } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  return data(await buildAppealsPage({ locale: resolveLocale(request).locale }));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffAppeals() {
  const { title, segments, appeals } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['staff-appeals', 'staff-appeal-composer']);
  return (
    <section className="staff-appeals stack" aria-labelledby="appeals-title">
      <h1 id="appeals-title">{title}</h1>
      <p>{t('intro')}</p>
      <h2>{t('segments.heading')}</h2>
      <p>
        <Link to="/staff/appeals/segments/new" className="button">
          {t('segments.new')}
        </Link>
      </p>
      {segments.length === 0 ? (
        <p>{t('segments.empty')}</p>
      ) : (
        <TableScroll label={t('segments.caption')}>
          <table className="data-table">
            <caption>{t('segments.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('segments.name')}</th>
                <th scope="col">{t('segments.updated')}</th>
                <th scope="col">{t('segments.by')}</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((segment) => (
                <tr key={segment.id}>
                  <th scope="row">
                    <Link to={`/staff/appeals/segments/${segment.id}`}>{segment.name}</Link>
                  </th>
                  <td>{segment.updatedAt}</td>
                  <td>{segment.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t('appeals.heading')}</h2>
      <p>
        <Link to="/staff/appeals/new" className="button">
          {t('staff-appeal-composer:newAppeal')}
        </Link>
      </p>
      {appeals.length === 0 ? (
        <p>{t('appeals.empty')}</p>
      ) : (
        <TableScroll label={t('appeals.caption')}>
          <table className="data-table">
            <caption>{t('appeals.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('appeals.title')}</th>
                <th scope="col">{t('appeals.status')}</th>
                <th scope="col">{t('appeals.sentAt')}</th>
                <th scope="col">{t('appeals.results')}</th>
              </tr>
            </thead>
            <tbody>
              {appeals.map((appeal) => (
                <tr key={appeal.id}>
                  <th scope="row">
                    <Link to={`/staff/appeals/${appeal.id}`}>{appeal.title}</Link>
                  </th>
                  <td>{appeal.status}</td>
                  <td>{appeal.sentAt}</td>
                  <td>
                    <Link to={`/staff/appeals/${appeal.id}/results`} aria-label={`${t('appeals.results')}: ${appeal.title}`}>
                      {t('appeals.results')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
