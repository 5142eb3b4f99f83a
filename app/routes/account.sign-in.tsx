// /account/sign-in: a donor asks for a link to their account. Whether or not the address belongs
// to a donor, the answer is the same "check your email" page and the request does the same work,
// so the form cannot be used to find out who gave (docs/decisions/041).
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getDonor, requestDonorSignInLink } from '~/account/account-auth.server.ts';
import { ACCOUNT_HONEYPOT_FIELD, accountSignInSchema } from '~/account/sign-in-schema.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin, getClientIp } from '~/platform/request.server.ts';
import { LOGIN_TOKEN_TTL_MINUTES } from '~/platform/sessions/login-token-commands.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getDonor(request)) throw redirect('/account');
  const { locale } = resolveLocale(request);
  const signedOut = new URL(request.url).searchParams.get('signedOut') === '1';
  return data({ title: pageTitle(locale, getT(locale, 'account')('signIn.title')), signedOut });
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
  const { signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const [form, fields] = useForm({
    id: 'account-sign-in',
    lastResult: actionData?.result,
    constraint: getZodConstraint(accountSignInSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accountSignInSchema }),
  });

  if (actionData?.sentTo) {
    return (
      <section className="message-page" aria-labelledby="check-email-title">
        <h1 id="check-email-title">{t('checkEmail.title')}</h1>
        <p role="status">{t('checkEmail.body', { email: actionData.sentTo })}</p>
        <p>{t('checkEmail.expiry', { minutes: actionData.minutes })}</p>
        <p>
          <Link to="/account/sign-in">{t('checkEmail.again')}</Link>
        </p>
      </section>
    );
  }

  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: 'email' });
  return (
    <section className="auth-page" aria-labelledby="account-sign-in-title">
      <h1 id="account-sign-in-title">{t('signIn.title')}</h1>
      {signedOut ? <p role="status">{t('signOut.done')}</p> : null}
      <p>{t('signIn.intro')}</p>
      <Form method="post" className="auth-form" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error)}</p>
            ))}
          </div>
        ) : null}
        <div hidden>
          <label>
            {t('signIn.honeypotLabel')}
            <input type="text" name={ACCOUNT_HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <div className="field">
          <label htmlFor={fields.email.id}>{t('signIn.emailLabel')}</label>
          <input key={emailKey} {...emailProps} autoComplete="email" spellCheck={false} />
          {fields.email.errors?.length ? (
            <p id={fields.email.errorId} className="field__error">
              {fields.email.errors.map((error) => t(error)).join(' ')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t('signIn.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} kind="crossOrigin" />;
}
