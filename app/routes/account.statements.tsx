// /account/statements: the donor's statements — one link per year with giving, and a form for any
// range of days (GET, so it works without JavaScript: a valid range is redirected to its PDF, an
// invalid one shown again with its errors).
import { getFormProps, getInputProps, useForm, type FieldMetadata } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { statementRangeSchema } from '~/account/statement-schema.ts';
import { buildStatementsPage, statementPdfHref, submittedRange } from '~/account/statements-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const submitted = submittedRange(new URL(request.url));
  if (submitted?.ok) throw redirect(statementPdfHref(submitted.range));
  const page = await buildStatementsPage({ donor, locale });
  return data({ ...page, result: submitted?.reply ?? null }, { status: submitted ? 400 : 200 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

function DateField({ field, label, hintId }: { field: FieldMetadata<string | undefined>; label: string; hintId: string }) {
  const { t } = useTranslation('account-statements');
  const { key, ...props } = getInputProps(field, { type: 'date', ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input key={key} {...props} />
      {field.errors?.length ? (
        <p id={field.errorId} className="field__error">
          {[...new Set(field.errors)].map((error) => t(error)).join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export default function AccountStatements() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('account-statements');
  const [form, fields] = useForm({
    id: 'statement',
    lastResult: page.result,
    constraint: getZodConstraint(statementRangeSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: statementRangeSchema }),
  });
  return (
    <section className="account-page" aria-labelledby="statements-title">
      <p>
        <Link to="/account">{t('back')}</Link>
      </p>
      <h1 id="statements-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <h2>{t('yearly.heading')}</h2>
      {page.years.length === 0 ? (
        <p>{t('yearly.none')}</p>
      ) : (
        <ul>
          {page.years.map((year) => (
            <li key={year.year}>
              <a href={year.href} download>
                {year.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 id="range-heading">{t('range.heading')}</h2>
      <Form method="get" reloadDocument className="auth-form" aria-labelledby="range-heading" {...getFormProps(form)}>
        {fields.from.errors?.length || fields.to.errors?.length ? (
          <p className="form-error" role="alert">
            {t('errors.summary')}
          </p>
        ) : null}
        <fieldset className="give-fieldset">
          <legend>{t('range.legend')}</legend>
          <p id="statement-hint" className="hint">
            {t('range.hint')}
          </p>
          <DateField field={fields.from} label={t('range.from')} hintId="statement-hint" />
          <DateField field={fields.to} label={t('range.to')} hintId="statement-hint" />
        </fieldset>
        <button type="submit" className="button">
          {t('range.submit')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
