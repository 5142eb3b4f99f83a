// /account/pledges/:reference (issue #14 item 3): the signed-in donor's own pledge — the schedule
// with what is paid and open, what is still owed, "Pay now" for the next open instalment of a card
// pledge (Stripe Checkout; recorded only when Stripe's webhook says it was paid) and, for a bank
// transfer, our bank details and the reference to quote. Another donor's pledge, or none: 404.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { errorText } from '~/giving/field-error.tsx';
import { BankDetailsList, InstalmentTable, PledgeSummary, TransferReference } from '~/giving/pledge-details.tsx';
import { buildOwnPledgePage, payOwnNextInstalmentAction } from '~/giving/pledge-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  return data(await buildOwnPledgePage({ donorId: donor.id, reference: params.reference ?? '', locale }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const donor = await requireDonor(request);
  return payOwnNextInstalmentAction({ request, donorId: donor.id, reference: params.reference ?? '' });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountPledge() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { t } = useTranslation('account-pledges');
  const { t: tGive } = useTranslation('give');
  const { pledge, bank } = page;
  return (
    <section className="account-page" aria-labelledby="pledge-title">
      <p>
        <Link to="/account">{t('back')}</Link>
      </p>
      <h1 id="pledge-title">{t('heading', { reference: pledge.reference })}</h1>
      {actionData && 'error' in actionData ? (
        <p className="form-error" role="alert">
          {errorText(tGive, actionData.error)}
        </p>
      ) : null}
      {pledge.cancelled ? <p className="filter-notice">{tGive('pledge.cancelled')}</p> : null}
      <PledgeSummary pledge={pledge} />
      {page.paid !== null ? (
        <dl className="summary-list">
          <div>
            <dt>{t('paid')}</dt>
            <dd>{page.paid}</dd>
          </div>
          {page.owed !== null ? (
            <div>
              <dt>{t('owed')}</dt>
              <dd>{page.owed}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {page.next ? (
        <section aria-labelledby="pay-title">
          <h2 id="pay-title">{t('pay.heading')}</h2>
          <p>{t('pay.next', { number: page.next.number, dueOn: page.next.dueOn, amount: page.next.amount })}</p>
          <Form method="post">
            <input type="hidden" name="instalmentId" value={page.next.id} />
            <button type="submit" className="button" disabled={busy}>
              {t('pay.submit', { amount: page.next.amount })}
            </button>
          </Form>
          <p className="hint">{t('pay.webhookNote')}</p>
        </section>
      ) : null}
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t('scheduleHeading')}</h2>
        {page.hasSchedule ? <InstalmentTable pledge={pledge} caption={t('scheduleCaption')} /> : <p>{t('noSchedule')}</p>}
      </section>
      {bank ? (
        <section aria-labelledby="bank-title">
          <h2 id="bank-title">{tGive('transfer.bankHeading')}</h2>
          <TransferReference reference={pledge.reference} />
          <BankDetailsList bank={bank} />
        </section>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
