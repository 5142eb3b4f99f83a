// One donor's record for finance, resource mobilization and admins: profile, consents as given,
// pledges with instalments, payments with fees, reversals and allocations, the emails sent —
// and "Resend receipt" per payment (a same-origin POST; audited).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { buildDonorPage } from '~/finance/donors/donor-pages.server.ts';
import { findDonorInstalment, findDonorPayment } from '~/finance/donors/donor-queries.server.ts';
import { resendReceipt } from '~/giving/receipt-resend-commands.server.ts';
import { refundPayment } from '~/giving/refund-commands.server.ts';
import { formatMoney, parseAmount } from '~/platform/money.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { DONOR_ROLES } from '~/finance/donors/donor-roles.ts';
import { writeOffFromForm } from '~/finance/instalments/write-off-actions.server.ts';
import { WriteOffForm } from '~/finance/instalments/write-off-form.tsx';
import { hasRole } from '~/staff/auth.server.ts';

const donorId = z.uuid();
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('resend-receipt'), paymentId: z.uuid() }),
  z.object({
    intent: z.literal('refund'),
    paymentId: z.uuid(),
    amount: z.string().trim().min(1).max(30),
    reason: z.string().trim().min(3).max(500),
    requestKey: z.uuid(),
  }),
]);

function parseId(id: string | undefined): string {
  const parsed = donorId.safeParse(id);
  if (!parsed.success) throw new Response('Not Found', { status: 404 });
  return parsed.data;
}

