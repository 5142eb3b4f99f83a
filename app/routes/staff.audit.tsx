// Admins only: the audit log, filtered by who, object, action and dates (plain URL parameters),
// newest first, fifty at a time, each change in words; /staff/audit.csv downloads the filtered entries.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { buildAuditPage } from '~/staff/audit/audit-page.server.ts';
import { requireRole } from '~/staff/auth.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  const url = new URL(request.url);
  const { locale } = resolveLocale(request);
  const { status, page } = await buildAuditPage({ url, locale });
  return data(page, { status });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

const TEXT_FILTERS = ['actor', 'entityType', 'entityId', 'action'] as const;

export default function StaffAudit() {
  const { entries, errors, values, actorKinds, nextHref, newestHref, csvHref } = useLoaderData<typeof loader>();
  const { t } = useTranslation('auth');
  const { t: ts } = useTranslation('staff');
  return (
    <section className="staff-audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <Form method="get" className="audit-filters" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{ts('audit.filtersHeading')}</h2>
        {TEXT_FILTERS.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`audit-${name}`}>{ts(`audit.filters.${name}`)}</label>
            <input id={`audit-${name}`} name={name} defaultValue={values[name]} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="audit-actorKind">{ts('audit.filters.actorKind')}</label>
          <select id="audit-actorKind" name="actorKind" defaultValue={values.actorKind}>
            <option value="">{ts('audit.any')}</option>
            {actorKinds.map((kind) => (
              <option key={kind.value} value={kind.value}>
                {kind.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{ts('audit.filters.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={values.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{ts('audit.filters.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={values.to} />
        </div>
        <button type="submit" className="button">
          {ts('audit.apply')}
        </button>{' '}
        <Link to="/staff/audit">{ts('audit.clear')}</Link>
      </Form>
      {errors.length ? (
        <div className="form-error" role="alert">
          <p>{ts('audit.errors.summary')}</p>
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : entries.length === 0 ? (
        <p>{ts('audit.noMatch')}</p>
      ) : (
        <TableScroll label={ts('audit.caption', { number: entries.length })}>
          <table className="data-table">
            <caption>{ts('audit.caption', { number: entries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.actor')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.entity')}</th>
                <th scope="col">{t('audit.columns.change')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.atIso}>{entry.at}</time>
                  </td>
                  <td>{entry.actor}</td>
                  <td>
                    {entry.action} <code>{entry.actionCode}</code>
                  </td>
                  <td>{entry.entity}</td>
                  <td>
                    {entry.changes.length ? (
                      <ul className="audit-changes">
                        {entry.changes.map((change) => (
                          <li key={change.field}>
                            {ts('audit.change', { field: change.field, before: change.before, after: change.after })}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      ts('audit.noChanges')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={ts('audit.pagingLabel')}>
        <ul>
          {newestHref ? (
            <li>
              <Link to={newestHref}>{ts('audit.newest')}</Link>
            </li>
          ) : null}
          {nextHref ? (
            <li>
              <Link to={nextHref}>{ts('audit.older')}</Link>
            </li>
          ) : null}
          {csvHref ? (
            <li>
              <a href={csvHref} download>
                {ts('audit.csv')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
