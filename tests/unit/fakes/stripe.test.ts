// The Stripe emulator speaks the API the real SDK expects, pays through its hosted pages and
// control API, and delivers webhooks the SDK can verify, retrying failures as Stripe does.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStripeEmulator, type StripeEmulator } from '../../fakes/stripe.ts';
import { parseParams } from '../../fakes/stripe/params.ts';

const SECRET = 'whsec_test_emulator_secret';
// Card expiry dates a few years after today's: the emulator refuses one in the past, as Stripe does.
const laterYear = new Date().getUTCFullYear() + 7;
const EXPIRY = `12/${String(laterYear % 100).padStart(2, '0')}`;
const OTHER_EXPIRY = `11/${String((laterYear - 1) % 100).padStart(2, '0')}`;
const PAYMENT_TYPES = ['checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded'];

interface Received {
  raw: string;
  signature: string;
  event: {
    id: string;
    type: string;
    data: { object: { id: string } & Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  };
  status: number;
}

/** A webhook endpoint that records what arrives and answers with `respond(eventId, attempt)`. */
async function startReceiver() {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  let respond: (eventId: string, attempt: number) => number = () => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(raw) as Received['event'];
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      const status = respond(event.id, attempt);
      received.push({ raw, signature: String(req.headers['stripe-signature']), event, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    setResponder(next: typeof respond) {
      respond = next;
    },
    /** Delivered (2xx) events about one object, in arrival order. */
    about(objectId: string) {
      return received.filter((entry) => entry.status < 300 && entry.event.data.object.id === objectId).map((entry) => entry.event);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let emulator: StripeEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await startStripeEmulator({ webhookUrl: receiver.url, webhookSecret: SECRET, retryBaseMs: 20, delayedSettleMs: Infinity });
  stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 });
});

afterAll(async () => {
  await emulator?.close();
  await receiver?.close();
});

function oneOffSession(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}, amount = 2500, currency = 'EUR') {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: 'Gift to the programme' } } }],
    success_url: 'http://localhost:3000/give/thanks?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:3000/give',
    client_reference_id: 'pledge-1',
    metadata: { pledgeId: 'pledge-1' },
    payment_intent_data: { metadata: { pledgeId: 'pledge-1', instalmentId: 'inst-1' } },
    ...overrides,
  });
}

