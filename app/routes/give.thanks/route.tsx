// /give/thanks?session_id=… — where Stripe Checkout sends the donor back. It shows "processing"
// until the webhook has recorded the payment (the page never marks anything paid), refreshing
// itself every few seconds: with JavaScript by revalidating the loader, without it by a
// <meta http-equiv="refresh"> inside <noscript>. Then paid, failed, expired or unknown.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator, useRouteError } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { InstalmentTable, PledgeSummary } from '~/giving/pledge-details.tsx';
import { buildThanksPage } from './thanks-page.server.ts';
import { MAX_POLLS, REFRESH_SECONDS } from './thanks-polling.ts';
import { useHydrated } from '~/ui/use-hydrated.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildThanksPage(request, locale));
}

// The status changes within seconds and the page names the donor: never cached.
export const headers = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

/** Re-runs the loader every few seconds while the payment is processing, up to MAX_POLLS times. */
function usePolling(active: boolean): boolean {
  const revalidator = useRevalidator();
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!active || polls >= MAX_POLLS || revalidator.state !== 'idle') return;
    const timer = setTimeout(() => {
      setPolls((count) => count + 1);
      revalidator.revalidate();
    }, REFRESH_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [active, polls, revalidator]);
  return active && polls >= MAX_POLLS;
}

export default function GiveThanks() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('give');
  const hydrated = useHydrated();
  const jsGaveUp = usePolling(page.status === 'processing');
  const gaveUp = page.status === 'processing' && (hydrated ? jsGaveUp : page.refreshUrl === null);
  const bodyKey = gaveUp ? 'thanks.slow.body' : page.status === 'paid' ? page.paidBodyKey : `thanks.${page.status}.body`;
  return (
    <section className="message-page give-thanks" aria-labelledby="thanks-title">
      {page.refreshUrl ? (
        <noscript>
          <meta httpEquiv="refresh" content={`${REFRESH_SECONDS};url=${page.refreshUrl}`} />
        </noscript>
      ) : null}
      <h1 id="thanks-title">{t(`thanks.${page.status}.title`)}</h1>
      <div className={`give-status give-status--${page.status}`} role="status" aria-live="polite">
        <p>{t(bodyKey)}</p>
      </div>
      {page.pledge ? (
        <section aria-labelledby="thanks-pledge-title">
          <h2 id="thanks-pledge-title">{t('thanks.pledgeHeading')}</h2>
          {page.payment ? (
            <dl className="summary-list give-summary give-payment-now">
              <div>
                <dt>{page.payment.label}</dt>
                <dd>
                  <strong>{page.payment.amount}</strong>
                  {page.payment.instalment ? ` (${page.payment.instalment})` : null}
                </dd>
              </div>
            </dl>
          ) : null}
          <PledgeSummary pledge={page.pledge} />
          {page.pledge.isInstalments ? <InstalmentTable pledge={page.pledge} caption={t('pledge.scheduleCaption')} /> : null}
        </section>
      ) : null}
      {page.status === 'failed' || page.status === 'expired' || page.status === 'unknown' ? (
        <p>
          <Link to={page.giveAgainHref} className="button">
            {t('thanks.giveAgain')}
          </Link>
        </p>
      ) : null}
      {page.next ? (
        <>
          <section aria-labelledby="thanks-next-title">
            <h2 id="thanks-next-title">{t('thanks.next.heading')}</h2>
            <ol className="give-next">
              {page.next.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            <p>
              <Link to={page.next.see.href} className="button">
                {page.next.see.label}
              </Link>{' '}
              <Link to="/account">{t('thanks.next.account')}</Link>
            </p>
          </section>
          <section aria-labelledby="thanks-share-title">
            <h2 id="thanks-share-title">{t('thanks.share.heading')}</h2>
            <p>{t('thanks.share.intro')}</p>
            <p className="give-share__url">
              <label htmlFor="thanks-share-url">{t('thanks.share.link')}</label>
              <input id="thanks-share-url" type="text" readOnly value={page.next.shareUrl} />
            </p>
            <ul className="give-share">
              {page.next.share.map((link) => (
                <li key={link.channel}>
                  <a href={link.href} rel="noopener noreferrer" target="_blank">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
