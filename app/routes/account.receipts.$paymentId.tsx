// /account/receipts/:paymentId: the receipt of one of the signed-in donor's payments, on the web.
// Another donor's payment, or none: 404 (never a hint that it exists).
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { buildReceiptPage } from '~/account/receipt-page.server.ts';
import { feeCoverOfPayment } from '~/giving/fee-cover.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';
import printStylesHref from '~/ui/styles/print.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStylesHref, media: 'print' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const paymentId = params.paymentId ?? '';
  const page = await buildReceiptPage({ donor, paymentId, locale, feeCoverOf: feeCoverOfPayment });
  return data({ ...page, pdfHref: `/account/receipts/${encodeURIComponent(paymentId)}/pdf` });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountReceipt() {
  const { donorName, rows, pdfHref } = useLoaderData<typeof loader>();
  const { t } = useTranslation(['account', 'account-statements']);
  return (
    <section className="account-receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t('receipt.heading')}</h1>
      <p>{t('receipt.issuedTo', { name: donorName })}</p>
      <dl className="summary-list">
        {rows.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <p>{t('receipt.keep')}</p>
      <p>
        <a href={pdfHref} download>
          {t('account-statements:receiptDownload')}
        </a>
      </p>
      <p>
        <Link to="/account">{t('receipt.back')}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
