// /give/transfer/:reference?t=… — how to pay a bank-transfer pledge: our bank details, what to pay
// and when, and the payment reference to quote, printable. Finance staff match the transfer later.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { BankDetailsList, InstalmentTable, PledgeSummary, TransferReference } from '~/giving/pledge-details.tsx';
import { buildTransferPage } from '~/giving/pledge-pages.server.ts';
import { PrintButton } from './print-button.tsx';
import printStylesHref from '~/ui/styles/print.css?url';
import { resolveLocale } from '~/platform/i18n.server.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: printStylesHref, media: 'print' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildTransferPage(request, params.reference ?? '', locale));
}

// A personal page behind a secret link: neither cached nor indexed. (The site-wide referrer policy
// already sends other sites our origin only, never this URL with its token.)
export const headers = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function GiveTransfer() {
  const { pledge, bank } = useLoaderData<typeof loader>();
  const { t } = useTranslation('give');
  return (
    <div className="give-transfer">
      <h1>{t('transfer.title')}</h1>
      <p className="page-intro" role="status">
        {t('transfer.intro')}
      </p>
      <TransferReference reference={pledge.reference} />
      <section aria-labelledby="bank-title">
        <h2 id="bank-title">{t('transfer.bankHeading')}</h2>
        <BankDetailsList bank={bank} />
      </section>
      <section aria-labelledby="amounts-title">
        <h2 id="amounts-title">{t('transfer.amountsHeading')}</h2>
        {pledge.instalments.length > 0 ? (
          <InstalmentTable pledge={pledge} caption={t('transfer.amountsCaption', { amount: pledge.amount })} />
        ) : (
          <p>{t('transfer.singleAmount', { amount: pledge.amount })}</p>
        )}
      </section>
      <section aria-labelledby="pledge-title">
        <h2 id="pledge-title">{t('transfer.pledgeHeading')}</h2>
        <PledgeSummary pledge={pledge} />
      </section>
      <p>{t('transfer.emailed')}</p>
      <PrintButton />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
