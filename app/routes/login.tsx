// Staff sign-in: one email field. Whether or not the address belongs to a staff account, the
// answer is the same "check your email" page, so the form cannot be used to discover accounts.
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import * as z from 'zod/mini';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { EmailLinkSignIn } from '~/ui/email-link-sign-in.tsx';
import { LOGIN_TOKEN_TTL_MINUTES } from '~/platform/sessions/login-token-commands.server.ts';
import { getStaffUser, requestStaffSignInLink } from '~/staff/auth.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin, getClientIp, safeRedirect } from '~/platform/request.server.ts';

// Error messages are translation keys in the auth namespace, shown with t() by the form.
// zod/mini (same engine and issues as zod, smaller in the browser: it shares a chunk with /give).
export const loginSchema = z.object({
  email: z.pipe(
    z.string({ error: 'login.errors.emailRequired' }).check(z.trim(), z.maxLength(254, 'login.errors.emailInvalid')),
    z.email({ error: 'login.errors.emailInvalid' }),
  ),
  redirectTo: z.optional(z.string()),
});

// Bots fill every field; people never see this one.
export const HONEYPOT_FIELD = 'website';

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/staff');
  if (await getStaffUser(request)) throw redirect(redirectTo);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['auth', 'common']);
  return data({ title: t('common:meta.title', { page: t('login.title'), site: t('common:site.name') }), redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: loginSchema });
  // A filled honeypot gets the ordinary answer, so a bot learns nothing, and no email.
  if (formData.get(HONEYPOT_FIELD)) {
    const email = String(formData.get('email') ?? '');
    return data({ result: undefined, sentTo: email, minutes: LOGIN_TOKEN_TTL_MINUTES });
  }
  if (submission.status !== 'success') {
    return data({ result: submission.reply(), sentTo: null, minutes: LOGIN_TOKEN_TTL_MINUTES }, { status: 400 });
  }
  const { email, redirectTo } = submission.value;
  const outcome = await requestStaffSignInLink({
    email,
    redirectTo,
    locale: resolveLocale(request).locale,
    ip: getClientIp(context),
  });
  if (outcome.status === 'rate-limited') {
    return data(
      { result: submission.reply({ formErrors: ['login.errors.rateLimited'] }), sentTo: null, minutes: LOGIN_TOKEN_TTL_MINUTES },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    );
  }
  return data({ result: undefined, sentTo: email, minutes: LOGIN_TOKEN_TTL_MINUTES });
}

export const headers: HeadersFunction = ({ actionHeaders }) => ({
  'Cache-Control': 'no-store',
  ...(actionHeaders.get('Retry-After') ? { 'Retry-After': actionHeaders.get('Retry-After') ?? '' } : {}),
});

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <EmailLinkSignIn
      formId="login"
      namespace="auth"
      prefix="login"
      schema={loginSchema}
      honeypotField={HONEYPOT_FIELD}
      actionData={useActionData<typeof action>()}
      againTo={`/login?${new URLSearchParams({ redirectTo }).toString()}`}
      hiddenFields={<input type="hidden" name="redirectTo" value={redirectTo} />}
    />
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} kind="crossOrigin" />;
}
