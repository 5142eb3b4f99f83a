// Finance and admins: what each payment gave (gross), what the payment provider kept (fee) and
// what reached the account (net), with totals per currency. The public "funded" figures use the
// gross (docs/decisions/019); this page is where the fees are seen.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { buildPaymentFeesPage } from '~/finance/payment-fees-page.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildPaymentFeesPage(resolveLocale(request).locale, new URL(request.url).searchParams));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FinancePayments() {
  const { totals, payments, limit, month, previousMonth, nextMonth } = useLoaderData<typeof loader>();
  const { t } = useTranslation('finance');
  return (
    <section className="finance-payments" aria-labelledby="finance-payments-title">
      <h1 id="finance-payments-title">{t('payments.title')}</h1>
      <p>{t('payments.intro')}</p>
      <nav aria-label={t('payments.monthNav')}>
        <ul>
          <li>
            <Link to={previousMonth.href} rel="prev">
              {previousMonth.label}
            </Link>
          </li>
          <li>
            <Link to={nextMonth.href} rel="next">
              {nextMonth.label}
            </Link>
          </li>
        </ul>
      </nav>
      <TableScroll label={t('payments.totalsCaption', { month })}>
        <table className="data-table data-table--figures">
          <caption id="finance-totals-caption">{t('payments.totalsCaption', { month })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.columns.currency')}</th>
              <th scope="col" className="numeric">
                {t('payments.columns.payments')}
              </th>
              <th scope="col" className="numeric">
                {t('payments.columns.gross')}
              </th>
              <th scope="col" className="numeric">
                {t('payments.columns.fee')}
              </th>
              <th scope="col" className="numeric">
                {t('payments.columns.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.currency}>
                <th scope="row">{total.currency}</th>
                <td className="numeric">{total.payments}</td>
                <td className="numeric">{total.gross}</td>
                <td className="numeric">{total.fee}</td>
                <td className="numeric">{total.net}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {payments.length === 0 ? (
        <p>{t('payments.empty')}</p>
      ) : (
        <TableScroll label={t('payments.caption', { number: payments.length, limit, month })}>
          <table className="data-table data-table--figures">
            <caption id="finance-payments-caption">{t('payments.caption', { number: payments.length, limit, month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('payments.columns.receivedOn')}</th>
                <th scope="col">{t('payments.columns.reference')}</th>
                <th scope="col">{t('payments.columns.donor')}</th>
                <th scope="col">{t('payments.columns.method')}</th>
                <th scope="col" className="numeric">
                  {t('payments.columns.gift')}
                </th>
                <th scope="col" className="numeric">
                  {t('payments.columns.gross')}
                </th>
                <th scope="col" className="numeric">
                  {t('payments.columns.fee')}
                </th>
                <th scope="col" className="numeric">
                  {t('payments.columns.net')}
                </th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{payment.receivedOn}</td>
                  <td>{payment.reference}</td>
                  <td>{payment.donor}</td>
                  <td>{payment.method}</td>
                  <td className="numeric">{payment.gift}</td>
                  <td className="numeric">
                    {payment.gross}
                    {payment.rate ? <small className="finance-rate"> {payment.rate}</small> : null}
                  </td>
                  <td className="numeric">{payment.fee}</td>
                  <td className="numeric">{payment.net}</td>
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
