// /account/data: the signed-in donor's own data — download it (JSON, CSV) or erase it. Erasure
// keeps every financial fact and the public figures (docs/decisions/042), ends this session, and
// lands on the sign-in page with a notice.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor, signOutDonor } from '~/account/account-auth.server.ts';
import { eraseOwnData } from '~/account/my-data-commands.server.ts';
import { eraseSchema } from '~/account/my-data-schema.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  return data({ title: pageTitle(locale, getT(locale, 'account-data')('title')), email: donor.email });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const donor = await requireDonor(request);
  const outcome = await eraseOwnData({ donor, formData: await request.formData() });
  if (!outcome.ok) return data({ result: outcome.result }, { status: outcome.status });
  return redirect('/account/sign-in?erased=1', { headers: { 'Set-Cookie': await signOutDonor(request) } });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountData() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('account-data');
  const [form, fields] = useForm({
    id: 'erase',
    lastResult: actionData?.result,
    constraint: getZodConstraint(eraseSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eraseSchema }),
  });
  const { key: confirmKey, ...confirmProps } = getInputProps(fields.confirm, { type: 'checkbox', value: 'yes' });
  return (
    <section className="account-page" aria-labelledby="data-title">
      <p>
        <Link to="/account">{t('back')}</Link>
      </p>
      <h1 id="data-title">{t('title')}</h1>
      <h2>{t('download.heading')}</h2>
      <p>{t('download.intro')}</p>
      <ul>
        <li>
          <a href="/account/data.json" download>
            {t('download.json')}
          </a>
        </li>
        <li>
          <a href="/account/data.csv" download>
            {t('download.csv')}
          </a>
        </li>
      </ul>
      <h2>{t('erase.heading')}</h2>
      <p>{t('erase.intro')}</p>
      <p>{t('erase.kept')}</p>
      <Form method="post" className="auth-form" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error)}</p>
            ))}
          </div>
        ) : null}
        <div className="choice">
          <input key={confirmKey} {...confirmProps} />
          <label htmlFor={fields.confirm.id}>{t('erase.confirm', { email: email ?? '' })}</label>
          {fields.confirm.errors?.length ? (
            <p id={fields.confirm.errorId} className="field__error">
              {fields.confirm.errors.map((error) => t(error)).join(' ')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t('erase.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