function monthlySession(metadata: Record<string, string> = { pledgeId: 'pledge-m' }) {
  return stripe.checkout.sessions.create({
    mode: 'subscription',
    customer_email: 'donor@example.org',
    line_items: [
      {
        quantity: 1,
        price_data: { currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' }, product_data: { name: 'Monthly gift' } },
      },
    ],
    success_url: 'http://localhost:3000/give/thanks?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:3000/give',
    subscription_data: { metadata },
  });
}

async function form(url: string, fields: Record<string, string>) {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}

const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('Stripe emulator: API', () => {
  it('creates a Checkout Session shaped like Stripe’s, replays an Idempotency-Key and refuses its reuse', async () => {
    const first = await oneOffSession({}, 2500, 'EUR');
    expect(first).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2500,
      currency: 'eur',
      client_reference_id: 'pledge-1',
      metadata: { pledgeId: 'pledge-1' },
      payment_intent: null,
      livemode: false,
    });
    expect(first.id).toMatch(/^cs_test_[A-Za-z0-9]{50,}$/);
    expect(first.url).toBe(`${emulator.url}/c/pay/${first.id}`);
    expect(first.expires_at - first.created).toBe(24 * 3600);

    const params: Stripe.Checkout.SessionCreateParams = {
      mode: 'payment',
      line_items: [{ quantity: 2, price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Gift' } } }],
      success_url: 'http://localhost:3000/ok',
    };
    const keyed = await stripe.checkout.sessions.create(params, { idempotencyKey: 'pledge-42:checkout' });
    const replay = await stripe.checkout.sessions.create(params, { idempotencyKey: 'pledge-42:checkout' });
    expect(replay.id).toBe(keyed.id);
    expect(keyed.amount_total).toBe(3000);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(keyed.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    const conflict = stripe.checkout.sessions.create(
      { ...params, success_url: 'http://localhost:3000/other' },
      { idempotencyKey: 'pledge-42:checkout' },
    );
    await expect(conflict).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400, rawType: 'idempotency_error' });
    const sessions = await stripe.checkout.sessions.list({ limit: 100 });
    expect(sessions.data.filter((session) => session.id === keyed.id)).toHaveLength(1);

    const retrieved = await stripe.checkout.sessions.retrieve(first.id);
    expect(retrieved).toMatchObject({ id: first.id, status: 'open', amount_total: 2500 });
    const items = await stripe.checkout.sessions.retrieve(first.id, { expand: ['line_items'] });
    expect(items.line_items?.data[0]).toMatchObject({
      object: 'item',
      amount_total: 2500,
      quantity: 1,
      description: 'Gift to the programme',
      price: { unit_amount: 2500, currency: 'eur', type: 'one_time' },
    });
  });

  it('expires an open session with checkout.session.expired, once', async () => {
    const session = await oneOffSession();
    const expired = await stripe.checkout.sessions.expire(session.id, undefined, { idempotencyKey: `expire:${session.id}` });
    expect(expired).toMatchObject({ status: 'expired', url: null, payment_status: 'unpaid' });
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError' });
    await emulator.waitForDeliveries();
    const events = receiver.about(session.id);
    expect(types(events)).toEqual(['checkout.session.expired']);
    expect(events[0]).toMatchObject({ request: { idempotency_key: `expire:${session.id}` }, data: { object: { status: 'expired' } } });
    const page = await fetch(session.url ?? '');
    expect(page.status).toBe(410);
  });

  it('answers with Stripe-shaped errors: auth, missing and unknown parameters, unknown ids, amount rules', async () => {
    const noKey = await fetch(`${emulator.url}/v1/checkout/sessions/cs_test_x`);
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({
      error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') },
    });
    const badKey = await fetch(`${emulator.url}/v1/customers`, { method: 'POST', headers: { Authorization: 'Bearer not_a_key' } });
    expect(badKey.status).toBe(401);
    await expect(
      new Stripe('pk_test_x', { host: '127.0.0.1', port: emulator.port, protocol: 'http' }).customers.create({}),
    ).rejects.toMatchObject({ statusCode: 401 });

    await expect(stripe.checkout.sessions.retrieve('cs_test_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      type: 'StripeInvalidRequestError',
    });
    await expect(oneOffSession({ mode: undefined })).rejects.toMatchObject({ statusCode: 400, param: 'mode' });
    await expect(oneOffSession({ customer: 'cus_nobody', customer_email: undefined })).rejects.toMatchObject({
      statusCode: 404,
      param: 'customer',
    });
    await expect(oneOffSession({ consent_collection: { terms_of_service: 'required' } })).rejects.toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'consent_collection',
    });
    await expect(oneOffSession({}, 10, 'usd')).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('at least $0.50 usd'),
    });
    await expect(oneOffSession({}, 12345, 'kwd')).rejects.toMatchObject({ statusCode: 400, code: 'amount_invalid' });
    const recurringInPayment = stripe.checkout.sessions.create({
      mode: 'payment',
      success_url: 'http://localhost:3000/ok',
      line_items: [
        { quantity: 1, price_data: { currency: 'usd', unit_amount: 1000, recurring: { interval: 'month' }, product_data: { name: 'x' } } },
      ],
    });
    await expect(recurringInPayment).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('recurring price') });
    const unknownRoute = await fetch(`${emulator.url}/v1/nothing`, { headers: { Authorization: 'Bearer sk_test_x' } });
    expect(unknownRoute.status).toBe(404);
  });

  it('parses Stripe’s bracketed form syntax into nested objects and arrays', () => {
    const parsed = parseParams(
      'line_items[0][price_data][unit_amount]=2500&line_items[0][price_data][product_data][name]=Gift%20%26%20more&line_items[1][quantity]=2&metadata[pledgeId]=p-1&expand[]=payments&expand[]=line_items&success_url=http%3A%2F%2Fx%2F%3Fs%3D%7BCHECKOUT_SESSION_ID%7D',
    );
    expect(parsed).toEqual({
      line_items: [{ price_data: { unit_amount: '2500', product_data: { name: 'Gift & more' } } }, { quantity: '2' }],
      metadata: { pledgeId: 'p-1' },
      expand: ['payments', 'line_items'],
      success_url: 'http://x/?s={CHECKOUT_SESSION_ID}',
    });
    expect(() => parseParams('line_items[1][quantity]=1')).toThrow(/consecutive indices/);
    expect(() => parseParams('metadata[__proto__][x]=1')).toThrow(/Invalid parameter name/);
    expect(() => parseParams('metadata=1&metadata[a]=2')).toThrow(/Invalid hash/);
  });

  it('creates and retrieves customers', async () => {
    const customer = await stripe.customers.create(
      { email: 'company@example.org', name: 'ACME Foundation', metadata: { donorId: 'd-1' } },
      { idempotencyKey: 'donor:d-1' },
    );
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'company@example.org',
      name: 'ACME Foundation',
      metadata: { donorId: 'd-1' },
      livemode: false,
    });
    expect(customer.id).toMatch(/^cus_/);
    expect((await stripe.customers.retrieve(customer.id)).id).toBe(customer.id);
    await expect(stripe.customers.retrieve('cus_missing')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('deletes a customer as Stripe does: a tombstone GET still answers, a second DELETE is resource_missing, its subscriptions end', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-erased' });
    const { subscription } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const customerId = String(subscription?.customer);
    expect(customerId).toMatch(/^cus_/);

    expect(await stripe.customers.del(customerId)).toEqual({ id: customerId, object: 'customer', deleted: true });
    // The SDK types a retrieve as Customer | DeletedCustomer: the wire body is exactly the tombstone.
    expect(await stripe.customers.retrieve(customerId)).toEqual({ id: customerId, object: 'customer', deleted: true });
    expect((await stripe.customers.list({ limit: 100 })).data.map((customer) => customer.id)).not.toContain(customerId);
    expect(await stripe.subscriptions.retrieve(String(subscription?.id))).toMatchObject({ status: 'canceled' });
    expect(await stripe.subscriptions.retrieve(String(subscription?.id), { expand: ['customer'] })).toMatchObject({
      customer: { id: customerId, object: 'customer', deleted: true },
    });
    await expect(stripe.customers.update(customerId, { name: 'Someone' })).rejects.toMatchObject({ statusCode: 404 });
    for (const id of [customerId, 'cus_neverExisted']) {
      await expect(stripe.customers.del(id)).rejects.toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
        message: `No such customer: '${id}'`,
      });
    }
    await emulator.waitForDeliveries();
    expect(types(receiver.about(customerId))).toContain('customer.deleted');
    expect(types(receiver.about(String(subscription?.id)))).toContain('customer.subscription.deleted');
  });

  it('adds the configured latency to API responses', async () => {
    const slow = await startStripeEmulator({ webhookSecret: SECRET, latencyMs: 150 });
    try {
      const client = new Stripe('sk_test_x', { host: '127.0.0.1', port: slow.port, protocol: 'http' });
      const started = Date.now();
      await client.customers.create({ email: 'a@example.org' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      await slow.close();
    }
  });
});

