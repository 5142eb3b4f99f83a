// Admins only: the newest audit entries (who changed what, when, before and after).
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { listRecentAudit } from '~/platform/audit.server.ts';
import { requireRole } from '~/staff/auth.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';

const LIMIT = 100;
const SNIPPET = 160;

function snippet(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['auth', 'common']);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  const entries = await listRecentAudit({ limit: LIMIT });
  return data({
    title: t('common:meta.title', { page: t('audit.title'), site: t('common:site.name') }),
    entries: entries.map((entry) => ({
      id: entry.id.toString(),
      at: when.format(entry.at),
      atIso: entry.at.toISOString(),
      actor: entry.actor?.email ?? t(`audit.actorKind.${entry.actorKind}`, { defaultValue: entry.actorKind }),
      action: entry.action,
      entity: `${entry.entityType} ${entry.entityId}`,
      change: `${snippet(entry.before)} → ${snippet(entry.after)}`,
    })),
  });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffAudit() {
  const { entries } = useLoaderData<typeof loader>();
  const { t } = useTranslation('auth');
  return (
    <section className="staff-audit" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('audit.caption', { number: entries.length })}</caption>
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
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.entity}</td>
                  <td>
                    <code>{entry.change}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
