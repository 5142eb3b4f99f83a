// Exactly-once webhooks against real PostgreSQL and the Stripe emulator: signatures, duplicates,
// every order of events, crashes before the acknowledgement, refunds and disputes, currencies
// with 0 and 3 decimals. Events come from the emulator; the tests deliver them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { acceptStripeWebhook, handleStripeWebhookRequest, MAX_WEBHOOK_BYTES } from '~/giving/stripe/stripe-webhook.server.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { eraseDonor } from '~/ledger/donor-erasure-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { toUsdMinor } from '~/platform/money.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import {
  buildGivingFixture,
  drainStripeJobs,
  giveRequest,
  rates,
  signedDelivery,
  startEmulatorForTests,
  stripeEvents,
  thisYear,
  WEBHOOK_SECRET,
} from './giving-fixture.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
let fixture: Awaited<ReturnType<typeof buildGivingFixture>>;
const origin = 'http://localhost:3000';
const db = () => getPrisma();

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  fixture = await buildGivingFixture(db());
});

afterAll(async () => {
  await emulator?.close();
});

/** Starts a gift through the giving service and returns its pledge and Checkout session id. */
async function giveByCard(overrides: Parameters<typeof giveRequest>[0] = {}) {
  const result = await startGiving(giveRequest(overrides), { origin });
  expect(result.kind).toBe('checkout');
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { pledge: true } });
  expect(result.kind === 'checkout' && result.url).toBe(checkout.url);
  return { pledge: checkout.pledge, sessionId: checkout.stripeSessionId };
}

const sessionEvents = (sessionId: string) =>
  stripeEvents(emulator).filter((event) => (event.data.object as { id?: string }).id === sessionId);

function eventOfType(events: Stripe.Event[], type: string): Stripe.Event {
  const found = events.find((event) => event.type === type);
  if (!found) throw new Error(`no ${type} event among ${events.map((event) => event.type).join(', ')}`);
  return found;
}

async function paymentIntentOf(sessionId: string): Promise<string> {
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  return String(session.payment_intent);
}

/** Events about one PaymentIntent's charge (refunds, disputes), oldest first. */
const chargeEvents = (paymentIntentId: string, type: string) =>
  stripeEvents(emulator).filter(
    (event) => event.type === type && (event.data.object as { payment_intent?: string }).payment_intent === paymentIntentId,
  );

/** Everything the ledger holds about one pledge, without ids or timestamps of our own rows. */
async function ledgerState(pledgeId: string) {
  const payments = await db().payment.findMany({ where: { pledgeId }, include: { reversals: true, allocations: true } });
  const checkout = await db().checkoutSession.findMany({ where: { pledgeId }, select: { status: true } });
  const events = await db().pledgeEvent.findMany({ where: { pledgeId }, select: { kind: true } });
  const emails = await db().emailOutbox.findMany({
    where: { donor: { pledges: { some: { id: pledgeId } } } },
    select: { template: true, idempotencyKey: true },
  });
  return {
    checkout: checkout.map((row) => row.status),
    events: events.map((row) => row.kind),
    payments: payments.map((payment) => ({
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      usdMinor: payment.usdMinor,
      receivedAt: payment.receivedAt.toISOString(),
      reversals: payment.reversals.map((r) => [r.kind, r.amountMinor, r.usdMinor]).sort(),
      allocations: payment.allocations.map((a) => [a.source, a.year, a.usdMinor]).sort(),
    })),
    receipts: emails.filter((email) => email.template === 'gift-receipt').length,
  };
}

