// A card gift through Checkout and its webhook, down to what the ledger and the outbox hold:
// Stripe's processing fee recorded from the charge's balance transaction (gross, fee, net, rate);
// a company's receipt carries the tax number the form promised and the contact's name, a covered
// fee is its own line, and a gift in another currency shows its USD value at the pinned rate.
import type Stripe from 'stripe';
import { Prisma, type StaffRole } from '~/generated/prisma/client.ts';
import { loader as paymentFeesLoader } from '~/routes/staff.finance.payments.tsx';
import { createSession } from '~/staff/session-commands.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { args, cookieFrom, get, thrownResponse, unwrap } from '../staff/helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { renderEmail, type EmailTemplateProps } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { formatMoney } from '~/platform/money.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, giveRequest, startEmulatorForTests, stripeEvents } from './giving-fixture.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const db = () => getPrisma();

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
});

afterAll(async () => {
  await emulator?.close();
});

/** Gives by card, pays on the emulator's hosted page, applies the completed event; returns the payment. */
async function paidByCard(overrides: Parameters<typeof giveRequest>[0]) {
  const result = await startGiving(giveRequest(overrides), { origin: 'http://localhost:3000' });
  expect(result.kind).toBe('checkout');
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  const completed = (stripeEvents(emulator) as Stripe.Event[]).find(
    (event) => event.type === 'checkout.session.completed' && (event.data.object as { id?: string }).id === checkout.stripeSessionId,
  );
  expect(await applyStripeEvent(completed!)).toBe('applied');
  return db().payment.findFirstOrThrow({ where: { pledgeId: checkout.pledgeId } });
}

async function receiptOf(paymentId: string) {
  const row = await db().emailOutbox.findFirstOrThrow({ where: { idempotencyKey: `gift-receipt:${paymentId}` } });
  // The outbox stores the props as JSON; the template's schema checks them again when rendering.
  const props = row.props as unknown as EmailTemplateProps['gift-receipt'];
  return { props, email: await renderEmail({ template: 'gift-receipt', locale: 'en', props }) };
}

describe('the receipt of a card gift', () => {
  it('for a company: its name, registration or tax number and contact person, the covered fee and the USD equivalent', async () => {
    const payment = await paidByCard({
      donorType: 'company',
      organisationName: 'Acme Logistics SA',
      organisationId: 'CHE-123.456.789',
      givenName: 'Ana',
      familyName: 'Silva',
      email: 'finance@acme.example',
      currency: 'EUR',
      amountMinor: 10_000n,
      coversFee: true,
    });
    expect(payment.amountMinor).toBe(10_300n);
    const { props, email } = await receiptOf(payment.id);
    expect(props.organisation).toEqual({ name: 'Acme Logistics SA', taxNumber: 'CHE-123.456.789', contactName: 'Ana Silva' });
    expect(props.feeCoverMinor).toBe('300');
    // 103.00 EUR at the fixture's pinned 1.08: 111.24 USD, the payment's own usdMinor.
    expect(props.usdEquivalent).toEqual({ usdMinor: payment.usdMinor.toString(), usdRate: '1.08' });
    expect(payment.usdMinor).toBe(11_124n);
    expect(email.text).toContain('Registration or tax number: CHE-123.456.789');
    expect(email.text).toContain('Contact person: Ana Silva');
    expect(email.text).toContain('Dear Ana Silva,');
    expect(email.text).toContain('Of which, the card processing fee you chose to cover: €3.00');
    expect(email.text).toContain('Equivalent in US dollars: $111.24');
    // Every receipt leads to the donor's account (issue #14).
    expect(props.accountUrl).toMatch(/^https?:\/\/[^/]+\/account$/);
    expect(email.text).toContain(`Your gifts, pledges and receipts are in your account: ${props.accountUrl}`);
    // ...and to how the money is used, the privacy notice and the contact page (issue #16 item 4).
    expect(props.trustUrls).toEqual({
      money: new URL('/about/money', props.accountUrl).toString(),
      privacy: new URL('/about/privacy', props.accountUrl).toString(),
      contact: new URL('/about/contact', props.accountUrl).toString(),
    });
    expect(email.text).toContain(`Privacy: ${props.trustUrls?.privacy}`);
  });

  it('for a person giving US dollars without covering the fee: none of these lines', async () => {
    const payment = await paidByCard({ email: 'ana.usd@example.org', currency: 'USD', amountMinor: 5_000n });
    const { props, email } = await receiptOf(payment.id);
    expect(props.organisation).toBeUndefined();
    expect(props.feeCoverMinor).toBeUndefined();
    expect(props.usdEquivalent).toBeUndefined();
    expect(email.text).not.toContain('processing fee');
  });
});

