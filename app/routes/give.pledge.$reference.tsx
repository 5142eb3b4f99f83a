// /give/pledge/:reference?t=… — a pledge's schedule with the status of each instalment. For card
// pledges in instalments, "Pay now" on an unpaid instalment opens Stripe Checkout for it.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { errorText } from '~/giving/field-error.tsx';
import { InstalmentTable, PledgeSummary } from '~/giving/pledge-details.tsx';
import { buildPledgePage, payInstalmentAction } from '~/giving/pledge-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildPledgePage(request, params.reference ?? '', locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return payInstalmentAction(request, params.reference ?? '');
}

// A personal page behind a secret link: neither cached nor indexed. (The site-wide referrer policy
// already sends other sites our origin only, never this URL with its token.)
export const headers = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function GivePledge() {
  const { pledge, transferHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('give');
  return (
    <div className="give-pledge">
      <h1>{t('pledge.heading')}</h1>
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {errorText(t, actionData.error)}
        </p>
      ) : null}
      {pledge.cancelled ? <p className="filter-notice">{t('pledge.cancelled')}</p> : null}
      <PledgeSummary pledge={pledge} />
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t('pledge.scheduleHeading')}</h2>
        {pledge.instalments.length > 0 ? (
          <InstalmentTable pledge={pledge} caption={t('pledge.scheduleCaption')} canPay />
        ) : (
          <p>{t('pledge.noSchedule')}</p>
        )}
      </section>
      {transferHref ? (
        <p>
          <Link to={transferHref}>{t('pledge.transferLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