describe('signature on the raw body', () => {
  async function firstCompletedEvent() {
    const { sessionId } = await giveByCard();
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    return eventOfType(sessionEvents(sessionId), 'checkout.session.completed');
  }

  async function queuedJobs(): Promise<number> {
    const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT (SELECT COUNT(*) FROM stripe_event_inbox)
      + (SELECT COUNT(*) FROM graphile_worker.jobs WHERE task_identifier IN ('apply-stripe-event', 'drain-stripe-inbox')) AS n`;
    return Number(row?.n ?? 0n);
  }

  it('refuses missing, wrong-secret, tampered and stale signatures with 400 and writes nothing', async () => {
    const event = await firstCompletedEvent();
    const before = await queuedJobs();
    const good = signedDelivery(stripe, event);
    const now = Date.now();
    const cases = [
      { rawBody: good.payload, signature: null },
      { ...(({ payload, signature }) => ({ rawBody: payload, signature }))(signedDelivery(stripe, event, { secret: 'whsec_wrong' })) },
      { rawBody: good.payload.replace('"livemode":false', '"livemode":true '), signature: good.signature },
      { rawBody: good.payload, signature: signedDelivery(stripe, event, { timestamp: Math.floor(now / 1000) - 301 }).signature },
    ];
    for (const delivery of cases) {
      const reply = await acceptStripeWebhook({ ...delivery, now });
      expect(reply.status).toBe(400);
    }
    expect(await queuedJobs()).toBe(before);
    expect(await db().processedWebhookEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it('accepts a signature made 299 seconds ago', async () => {
    const event = await firstCompletedEvent();
    const now = Date.now();
    const { payload, signature } = signedDelivery(stripe, event, { timestamp: Math.floor(now / 1000) - 299 });
    const reply = await acceptStripeWebhook({ rawBody: payload, signature, now });
    expect(reply.status).toBe(200);
    await drainStripeJobs();
    expect(await db().processedWebhookEvent.findUnique({ where: { id: event.id } })).toMatchObject({ outcome: 'applied' });
  });
});

describe('POST /webhooks/stripe over HTTP (the handler ahead of Express)', () => {
  it('answers 200 JSON for a signed event, 400 for a bad signature and 413 for an oversized body', async () => {
    const server = http.createServer(handleStripeWebhookRequest);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
    try {
      const { sessionId } = await giveByCard();
      await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
      const event = eventOfType(sessionEvents(sessionId), 'checkout.session.completed');
      const { payload, signature } = signedDelivery(stripe, event);
      const post = (body: string, headers: Record<string, string> = {}) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

      const good = await post(payload, { 'stripe-signature': signature });
      expect(good.status).toBe(200);
      expect(good.headers.get('cache-control')).toBe('no-store');
      expect(await good.json()).toEqual({ received: true });
      expect((await post(payload, { 'stripe-signature': signedDelivery(stripe, event, { secret: 'whsec_wrong' }).signature })).status).toBe(
        400,
      );
      // signed, but not an event: a clear 400, nothing written
      for (const body of ['{"id":"evt_shapeless","type":"checkout.session.completed","data":{}}', '[1,2]', 'not json']) {
        const signed = stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
        const reply = await post(body, { 'stripe-signature': signed });
        expect(reply.status).toBe(400);
        expect(await reply.json()).toMatchObject({ received: false });
      }
      expect(await db().processedWebhookEvent.count({ where: { id: 'evt_shapeless' } })).toBe(0);
      const tooBig = await post('x'.repeat(MAX_WEBHOOK_BYTES + 1), { 'stripe-signature': signature });
      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toMatchObject({ received: false });
      await drainStripeJobs();
      expect(await db().processedWebhookEvent.findUnique({ where: { id: event.id } })).toMatchObject({ outcome: 'applied' });
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('exactly once', () => {
  it('the same event five times concurrently gives one payment, one receipt, one ledger effect', async () => {
    const { pledge, sessionId } = await giveByCard({ earmark: 'project', project: 'GLOT59', email: 'five@example.org' });
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    const event = eventOfType(sessionEvents(sessionId), 'checkout.session.completed');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => applyStripeEvent(event, { stripe })));
    expect(outcomes.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(4);
    // and five concurrent deliveries through the endpoint queue nothing more
    const { payload, signature } = signedDelivery(stripe, event);
    const replies = await Promise.all(Array.from({ length: 5 }, () => acceptStripeWebhook({ rawBody: payload, signature })));
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    await drainStripeJobs();
    const state = await ledgerState(pledge.id);
    expect(state.payments).toHaveLength(1);
    expect(state.payments[0]?.allocations).toHaveLength(1);
    expect(state.receipts).toBe(1);
  });

  it('a crash after commit but before the 2xx, then redelivery, has no second effect', async () => {
    const { pledge, sessionId } = await giveByCard({ email: 'crash@example.org' });
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    const event = eventOfType(sessionEvents(sessionId), 'checkout.session.completed');
    const { payload, signature } = signedDelivery(stripe, event);
    // First delivery: queued and applied (committed), but Stripe never saw our 2xx.
    expect((await acceptStripeWebhook({ rawBody: payload, signature })).status).toBe(200);
    await drainStripeJobs();
    const afterFirst = await ledgerState(pledge.id);
    // Stripe redelivers; the job (were it queued again) would find the event applied.
    const again = await acceptStripeWebhook({ rawBody: payload, signature });
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await applyStripeEvent(event, { stripe })).toBe('duplicate');
    await drainStripeJobs();
    expect(await ledgerState(pledge.id)).toEqual(afterFirst);
    expect(afterFirst.payments).toHaveLength(1);
  });

  it('a crash inside the effect leaves nothing behind, and the redelivery applies it once', async () => {
    const { pledge, sessionId } = await giveByCard({ email: 'rollback@example.org' });
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    const event = eventOfType(sessionEvents(sessionId), 'checkout.session.completed');
    // A Stripe client that fails mid-effect, as a process dying there would.
    const failing = { paymentIntents: { retrieve: () => Promise.reject(new Error('process died')) } } as unknown as Stripe;
    await expect(applyStripeEvent(event, { stripe: failing })).rejects.toThrow('process died');
    expect(await db().processedWebhookEvent.count({ where: { id: event.id } })).toBe(0);
    expect((await ledgerState(pledge.id)).payments).toHaveLength(0);
    expect(await applyStripeEvent(event, { stripe })).toBe('applied');
    expect((await ledgerState(pledge.id)).payments).toHaveLength(1);
  });
});

describe('any order of events', () => {
  const permutations = <T>(items: T[]): T[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));

  it('all 6 orders of completed (unpaid), async_payment_succeeded and charge.refunded give the same state', async () => {
    const states = [];
    for (const order of permutations([0, 1, 2])) {
      const { pledge, sessionId } = await giveByCard({
        earmark: 'project',
        project: 'GLOT59',
        email: `order-${order.join('')}@example.org`,
      });
      await emulator.payCheckoutSession(sessionId, { delayed: 'succeed' });
      await emulator.settleDelayed(sessionId, 'succeed');
      const paymentIntent = await paymentIntentOf(sessionId);
      await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1_000 });
      const events = [
        eventOfType(sessionEvents(sessionId), 'checkout.session.completed'),
        eventOfType(sessionEvents(sessionId), 'checkout.session.async_payment_succeeded'),
        eventOfType(chargeEvents(paymentIntent, 'charge.refunded'), 'charge.refunded'),
      ];
      expect((events[0]!.data.object as Stripe.Checkout.Session).payment_status).toBe('unpaid');
      for (const index of order) expect(await applyStripeEvent(events[index]!, { stripe })).toBe('applied');
      const state = await ledgerState(pledge.id);
      states.push({ ...state, payments: state.payments.map(({ receivedAt: _r, ...rest }) => rest) });
    }
    expect(states[0]?.payments).toHaveLength(1);
    expect(states[0]?.payments[0]?.reversals).toEqual([
      ['REFUND', 1_000n, toUsdMinor({ amountMinor: 1_000n, currency: 'EUR', usdRate: rates.EUR })],
    ]);
    for (const state of states) expect(state).toEqual(states[0]);
  });
});

describe('refunds and disputes', () => {
  // This year and the next: a gift paid while the run straddles New Year's midnight counts in the next.
  const years = { fromYear: thisYear, toYear: thisYear + 1 };
  async function paidProjectGift(email: string, card = '4242424242424242') {
    const { pledge, sessionId } = await giveByCard({ earmark: 'project', project: 'GLOT59', email, amountMinor: 10_000n });
    const before = await getFundingFigures({ projectId: fixture.project.id, ...years });
    await emulator.payCheckoutSession(sessionId, { card });
    for (const event of sessionEvents(sessionId)) await applyStripeEvent(event, { stripe });
    const paymentIntent = await paymentIntentOf(sessionId);
    const paid = await getFundingFigures({ projectId: fixture.project.id, ...years });
    expect(paid.fundedUsdMinor - before.fundedUsdMinor).toBe(
      Number(toUsdMinor({ amountMinor: 10_000n, currency: 'EUR', usdRate: rates.EUR })),
    );
    return { pledge, paymentIntent, before, paid };
  }
  const figures = () => getFundingFigures({ projectId: fixture.project.id, ...years });

  it('a partial then a full refund reverse the payment; the gap is back where it was', async () => {
    const { pledge, paymentIntent, before } = await paidProjectGift('refund@example.org');
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 2_500 });
    await stripe.refunds.create({ payment_intent: paymentIntent });
    const refunds = chargeEvents(paymentIntent, 'charge.refunded');
    expect(refunds).toHaveLength(2);
    // delivered newest first: the cumulative total makes the older one a no-op
    expect(await applyStripeEvent(refunds[1]!, { stripe })).toBe('applied');
    expect(await applyStripeEvent(refunds[0]!, { stripe })).toMatch(/^ignored/);
    const state = await ledgerState(pledge.id);
    expect(state.payments[0]?.reversals.map(([kind, amount]) => [kind, amount])).toEqual([['REFUND', 10_000n]]);
    expect((await figures()).gapUsdMinor).toBe(before.gapUsdMinor);
  });

  it('partial refunds in order add up to the refunded total', async () => {
    const { pledge, paymentIntent, paid } = await paidProjectGift('partial@example.org');
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 2_500 });
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1_000 });
    for (const event of chargeEvents(paymentIntent, 'charge.refunded')) await applyStripeEvent(event, { stripe });
    const state = await ledgerState(pledge.id);
    expect(state.payments[0]?.reversals.map(([, amount]) => amount)).toEqual([1_000n, 2_500n]);
    const refundedUsd = toUsdMinor({ amountMinor: 3_500n, currency: 'EUR', usdRate: rates.EUR });
    expect(BigInt((await figures()).fundedUsdMinor)).toBe(BigInt(paid.fundedUsdMinor) - refundedUsd);
  });

  it('a dispute withdraws the money when it opens; losing makes that final, winning reinstates it', async () => {
    const lost = await paidProjectGift('dispute-lost@example.org', '4000000000000259');
    const [lostOpened] = chargeEvents(lost.paymentIntent, 'charge.dispute.created');
    expect(lostOpened).toBeDefined();
    await applyStripeEvent(lostOpened!, { stripe });
    // Open, not lost: the money is withdrawn, and the ledger says so.
    expect((await figures()).gapUsdMinor).toBe(lost.before.gapUsdMinor);
    const opened = (await ledgerState(lost.pledge.id)).payments[0]?.reversals ?? [];
    expect(opened.map(([kind]) => kind)).toEqual(['DISPUTE_WITHDRAWN']);
    await emulator.closeDispute((lostOpened!.data.object as Stripe.Dispute).id, 'lost');
    for (const event of chargeEvents(lost.paymentIntent, 'charge.dispute.closed')) await applyStripeEvent(event, { stripe });
    expect((await figures()).gapUsdMinor).toBe(lost.before.gapUsdMinor);
    const closed = (await ledgerState(lost.pledge.id)).payments[0]?.reversals ?? [];
    expect(closed.map(([kind, amount]) => [kind, amount]).sort()).toEqual([
      ['DISPUTE_FINAL', 0n],
      ['DISPUTE_WITHDRAWN', opened[0]?.[1]],
    ]);

    const won = await paidProjectGift('dispute-won@example.org', '4000000000000259');
    const [wonOpened] = chargeEvents(won.paymentIntent, 'charge.dispute.created');
    await emulator.closeDispute((wonOpened!.data.object as Stripe.Dispute).id, 'won');
    // closed before created: both steps still recorded once
    for (const event of chargeEvents(won.paymentIntent, 'charge.dispute.closed')) await applyStripeEvent(event, { stripe });
    await applyStripeEvent(wonOpened!, { stripe });
    expect((await figures()).gapUsdMinor).toBe(won.paid.gapUsdMinor);
    const reversals = (await ledgerState(won.pledge.id)).payments[0]?.reversals ?? [];
    expect(reversals.map(([kind]) => kind).sort()).toEqual(['DISPUTE_REINSTATED', 'DISPUTE_WITHDRAWN']);
    expect(reversals.reduce((sum, [, amount]) => sum + (amount as bigint), 0n)).toBe(0n);
  });
});

describe('currencies with 0 and 3 decimals', () => {
  it.each([
    ['JPY', 12_345n],
    ['KWD', 12_340n], // 12.340 KWD: Stripe wants the last of three decimals to be 0 for cards
  ] as const)('a %s gift keeps its exact minor units from form to ledger', async (currency, amountMinor) => {
    const { pledge, sessionId } = await giveByCard({ currency, amountMinor, email: `${currency.toLowerCase()}@example.org` });
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    expect(session.amount_total).toBe(Number(amountMinor));
    expect(session.currency).toBe(currency.toLowerCase());
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    for (const event of sessionEvents(sessionId)) await applyStripeEvent(event, { stripe });
    const payment = await db().payment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    expect(payment.amountMinor).toBe(amountMinor);
    expect(payment.currency).toBe(currency);
    expect(payment.usdMinor).toBe(toUsdMinor({ amountMinor, currency, usdRate: rates[currency] }));
    const receipt = await db().emailOutbox.findFirstOrThrow({ where: { idempotencyKey: `gift-receipt:${payment.id}` } });
    expect(receipt.props).toMatchObject({ amountMinor: amountMinor.toString(), currency });
  });
});

describe('events that change nothing', () => {
  it('answers unknown types and events about nothing with 2xx and logs why', async () => {
    const unknown = {
      id: 'evt_unknown_type_1',
      object: 'event',
      type: 'customer.tax_id.created',
      created: 1,
      data: { object: { id: 'txi_1' } },
    };
    const stray = {
      id: 'evt_stray_session_1',
      object: 'event',
      type: 'checkout.session.completed',
      created: 1,
      data: { object: { id: 'cs_test_not_ours', object: 'checkout.session', mode: 'payment', payment_status: 'paid', metadata: {} } },
    };
    for (const event of [unknown, stray]) {
      const { payload, signature } = signedDelivery(stripe, event);
      expect((await acceptStripeWebhook({ rawBody: payload, signature })).status).toBe(200);
    }
    await drainStripeJobs();
    expect(await db().processedWebhookEvent.findUnique({ where: { id: unknown.id } })).toMatchObject({
      outcome: 'ignored: unhandled event type',
    });
    expect(await db().processedWebhookEvent.findUnique({ where: { id: stray.id } })).toMatchObject({
      outcome: 'ignored: no matching pledge',
    });
  });

  it('an expired Checkout session closes the one-off card pledge without touching the figures', async () => {
    const { pledge, sessionId } = await giveByCard({ email: 'expired@example.org' });
    await stripe.checkout.sessions.expire(sessionId);
    for (const event of sessionEvents(sessionId)) await applyStripeEvent(event, { stripe });
    const state = await ledgerState(pledge.id);
    expect(state).toMatchObject({ checkout: ['expired'], events: ['CANCELLED'], payments: [] });
  });
});

describe('monthly gifts', () => {
  /** A £20 monthly gift by card, its Checkout paid on the emulator (its events not applied yet). */
  async function paidMonthlyGift(email: string) {
    const { pledge, sessionId } = await giveByCard({ frequency: 'monthly', currency: 'GBP', amountMinor: 2_000n, email });
    await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    return { pledge, sessionId, session: await stripe.checkout.sessions.retrieve(sessionId) };
  }

  it('a late event does not link the Stripe customer to a donor erased meanwhile (the erasure deletes it, decision 042)', async () => {
    const { pledge, sessionId, session } = await paidMonthlyGift('late@example.org');
    expect(session.customer).toEqual(expect.stringMatching(/^cus_/));
    await stripe.subscriptions.cancel(String(session.subscription));
    // The session's events have not arrived yet: the portal knows no running subscription, so the erasure goes ahead.
    await db().$transaction((tx) => eraseDonor({ db: tx, donorId: pledge.donorId, actor: { kind: 'donor' } }));
    for (const event of sessionEvents(sessionId)) await applyStripeEvent(event, { stripe });
    expect(await db().donor.findUniqueOrThrow({ where: { id: pledge.donorId } })).toMatchObject({
      stripeCustomerId: null,
      erasedAt: expect.any(Date),
    });
    expect(await db().checkoutSession.findFirstOrThrow({ where: { pledgeId: pledge.id } })).toMatchObject({ status: 'complete' });
    // Its deletion is queued instead, once, however often the event comes.
    for (const event of sessionEvents(sessionId)) await applyStripeEvent(event, { stripe });
    const jobs = await db().$queryRaw<{ key: string; payload: unknown }[]>`
      SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'delete-stripe-customer'`;
    expect(jobs).toEqual([{ key: `delete-stripe-customer:${String(session.customer)}`, payload: { customerId: session.customer } }]);
  });

  it('records each paid invoice, mails a failure notice once, and ends with the subscription', async () => {
    const { pledge, sessionId, session } = await paidMonthlyGift('monthly@example.org');
    const subscriptionId = String(session.subscription);
    await emulator.renewSubscription(subscriptionId, {});
    await emulator.renewSubscription(subscriptionId, { fail: true });
    await stripe.subscriptions.cancel(subscriptionId);
    const events = stripeEvents(emulator).filter((event) => {
      const object = event.data.object as {
        id?: string;
        subscription?: string;
        parent?: { subscription_details?: { subscription?: string } };
      };
      return (
        object.id === sessionId || object.id === subscriptionId || object.parent?.subscription_details?.subscription === subscriptionId
      );
    });
    // reversed order on purpose: invoices before the session, the deletion first
    for (const event of [...events].reverse()) await applyStripeEvent(event, { stripe });
    const state = await ledgerState(pledge.id);
    expect(state.payments.map((payment) => payment.amountMinor)).toEqual([2_000n, 2_000n]);
    expect(state.receipts).toBe(2);
    expect(state.events).toEqual(['CANCELLED']);
    expect(await db().emailOutbox.count({ where: { template: 'monthly-payment-failed', donor: { email: 'monthly@example.org' } } })).toBe(
      1,
    );
    const row = await db().checkoutSession.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    expect(row).toMatchObject({ stripeSubscriptionId: subscriptionId, subscriptionStatus: 'canceled', status: 'complete' });
  });
});