describe('Stripe’s processing fee', () => {
  async function balanceOf(paymentIntentId: string) {
    const intent = await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
    return (intent.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
  }

  it('is recorded once per payment from the charge’s balance transaction: gross, fee, net, currency, rate and details', async () => {
    const payment = await paidByCard({ email: 'fee.usd@example.org', currency: 'USD', amountMinor: 10_000n });
    const usd = await balanceOf(payment.providerPaymentId!);
    const fee = await db().paymentFee.findUniqueOrThrow({ where: { paymentId: payment.id } });
    expect(fee).toMatchObject({ providerTransactionId: usd.id, currency: 'USD', grossMinor: 10_000n, feeMinor: 320n, netMinor: 9_680n });
    expect(fee.exchangeRate).toBeNull();
    expect(fee.feeDetails).toEqual([{ type: 'stripe_fee', amount: 320, currency: 'USD', description: 'Stripe processing fees' }]);
    // The payment itself stays the gross gift: the fee never reduces what the donor gave.
    expect(payment.amountMinor).toBe(10_000n);
  });

  it('keeps the balance’s own currency and Stripe’s exchange rate when the gift was in another currency', async () => {
    const payment = await paidByCard({ email: 'fee.eur@example.org', currency: 'EUR', amountMinor: 20_000n });
    const eur = await balanceOf(payment.providerPaymentId!);
    const fee = await db().paymentFee.findUniqueOrThrow({ where: { paymentId: payment.id } });
    expect(eur.currency).toBe('usd');
    expect(fee).toMatchObject({ currency: 'USD', grossMinor: BigInt(eur.amount), feeMinor: BigInt(eur.fee), netMinor: BigInt(eur.net) });
    expect(fee.exchangeRate?.equals(new Prisma.Decimal(String(eur.exchange_rate)))).toBe(true);
    expect(fee.grossMinor - fee.feeMinor).toBe(fee.netMinor);
  });

  it('is recorded for a monthly gift’s payments too (from the invoice’s PaymentIntent)', async () => {
    const before = stripeEvents(emulator).length;
    const result = await startGiving(
      giveRequest({ email: 'fee.monthly@example.org', currency: 'GBP', frequency: 'monthly', amountMinor: 2_500n }),
      {
        origin: 'http://localhost:3000',
      },
    );
    expect(result.kind).toBe('checkout');
    const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
    for (const event of stripeEvents(emulator).slice(before)) await applyStripeEvent(event);
    const payment = await db().payment.findFirstOrThrow({ where: { pledgeId: checkout.pledgeId }, include: { processingFee: true } });
    const gbp = await balanceOf(payment.providerPaymentId!);
    expect(payment.providerInvoiceId).not.toBeNull();
    expect(payment.processingFee).toMatchObject({ providerTransactionId: gbp.id, currency: 'USD', feeMinor: BigInt(gbp.fee) });
  });

  it('is a money fact: the database refuses to change or delete it', async () => {
    const fee = await db().paymentFee.findFirstOrThrow();
    await expect(db().paymentFee.update({ where: { id: fee.id }, data: { feeMinor: 0n } })).rejects.toThrow(/append-only/);
    await expect(db().paymentFee.delete({ where: { id: fee.id } })).rejects.toThrow(/append-only/);
  });
});

describe('finance sees gross, fee and net', () => {
  async function signedIn(roles: StaffRole[]) {
    const user = await createStaff({ email: `${roles.join('-').toLowerCase()}@example.org`, name: roles.join(' '), roles });
    const { secret } = await createSession({ staffUserId: user.id });
    return cookieFrom(await serializeSessionCookie(get('/'), secret));
  }
  type Page = Awaited<ReturnType<typeof paymentFeesLoader>>['data'];

  it('per payment and in totals per currency, for finance and admins only', async () => {
    const payment = await paidByCard({
      email: 'fee.page@example.org',
      currency: 'USD',
      amountMinor: 10_000n,
      givenName: 'Page',
      familyName: 'Donor',
    });
    const finance = await signedIn(['FINANCE']);
    const page = unwrap(await paymentFeesLoader(args(get('/staff/finance/payments?lng=en', { cookie: finance })))).data as Page;
    const row = page.payments.find((entry) => entry.id === payment.id);
    expect(row).toMatchObject({
      donor: 'Page Donor',
      method: 'Card',
      gift: '$100.00',
      gross: '$100.00',
      fee: '$3.20',
      net: '$96.80',
      rate: null,
    });
    const euro = page.payments.find((entry) => entry.gift === '€200.00');
    expect(euro?.rate).toBe('(1 EUR = 1.0712 USD)');

    // Every payment of this file settled in US dollars: one row, the sums of the recorded fees.
    const sums = await db().paymentFee.aggregate({ _sum: { grossMinor: true, feeMinor: true, netMinor: true }, _count: true });
    const usd = (minor: bigint | null) => formatMoney(minor ?? 0n, 'USD', 'en');
    expect(page.totals).toEqual([
      {
        currency: 'USD',
        payments: String(sums._count),
        gross: usd(sums._sum.grossMinor),
        fee: usd(sums._sum.feeMinor),
        net: usd(sums._sum.netMinor),
      },
    ]);
    expect(sums._count).toBe(await db().payment.count());

    const admin = await signedIn(['ADMIN']);
    expect(unwrap(await paymentFeesLoader(args(get('/staff/finance/payments', { cookie: admin })))).status).toBe(200);
    const officer = await signedIn(['PROGRAMME_OFFICER']);
    expect((await thrownResponse(() => paymentFeesLoader(args(get('/staff/finance/payments', { cookie: officer }))))).status).toBe(403);
    expect((await thrownResponse(() => paymentFeesLoader(args(get('/staff/finance/payments'))))).status).toBe(302);
  });
});
