// Staff sign-in: one email field. Whether or not the address belongs to a staff account, the
// answer is the same "check your email" page, so the form cannot be used to discover accounts.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod/mini';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
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
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('auth');
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
  });

  if (actionData?.sentTo) {
    return (
      <section className="message-page" aria-labelledby="check-email-title">
        <h1 id="check-email-title">{t('checkEmail.title')}</h1>
        <p role="status">{t('checkEmail.body', { email: actionData.sentTo })}</p>
        <p>{t('checkEmail.expiry', { minutes: actionData.minutes })}</p>
        <p>
          <Link to={`/login?${new URLSearchParams({ redirectTo }).toString()}`}>{t('checkEmail.again')}</Link>
        </p>
      </section>
    );
  }

  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: 'email' });
  return (
    <section className="auth-page" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <Form method="post" className="auth-form" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error)}</p>
            ))}
          </div>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div hidden>
          <label>
            {t('login.honeypotLabel')}
            <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <div className="field">
          <label htmlFor={fields.email.id}>{t('login.emailLabel')}</label>
          <input key={emailKey} {...emailProps} autoComplete="email" spellCheck={false} />
          {fields.email.errors?.length ? (
            <p id={fields.email.errorId} className="field__error">
              {fields.email.errors.map((error) => t(error)).join(' ')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t('login.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} kind="crossOrigin" />;
}
