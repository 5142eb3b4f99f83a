// Issue #12 item 3: staff find a donor by name, email, organisation, pledge reference or payment
// id, read the donor's whole record, and resend a receipt (a new outbox email, audited).
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { recordPayment, recordPayments } from '~/ledger/payment-commands.server.ts';
import { PAYMENTS_SHOWN } from '~/finance/donors/donor-queries.server.ts';
import { acceptStripeWebhook } from '~/giving/stripe/stripe-webhook.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as donorAction, loader as donorLoader } from '~/routes/staff.donors.$id.tsx';
import { loader as searchLoader } from '~/routes/staff.donors._index.tsx';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import {
  buildGivingFixture,
  drainStripeJobs,
  giveRequest,
  signedDelivery,
  startEmulatorForTests,
  stripeEvents,
} from '../giving/giving-fixture.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const db = () => getPrisma();
let gift: { donorId: string; reference: string; paymentId: string; providerPaymentId: string };

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
  await startGiving(giveRequest({ email: 'zofia.search@example.org', givenName: 'Zofia', familyName: 'Wiśniewska' }), {
    origin: 'http://localhost:3000',
  });
  await startGiving(giveRequest({ email: 'other.donor@example.org', givenName: 'Other', familyName: 'Person' }), {
    origin: 'http://localhost:3000',
  });
  for (const checkout of await db().checkoutSession.findMany())
    await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  for (const event of stripeEvents(emulator)) {
    const { payload, signature } = signedDelivery(stripe, event);
    await acceptStripeWebhook({ rawBody: payload, signature });
  }
  await drainStripeJobs();
  const donor = await db().donor.findUniqueOrThrow({
    where: { email: 'zofia.search@example.org' },
    include: { pledges: true, payments: true },
  });
  gift = {
    donorId: donor.id,
    reference: donor.pledges[0]!.reference,
    paymentId: donor.payments[0]!.id,
    providerPaymentId: donor.payments[0]!.providerPaymentId!,
  };
});
afterAll(async () => {
  await emulator?.close();
});

const search = async (q: string, cookie: string) =>
  unwrap(await searchLoader(args(get(`/staff/donors?q=${encodeURIComponent(q)}&lng=en`, { cookie })))).data as {
    message: string | null;
    hits: { id: string; name: string; matched: string }[];
  };

const deliverAll = async () => {
  for (const event of stripeEvents(emulator)) {
    const { payload, signature } = signedDelivery(stripe, event);
    await acceptStripeWebhook({ rawBody: payload, signature });
  }
  await drainStripeJobs();
};
const refundForm = (path: string, fields: Record<string, string>, cookie: string) =>
  postForm(path, { intent: 'refund', reason: 'Donor asked', requestKey: crypto.randomUUID(), ...fields }, { cookie });

