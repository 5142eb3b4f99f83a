// A tracked link of an appeal email (issue #15 item 5, docs/decisions/050): /a/<signed token>.
// A GET records one click for the recipient, sets the attribution cookie the give form reads, and
// sends the reader on to /give?appeal=CODE&project=… — a target rebuilt from the appeal's stored
// block, never taken from the link. A HEAD (link checkers) or a client over its rate limit is sent
// on without a click recorded; an altered link gets a page saying so, and nothing is recorded.
import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { followAppealLink } from '~/appeals/appeal-click-commands.server.ts';
import { clickLimiter } from '~/appeals/appeal-click-limit.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { getClientIp } from '~/platform/request.server.ts';
import { appealAttributionCookie } from '~/platform/sessions/appeal-attribution-cookie.server.ts';

const PRIVATE = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const isGet = request.method === 'GET';
  const counted = isGet ? (await clickLimiter().hit(getClientIp(context))).allowed : false;
  const followed = await followAppealLink({ token: params.token, record: counted });
  if (followed.kind === 'redirect') {
    const headers = new Headers(PRIVATE);
    if (followed.recipientId && isGet) headers.append('Set-Cookie', await appealAttributionCookie.serialize(request, followed.recipientId));
    return redirect(followed.target, { status: 303, headers });
  }
  const t = getT(resolveLocale(request).locale, ['appeal-email', 'common']);
  const title = t('common:meta.title', { page: t('link.invalid.title'), site: t('common:site.name') });
  return data({ title }, { status: 404, headers: PRIVATE });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page?.title },
  { name: 'robots', content: 'noindex, nofollow' },
];

export default function InvalidAppealLink() {
  useLoaderData<typeof loader>();
  const { t } = useTranslation('appeal-email');
  return (
    <section className="message-page" aria-labelledby="link-title">
      <h1 id="link-title">{t('link.invalid.title')}</h1>
      <p role="alert">{t('link.invalid.body')}</p>
      <p>
        <Link to="/give">{t('link.invalid.give')}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
