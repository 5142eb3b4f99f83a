// One-click unsubscribe (RFC 8058) for impact reports and appeals. The link in List-Unsubscribe
// carries its own authority (a signed token naming the donor and the kind of email), so:
// - a GET only shows a confirm page — mail scanners and link previews fetch links, and must
//   never unsubscribe anyone;
// - a POST unsubscribes at once, without a cookie and without an Origin header: a mail provider's
//   one-click POST (body "List-Unsubscribe=One-Click") has neither. Forging one needs the signed
//   link, which only its recipient holds, and all it can do is stop emails to that recipient.
// Repeating either changes nothing.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { withdrawConsent, type ConsentKind } from '~/ledger/consent-commands.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { isOneClickUnsubscribe } from '~/platform/email/unsubscribe-link.server.ts';
import { verifyLinkToken } from '~/platform/signed-link.server.ts';

const kinds: readonly ConsentKind[] = ['IMPACT_REPORTS', 'APPEALS'];

function readLink(token: string | undefined): { donorId: string; kind: ConsentKind } | null {
  const claims = token ? verifyLinkToken({ purpose: 'unsubscribe', token }) : null;
  const kind = kinds.find((candidate) => candidate === claims?.kind);
  if (!claims?.donorId || !kind) return null;
  return { donorId: claims.donorId, kind };
}

function pageTitle(request: Request, key: string, what?: string) {
  const t = getT(resolveLocale(request).locale, ['email-preferences', 'common']);
  return t('common:meta.title', { page: t(key, { what }), site: t('common:site.name') });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const link = readLink(params.token);
  if (!link) {
    return data({ valid: false as const, title: pageTitle(request, 'unsubscribe.invalid.title') }, { status: 404 });
  }
  const t = getT(resolveLocale(request).locale, 'email-preferences');
  return data({
    valid: true as const,
    kind: link.kind,
    title: pageTitle(request, 'unsubscribe.confirm.title', t(`unsubscribe.what.${link.kind}`)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = readLink(params.token);
  if (!link) return data({ outcome: 'invalid' as const }, { status: 404 });
  const { locale } = resolveLocale(request);
  const t = getT(locale, 'email-preferences');
  // The log keeps the words the donor acted on: the confirm page's, or the one-click header's.
  const oneClick = await isOneClickUnsubscribe(request);
  const what = t(`unsubscribe.what.${link.kind}`);
  const outcome = await withdrawConsent({
    donorId: link.donorId,
    kind: link.kind,
    wording: oneClick
      ? 'List-Unsubscribe=One-Click (RFC 8058)'
      : `${t('unsubscribe.confirm.intro', { what })} [${t('unsubscribe.confirm.button')}]`,
    locale,
    source: oneClick ? 'email:one-click' : 'email:unsubscribe-page',
  });
  if (outcome === 'unknown-donor') return data({ outcome: 'invalid' as const }, { status: 404 });
  return data({ outcome });
}

// The URL carries the token: never cache it, never send it to another site as a Referer. Not
// 'no-referrer': the page's own form would then post with `Origin: null` before its script runs
// (or without script), and the origin check would refuse it.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function Unsubscribe() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('email-preferences');

  if (!page.valid || result?.outcome === 'invalid') {
    return (
      <section className="message-page" aria-labelledby="unsubscribe-title">
        <h1 id="unsubscribe-title">{t('unsubscribe.invalid.title')}</h1>
        <p role="alert">{t('unsubscribe.invalid.body')}</p>
        <p>
          <Link to="/">{t('unsubscribe.home')}</Link>
        </p>
      </section>
    );
  }
  const what = t(`unsubscribe.what.${page.kind}`);
  if (result) {
    return (
      <section className="message-page" aria-labelledby="unsubscribe-title">
        <h1 id="unsubscribe-title">{t('unsubscribe.done.title')}</h1>
        <p role="status">{result.outcome === 'withdrawn' ? t('unsubscribe.done.body', { what }) : t('unsubscribe.done.already')}</p>
        <p>
          <Link to="/">{t('unsubscribe.home')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="message-page" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t('unsubscribe.confirm.title', { what })}</h1>
      <p>{t('unsubscribe.confirm.intro', { what })}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t('unsubscribe.confirm.button')}
        </button>
      </Form>
    </section>
  );
}
