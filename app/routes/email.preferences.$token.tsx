// A donor's email preferences, reached from the signed link in every impact report's footer:
// how often reports come (quarterly, twice a year, yearly or never). The link carries the
// authority (a signed token naming the donor), so no sign-in is needed; the POST is a normal form
// post and passes the site's origin check. Unsubscribing from everything is the unsubscribe link's job.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { getReportFrequency, setReportFrequency } from '~/ledger/report-frequency-commands.server.ts';
import { reportFrequencies } from '~/ledger/report-frequency.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { verifyLinkToken } from '~/platform/signed-link.server.ts';

function donorOf(token: string | undefined): string | null {
  const claims = token ? verifyLinkToken({ purpose: 'email-preferences', token }) : null;
  return claims?.donorId ?? null;
}

function pageTitle(request: Request, key: string) {
  const t = getT(resolveLocale(request).locale, ['email-preferences', 'common']);
  return t('common:meta.title', { page: t(key), site: t('common:site.name') });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const donorId = donorOf(params.token);
  const frequency = donorId ? await getReportFrequency({ donorId }) : null;
  if (!frequency) return data({ valid: false as const, title: pageTitle(request, 'unsubscribe.invalid.title') }, { status: 404 });
  return data({ valid: true as const, frequency, title: pageTitle(request, 'preferences.title') });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const donorId = donorOf(params.token);
  if (!donorId) return data({ outcome: 'invalid' as const }, { status: 404 });
  const choice = z.enum(reportFrequencies).safeParse((await request.formData()).get('frequency'));
  if (!choice.success) return data({ outcome: 'bad-choice' as const }, { status: 400 });
  const frequency = choice.data;
  const outcome = await setReportFrequency({ donorId, frequency });
  if (outcome === 'unknown-donor') return data({ outcome: 'invalid' as const }, { status: 404 });
  return data({ outcome, frequency });
}

// The URL carries the token: never cache it, never send it to another site as a Referer. Not
// 'no-referrer': the page's own form would then post with `Origin: null` before its script runs
// (or without script), and the origin check would refuse it.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function EmailPreferences() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('email-preferences');

  if (!page.valid || result?.outcome === 'invalid') {
    return (
      <section className="message-page" aria-labelledby="preferences-title">
        <h1 id="preferences-title">{t('unsubscribe.invalid.title')}</h1>
        <p role="alert">{t('preferences.invalid')}</p>
        <p>
          <Link to="/">{t('unsubscribe.home')}</Link>
        </p>
      </section>
    );
  }
  const chosen = result?.outcome === 'saved' ? result.frequency : page.frequency;
  return (
    <section className="message-page" aria-labelledby="preferences-title">
      <h1 id="preferences-title">{t('preferences.title')}</h1>
      {result?.outcome === 'saved' ? (
        <p role="status">{t('preferences.saved', { choice: t(`preferences.frequency.${result.frequency}`) })}</p>
      ) : null}
      {result?.outcome === 'bad-choice' ? <p role="alert">{t('preferences.badChoice')}</p> : null}
      <Form method="post">
        <fieldset>
          <legend>{t('preferences.legend')}</legend>
          {reportFrequencies.map((frequency) => (
            <label key={frequency} className="choice">
              <input type="radio" name="frequency" value={frequency} defaultChecked={frequency === chosen} required />{' '}
              {t(`preferences.frequency.${frequency}`)}
            </label>
          ))}
        </fieldset>
        <p>{t('preferences.receipts')}</p>
        <button type="submit" className="button">
          {t('preferences.save')}
        </button>
      </Form>
    </section>
  );
}
