// Finance and admins: one institutional pledge — donor, earmark, document, the schedule with what
// is paid and open per instalment, the payments received, the bank details and reference to
// quote — and "Record a transfer received" (MANUAL; one instalment, or spread over the open ones
// in due order; never more than is open; once per form shown; audited).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FieldError, fieldProps } from '~/finance/pledges/field-error.tsx';
import { readTransferForm } from '~/finance/pledges/pledge-form.server.ts';
import { isInstitutionalPledge } from '~/finance/pledges/pledge-queries.server.ts';
import { buildPledgePage, describeFieldErrors, describeRefusal } from '~/finance/pledges/pledge-pages.server.ts';
import { recordPledgeTransfer } from '~/ledger/institutional-pledge-commands.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

function referenceOf(value: string | undefined): string {
  if (!value || !/^CPJ-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(value)) throw new Response('Not Found', { status: 404 });
  return value;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['FINANCE', 'ADMIN']);
  const locale = resolveLocale(request).locale;
  const page = await buildPledgePage({ locale, reference: referenceOf(params.reference), now: new Date() });
  if (!page) throw new Response('Not Found', { status: 404 });
  const query = new URL(request.url).searchParams;
  const t = getT(locale, 'institutional-pledges');
  const notice = query.has('recorded') ? t('pledge.recorded') : query.has('transfer') ? t('transfer.recorded') : null;
  return data({ ...page, notice });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const reference = referenceOf(params.reference);
  if (!(await isInstitutionalPledge({ reference }))) throw new Response('Not Found', { status: 404 });
  const locale = resolveLocale(request).locale;
  const form = await request.formData();
  const values = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const read = readTransferForm(form, reference);
  if (!read.ok) return data({ errors: describeFieldErrors(locale, read.errors), missingRate: false, values }, { status: 400 });
  try {
    await recordPledgeTransfer({ ...read.value, staffId: staff.id });
  } catch (error) {
    const refusal = describeRefusal(locale, error, 'transfer');
    if (!refusal) throw error;
    return data({ ...refusal, values }, { status: 400 });
  }
  return redirect(`/staff/finance/pledges/${reference}?transfer=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function InstitutionalPledge() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === 'submitting';
  const { t } = useTranslation('institutional-pledges');
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const value = (name: string, fallback = '') => values[name] ?? fallback;
  return (
    <section className="staff-pledge" aria-labelledby="pledge-title">
      <p className="breadcrumb">
        <Link to="/staff/finance/pledges">{t('nav.back')}</Link>
      </p>
      <h1 id="pledge-title">{t('pledge.title', { reference: page.reference })}</h1>
      {page.notice ? <p role="status">{page.notice}</p> : null}
      <dl>
        {page.facts.map(([term, detail]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/staff/donors/${page.donor.id}`}>{t('pledge.donorRecord', { name: page.donor.name })}</Link>
      </p>
      <h2>{t('pledge.schedule')}</h2>
      <TableScroll label={t('pledge.schedule')}>
        <table className="data-table data-table--figures">
          <caption>{t('pledge.scheduleCaption', { currency: page.currency })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('columns.instalment')}</th>
              <th scope="col">{t('columns.dueOn')}</th>
              <th scope="col" className="numeric">
                {t('columns.amount')}
              </th>
              <th scope="col" className="numeric">
                {t('columns.paid')}
              </th>
              <th scope="col" className="numeric">
                {t('columns.open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {page.instalments.map((row) => (
              <tr key={row.sequence}>
                <th scope="row">{row.sequence}</th>
                <td>{row.dueOn}</td>
                <td className="numeric">{row.amount}</td>
                <td className="numeric">{row.paid}</td>
                <td className="numeric">{row.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t('pledge.payments')}</h2>
      {page.payments.length === 0 ? (
        <p>{t('pledge.noPayments')}</p>
      ) : (
        <TableScroll label={t('pledge.payments')}>
          <table className="data-table data-table--figures">
            <caption>{t('pledge.payments')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('columns.receivedOn')}</th>
                <th scope="col" className="numeric">
                  {t('columns.amount')}
                </th>
                <th scope="col" className="numeric">
                  {t('columns.reversed')}
                </th>
                <th scope="col">{t('columns.instalment')}</th>
                <th scope="col">{t('columns.provider')}</th>
              </tr>
            </thead>
            <tbody>
              {page.payments.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">{payment.receivedOn}</th>
                  <td className="numeric">{payment.amount}</td>
                  <td className="numeric">{payment.reversed}</td>
                  <td>{payment.instalment}</td>
                  <td>{payment.provider}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t('bank.heading')}</h2>
      <dl>
        {page.bank.map(([term, detail]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd dir="ltr">{detail}</dd>
          </div>
        ))}
      </dl>
      <h2 id="transfer-heading">{t('transfer.heading')}</h2>
      {page.canRecord ? (
        <Form method="post" className="stack" aria-labelledby="transfer-heading" noValidate>
          {errors.form ? (
            <p role="alert">
              {errors.form} {result?.missingRate ? <Link to="/staff/finance/fx-rates">{t('errors.rateLink')}</Link> : null}
            </p>
          ) : Object.keys(errors).length > 0 ? (
            <p role="alert">{t('errors.summary')}</p>
          ) : null}
          <input type="hidden" name="requestKey" value={value('requestKey', page.requestKey)} />
          <p>
            <label htmlFor="amount">{t('transfer.amount')}</label>
            <input
              id="amount"
              name="amount"
              inputMode="decimal"
              dir="ltr"
              maxLength={40}
              defaultValue={value('amount')}
              {...fieldProps('amount', errors)}
            />
            <FieldError name="amount" errors={errors} />
          </p>
          <p>
            <label htmlFor="currency">{t('transfer.currency')}</label>
            <input
              id="currency"
              name="currency"
              dir="ltr"
              maxLength={3}
              size={4}
              defaultValue={value('currency', page.currency)}
              {...fieldProps('currency', errors)}
            />
            <FieldError name="currency" errors={errors} />
          </p>
          <p>
            <label htmlFor="receivedOn">{t('transfer.receivedOn')}</label>
            <input id="receivedOn" name="receivedOn" type="date" defaultValue={value('receivedOn')} {...fieldProps('receivedOn', errors)} />
            <FieldError name="receivedOn" errors={errors} />
          </p>
          <p>
            <label htmlFor="instalment">{t('transfer.instalment')}</label>
            <select id="instalment" name="instalment" defaultValue={value('instalment')} {...fieldProps('instalment', errors)}>
              <option value="">{t('transfer.spread')}</option>
              {page.instalments
                .filter((row) => row.isOpen)
                .map((row) => (
                  <option key={row.sequence} value={row.sequence}>
                    {t('transfer.instalmentOption', { sequence: row.sequence, dueOn: row.dueOn, open: row.open })}
                  </option>
                ))}
            </select>
            <FieldError name="instalment" errors={errors} />
          </p>
          <p>
            <label htmlFor="note">{t('transfer.note')}</label>
            <input id="note" name="note" maxLength={500} defaultValue={value('note')} {...fieldProps('note', errors)} />
            <FieldError name="note" errors={errors} />
          </p>
          <button type="submit" className="button" disabled={saving} aria-busy={saving || undefined}>
            {saving ? t('transfer.saving') : t('transfer.submit')}
          </button>
        </Form>
      ) : (
        <p>{t('transfer.nothingOpen')}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
