// Stripe events applied in batches (decision 008): one transaction per batch, one savepoint per
// event. Duplicates in a batch or across concurrent batches apply once; an event Stripe has not
// finished with is retried alone while the others commit; a crash mid-batch applies nothing and
// the redelivery applies everything once.
import { runOnce } from 'graphile-worker';
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStripeEvents, RetryLaterError, type EventResult } from '~/services/stripe-events.server.ts';
import { acceptStripeWebhook, shardOf, STRIPE_BATCH_GRACE_MS, STRIPE_BATCH_WINDOW_MS } from '~/services/stripe-webhook.server.ts';
import { taskList } from '~/services/jobs/task-list.server.ts';
import { startGiving } from '~/services/giving.server.ts';
import { getPrisma } from '~/utils/db.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, drainStripeJobs, giveRequest, signedDelivery, startEmulatorForTests, stripeEvents } from './giving-fixture.ts';

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

/** A project gift paid by card; returns its pledge id, session events and PaymentIntent id. */
async function paidGift(email: string, payment: Parameters<StripeEmulator['payCheckoutSession']>[1] = { card: '4242424242424242' }) {
  const result = await startGiving(giveRequest({ earmark: 'project', project: 'GLOT59', email }), { origin: 'http://localhost:3000' });
  expect(result.kind).toBe('checkout');
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, payment);
  const session = await stripe.checkout.sessions.retrieve(checkout.stripeSessionId);
  const events = stripeEvents(emulator).filter((event) => (event.data.object as { id?: string }).id === checkout.stripeSessionId);
  const completed = events.find((event) => event.type === 'checkout.session.completed')!;
  return { pledgeId: checkout.pledgeId, sessionId: checkout.stripeSessionId, completed, paymentIntent: String(session.payment_intent) };
}

const paymentsOf = (pledgeId: string) => db().payment.findMany({ where: { pledgeId }, include: { reversals: true, allocations: true } });
const receiptsOf = (email: string) => db().emailOutbox.count({ where: { template: 'gift-receipt', donor: { email } } });
const claimed = (id: string) => db().processedWebhookEvent.count({ where: { id } });
const outcomes = (results: EventResult[]) => results.map((result) => (result.ok ? result.outcome : `error: ${(result.error as Error).message}`));

/** A "paid" copy of a delayed-payment session's completed event: Stripe's PaymentIntent is still processing. */
async function notYetSettled(email: string) {
  const gift = await paidGift(email, { delayed: 'succeed' });
  const session = gift.completed.data.object as Stripe.Checkout.Session;
  const event = { ...gift.completed, id: `${gift.completed.id}_paid`, data: { object: { ...session, payment_status: 'paid' } } } as Stripe.Event;
  return { ...gift, event };
}

