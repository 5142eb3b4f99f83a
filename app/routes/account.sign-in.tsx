// /account/sign-in: a donor asks for a link to their account. Whether or not the address belongs
// to a donor, the answer is the same "check your email" page and the request does the same work,
// so the form cannot be used to find out who gave (docs/decisions/041).
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getDonor, requestDonorSignInLink } from '~/account/account-auth.server.ts';
import { ACCOUNT_HONEYPOT_FIELD, accountSignInSchema } from '~/account/sign-in-schema.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin, getClientIp } from '~/platform/request.server.ts';
import { LOGIN_TOKEN_TTL_MINUTES } from '~/platform/sessions/login-token-commands.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { EmailLinkSignIn } from '~/ui/email-link-sign-in.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getDonor(request)) throw redirect('/account');
  const { locale } = resolveLocale(request);
  const params = new URL(request.url).searchParams;
  const notice = params.get('erased') === '1' ? 'erased' : params.get('signedOut') === '1' ? 'signedOut' : null;
  return data({ title: pageTitle(locale, getT(locale, 'account')('signIn.title')), notice });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const minutes = LOGIN_TOKEN_TTL_MINUTES;
  // A filled honeypot gets the ordinary answer, so a bot learns nothing, and no email.
  if (formData.get(ACCOUNT_HONEYPOT_FIELD)) return data({ result: undefined, sentTo: String(formData.get('email') ?? ''), minutes });
  const submission = parseWithZod(formData, { schema: accountSignInSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null, minutes }, { status: 400 });
  const { email } = submission.value;
  const outcome = await requestDonorSignInLink({ email, locale: resolveLocale(request).locale, ip: getClientIp(context) });
  if (outcome.status === 'rate-limited') {
    return data(
      { result: submission.reply({ formErrors: ['signIn.errors.rateLimited'] }), sentTo: null, minutes },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    );
  }
  return data({ result: undefined, sentTo: email, minutes });
}

export const headers: HeadersFunction = ({ actionHeaders }) => ({
  'Cache-Control': 'no-store',
  ...(actionHeaders.get('Retry-After') ? { 'Retry-After': actionHeaders.get('Retry-After') ?? '' } : {}),
});

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountSignIn() {
  const { notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <EmailLinkSignIn
      formId="account-sign-in"
      namespace="account"
      prefix="signIn"
      schema={accountSignInSchema}
      honeypotField={ACCOUNT_HONEYPOT_FIELD}
      actionData={useActionData<typeof action>()}
      againTo="/account/sign-in"
      notice={notice === 'erased' ? t('account-data:erase.done') : notice === 'signedOut' ? t('signOut.done') : null}
    />
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} kind="crossOrigin" />;
}
