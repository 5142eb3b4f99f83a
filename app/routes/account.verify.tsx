// The donor's sign-in link lands here. GET only shows a confirm button, because mail scanners and
// link previewers fetch links: only the POST consumes the single-use token and opens a session.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { completeDonorSignIn } from '~/account/account-auth.server.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { findUsableLoginToken } from '~/platform/sessions/login-token-commands.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { SignInLinkConfirm } from '~/ui/email-link-sign-in.tsx';

// A token is 43 base64url characters; anything else is not worth a database query.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

function titleFor(request: Request, key: 'verify.title' | 'verify.invalidTitle'): string {
  const { locale } = resolveLocale(request);
  return pageTitle(locale, getT(locale, 'account')(key));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const usable = TOKEN_PATTERN.test(token) && (await findUsableLoginToken({ token, kind: 'donor' })) !== null;
  if (!usable) return data({ valid: false as const, token: '', title: titleFor(request, 'verify.invalidTitle') }, { status: 400 });
  return data({ valid: true as const, token, title: titleFor(request, 'verify.title') });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const token = String((await request.formData()).get('token') ?? '');
  const setCookie = TOKEN_PATTERN.test(token) ? await completeDonorSignIn({ request, token }) : null;
  if (!setCookie) return data({ valid: false as const }, { status: 400 });
  throw redirect('/account', { headers: { 'Set-Cookie': setCookie } });
}

// The URL carries the token: never cache it, never send it to another site as a Referer. Not
// 'no-referrer': the page's own form would then post with `Origin: null` before its script runs
// (or without script), and the origin check would refuse the sign-in.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountVerify() {
  const { valid, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <SignInLinkConfirm namespace="account" token={token} isUsable={valid && actionData?.valid !== false} requestNewTo="/account/sign-in" />
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} kind="crossOrigin" />;
}