describe('a batch of events', () => {
  it('applies a duplicate in the same batch once', async () => {
    const a = await paidGift('batch-dup-a@example.org');
    const b = await paidGift('batch-dup-b@example.org');
    await stripe.refunds.create({ payment_intent: b.paymentIntent, amount: 500 });
    const refund = stripeEvents(emulator).find((event) => event.type === 'charge.refunded' && (event.data.object as Stripe.Charge).payment_intent === b.paymentIntent)!;
    // the refund before its payment's own event, and event a twice
    const results = await applyStripeEvents([a.completed, refund, b.completed, a.completed], { stripe });
    expect(outcomes(results)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(1);
    const [paymentB] = await paymentsOf(b.pledgeId);
    expect(paymentB?.reversals.map((reversal) => reversal.amountMinor)).toEqual([500n]);
    expect(await receiptsOf('batch-dup-a@example.org')).toBe(1);
    expect(outcomes(await applyStripeEvents([refund, a.completed, b.completed], { stripe }))).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('rolls back an event that must wait for Stripe alone; the others commit, and it applies once later', async () => {
    const good = await paidGift('batch-retry-good@example.org');
    const waiting = await notYetSettled('batch-retry-wait@example.org');
    const results = await applyStripeEvents([waiting.event, good.completed], { stripe });
    expect(results[0]).toMatchObject({ ok: false });
    expect(results[0]?.ok === false && results[0].error).toBeInstanceOf(RetryLaterError);
    expect(results[1]).toEqual({ ok: true, outcome: 'applied' });
    expect(await claimed(waiting.event.id)).toBe(0);
    expect(await paymentsOf(waiting.pledgeId)).toHaveLength(0);
    expect(await paymentsOf(good.pledgeId)).toHaveLength(1);

    await emulator.settleDelayed(waiting.sessionId, 'succeed');
    expect(outcomes(await applyStripeEvents([good.completed, waiting.event], { stripe }))).toEqual(['duplicate', 'applied']);
    expect(await paymentsOf(waiting.pledgeId)).toHaveLength(1);
    expect(await paymentsOf(good.pledgeId)).toHaveLength(1);
  });

  it('a crash mid-batch applies nothing of it; the redelivered batch applies every event once', async () => {
    const a = await paidGift('batch-crash-a@example.org');
    const b = await paidGift('batch-crash-b@example.org');
    await stripe.refunds.create({ payment_intent: b.paymentIntent, amount: 700 });
    const refund = stripeEvents(emulator).find((event) => event.type === 'charge.refunded' && (event.data.object as Stripe.Charge).payment_intent === b.paymentIntent)!;
    // The refund's PaymentIntent is read inside the transaction (its payment is not recorded yet):
    // the process "dies" there, after event a was applied in its savepoint.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const dying = new Proxy(stripe, {
      get(target, property) {
        if (property !== 'paymentIntents') return Reflect.get(target, property);
        return {
          retrieve: async (id: string, params?: Stripe.PaymentIntentRetrieveParams) => {
            if (id === b.paymentIntent) {
              await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`);
            }
            return target.paymentIntents.retrieve(id, params);
          },
        };
      },
    });
    try {
      const results = await applyStripeEvents([a.completed, refund], { stripe: dying });
      expect(results.every((result) => !result.ok)).toBe(true);
    } finally {
      await admin.end();
    }
    for (const id of [a.completed.id, refund.id]) expect(await claimed(id)).toBe(0);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(0);
    expect(await paymentsOf(b.pledgeId)).toHaveLength(0);

    expect(outcomes(await applyStripeEvents([a.completed, refund, b.completed, refund], { stripe }))).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(1);
    const [paymentB] = await paymentsOf(b.pledgeId);
    expect(paymentB?.reversals.map((reversal) => reversal.amountMinor)).toEqual([700n]);
    expect(await receiptsOf('batch-crash-b@example.org')).toBe(1);
  });

  it('two concurrent batches holding the same events apply each once', async () => {
    const a = await paidGift('batch-race-a@example.org');
    const b = await paidGift('batch-race-b@example.org');
    // Opposite orders: each batch waits on the other's claim; PostgreSQL breaks the deadlock by
    // failing one event's statement, whose savepoint alone rolls back (it would be retried).
    const [first, second] = await Promise.all([
      applyStripeEvents([a.completed, b.completed], { stripe }),
      applyStripeEvents([b.completed, a.completed], { stripe }),
    ]);
    const all = [...outcomes(first!), ...outcomes(second!)];
    expect(all.filter((outcome) => outcome === 'applied')).toHaveLength(2);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(1);
    expect(await paymentsOf(b.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('batch-race-a@example.org')).toBe(1);
  });
});

describe('batch jobs', () => {
  const jobs = () =>
    db().$queryRaw<{ id: string; payload: Stripe.Event[]; attempts: number; last_error: string | null; runAt: Date }[]>`
      SELECT id::text, payload, attempts, last_error, run_at AS "runAt" FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'apply-stripe-event')`;
  const worker = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList: { 'apply-stripe-event': taskList['apply-stripe-event']! } });

  it('the endpoint appends the events of a shard to the job of its window, which applies them once', async () => {
    const gift = await paidGift('batch-endpoint@example.org');
    const events = stripeEvents(emulator).filter((event) => (event.data.object as { id?: string }).id === gift.sessionId);
    // every event of one Checkout session lands in the same shard (same PaymentIntent)
    for (const event of events.filter((event) => event.type.startsWith('checkout.session.'))) {
      expect(shardOf(event)).toBe(shardOf(gift.completed));
    }
    const { payload, signature } = signedDelivery(stripe, gift.completed);
    for (let delivery = 0; delivery < 3; delivery += 1) expect((await acceptStripeWebhook({ rawBody: payload, signature })).status).toBe(200);
    const waiting = (await jobs()).filter((job) => job.payload.some((event) => event.id === gift.completed.id));
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    // not runnable before its window closes: the worker never takes a job still being appended to
    for (const job of waiting) expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(Math.max(...waiting.map((job) => job.runAt.getTime()))).toBeLessThanOrEqual(Date.now() + STRIPE_BATCH_WINDOW_MS + STRIPE_BATCH_GRACE_MS);
    expect(waiting.flatMap((job) => job.payload).filter((event) => event.id === gift.completed.id)).toHaveLength(3);
    await drainStripeJobs();
    expect(await claimed(gift.completed.id)).toBe(1);
    expect(await paymentsOf(gift.pledgeId)).toHaveLength(1);
    expect((await acceptStripeWebhook({ rawBody: payload, signature })).body).toMatchObject({ duplicate: true });
  });

  it('retries only the failed event of a batch, with backoff, and still runs jobs queued one event each', async () => {
    const good = await paidGift('batch-job-good@example.org');
    const waiting = await notYetSettled('batch-job-wait@example.org');
    const single = await paidGift('batch-job-single@example.org');
    await db().$executeRaw`SELECT graphile_worker.add_job('apply-stripe-event', ${JSON.stringify([waiting.event, good.completed])}::json, job_key := 'test-batch')`;
    // the shape queued before batches: { event }
    await db().$executeRaw`SELECT graphile_worker.add_job('apply-stripe-event', ${JSON.stringify({ event: single.completed })}::json)`;
    await worker();
    await worker(); // runOnce stops at a failed job; the next run takes the single one (the failed one waits its backoff)
    const [left, ...others] = await jobs();
    expect(others).toHaveLength(0);
    expect(left?.payload.map((event) => event.id)).toEqual([waiting.event.id]);
    expect(left?.attempts).toBe(1);
    expect(left?.last_error).toContain('is processing');
    expect(await paymentsOf(good.pledgeId)).toHaveLength(1);
    expect(await paymentsOf(single.pledgeId)).toHaveLength(1);
    expect(await claimed(waiting.event.id)).toBe(0);

    await emulator.settleDelayed(waiting.sessionId, 'succeed');
    await db().$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY[${left!.id}::bigint], run_at := now())`;
    await worker();
    expect(await jobs()).toHaveLength(0);
    expect(await paymentsOf(waiting.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('batch-job-wait@example.org')).toBe(1);
  });
});
