// /account: the signed-in donor's giving, newest first, a page at a time; anyone else is sent to
// /account/sign-in. Each pledge links to its page in the account (/account/pledges/:reference)
// and each payment to its receipt.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { buildHistoryPage, pageNumberOf } from '~/account/history-page.server.ts';
import { HistoryEntryView } from '~/account/history-view.tsx';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

/** Each pledge opens on the donor's own pledge page (schedule, "Pay now", bank details). */
const ownPledgePath = (reference: string) => `/account/pledges/${encodeURIComponent(reference)}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  return data(await buildHistoryPage({ donor, locale, page: pageNumberOf(request), pledgeHref: ownPledgePath }));
}

// Personal: never cached by a shared cache, never indexed.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountHome() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <section className="account-page" aria-labelledby="account-title">
      <h1 id="account-title">{t('history.heading')}</h1>
      <p>{t('history.signedInAs', { name: page.donor.name, email: page.donor.email })}</p>
      <ul>
        <li>
          <Link to="/account/profile">{t('account-profile:link')}</Link>
        </li>
        <li>
          <Link to="/account/statements">{t('account-statements:link')}</Link>
        </li>
        <li>
          <Link to="/account/reports">{t('account-reports:link')}</Link>
        </li>
        <li>
          <Link to="/account/data">{t('account-data:link')}</Link>
        </li>
      </ul>
      <Form method="post" action="/account/sign-out">
        <button type="submit" className="button button--secondary">
          {t('signOut.submit')}
        </button>
      </Form>
      {page.entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        page.entries.map((entry) => <HistoryEntryView key={entry.key} entry={entry} />)
      )}
      {page.pageCount > 1 ? (
        <nav className="pager" aria-label={t('history.pagerLabel')}>
          {page.previousHref ? <Link to={page.previousHref}>{t('history.previous')}</Link> : null}
          <span>{page.pageLabel}</span>
          {page.nextHref ? <Link to={page.nextHref}>{t('history.next')}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
