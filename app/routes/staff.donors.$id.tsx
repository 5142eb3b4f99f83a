// One donor's record for finance, resource mobilization and admins: profile, consents as given,
// pledges with instalments, payments with fees, reversals and allocations, the emails sent —
// and "Resend receipt" per payment (a same-origin POST; audited).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { buildDonorPage } from '~/finance/donors/donor-pages.server.ts';
import { resendReceipt } from '~/giving/receipt-resend-commands.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { DONOR_ROLES } from '~/finance/donors/donor-roles.ts';

const donorId = z.uuid();
const resendSchema = z.object({ intent: z.literal('resend-receipt'), paymentId: z.uuid() });

function parseId(id: string | undefined): string {
  const parsed = donorId.safeParse(id);
  if (!parsed.success) throw new Response('Not Found', { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, DONOR_ROLES);
  const locale = resolveLocale(request).locale;
  const page = await buildDonorPage(locale, parseId(params.id));
  if (!page) throw new Response('Not Found', { status: 404 });
  const resent = new URL(request.url).searchParams.has('resent');
  return data({ ...page, notice: resent ? getT(locale, 'staff-donors')('donor.resent') : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, DONOR_ROLES);
  const id = parseId(params.id);
  const parsed = resendSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response('Bad Request', { status: 400 });
  const page = await buildDonorPage('en', id);
  if (!page?.payments.some((payment) => payment.id === parsed.data.paymentId)) throw new Response('Not Found', { status: 404 });
  if (!(await resendReceipt({ paymentId: parsed.data.paymentId, staffUserId: staff.id }))) throw new Response('Conflict', { status: 409 });
  return redirect(`/staff/donors/${id}?resent`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function DonorRecord() {
  const { profile, consents, pledges, payments, emails, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation('staff-donors');
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
      {profile.erased ? <p role="note">{profile.erased}</p> : null}
      <dl>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
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
          {pledge.instalments.length > 1 ? (
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
                  </tr>
                </thead>
                <tbody>
                  {pledge.instalments.map((instalment) => (
                    <tr key={instalment.id}>
                      <th scope="row">{instalment.sequence}</th>
                      <td>{instalment.due}</td>
                      <td className="numeric">{instalment.amount}</td>
                      <td className="numeric">{instalment.paid}</td>
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
            <caption>{t('donor.paymentsHeading')}</caption>
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
