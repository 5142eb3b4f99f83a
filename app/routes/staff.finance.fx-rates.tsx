// Finance and admins: the UN operational rates — what is missing (months with gifts but no rate
// of their own, and this month), the recent history, and an import of a CSV file (one transaction;
// a bad line refuses the whole file, naming the line). The same import: `npm run fx:import -- FILE`.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { parseFxRateFile } from '~/finance/fx-rates/fx-rate-csv.ts';
import { importFxRatesFromStaff } from '~/finance/fx-rates/fx-rate-import-commands.server.ts';
import { buildFxRatesPage, describeFxImport } from '~/finance/fx-rates/fx-rates-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  return data(await buildFxRatesPage(resolveLocale(request).locale, new Date()));
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const locale = resolveLocale(request).locale;
  const form = await request.formData();
  const file = form.get('file');
  const pasted = form.get('rates');
  const text = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === 'string' ? pasted : '';
  const parsed = parseFxRateFile(text);
  if (!parsed.ok) return data({ ok: false, message: describeFxImport(locale, parsed) }, { status: 400 });
  const result = await importFxRatesFromStaff({ staffUserId: staff.id, rates: parsed.rates });
  return data({ ok: true, message: describeFxImport(locale, { ok: true, ...result }) });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FxRates() {
  const { missing, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const importing = useNavigation().state === 'submitting';
  const { t } = useTranslation('fx-rates');
  return (
    <section className="fx-rates" aria-labelledby="fx-rates-title">
      <h1 id="fx-rates-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      <h2 id="fx-missing">{t('missing.heading')}</h2>
      {missing.length === 0 ? (
        <p>{t('missing.empty')}</p>
      ) : (
        <ul aria-labelledby="fx-missing">
          {missing.map((row) => (
            <li key={row.key}>{row.text}</li>
          ))}
        </ul>
      )}
      <h2 id="fx-import">{t('import.heading')}</h2>
      <p>{t('import.help')}</p>
      {result ? <p role={result.ok ? 'status' : 'alert'}>{result.message}</p> : null}
      <Form method="post" encType="multipart/form-data" aria-labelledby="fx-import" className="stack">
        <p>
          <label htmlFor="fx-file">{t('import.file')}</label>
          <input id="fx-file" name="file" type="file" accept=".csv,text/csv" />
        </p>
        <p>
          <label htmlFor="fx-paste">{t('import.paste')}</label>
          <textarea id="fx-paste" name="rates" rows={6} dir="ltr" placeholder="currency,month,usd_per_unit" />
        </p>
        <button type="submit" className="button" disabled={importing} aria-busy={importing || undefined}>
          {importing ? t('import.importing') : t('import.submit')}
        </button>
      </Form>
      <h2>{t('history.heading')}</h2>
      {history.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        history.map((row) => (
          <TableScroll key={row.currency} label={t('history.caption', { currency: row.currency })}>
            <table className="data-table data-table--figures">
              <caption>{t('history.caption', { currency: row.currency })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('history.month')}</th>
                  <th scope="col" className="numeric">
                    {t('history.rate', { currency: row.currency })}
                  </th>
                </tr>
              </thead>
              <tbody>
                {row.rates.map((rate) => (
                  <tr key={rate.month}>
                    <th scope="row">{rate.month}</th>
                    <td className="numeric">{rate.usdRate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