describe('Stripe emulator: paying one-off gifts', () => {
  it('pays by card through the control API and delivers signed events constructEvent accepts', async () => {
    const session = await oneOffSession();
    const result = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    expect(result.outcome).toBe('paid');
    expect(result.session).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: result.paymentIntent?.id,
      customer_details: { email: 'test.donor@example.com' },
    });

    const intent = await stripe.paymentIntents.retrieve(String(result.paymentIntent?.id), { expand: ['latest_charge'] });
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 2500,
      amount_received: 2500,
      currency: 'eur',
      metadata: { pledgeId: 'pledge-1', instalmentId: 'inst-1' },
    });
    expect(intent.latest_charge).toMatchObject({
      object: 'charge',
      payment_intent: intent.id,
      amount: 2500,
      currency: 'eur',
      paid: true,
      status: 'succeeded',
      metadata: {},
      amount_refunded: 0,
    });
    const listed = await stripe.checkout.sessions.list({ payment_intent: intent.id });
    expect(listed.data.map((entry) => entry.id)).toEqual([session.id]);

    await emulator.waitForDeliveries();
    const deliveries = receiver.received.filter((entry) => [session.id, intent.id, result.charge?.id].includes(entry.event.data.object.id));
    expect(types(deliveries.map((entry) => entry.event)).sort()).toEqual([...PAYMENT_TYPES].sort());
    for (const delivery of deliveries) {
      expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = stripe.webhooks.constructEvent(delivery.raw, delivery.signature, SECRET);
      expect(event).toMatchObject({
        object: 'event',
        api_version: '2026-10-28.endive',
        livemode: false,
        request: { id: null, idempotency_key: null },
      });
      expect(event.id).toMatch(/^evt_/);
      expect(() => stripe.webhooks.constructEvent(delivery.raw, delivery.signature, 'whsec_wrong')).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
      expect(() =>
        stripe.webhooks.constructEvent(delivery.raw.replace('"livemode": false', '"livemode": true'), delivery.signature, SECRET),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    }
    const completed = deliveries.find((entry) => entry.event.type === 'checkout.session.completed')?.event;
    expect(completed?.data.object).toMatchObject({
      id: session.id,
      payment_status: 'paid',
      payment_intent: intent.id,
      metadata: { pledgeId: 'pledge-1' },
    });
    await expect(emulator.payCheckoutSession(session.id, { card: '4242424242424242' })).rejects.toThrow(/complete/);
  });

  it('pays through the hosted page form; a declined card re-renders the error and leaves the session open', async () => {
    const session = await oneOffSession({ customer_email: 'donor@example.org' });
    const page = await fetch(String(session.url));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('€25.00');
    expect(html).toContain('<label for="card-number">Card number</label>');
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain('href="http://localhost:3000/give">Cancel and go back</a>');
    expect(html).toContain('Pay by delayed method (bank debit)');
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[^"]*\.(css|js)/);

    const eventsBefore = emulator.events().length;
    const declined = await form(String(session.url), {
      method: 'card',
      card: '4000 0000 0000 0002',
      expiry: EXPIRY.replace('/', ' / '),
      cvc: '123',
    });
    expect(declined.status).toBe(402);
    const declinedHtml = await declined.text();
    expect(declinedHtml).toContain('role="alert"');
    expect(declinedHtml).toContain('Your card was declined.');
    expect(declinedHtml).toContain('value="4000 0000 0000 0002"');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect(emulator.events().length).toBe(eventsBefore);

    const paid = await form(String(session.url), {
      method: 'card',
      card: '4242 4242 4242 4242',
      expiry: EXPIRY.replace('/', ' / '),
      cvc: '123',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://localhost:3000/give/thanks?session=${session.id}`);
    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'paid', customer_details: { email: 'donor@example.org' } });
    // Submitting again (back button) does not pay twice.
    const again = await form(String(session.url), { method: 'card', card: '4242424242424242', expiry: EXPIRY, cvc: '123' });
    expect(again.status).toBe(303);
    expect(
      emulator.events().filter((event) => event.type === 'checkout.session.completed' && event.data.object.id === session.id),
    ).toHaveLength(1);
  });

  it('a dispute card pays, then opens a dispute that can be closed won or lost', async () => {
    const session = await oneOffSession({}, 5000, 'usd');
    const result = await emulator.payCheckoutSession(session.id, { card: '4000 0000 0000 0259' });
    expect(result.outcome).toBe('paid');
    expect(result.dispute).toMatchObject({
      object: 'dispute',
      status: 'needs_response',
      amount: 5000,
      currency: 'usd',
      charge: result.charge?.id,
      payment_intent: result.paymentIntent?.id,
    });
    await expect(stripe.refunds.create({ payment_intent: String(result.paymentIntent?.id) })).rejects.toMatchObject({
      code: 'charge_disputed',
    });
    const closed = await emulator.closeDispute(String(result.dispute?.id), 'lost');
    expect(closed.status).toBe('lost');
    await expect(emulator.closeDispute(String(result.dispute?.id), 'won')).rejects.toThrow(/already lost/);
    await emulator.waitForDeliveries();
    const events = receiver.about(String(result.dispute?.id));
    expect(events.map((event) => `${event.type}:${event.data.object.status}`).sort()).toEqual([
      'charge.dispute.closed:lost',
      'charge.dispute.created:needs_response',
    ]);
    expect((await stripe.charges.retrieve(String(result.charge?.id))).disputed).toBe(true);
  });

  it('refunds in part and in full, updating the charge and sending charge.refunded', async () => {
    const session = await oneOffSession({}, 5000, 'jpy');
    const { paymentIntent, charge } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const partial = await stripe.refunds.create(
      { payment_intent: String(paymentIntent?.id), amount: 1500 },
      { idempotencyKey: 'refund-1' },
    );
    const replay = await stripe.refunds.create({ payment_intent: String(paymentIntent?.id), amount: 1500 }, { idempotencyKey: 'refund-1' });
    expect(replay.id).toBe(partial.id);
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 1500,
      currency: 'jpy',
      status: 'succeeded',
      charge: charge?.id,
      payment_intent: paymentIntent?.id,
    });
    expect(await stripe.charges.retrieve(String(charge?.id))).toMatchObject({ amount_refunded: 1500, refunded: false });
    await expect(stripe.refunds.create({ charge: String(charge?.id), amount: 4000 })).rejects.toMatchObject({
      statusCode: 400,
      code: 'amount_too_large',
    });
    const rest = await stripe.refunds.create({ charge: String(charge?.id) });
    expect(rest.amount).toBe(3500);
    const refundedCharge = await stripe.charges.retrieve(String(charge?.id), { expand: ['refunds'] });
    expect(refundedCharge).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(refundedCharge.refunds?.data.map((refund) => refund.amount).sort()).toEqual([1500, 3500]);
    await expect(stripe.refunds.create({ charge: String(charge?.id) })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    await emulator.waitForDeliveries();
    const refunded = receiver.about(String(charge?.id)).filter((event) => event.type === 'charge.refunded');
    expect(refunded.map((event) => [event.data.object.amount_refunded, event.data.object.refunded]).sort()).toEqual([
      [1500, false],
      [5000, true],
    ]);
  });

  it('the delayed method completes unpaid, then succeeds or fails later', async () => {
    const session = await oneOffSession();
    const pending = await emulator.payCheckoutSession(session.id, { delayed: 'succeed' });
    expect(pending.outcome).toBe('processing');
    expect(pending.session).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect(pending.paymentIntent).toMatchObject({ status: 'processing', amount_received: 0 });
    const settled = await emulator.settleDelayed(session.id, 'succeed');
    expect(settled).toMatchObject({
      outcome: 'paid',
      session: { payment_status: 'paid' },
      paymentIntent: { status: 'succeeded', amount_received: 2500 },
      charge: { status: 'succeeded', paid: true },
    });
    await expect(emulator.settleDelayed(session.id, 'fail')).rejects.toThrow(/no delayed payment/);
    await emulator.waitForDeliveries();
    const events = receiver.about(session.id);
    expect(events.map((event) => `${event.type}:${event.data.object.payment_status}`).sort()).toEqual([
      'checkout.session.async_payment_succeeded:paid',
      'checkout.session.completed:unpaid',
    ]);

    // Chosen on the page, settled by the timer.
    const timed = await startStripeEmulator({ webhookSecret: SECRET, delayedSettleMs: 30 });
    try {
      const client = new Stripe('sk_test_x', { host: '127.0.0.1', port: timed.port, protocol: 'http' });
      const other = await client.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 900, product_data: { name: 'Gift' } } }],
        success_url: 'http://localhost:3000/thanks',
      });
      const submitted = await form(String(other.url), { email: 'bank@example.org', method: 'delayed', delayedOutcome: 'fail' });
      expect(submitted.status).toBe(303);
      await expect.poll(() => types(timed.events()).includes('checkout.session.async_payment_failed'), { timeout: 2000 }).toBe(true);
      const intent = await client.paymentIntents.retrieve(String((await client.checkout.sessions.retrieve(other.id)).payment_intent), {
        expand: ['latest_charge'],
      });
      expect(intent).toMatchObject({
        status: 'requires_payment_method',
        latest_charge: { status: 'failed', failure_code: 'insufficient_funds' },
      });
    } finally {
      await timed.close();
    }
  });
});

