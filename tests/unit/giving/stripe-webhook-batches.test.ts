// Stripe events applied in batches (decisions 008, 011): one transaction per batch, one savepoint
// per event. Duplicates in a batch or across concurrent batches apply once; an event Stripe has
// not finished with is retried alone while the others commit; a crash mid-batch applies nothing
// and the redelivery applies everything once. The webhook writes events to the inbox, which the
// drain-stripe-inbox job empties the same way.
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStripeEvents, RetryLaterError, type EventResult } from '~/giving/stripe/stripe-event-commands.server.ts';
import { acceptStripeWebhook } from '~/giving/stripe/stripe-webhook.server.ts';
import { drainJobKey, drainStripeInbox, retryJobKey, shardOf } from '~/giving/stripe/stripe-inbox-commands.server.ts';
import { taskList } from '~/tasks.server.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, drainStripeJobs, giveRequest, signedDelivery, startEmulatorForTests, stripeEvents } from './giving-fixture.ts';
import { runJobsOnce } from '../run-jobs-once.ts';

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
const outcomes = (results: EventResult[]) =>
  results.map((result) => (result.ok ? result.outcome : `error: ${(result.error as Error).message}`));

/** A "paid" copy of a delayed-payment session's completed event: Stripe's PaymentIntent is still processing. */
async function notYetSettled(email: string) {
  const gift = await paidGift(email, { delayed: 'succeed' });
  const session = gift.completed.data.object as Stripe.Checkout.Session;
  const event = {
    ...gift.completed,
    id: `${gift.completed.id}_paid`,
    data: { object: { ...session, payment_status: 'paid' } },
  } as Stripe.Event;
  return { ...gift, event };
}

