// Finance and admins: Stripe events that failed to apply — those still being retried and those
// that used every try and wait for a person — each linking to its body, error and replay.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildFailedEventsPage } from '~/giving/stripe/failed-events-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildFailedEventsPage(resolveLocale(request).locale));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FailedStripeEvents() {
  const { events, limit } = useLoaderData<typeof loader>();
  const { t } = useTranslation('stripe-events');
  return (
    <section className="stripe-events" aria-labelledby="stripe-events-title">
      <h1 id="stripe-events-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {events.length === 0 ? (
        <p role="status">{t('empty')}</p>
      ) : (
        <TableScroll label={t('caption', { number: events.length, limit })}>
          <table className="data-table">
            <caption>{t('caption', { number: events.length, limit })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.event')}</th>
                <th scope="col">{t('columns.type')}</th>
                <th scope="col">{t('columns.received')}</th>
                <th scope="col">{t('columns.tries')}</th>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.error')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <Link to={`/staff/finance/stripe-events/${encodeURIComponent(event.id)}`}>{event.id}</Link>
                  </th>
                  <td>{event.type}</td>
                  <td>{event.receivedAt}</td>
                  <td>{event.tries}</td>
                  <td>{event.givenUp ? <strong>{event.state}</strong> : event.state}</td>
                  <td className="stripe-events__error">{event.lastError}</td>
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