describe('staff donor search and record', () => {
  it('finds a donor by part of the name or email, the pledge reference (any case) or the payment id — and nobody by a wildcard', async () => {
    const { cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-donors@example.org');
    expect((await search('wiśniew', cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search('ZOFIA.SEARCH@', cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search(gift.reference.toLowerCase(), cookie)).hits).toEqual([
      expect.objectContaining({ id: gift.donorId, matched: gift.reference }),
    ]);
    expect((await search(gift.providerPaymentId, cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search('%%', cookie)).hits).toEqual([]);
    expect((await search('z', cookie)).message).toBe('Type at least two characters.');
    expect((await search('nobody-like-this', cookie)).message).toBe('No donor matches “nobody-like-this”.');
  });

  it('shows the record and resends a receipt once per click, audited; another donor’s payment is refused', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-donors@example.org');
    const path = `/staff/donors/${gift.donorId}`;
    const page = unwrap(await donorLoader({ ...args(get(`${path}?lng=en`, { cookie: finance.cookie })), params: { id: gift.donorId } }))
      .data as {
      profile: { name: string };
      pledges: { reference: string }[];
      payments: { id: string; canResend: boolean }[];
      emails: { template: string }[];
      consents: unknown[];
    };
    expect(page.profile.name).toBe('Zofia Wiśniewska');
    expect(page.pledges.map((pledge) => pledge.reference)).toEqual([gift.reference]);
    expect(page.payments).toEqual([expect.objectContaining({ id: gift.paymentId, canResend: true })]);
    expect(page.emails.map((email) => email.template)).toContain('gift-receipt');
    expect(page.consents.length).toBeGreaterThan(0);

    const receipts = () => db().emailOutbox.count({ where: { template: 'gift-receipt', donorId: gift.donorId } });
    const before = await receipts();
    const resend = await donorAction({
      ...args(postForm(path, { intent: 'resend-receipt', paymentId: gift.paymentId }, { cookie: finance.cookie })),
      params: { id: gift.donorId },
    });
    expect((resend as Response).headers.get('Location')).toBe(`${path}?resent`);
    expect(await receipts()).toBe(before + 1);
    expect(await db().auditLog.count({ where: { action: 'receipt.resend', entityId: gift.paymentId, actorId: finance.user.id } })).toBe(1);

    const other = await db().payment.findFirstOrThrow({ where: { donor: { email: 'other.donor@example.org' } } });
    const refused = await thrownResponse(() =>
      donorAction({
        ...args(postForm(path, { intent: 'resend-receipt', paymentId: other.id }, { cookie: finance.cookie })),
        params: { id: gift.donorId },
      }),
    );
    expect(refused.status).toBe(404);
    expect(await receipts()).toBe(before + 1);
  });

  it('shows a bounced email as bounced, and that the address is no longer written to', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-donors-bounce@example.org');
    const receipt = await db().emailOutbox.findFirstOrThrow({ where: { donorId: gift.donorId, template: 'gift-receipt' } });
    const bouncedAt = new Date('2026-11-02T09:30:00Z');
    await db().emailOutbox.update({ where: { id: receipt.id }, data: { status: 'SENT', deliveryOutcome: 'BOUNCED' } });
    await db().emailSuppression.create({ data: { address: 'zofia.search@example.org', reason: 'HARD_BOUNCE', createdAt: bouncedAt } });
    try {
      const page = unwrap(
        await donorLoader({
          ...args(get(`/staff/donors/${gift.donorId}?lng=en`, { cookie: finance.cookie })),
          params: { id: gift.donorId },
        }),
      ).data as { profile: { emailSuppressed: string | null }; emails: { id: string; status: string }[] };
      expect(page.emails.find((email) => email.id === receipt.id)?.status).toBe('bounced');
      expect(page.profile.emailSuppressed).toBe(
        'No email is sent to this address any more: a message to it bounced permanently on Nov 2, 2026, 9:30 AM (UTC).',
      );
    } finally {
      await db().emailSuppression.deleteMany({ where: { address: 'zofia.search@example.org' } });
    }
  });

  it('is closed to programme officers, cross-origin posts and unknown ids', async () => {
    const officer = await signedIn(['PROGRAMME_OFFICER'], 'officer-donors@example.org');
    expect((await thrownResponse(() => searchLoader(args(get('/staff/donors?q=zofia', { cookie: officer.cookie }))))).status).toBe(403);
    const admin = await signedIn(['ADMIN'], 'admin-donors@example.org');
    const path = `/staff/donors/${gift.donorId}`;
    const crossOrigin = postForm(
      path,
      { intent: 'resend-receipt', paymentId: gift.paymentId },
      { cookie: admin.cookie, origin: 'https://evil.example' },
    );
    expect((await thrownResponse(() => donorAction({ ...args(crossOrigin), params: { id: gift.donorId } }))).status).toBe(403);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect(
        (await thrownResponse(() => donorLoader({ ...args(get(`/staff/donors/${id}`, { cookie: admin.cookie })), params: { id } }))).status,
      ).toBe(404);
  });

  it('refunds a card payment through Stripe (recorded when Stripe confirms) and never beyond what it holds', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-refunds@example.org');
    const path = `/staff/donors/${gift.donorId}`;
    const call = (fields: Record<string, string>) =>
      donorAction({ ...args(refundForm(`${path}?lng=en`, fields, finance.cookie)), params: { id: gift.donorId } });
    const tooMuch = unwrap(await call({ paymentId: gift.paymentId, amount: '50.01' }));
    expect(tooMuch.status).toBe(400);
    expect((tooMuch.data as { error: string }).error).toBe('Give an amount above zero and no more than €50.00, in the payment’s currency.');
    expect(unwrap(await call({ paymentId: gift.paymentId, amount: '12.345' })).status).toBe(400);
    expect(unwrap(await call({ paymentId: gift.paymentId, amount: '10', reason: 'x' })).status).toBe(400);

    const requested = await call({ paymentId: gift.paymentId, amount: '12.50' });
    expect((requested as Response).headers.get('Location')).toBe(`${path}?refundRequested`);
    expect(await db().reversal.count({ where: { paymentId: gift.paymentId } })).toBe(0); // not from the form alone
    await deliverAll();
    const reversals = await db().reversal.findMany({ where: { paymentId: gift.paymentId } });
    expect(reversals.map((reversal) => [reversal.kind, reversal.amountMinor])).toEqual([['REFUND', 1250n]]);
    expect(await db().auditLog.count({ where: { action: 'payment.refund', entityId: gift.paymentId } })).toBe(1);
  });

  it('records a bank refund at once, once per form, in proportion on the ledger', async () => {
    const result = await startGiving(
      giveRequest({ method: 'bank_transfer', email: 'bank.refund@example.org', earmark: 'project', project: 'GLOT59' } as never),
      {
        origin: 'http://localhost:3000',
      },
    );
    if (result.kind !== 'bank-transfer') throw new Error(result.kind);
    const pledge = await db().pledge.findUniqueOrThrow({ where: { reference: result.reference } });
    const instalment = await db().pledgeInstalment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    await db().$transaction((tx) =>
      recordPayment({
        db: tx,
        pledge,
        instalmentId: instalment.id,
        provider: 'BANK',
        providerPaymentId: 'statement-line-refund-1',
        currency: pledge.currency,
        amountMinor: pledge.amountMinor,
        receivedAt: new Date('2026-06-01T10:00:00Z'),
      }),
    );
    const payment = await db().payment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    const admin = await signedIn(['ADMIN'], 'admin-refunds@example.org');
    const path = `/staff/donors/${pledge.donorId}`;
    const fields = { paymentId: payment.id, amount: '20', requestKey: crypto.randomUUID() };
    for (let click = 0; click < 2; click += 1) {
      const recorded = await donorAction({ ...args(refundForm(path, fields, admin.cookie)), params: { id: pledge.donorId } });
      expect((recorded as Response).headers.get('Location')).toBe(`${path}?refundRecorded`);
    }
    const reversals = await db().reversal.findMany({ where: { paymentId: payment.id } });
    expect(reversals.map((reversal) => [reversal.kind, reversal.amountMinor])).toEqual([['REFUND', 2000n]]);
    const rest = (pledge.amountMinor - 2000n).toString();
    const full = await donorAction({
      ...args(refundForm(path, { paymentId: payment.id, amount: (Number(rest) / 100).toFixed(2) }, admin.cookie)),
      params: { id: pledge.donorId },
    });
    expect((full as Response).headers.get('Location')).toBe(`${path}?refundRecorded`);
    const all = await db().reversal.aggregate({ where: { paymentId: payment.id }, _sum: { amountMinor: true, usdMinor: true } });
    expect(all._sum.amountMinor).toBe(payment.amountMinor);
    expect(all._sum.usdMinor).toBe(payment.usdMinor);
  });

  it('lists the latest payments only, yet counts every payment in what each instalment was paid', async () => {
    const result = await startGiving(giveRequest({ method: 'bank_transfer', email: 'many.payments@example.org' } as never), {
      origin: 'http://localhost:3000',
    });
    if (result.kind !== 'bank-transfer') throw new Error(result.kind);
    const pledge = await db().pledge.findUniqueOrThrow({ where: { reference: result.reference } });
    const instalment = await db().pledgeInstalment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    const count = PAYMENTS_SHOWN + 1;
    await db().$transaction((tx) =>
      recordPayments({
        db: tx,
        payments: Array.from({ length: count }, (_, index) => ({
          pledge,
          instalmentId: instalment.id,
          provider: 'BANK' as const,
          providerPaymentId: `many-payments-${index}`,
          currency: pledge.currency,
          amountMinor: 1n,
          receivedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000),
        })),
      }),
    );
    const admin = await signedIn(['ADMIN'], 'admin-many@example.org');
    const page = unwrap(
      await donorLoader({
        ...args(get(`/staff/donors/${pledge.donorId}?lng=en`, { cookie: admin.cookie })),
        params: { id: pledge.donorId },
      }),
    ).data as { payments: { at: string }[]; paymentsCaption: string; pledges: { instalments: { paid: string }[] }[] };
    expect(page.payments).toHaveLength(PAYMENTS_SHOWN);
    expect(page.payments[0]!.at).toContain('1:40'); // the newest: 2026-01-01 01:40 UTC
    expect(page.paymentsCaption).toBe(`The latest ${PAYMENTS_SHOWN} of ${count} payments (all of them are in the finance exports)`);
    // all 101 payments of 0.01 are counted in the instalment, not only those listed
    expect(page.pledges[0]!.instalments[0]!.paid).toBe('€1.01'); // the giving fixture's default currency
  });
});