describe('a batch of events', () => {
  it('applies a duplicate in the same batch once', async () => {
    const a = await paidGift('batch-dup-a@example.org');
    const b = await paidGift('batch-dup-b@example.org');
    await stripe.refunds.create({ payment_intent: b.paymentIntent, amount: 500 });
    const refund = stripeEvents(emulator).find(
      (event) => event.type === 'charge.refunded' && (event.data.object as Stripe.Charge).payment_intent === b.paymentIntent,
    )!;
    // the refund before its payment's own event, and event a twice
    const results = await applyStripeEvents([a.completed, refund, b.completed, a.completed], { stripe });
    expect(outcomes(results)).toEqual(['applied', 'applied', 'applied', 'duplicate']);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(1);
    const [paymentB] = await paymentsOf(b.pledgeId);
    expect(paymentB?.reversals.map((reversal) => reversal.amountMinor)).toEqual([500n]);
    expect(await receiptsOf('batch-dup-a@example.org')).toBe(1);
    expect(outcomes(await applyStripeEvents([refund, a.completed, b.completed], { stripe }))).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
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
    const refund = stripeEvents(emulator).find(
      (event) => event.type === 'charge.refunded' && (event.data.object as Stripe.Charge).payment_intent === b.paymentIntent,
    )!;
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

    expect(outcomes(await applyStripeEvents([a.completed, refund, b.completed, refund], { stripe }))).toEqual([
      'applied',
      'applied',
      'applied',
      'duplicate',
    ]);
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

describe('the inbox', () => {
  const inbox = () =>
    db().$queryRaw<{ id: string; shard: number; attempts: number; lastError: string | null; availableAt: Date }[]>`
      SELECT id, shard, attempts, "lastError", "availableAt" FROM stripe_event_inbox ORDER BY "receivedAt"`;
  const drainJobs = (shard: number, key = drainJobKey(shard)) =>
    db().$queryRaw<{ runAt: Date; locked: boolean }[]>`
      SELECT run_at AS "runAt", locked_at IS NOT NULL AS locked FROM graphile_worker._private_jobs WHERE key = ${key}`;
  /** Every drain job of the shard (either key) due now: as if their time had come. */
  const dueNow = (shard: number) =>
    db().$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker._private_jobs
      WHERE key IN (${drainJobKey(shard)}, ${retryJobKey(shard)})), run_at := now())`;
  const deliver = (event: Stripe.Event) => {
    const { payload, signature } = signedDelivery(stripe, event);
    return acceptStripeWebhook({ rawBody: payload, signature });
  };

  it('holds concurrent deliveries of an event once, wakes its shard, and is emptied by the drain job', async () => {
    const gift = await paidGift('inbox-endpoint@example.org');
    const events = stripeEvents(emulator).filter((event) => (event.data.object as { id?: string }).id === gift.sessionId);
    // every event of one Checkout session lands in the same shard (same PaymentIntent)
    for (const event of events.filter((event) => event.type.startsWith('checkout.session.'))) {
      expect(shardOf(event)).toBe(shardOf(gift.completed));
    }
    // concurrent deliveries share one INSERT: one row, one 200 each
    const replies = await Promise.all(Array.from({ length: 3 }, () => deliver(gift.completed)));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(replies.filter((reply) => !reply.body.duplicate)).toHaveLength(1);
    expect((await inbox()).filter((row) => row.id === gift.completed.id)).toHaveLength(1);
    const [job] = await drainJobs(shardOf(gift.completed));
    expect(job?.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await claimed(gift.completed.id)).toBe(0); // acknowledged, not applied yet

    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    expect(await claimed(gift.completed.id)).toBe(1);
    expect(await paymentsOf(gift.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('inbox-endpoint@example.org')).toBe(1);
    expect((await deliver(gift.completed)).body).toMatchObject({ duplicate: true });
    expect(await inbox()).toEqual([]);
  });

  it('writes a burst of deliveries with a few statements, each delivery answered once its row is committed', async () => {
    const gifts: Awaited<ReturnType<typeof paidGift>>[] = [];
    for (let index = 0; index < 6; index += 1) gifts.push(await paidGift(`inbox-burst-${index}@example.org`)); // one at a time: paidGift reads the newest session
    const events = gifts.flatMap((gift) =>
      stripeEvents(emulator).filter((event) => (event.data.object as { id?: string }).id === gift.sessionId),
    );
    const applied = events.filter((event) => event.type.startsWith('checkout.session.'));
    let statements = 0;
    const counting = new Proxy(db(), {
      get(target, property) {
        if (property !== '$queryRaw') return Reflect.get(target, property);
        return (...args: Parameters<typeof target.$queryRaw>) => {
          statements += 1;
          return target.$queryRaw(...args);
        };
      },
    });
    const before = (await inbox()).length;
    const replies = await Promise.all(
      events.map((event) => {
        const { payload, signature } = signedDelivery(stripe, event);
        return acceptStripeWebhook({ rawBody: payload, signature, db: counting });
      }),
    );
    expect(replies.every((reply) => reply.status === 200 && !reply.body.duplicate)).toBe(true);
    // the first delivery is written alone, the rest together (plus, rarely, a second wake-up)
    expect(statements).toBeLessThanOrEqual(4);
    expect((await inbox()).length - before).toBe(applied.length);
    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    for (const gift of gifts) expect(await paymentsOf(gift.pledgeId)).toHaveLength(1);
  });

  it('logs a type it does not apply without holding it', async () => {
    const gift = await paidGift('inbox-ignored@example.org');
    const other = { ...gift.completed, id: `${gift.completed.id}_other`, type: 'customer.created' } as unknown as Stripe.Event;
    expect((await deliver(other)).status).toBe(200);
    expect(await inbox()).toEqual([]);
    const logged = await db().processedWebhookEvent.findUniqueOrThrow({ where: { id: other.id } });
    expect(logged.outcome).toBe('ignored: unhandled event type');
  });

  it('keeps an event Stripe has not finished with, tries it again after a backoff, and applies it once', async () => {
    const good = await paidGift('inbox-retry-good@example.org');
    const waiting = await notYetSettled('inbox-retry-wait@example.org');
    for (const event of [waiting.event, good.completed]) expect((await deliver(event)).status).toBe(200);
    await drainStripeJobs();
    const [left, ...others] = await inbox();
    expect(others).toEqual([]);
    expect(left).toMatchObject({ id: waiting.event.id, attempts: 1 });
    expect(left?.lastError).toContain('is processing');
    expect(left!.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(await paymentsOf(good.pledgeId)).toHaveLength(1);
    expect(await claimed(waiting.event.id)).toBe(0);
    // the shard's next try has a job at its time
    const retries = await drainJobs(left!.shard, retryJobKey(left!.shard));
    expect(retries.some((job) => Math.abs(job.runAt.getTime() - left!.availableAt.getTime()) < 1000)).toBe(true);

    await emulator.settleDelayed(waiting.sessionId, 'succeed');
    await db().$executeRaw`UPDATE stripe_event_inbox SET "availableAt" = now() WHERE id = ${waiting.event.id}`;
    await dueNow(left!.shard);
    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    expect(await paymentsOf(waiting.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('inbox-retry-wait@example.org')).toBe(1);
  });

  it('a failing event backs off alone: a new event of its shard is applied on the next drain, the failing one later, once', async () => {
    const good = await paidGift('inbox-alone-good@example.org');
    const waiting = await notYetSettled('inbox-alone-wait@example.org');
    const shard = shardOf(good.completed);
    // The two PaymentIntents hash at random; put the failing event in the good one's shard.
    expect((await deliver(waiting.event)).status).toBe(200);
    await db().$executeRaw`UPDATE stripe_event_inbox SET shard = ${shard} WHERE id = ${waiting.event.id}`;
    await db().$executeRaw`SELECT graphile_worker.add_job('drain-stripe-inbox', json_build_object('shard', ${shard}::int))`;
    await drainStripeJobs();
    expect((await inbox()).map((row) => [row.id, row.attempts])).toEqual([[waiting.event.id, 1]]);
    // As after five failed tries: its next try is e^5 s (~2.5 min) away, and so is the shard's retry job.
    await db()
      .$executeRaw`UPDATE stripe_event_inbox SET attempts = 5, "availableAt" = now() + interval '148 seconds' WHERE id = ${waiting.event.id}`;
    await db().$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker._private_jobs
      WHERE key IN (${drainJobKey(shard)}, ${retryJobKey(shard)})), run_at := now() + interval '148 seconds')`;

    // A valid checkout.session.completed in the same shard is applied by the next drain, not at the retry's time.
    expect((await deliver(good.completed)).status).toBe(200);
    const [wake] = await drainJobs(shard);
    expect(wake?.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    await drainStripeJobs();
    expect(await paymentsOf(good.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('inbox-alone-good@example.org')).toBe(1);
    const [held, ...rest] = await inbox();
    expect(rest).toEqual([]);
    expect(held).toMatchObject({ id: waiting.event.id, attempts: 5 }); // not tried before its time
    const [retry] = await drainJobs(shard, retryJobKey(shard));
    expect(retry?.runAt.getTime()).toBeGreaterThan(Date.now());

    // Its time comes and it still cannot apply: the next delay is longer (e^6 s), the shard's other events unaffected.
    await db().$executeRaw`UPDATE stripe_event_inbox SET "availableAt" = now() WHERE id = ${waiting.event.id}`;
    await dueNow(shard);
    const before = Date.now();
    await drainStripeJobs();
    const [again] = await inbox();
    expect(again).toMatchObject({ id: waiting.event.id, attempts: 6 });
    expect(again!.availableAt.getTime() - before).toBeGreaterThan(148_000);
    const [later] = await drainJobs(shard, retryJobKey(shard));
    expect(Math.abs(later!.runAt.getTime() - again!.availableAt.getTime())).toBeLessThan(1000);

    // Once Stripe has the money, its next try applies it, once.
    await emulator.settleDelayed(waiting.sessionId, 'succeed');
    await db().$executeRaw`UPDATE stripe_event_inbox SET "availableAt" = now() WHERE id = ${waiting.event.id}`;
    await dueNow(shard);
    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    expect(await paymentsOf(waiting.pledgeId)).toHaveLength(1);
    expect(await receiptsOf('inbox-alone-wait@example.org')).toBe(1);
    expect(await claimed(waiting.event.id)).toBe(1);
  });

  it('a crash while draining applies nothing and loses nothing; the next drain applies each event once', async () => {
    const a = await paidGift('inbox-crash-a@example.org');
    // a refund before its payment's own event: the PaymentIntent is read inside the transaction
    await stripe.refunds.create({ payment_intent: a.paymentIntent, amount: 300 });
    const refund = stripeEvents(emulator).find(
      (event) => event.type === 'charge.refunded' && (event.data.object as Stripe.Charge).payment_intent === a.paymentIntent,
    )!;
    const shard = shardOf(a.completed);
    expect(shardOf(refund)).toBe(shard);
    for (const event of [refund, a.completed]) expect((await deliver(event)).status).toBe(200);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    let killed = false;
    const dying = new Proxy(stripe, {
      get(target, property) {
        if (property !== 'paymentIntents') return Reflect.get(target, property);
        return {
          retrieve: async (id: string, params?: Stripe.PaymentIntentRetrieveParams) => {
            if (!killed) {
              killed = true;
              await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`);
            }
            return target.paymentIntents.retrieve(id, params);
          },
        };
      },
    });
    try {
      await expect(drainStripeInbox({ shard, stripe: dying })).rejects.toThrow();
    } finally {
      await admin.end();
    }
    expect((await inbox()).map((row) => [row.id, row.attempts])).toEqual([
      [refund.id, 0],
      [a.completed.id, 0],
    ]);
    expect(await paymentsOf(a.pledgeId)).toHaveLength(0);

    expect(await drainStripeInbox({ shard, stripe })).toMatchObject({ applied: 2, failed: 0 });
    expect(await inbox()).toEqual([]);
    const [payment] = await paymentsOf(a.pledgeId);
    expect(payment?.reversals.map((reversal) => reversal.amountMinor)).toEqual([300n]);
    expect(await receiptsOf('inbox-crash-a@example.org')).toBe(1);
  });

  it('the minute sweep brings forward a shard whose drain job waits in the future', async () => {
    const gift = await paidGift('inbox-sweep-forward@example.org');
    expect((await deliver(gift.completed)).status).toBe(200);
    const shard = shardOf(gift.completed);
    // as the code before the retry key left it: the shard's only job at a failed event's retry time
    await db().$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker._private_jobs
      WHERE key = ${drainJobKey(shard)}), run_at := now() + interval '6 hours')`;
    await db().$executeRaw`SELECT graphile_worker.add_job('drain-stripe-inbox', '{}'::json)`;
    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    expect(await paymentsOf(gift.pledgeId)).toHaveLength(1);
  });

  it('the minute sweep wakes a shard whose rows no job drains', async () => {
    const gift = await paidGift('inbox-sweep@example.org');
    expect((await deliver(gift.completed)).status).toBe(200);
    const shard = shardOf(gift.completed);
    // as if the wake-up had been lost
    await db().$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${drainJobKey(shard)}`;
    await runJobsOnce({ 'drain-stripe-inbox': taskList['drain-stripe-inbox']! });
    expect(await inbox()).toHaveLength(1); // nothing to run
    await db().$executeRaw`SELECT graphile_worker.add_job('drain-stripe-inbox', '{}'::json)`;
    await drainStripeJobs();
    expect(await inbox()).toEqual([]);
    expect(await paymentsOf(gift.pledgeId)).toHaveLength(1);
  });
});
