// Finance and admins: overdue instalments of live pledges, oldest first, filtered by currency,
// donor type and days overdue (plain URL parameters), fifty a page — and a "write off" form per
// row (docs/decisions/030): a reason is required, the write-off is audited and public
// pledged-unpaid figures drop by the amount at once.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildOverdueInstalmentsPage } from '~/finance/instalments/overdue-instalments-page.server.ts';
import { writeOffFromForm } from '~/finance/instalments/write-off-actions.server.ts';
import { WriteOffForm } from '~/finance/instalments/write-off-form.tsx';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const FINANCE = ['FINANCE', 'ADMIN'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, FINANCE);
  const locale = resolveLocale(request).locale;
  const url = new URL(request.url);
  const page = await buildOverdueInstalmentsPage({ locale, params: url.searchParams, now: new Date() });
  const notice = url.searchParams.has('writtenOff') ? getT(locale, 'instalments')('overdue.writtenOff') : null;
  return data({ ...page, notice });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, FINANCE);
  const form = Object.fromEntries(await request.formData());
  const outcome = await writeOffFromForm({ form, staffUserId: staff.id, locale: resolveLocale(request).locale });
  if (!outcome.ok) return data({ error: outcome.error, instalmentId: outcome.instalmentId }, { status: outcome.status });
  // Back to the same filters and page, which no longer list it (PRG).
  const params = new URL(request.url).searchParams;
  for (const internal of ['_data', 'index']) params.delete(internal);
  params.set('writtenOff', '1');
  return redirect(`/staff/finance/instalments?${params.toString()}`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function OverdueInstalments() {
  const { filters, caption, rows, previous, next, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('instalments');
  return (
    <section className="finance-instalments" aria-labelledby="instalments-title">
      <h1 id="instalments-title">{t('overdue.title')}</h1>
      <p>{t('overdue.intro')}</p>
      {notice ? <p role="status">{notice}</p> : null}
      {result && !rows.some((row) => row.id === result.instalmentId) ? <p role="alert">{result.error}</p> : null}
      <Form method="get" aria-label={t('filters.label')} className="stack">
        <p>
          <label htmlFor="filter-currency">{t('filters.currency')}</label>
          <select id="filter-currency" name="currency" defaultValue={filters.currency}>
            <option value="">{t('filters.any')}</option>
            {filters.currencies.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="filter-donor-type">{t('filters.donorType')}</label>
          <select id="filter-donor-type" name="donorType" defaultValue={filters.donorType}>
            <option value="">{t('filters.any')}</option>
            {filters.donorTypes.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor="filter-min-days">{t('filters.minDays')}</label>
          <input id="filter-min-days" name="minDays" type="number" min={1} inputMode="numeric" defaultValue={filters.minDays} dir="ltr" />
        </p>
        <button type="submit" className="button button--secondary">
          {t('filters.submit')}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t('overdue.empty')}</p>
      ) : (
        <TableScroll label={caption}>
          <table className="data-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overdue.donor')}</th>
                <th scope="col">{t('overdue.pledge')}</th>
                <th scope="col">{t('overdue.due')}</th>
                <th scope="col" className="numeric">
                  {t('overdue.owed')}
                </th>
                <th scope="col" className="numeric">
                  {t('overdue.days')}
                </th>
                <th scope="col" className="numeric">
                  {t('overdue.reminders')}
                </th>
                <th scope="col">{t('overdue.action')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/staff/donors/${row.donorId}`}>{row.donor}</Link> <span>({row.donorType})</span>
                  </th>
                  <td>{t('overdue.instalment', { reference: row.reference, sequence: row.sequence })}</td>
                  <td>{row.due}</td>
                  <td className="numeric">{row.owed}</td>
                  <td className="numeric">{row.daysOverdue}</td>
                  <td className="numeric">{row.reminders}</td>
                  <td>
                    <WriteOffForm
                      instalmentId={row.id}
                      requestKey={row.requestKey}
                      label={row.label}
                      error={result?.instalmentId === row.id ? result.error : null}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {previous || next ? (
        <nav aria-label={t('overdue.pages')}>
          {previous ? (
            <Link to={previous} rel="prev">
              {t('overdue.previous')}
            </Link>
          ) : null}{' '}
          {next ? (
            <Link to={next} rel="next">
              {t('overdue.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