/** Who may write off an instalment (decision 030): finance, as on /staff/finance/instalments. */
const WRITERS_OFF = ['FINANCE', 'ADMIN'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireRole(request, DONOR_ROLES);
  const locale = resolveLocale(request).locale;
  const page = await buildDonorPage(locale, parseId(params.id));
  if (!page) throw new Response('Not Found', { status: 404 });
  const query = new URL(request.url).searchParams;
  const t = getT(locale, 'staff-donors');
  const notice = query.has('resent')
    ? t('donor.resent')
    : query.has('refundRequested')
      ? t('refund.requested')
      : query.has('refundRecorded')
        ? t('refund.recorded')
        : query.has('writtenOff')
          ? getT(locale, 'instalments')('overdue.writtenOff')
          : null;
  // Finance records institutional pledges; resource mobilization reads donors but not that page.
  const mayRecordPledges = staff.roles.some((role) => role === 'FINANCE' || role === 'ADMIN');
  const pledgesHref =
    page.profile.isInstitutional && mayRecordPledges
      ? `/staff/finance/pledges?${new URLSearchParams({ q: page.profile.name }).toString()}`
      : null;
  return data({ ...page, notice, canWriteOff: hasRole(staff, WRITERS_OFF), pledgesHref });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, DONOR_ROLES);
  const id = parseId(params.id);
  const locale = resolveLocale(request).locale;
  const t = getT(locale, 'staff-donors');
  const form = Object.fromEntries(await request.formData());
  if (form.intent === 'write-off') {
    await requireRole(request, WRITERS_OFF);
    const instalmentId = String(form.instalmentId ?? '');
    // Only this donor's instalments (a malformed id is refused as invalid input below, writing nothing).
    if (z.uuid().safeParse(instalmentId).success && !(await findDonorInstalment({ donorId: id, instalmentId })))
      throw new Response('Not Found', { status: 404 });
    const outcome = await writeOffFromForm({ form, staffUserId: staff.id, locale });
    if (!outcome.ok) return data({ error: outcome.error, instalmentId: outcome.instalmentId, paymentId: '' }, { status: outcome.status });
    return redirect(`/staff/donors/${id}?writtenOff`);
  }
  const parsed = actionSchema.safeParse(form);
  if (!parsed.success) {
    if (form.intent === 'refund') return data({ error: t('refund.invalid'), paymentId: String(form.paymentId ?? '') }, { status: 400 });
    throw new Response('Bad Request', { status: 400 });
  }
  const payment = await findDonorPayment({ donorId: id, paymentId: parsed.data.paymentId });
  if (!payment) throw new Response('Not Found', { status: 404 });
  const held = formatMoney(payment.heldMinor, payment.currency, locale);
  if (parsed.data.intent === 'resend-receipt') {
    if (!(await resendReceipt({ paymentId: payment.id, staffUserId: staff.id }))) throw new Response('Conflict', { status: 409 });
    return redirect(`/staff/donors/${id}?resent`);
  }
  let amountMinor: bigint;
  try {
    amountMinor = parseAmount(parsed.data.amount, payment.currency);
  } catch {
    return data({ error: t('refund.amount', { held }), paymentId: payment.id }, { status: 400 });
  }
  const outcome = await refundPayment({
    paymentId: payment.id,
    amountMinor,
    reason: parsed.data.reason,
    staffUserId: staff.id,
    requestKey: parsed.data.requestKey,
  });
  if (!outcome.ok) {
    const message = outcome.problem === 'amount' ? t('refund.amount', { held }) : t('refund.provider');
    return data({ error: message, paymentId: payment.id }, { status: outcome.problem === 'amount' ? 400 : 502 });
  }
  return redirect(`/staff/donors/${id}?${outcome.via === 'stripe' ? 'refundRequested' : 'refundRecorded'}`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function DonorRecord() {
  const { profile, consents, pledges, payments, paymentsCaption, emails, notice, canWriteOff, pledgesHref } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('staff-donors');
  const { t: tInstalments } = useTranslation('instalments');
  const { t: tp } = useTranslation('institutional-pledges');
  const facts: [string, string][] = [
    [t('donor.email'), profile.email],
    [t('donor.type'), profile.type],
    [t('donor.organisation'), profile.organisation],
    [t('donor.country'), profile.country],
    [t('donor.language'), profile.language],
    [t('donor.publicName'), profile.publicName],
    [t('donor.since'), profile.since],
  ];
  return (
    <section className="staff-donor" aria-labelledby="donor-title">
      <p>
        <Link to="/staff/donors">{t('donor.back')}</Link>
      </p>
      <h1 id="donor-title">{profile.name}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      {result && 'error' in result && !('instalmentId' in result) ? <p role="alert">{result.error}</p> : null}
      {profile.erased ? <p role="note">{profile.erased}</p> : null}
      {profile.emailSuppressed ? <p role="note">{profile.emailSuppressed}</p> : null}
      <dl>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {pledgesHref ? (
        <p>
          <Link to={pledgesHref}>{tp('donorLink')}</Link>
        </p>
      ) : null}
      <h2>{t('donor.consentsHeading')}</h2>
      {consents.length === 0 ? (
        <p>{t('donor.none')}</p>
      ) : (
        <ul>
          {consents.map((consent) => (
            <li key={consent.id}>
              {t('donor.consent', consent)} <q>{consent.wording}</q>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('donor.pledgesHeading')}</h2>
      {pledges.length === 0 ? <p>{t('donor.none')}</p> : null}
      {pledges.map((pledge) => (
        <article key={pledge.id} aria-labelledby={`pledge-${pledge.id}`}>
          <h3 id={`pledge-${pledge.id}`}>{t('donor.pledge', pledge)}</h3>
          <p>{[pledge.frequency, pledge.method, pledge.earmark].join(' · ')}</p>
          {pledge.events.length > 0 ? (
            <ul>
              {pledge.events.map((event) => (
                <li key={event}>{event}</li>
              ))}
            </ul>
          ) : null}
          {pledge.showSchedule ? (
            <TableScroll label={t('donor.instalmentsCaption', { reference: pledge.reference })}>
              <table className="data-table data-table--figures">
                <caption>{t('donor.instalmentsCaption', { reference: pledge.reference })}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('donor.due')}</th>
                    <th scope="col" className="numeric">
                      {t('donor.amount')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('donor.paid')}
                    </th>
                    <th scope="col">{tInstalments('donor.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pledge.instalments.map((instalment) => (
                    <tr key={instalment.id}>
                      <th scope="row">{instalment.sequence}</th>
                      <td>{instalment.due}</td>
                      <td className="numeric">{instalment.amount}</td>
                      <td className="numeric">{instalment.paid}</td>
                      <td>
                        {instalment.status}
                        {canWriteOff && instalment.writeOff ? (
                          <WriteOffForm
                            instalmentId={instalment.id}
                            requestKey={instalment.writeOff.requestKey}
                            label={instalment.writeOff.label}
                            error={result && 'instalmentId' in result && result.instalmentId === instalment.id ? result.error : null}
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </article>
      ))}
      <h2>{t('donor.paymentsHeading')}</h2>
      {payments.length === 0 ? (
        <p>{t('donor.none')}</p>
      ) : (
        <TableScroll label={t('donor.paymentsHeading')}>
          <table className="data-table">
            <caption>{paymentsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('donor.receivedAt')}</th>
                <th scope="col">{t('donor.reference')}</th>
                <th scope="col" className="numeric">
                  {t('donor.amount')}
                </th>
                <th scope="col" className="numeric">
                  {t('donor.usd')}
                </th>
                <th scope="col" className="numeric">
                  {t('donor.fee')}
                </th>
                <th scope="col">{t('donor.what')}</th>
                <th scope="col">{t('donor.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <th scope="row">{payment.at}</th>
                  <td>{payment.reference}</td>
                  <td className="numeric">{payment.amount}</td>
                  <td className="numeric">{payment.usd}</td>
                  <td className="numeric">{payment.fee}</td>
                  <td>
                    {[...payment.allocations, ...payment.reversals].map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                  </td>
                  <td>
                    {payment.canResend ? (
                      <Form method="post">
                        <input type="hidden" name="paymentId" value={payment.id} />
                        <button type="submit" name="intent" value="resend-receipt" className="button button--secondary">
                          {t('donor.resend')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {payments.some((payment) => payment.canRefund) ? (
        <>
          <h2 id="refund-heading">{t('refund.heading')}</h2>
          <p>{t('refund.help')}</p>
          {payments
            .filter((payment) => payment.canRefund)
            .map((payment) => (
              <Form
                method="post"
                key={payment.id}
                aria-label={t('refund.formLabel', { at: payment.at, amount: payment.amount })}
                className="stack"
              >
                <p>{t('refund.payment', { at: payment.at, amount: payment.amount, held: payment.held, via: payment.refundVia })}</p>
                <input type="hidden" name="paymentId" value={payment.id} />
                <input type="hidden" name="requestKey" value={payment.requestKey} />
                <p>
                  <label htmlFor={`refund-amount-${payment.id}`}>{t('refund.amountLabel', { currency: payment.currency })}</label>
                  <input id={`refund-amount-${payment.id}`} name="amount" inputMode="decimal" required dir="ltr" />
                </p>
                <p>
                  <label htmlFor={`refund-reason-${payment.id}`}>{t('refund.reasonLabel')}</label>
                  <input id={`refund-reason-${payment.id}`} name="reason" required minLength={3} maxLength={500} />
                </p>
                <button type="submit" name="intent" value="refund" className="button button--secondary">
                  {t('refund.submit')}
                </button>
              </Form>
            ))}
        </>
      ) : null}
      <h2>{t('donor.emailsHeading')}</h2>
      {emails.length === 0 ? (
        <p>{t('donor.none')}</p>
      ) : (
        <ul>
          {emails.map((email) => (
            <li key={email.id}>{t('donor.email_line', email)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