describe('Stripe emulator: monthly gifts', () => {
  it('a subscription checkout creates customer, subscription and a paid first invoice that maps to its PaymentIntent', async () => {
    const session = await monthlySession();
    const result = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    expect(result.session).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: null,
      subscription: result.subscription?.id,
      customer: result.customer?.id,
      invoice: result.invoice?.id,
    });
    expect(result.customer).toMatchObject({ email: 'donor@example.org' });
    expect(result.subscription).toMatchObject({
      status: 'active',
      metadata: { pledgeId: 'pledge-m' },
      customer: result.customer?.id,
      latest_invoice: result.invoice?.id,
    });
    expect(result.subscription?.items.data[0]).toMatchObject({
      quantity: 1,
      price: { unit_amount: 1000, currency: 'usd', recurring: { interval: 'month', interval_count: 1 } },
    });

    const invoice = await stripe.invoices.retrieve(String(result.invoice?.id), { expand: ['payments'] });
    expect(invoice).toMatchObject({
      status: 'paid',
      amount_paid: 1000,
      currency: 'usd',
      billing_reason: 'subscription_create',
      hosted_invoice_url: `${emulator.url}/i/${invoice.id}`,
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: result.subscription?.id, metadata: { pledgeId: 'pledge-m' } },
      },
    });
    const intentId = invoice.payments?.data[0]?.payment.payment_intent;
    expect(typeof intentId).toBe('string');
    const intent = await stripe.paymentIntents.retrieve(String(intentId));
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 1000, customer: result.customer?.id, metadata: {} });
    const deep = await stripe.invoices.retrieve(invoice.id, { expand: ['payments.data.payment.payment_intent'] });
    expect(deep.payments?.data[0]?.payment.payment_intent).toMatchObject({ object: 'payment_intent', id: intentId });
    await expect(stripe.invoices.retrieve(invoice.id, { expand: ['metadata'] })).rejects.toMatchObject({ statusCode: 400 });

    await emulator.waitForDeliveries();
    const delivered = receiver.received.map((entry) => entry.event);
    const sessionEvents = types(delivered.filter((event) => event.data.object.id === session.id));
    expect(sessionEvents).toEqual(['checkout.session.completed']);
    expect(types(delivered.filter((event) => event.data.object.id === result.subscription?.id))).toEqual(['customer.subscription.created']);
    expect(types(delivered.filter((event) => event.data.object.id === invoice.id)).sort()).toEqual([
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
  });

  it('renewals pay or fail; the hosted invoice page pays a failed invoice and the subscription is active again', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-r' });
    const { subscription } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const subscriptionId = String(subscription?.id);
    const firstPeriodEnd = subscription?.items.data[0]?.current_period_end;

    const renewed = await emulator.renewSubscription(subscriptionId);
    expect(renewed).toMatchObject({
      outcome: 'paid',
      invoice: { status: 'paid', amount_paid: 1000, billing_reason: 'subscription_cycle' },
      subscription: { status: 'active' },
    });
    expect(renewed.subscription.items.data[0]?.current_period_start).toBe(firstPeriodEnd);

    const failed = await emulator.renewSubscription(subscriptionId, { fail: true });
    expect(failed).toMatchObject({
      outcome: 'failed',
      invoice: { status: 'open', amount_paid: 0, amount_remaining: 1000, attempt_count: 1 },
      subscription: { status: 'past_due' },
    });
    expect(failed.invoice?.parent?.subscription_details?.metadata).toEqual({ pledgeId: 'pledge-r' });
    const failedInvoiceId = String(failed.invoice?.id);
    await emulator.waitForDeliveries();
    expect(types(receiver.about(failedInvoiceId))).toEqual(['invoice.payment_failed']);
    // Deliveries run concurrently, so events about one object may arrive in any order.
    const updates = receiver.about(subscriptionId).filter((event) => event.type === 'customer.subscription.updated');
    expect(updates.find((event) => event.data.object.status === 'past_due')).toMatchObject({
      data: { previous_attributes: { status: 'active' } },
    });

    const page = await fetch(String(failed.invoice?.hosted_invoice_url));
    expect(await page.text()).toContain('<button type="submit">Pay</button>');
    const declined = await form(String(failed.invoice?.hosted_invoice_url), { card: '4000000000000002', expiry: EXPIRY, cvc: '123' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    const paid = await form(String(failed.invoice?.hosted_invoice_url), { card: '4242424242424242', expiry: EXPIRY, cvc: '123' });
    expect(paid.status).toBe(303);
    expect(await (await fetch(String(failed.invoice?.hosted_invoice_url))).text()).toContain('This invoice is paid');
    const invoice = await stripe.invoices.retrieve(failedInvoiceId, { expand: ['payments'] });
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 1000 });
    const intent = await stripe.paymentIntents.retrieve(String(invoice.payments?.data[0]?.payment.payment_intent));
    expect(intent.status).toBe('succeeded');
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');
    await emulator.waitForDeliveries();
    expect(types(receiver.about(failedInvoiceId)).sort()).toEqual(['invoice.paid', 'invoice.payment_failed', 'invoice.payment_succeeded']);
    expect(receiver.about(subscriptionId).find((event) => event.data.previous_attributes?.status === 'past_due')).toMatchObject({
      type: 'customer.subscription.updated',
      data: { object: { status: 'active' } },
    });
  });

  it('updates and cancels subscriptions through the SDK', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-c' });
    const { subscription } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const id = String(subscription?.id);
    const updated = await stripe.subscriptions.update(id, { metadata: { note: 'x' }, cancel_at_period_end: true });
    expect(updated).toMatchObject({
      metadata: { pledgeId: 'pledge-c', note: 'x' },
      cancel_at_period_end: true,
      cancel_at: subscription?.items.data[0]?.current_period_end,
    });
    const renewal = await emulator.renewSubscription(id);
    expect(renewal).toMatchObject({ outcome: 'canceled', subscription: { status: 'canceled' } });

    const other = await monthlySession({ pledgeId: 'pledge-d' });
    const paid = await emulator.payCheckoutSession(other.id, { card: '4242424242424242' });
    const canceled = await stripe.subscriptions.cancel(String(paid.subscription?.id));
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_details: { reason: 'cancellation_requested' } });
    await expect(stripe.subscriptions.cancel(String(paid.subscription?.id))).rejects.toMatchObject({ statusCode: 400 });
    await emulator.waitForDeliveries();
    expect(types(receiver.about(id)).sort()).toEqual([
      'customer.subscription.created',
      'customer.subscription.deleted',
      'customer.subscription.updated',
    ]);
    expect(types(receiver.about(String(paid.subscription?.id)))).toContain('customer.subscription.deleted');
  });

  it('the billing portal updates the card used for renewals', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-p' });
    const { customer, subscription } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const portal = await stripe.billingPortal.sessions.create({
      customer: String(customer?.id),
      return_url: 'http://localhost:3000/account',
    });
    expect(portal).toMatchObject({
      object: 'billing_portal.session',
      customer: customer?.id,
      return_url: 'http://localhost:3000/account',
      url: `${emulator.url}/p/${portal.id}`,
    });
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('Visa ending in 4242');
    expect(html).toContain('<button type="submit">Update card</button>');
    expect(html).toContain('href="http://localhost:3000/account"');
    const declined = await form(portal.url, { card: '4000000000000002', expiry: EXPIRY, cvc: '123' });
    expect(declined.status).toBe(402);
    const saved = await form(portal.url, { card: '5555 5555 5555 4444', expiry: OTHER_EXPIRY, cvc: '321' });
    expect(saved.status).toBe(303);
    const after = await (await fetch(`${emulator.url}${saved.headers.get('location')}`)).text();
    expect(after).toContain('Your card was updated.');
    expect(after).toContain(`Mastercard ending in 4444, expires 11/${laterYear - 1}`);
    const renewed = await emulator.renewSubscription(String(subscription?.id));
    const method = await stripe.paymentMethods.retrieve(String(renewed.paymentIntent?.payment_method));
    expect(method.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  });

  it('changes the price without proration (the preview shows it), pauses (renewals charge nothing) and resumes', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-x' });
    const { subscription } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const id = String(subscription?.id);
    const item = subscription!.items.data[0]!;
    await expect(
      stripe.subscriptions.update(id, {
        items: [
          {
            id: item.id,
            price_data: { currency: 'usd', product: String(item.price.product), unit_amount: 2500, recurring: { interval: 'month' } },
          },
        ],
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'proration_behavior' });
    await expect(
      stripe.subscriptions.update(id, {
        proration_behavior: 'none',
        items: [
          {
            id: item.id,
            price_data: { currency: 'eur', product: String(item.price.product), unit_amount: 2500, recurring: { interval: 'month' } },
          },
        ],
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    const changed = await stripe.subscriptions.update(
      id,
      {
        proration_behavior: 'none',
        items: [
          {
            id: item.id,
            price_data: { currency: 'usd', product: String(item.price.product), unit_amount: 2500, recurring: { interval: 'month' } },
          },
        ],
      },
      { idempotencyKey: `change-${id}` },
    );
    expect(changed.items.data[0]).toMatchObject({ id: item.id, price: { unit_amount: 2500, currency: 'usd' }, plan: { amount: 2500 } });
    const preview = await stripe.invoices.createPreview({ subscription: id });
    expect(preview).toMatchObject({
      object: 'invoice',
      status: 'draft',
      amount_due: 2500,
      billing_reason: 'subscription_cycle',
      next_payment_attempt: item.current_period_end,
    });
    expect(preview.id.startsWith('upcoming_in_')).toBe(true);
    await expect(stripe.invoices.retrieve(preview.id)).rejects.toMatchObject({ statusCode: 404 });

    const paused = await stripe.subscriptions.update(id, { pause_collection: { behavior: 'void' } });
    expect(paused).toMatchObject({ status: 'active', pause_collection: { behavior: 'void', resumes_at: null } });
    const skipped = await emulator.renewSubscription(id);
    expect(skipped).toMatchObject({ outcome: 'paused', charge: null, invoice: { status: 'void', amount_paid: 0, amount_due: 2500 } });
    const resumed = await stripe.subscriptions.update(id, { pause_collection: '' });
    expect(resumed.pause_collection).toBeNull();
    const renewed = await emulator.renewSubscription(id);
    expect(renewed).toMatchObject({ outcome: 'paid', invoice: { status: 'paid', amount_paid: 2500 } });

    await emulator.waitForDeliveries();
    const updates = receiver.about(id).filter((event) => event.type === 'customer.subscription.updated');
    expect(updates.find((event) => event.data.previous_attributes?.items)).toMatchObject({
      data: {
        previous_attributes: { items: { data: [{ price: { unit_amount: 1000 } }] } },
        object: { items: { data: [{ price: { unit_amount: 2500 } }] } },
      },
    });
    expect(updates.find((event) => event.data.previous_attributes?.pause_collection === null)).toMatchObject({
      data: { object: { pause_collection: { behavior: 'void' } } },
    });
    expect(
      updates.find((event) => (event.data.previous_attributes?.pause_collection as { behavior?: string } | undefined)?.behavior === 'void'),
    ).toMatchObject({
      data: { object: { pause_collection: null } },
    });
    expect(types(receiver.about(String(skipped.invoice?.id))).sort()).toEqual(['invoice.created', 'invoice.voided']);
  });

  it('a portal session with a card-update flow redirects back after the card is saved', async () => {
    const session = await monthlySession({ pledgeId: 'pledge-f' });
    const { customer } = await emulator.payCheckoutSession(session.id, { card: '4242424242424242' });
    const portal = await stripe.billingPortal.sessions.create({
      customer: String(customer?.id),
      return_url: 'http://localhost:3000/account',
      flow_data: {
        type: 'payment_method_update',
        after_completion: { type: 'redirect', redirect: { return_url: 'http://localhost:3000/account/done' } },
      },
    });
    expect(portal.flow).toMatchObject({
      type: 'payment_method_update',
      after_completion: { type: 'redirect', redirect: { return_url: 'http://localhost:3000/account/done' } },
    });
    const saved = await form(portal.url, { card: '5555 5555 5555 4444', expiry: OTHER_EXPIRY, cvc: '321' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('http://localhost:3000/account/done');
  });
});

describe('Stripe emulator: webhook delivery', () => {
  it('retries a failing endpoint with exponential backoff until it answers 2xx', async () => {
    receiver.setResponder((_eventId, attempt) => (attempt < 3 ? 500 : 200));
    try {
      const session = await oneOffSession();
      await stripe.checkout.sessions.expire(session.id);
      await emulator.waitForDeliveries();
      const event = emulator.events().find((entry) => entry.type === 'checkout.session.expired' && entry.data.object.id === session.id);
      const attempts = emulator.deliveries().filter((attempt) => attempt.eventId === event?.id);
      expect(attempts.map((attempt) => [attempt.attempt, attempt.statusCode, attempt.outcome])).toEqual([
        [1, 500, 'retrying'],
        [2, 500, 'retrying'],
        [3, 200, 'delivered'],
      ]);
      const [first, second, third] = attempts.map((attempt) => Date.parse(attempt.at));
      expect(Number(second) - Number(first)).toBeGreaterThanOrEqual(20);
      expect(Number(third) - Number(second)).toBeGreaterThanOrEqual(40);
      expect((await stripe.events.retrieve(String(event?.id))).pending_webhooks).toBe(0);
    } finally {
      receiver.setResponder(() => 200);
    }
  });

  it('gives up after the last attempt when the endpoint is unreachable, and follows a changed URL', async () => {
    const unreachable = await startStripeEmulator({
      webhookSecret: SECRET,
      webhookUrl: 'http://127.0.0.1:9/webhooks',
      retryBaseMs: 5,
      maxDeliveryAttempts: 3,
    });
    try {
      const client = new Stripe('sk_test_x', { host: '127.0.0.1', port: unreachable.port, protocol: 'http' });
      await client.customers.create({ email: 'a@example.org' });
      await unreachable.waitForDeliveries();
      expect(unreachable.deliveries().map((attempt) => [attempt.attempt, attempt.statusCode, attempt.outcome])).toEqual([
        [1, null, 'retrying'],
        [2, null, 'retrying'],
        [3, null, 'failed'],
      ]);
      expect(unreachable.deliveries()[0]?.error).toBeTruthy();

      unreachable.setWebhook({ url: receiver.url, secret: 'whsec_rotated' });
      const customer = await client.customers.create({ email: 'b@example.org' });
      await unreachable.waitForDeliveries();
      const [delivery] = receiver.received.filter((entry) => entry.event.data.object.id === customer.id);
      expect(stripe.webhooks.constructEvent(String(delivery?.raw), String(delivery?.signature), 'whsec_rotated').type).toBe(
        'customer.created',
      );
    } finally {
      await unreachable.close();
    }
  });

  it('offers the control API over HTTP and an overview page', async () => {
    const session = await oneOffSession();
    const paid = await fetch(`${emulator.url}/_emulator/checkout/sessions/${session.id}/pay`, {
      method: 'POST',
      body: JSON.stringify({ card: '4242424242424242' }),
    });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ outcome: 'paid', session: { id: session.id, payment_status: 'paid' } });
    const missing = await fetch(`${emulator.url}/_emulator/checkout/sessions/cs_test_nope/pay`, {
      method: 'POST',
      body: JSON.stringify({ card: '4242424242424242' }),
    });
    expect(missing.status).toBe(404);
    const events = (await (await fetch(`${emulator.url}/_emulator/events`)).json()) as { data: { type: string }[] };
    expect(events.data.length).toBe(emulator.events().length);
    const overview = await (await fetch(`${emulator.url}/`)).text();
    expect(overview).toContain(session.id.slice(0, 24));
    expect(overview).toContain('checkout.session.completed');
    expect(overview).toContain('Webhook deliveries');
  });
});

// Stripe's published fixtures for this API version: the emulator's objects use only their field
// names (plus the few the SDK 23.1 types add), and leave out only what it documents leaving out.
// (kept in the repository: tests/fixtures/stripe/README.md)
const fixturesFile = new URL('../../fixtures/stripe/fixtures3.json', import.meta.url);
describe('Stripe emulator: balance transactions', () => {
  it('settles a succeeded charge: Stripe’s fee, its details and the net, in US dollars at an exchange rate for other currencies', async () => {
    const usd = await emulator.payCheckoutSession((await oneOffSession({}, 10_000, 'usd')).id, { card: '4242424242424242' });
    const intent = await stripe.paymentIntents.retrieve(String(usd.paymentIntent?.id), { expand: ['latest_charge.balance_transaction'] });
    const charge = intent.latest_charge as Stripe.Charge;
    const usdTxn = charge.balance_transaction as Stripe.BalanceTransaction;
    expect(usdTxn).toMatchObject({ object: 'balance_transaction', type: 'charge', source: charge.id, currency: 'usd', amount: 10_000 });
    expect(usdTxn).toMatchObject({ fee: 320, net: 9_680, exchange_rate: null });
    expect(usdTxn.fee_details).toEqual([
      { amount: 320, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' },
    ]);

    const eur = await emulator.payCheckoutSession((await oneOffSession({}, 10_000, 'eur')).id, { card: '4242424242424242' });
    const eurTxn = await stripe.balanceTransactions.retrieve(String(eur.charge?.balance_transaction));
    // 100.00 EUR at 1.0712 = 107.12 USD; 3.9 % (2.9 % + 1 % conversion) + 0.30 = 4.48 USD.
    expect(eurTxn).toMatchObject({ currency: 'usd', amount: 10_712, exchange_rate: 1.0712, fee: 448, net: 10_264 });
  });
});

describe('Stripe emulator: object shapes', () => {
  it('uses Stripe’s field names for every object it serves', async () => {
    const fixtures = (JSON.parse(readFileSync(fixturesFile, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources;
    const once = await emulator.payCheckoutSession((await oneOffSession({}, 3000, 'usd')).id, { card: '4242424242424242' });
    const monthly = await emulator.payCheckoutSession((await monthlySession()).id, { card: '4000000000000259' });
    const refund = await stripe.refunds.create({ payment_intent: String(once.paymentIntent?.id), amount: 100 });
    const portal = await stripe.billingPortal.sessions.create({ customer: String(monthly.customer?.id) });
    const raw = async (path: string) =>
      (await (await fetch(`${emulator.url}${path}`, { headers: { Authorization: 'Bearer sk_test_x' } })).json()) as Record<string, unknown>;
    const invoice = await raw(`/v1/invoices/${monthly.invoice?.id}`);
    const subscription = await raw(`/v1/subscriptions/${monthly.subscription?.id}`);
    const objects: Record<string, Record<string, unknown>> = {
      'checkout.session': await raw(`/v1/checkout/sessions/${once.session.id}`),
      charge: await raw(`/v1/charges/${once.charge?.id}`),
      balance_transaction: await raw(`/v1/balance_transactions/${once.charge?.balance_transaction}`),
      payment_intent: await raw(`/v1/payment_intents/${once.paymentIntent?.id}`),
      customer: await raw(`/v1/customers/${monthly.customer?.id}`),
      subscription,
      subscription_item: (subscription.items as { data: Record<string, unknown>[] }).data[0] ?? {},
      invoice,
      line_item: (invoice.lines as { data: Record<string, unknown>[] }).data[0] ?? {},
      invoice_payment:
        ((await raw(`/v1/invoices/${monthly.invoice?.id}?expand[]=payments`)).payments as { data: Record<string, unknown>[] }).data[0] ??
        {},
      refund: await raw(`/v1/refunds/${refund.id}`),
      dispute: await raw(`/v1/disputes/${monthly.dispute?.id}`),
      event: await raw(`/v1/events/${emulator.events()[0]?.id}`),
      // Stripe has no endpoint to read a portal session back: compare the creation response.
      'billing_portal.session': Object.fromEntries(Object.entries(portal).filter(([key]) => key !== 'lastResponse')),
      price: await raw(`/v1/prices/${(subscription.items as { data: { price: { id: string; product: string } }[] }).data[0]?.price.id}`),
      product: await raw(
        `/v1/products/${(subscription.items as { data: { price: { id: string; product: string } }[] }).data[0]?.price.product}`,
      ),
      payment_method: await raw(`/v1/payment_methods/${once.paymentIntent?.payment_method}`),
    };
    // Declared by the SDK 23.1 types but newer than the fixtures.
    const newer = new Set(['allowed_payment_method_types', 'payment_record', 'intended_submission_method', 'current_trial', 'tax_details']);
    // Left out on purpose: includable lists, Connect transfers, and the invoice field this API version removed.
    const omitted: Record<string, string[]> = { charge: ['refunds'], payment_intent: ['transfer_data'], invoice: ['subscription'] };
    for (const [resource, object] of Object.entries(objects)) {
      const expected = Object.keys(fixtures[resource] ?? {});
      expect(
        Object.keys(object).filter((key) => !expected.includes(key) && !newer.has(key)),
        resource,
      ).toEqual([]);
      expect(
        expected.filter((key) => !(key in object) && !(omitted[resource] ?? []).includes(key)),
        resource,
      ).toEqual([]);
    }
  });
});
