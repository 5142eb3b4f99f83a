// Finance and admins: choose an export for the accounting system (payments with gross, fee and
// net; pledges; allocations; reversals), a period and CSV or JSON; the download comes from
// /staff/finance/export. The same files from a terminal: `npm run finance:export`.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildFinanceExportsPage } from '~/finance/finance-exports-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(buildFinanceExportsPage(resolveLocale(request).locale, new URL(request.url).searchParams, new Date()));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FinanceExports() {
  const { values, errors, kinds } = useLoaderData<typeof loader>();
  const { t } = useTranslation('finance-exports');
  const describedBy = (field: keyof typeof errors) => (errors[field] ? `export-${field}-error` : undefined);
  return (
    <section className="finance-exports" aria-labelledby="finance-exports-title">
      <h1 id="finance-exports-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {Object.values(errors).some(Boolean) ? <p role="alert">{t('errors.summary')}</p> : null}
      <Form method="get" action="/staff/finance/export" reloadDocument className="stack">
        <fieldset>
          <legend>{t('kind.legend')}</legend>
          {kinds.map((kind) => (
            <p key={kind.value}>
              <input
                type="radio"
                id={`export-kind-${kind.value}`}
                name="kind"
                value={kind.value}
                defaultChecked={values.kind === kind.value}
              />{' '}
              <label htmlFor={`export-kind-${kind.value}`}>{kind.label}</label>
              <br />
              <small>{kind.hint}</small>
            </p>
          ))}
        </fieldset>
        <p>
          <label htmlFor="export-from">{t('from')}</label>
          <input
            id="export-from"
            name="from"
            type="date"
            required
            defaultValue={values.from}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={describedBy('from')}
          />
          {errors.from ? (
            <span id="export-from-error" className="field-error">
              {errors.from}
            </span>
          ) : null}
        </p>
        <p>
          <label htmlFor="export-to">{t('to')}</label>
          <input
            id="export-to"
            name="to"
            type="date"
            required
            defaultValue={values.to}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={describedBy('to')}
          />
          {errors.to ? (
            <span id="export-to-error" className="field-error">
              {errors.to}
            </span>
          ) : null}
        </p>
        <fieldset>
          <legend>{t('format.legend')}</legend>
          <p>
            <input type="radio" id="export-format-csv" name="format" value="csv" defaultChecked={values.format !== 'json'} />{' '}
            <label htmlFor="export-format-csv">{t('format.csv')}</label>
          </p>
          <p>
            <input type="radio" id="export-format-json" name="format" value="json" defaultChecked={values.format === 'json'} />{' '}
            <label htmlFor="export-format-json">{t('format.json')}</label>
          </p>
        </fieldset>
        <button type="submit" className="button">
          {t('submit')}
        </button>
      </Form>
      <p>{t('cli')}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
