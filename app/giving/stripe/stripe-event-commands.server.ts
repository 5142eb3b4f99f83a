// Applies one verified Stripe event to the ledger, exactly once. Stripe delivers events at least
// once and in any order, so every handler is written as "make our state agree with Stripe's":
// - the event id is claimed in processed_webhook_events in the same transaction as the effect,
//   so a redelivery (or five concurrent ones) finds it and does nothing;
// - money facts are keyed by Stripe ids (PaymentIntent, refund totals, dispute ids), and their
//   amounts and dates come from the PaymentIntent/charge retrieved from Stripe, never from which
//   event happened to arrive first — so any order of events leaves the same final state;
// - effects on one pledge are serialised with an advisory lock.
import type Stripe from 'stripe';
import { z } from 'zod';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { cancelPledge, linkStripeCustomer, lockPledge } from '~/ledger/pledge-commands.server.ts';
import { queueStripeCustomerDeletion } from '~/ledger/donor-erasure-commands.server.ts';
import {
  deferredRefresh,
  netOfPayment,
  recordPayment,
  recordReversal,
  usdForCumulativeAmount,
  type PledgeForPayment,
} from '~/ledger/payment-commands.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { getStripe } from './stripe-client.server.ts';
import { processingFeeOfCharge } from './stripe-fee.server.ts';
import { recordMonthlyGiftEvent } from './monthly-gift-event-commands.server.ts';
import { recordPaymentFee } from '~/ledger/payment-fee-commands.server.ts';
import { receiptEmail } from '~/giving/giving-email-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

/** What a queued Stripe event must look like to be applied (jobs and inbox rows are parsed again). */
export const stripeEventSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

export type EventOutcome = 'applied' | 'duplicate' | `ignored: ${string}`;

/** The event refers to money Stripe has not finished telling us about; the job retries later. */
export class RetryLaterError extends Error {}

type Db = ReturnType<typeof getPrisma>;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

interface Context {
  tx: Tx;
  reads: StripeReads;
  event: Stripe.Event;
  /** This event's summary touches; the batch refreshes them all once, at the end of its transaction. */
  summaries: ReturnType<typeof deferredRefresh>;
}

/** What applying one event of a batch gave: its outcome, or the error that rolled it back alone. */
export type EventResult = { ok: true; outcome: EventOutcome } | { ok: false; error: unknown };

/** Applies the event unless it was applied before; returns what happened, or throws (nothing applied). */
export async function applyStripeEvent(event: Stripe.Event, options: { db?: Db; stripe?: Stripe } = {}): Promise<EventOutcome> {
  const [result] = await applyStripeEvents([event], options);
  if (!result) throw new Error(`stripe event ${event.id}: no result`);
  if (!result.ok) throw result.error;
  return result.outcome;
}

/**
 * Applies a batch of events, at most MAX_EVENTS_PER_TRANSACTION per transaction, each event in its
 * own savepoint: an event that fails (RetryLaterError, a deadlock, a bug) is rolled back alone and
 * reported, the others commit. Each event's id is claimed in the same savepoint as its effect, so
 * the claim commits exactly with it; a duplicate (in this batch, or in a concurrent one: it waits
 * on the key) finds the claim and does nothing. The summaries are refreshed once for everything a
 * transaction touched, just before its commit, so their shared lock is taken once per batch
 * instead of once per event. If a transaction itself fails (crash, lost connection), none of its
 * events is applied and each reports that error. The Stripe objects the events surely need are
 * read before the transaction opens, concurrently.
 */
export async function applyStripeEvents(events: Stripe.Event[], options: { db?: Db; stripe?: Stripe } = {}): Promise<EventResult[]> {
  const db = options.db ?? getPrisma();
  const stripe = options.stripe ?? getStripe();
  const results: EventResult[] = [];
  for (let start = 0; start < events.length; start += MAX_EVENTS_PER_TRANSACTION) {
    const chunk = events.slice(start, start + MAX_EVENTS_PER_TRANSACTION);
    // Reads per transaction: each is then newer than every event it serves.
    const reads = new StripeReads(stripe);
    await reads.prefetch(chunk);
    try {
      results.push(...(await applyInOneTransaction(db, reads, chunk)));
    } catch (error) {
      results.push(...chunk.map(() => ({ ok: false as const, error })));
    }
  }
  return results;
}

async function applyInOneTransaction(db: Db, reads: StripeReads, events: Stripe.Event[]): Promise<EventResult[]> {
  let moneyChanged = false;
  const results = await db.$transaction(
    async (tx) => {
      const applied = await applyEventsInTransaction({ tx, reads, events });
      moneyChanged = applied.moneyChanged;
      return applied.results;
    },
    // At most MAX_EVENTS_PER_TRANSACTION events of ~15 short statements each, plus one refresh.
    APPLY_TRANSACTION_OPTIONS,
  );
  if (moneyChanged) invalidatePublicData();
  return results;
}

/** Prisma's interactive-transaction limits for a batch of events. */
export const APPLY_TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 30_000 };

/**
 * Applies events inside the caller's open transaction, each in its own savepoint, and refreshes
 * the summaries once for everything the committed savepoints touched. `moneyChanged` tells the
 * caller to drop the public caches after its commit.
 */
export async function applyEventsInTransaction({
  tx,
  reads,
  events,
}: {
  tx: Tx;
  reads: StripeReads;
  events: Stripe.Event[];
}): Promise<{ results: EventResult[]; moneyChanged: boolean }> {
  const batch = deferredRefresh();
  const results: EventResult[] = [];
  for (const event of events) {
    const summaries = deferredRefresh();
    await tx.$executeRaw`SAVEPOINT stripe_event`;
    try {
      const outcome = await applyInSavepoint({ tx, reads, event, summaries });
      await tx.$executeRaw`RELEASE SAVEPOINT stripe_event`;
      batch.add(summaries);
      results.push({ ok: true, outcome });
    } catch (error) {
      // Undoes this event's claim and effect only (and frees the locks it took); the others go on.
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT stripe_event`;
      results.push({ ok: false, error });
    }
  }
  // Money facts changed exactly when there is something to refresh.
  const moneyChanged = await batch.flush(tx);
  return { results, moneyChanged };
}

/** Events per transaction: bounds how long a batch holds its pledge locks and claims. */
export const MAX_EVENTS_PER_TRANSACTION = 100;

async function applyInSavepoint(context: Context): Promise<EventOutcome> {
  const { tx, event } = context;
  // Claiming the id first makes a concurrent duplicate wait here until this one commits.
  const claimed = await tx.$executeRaw`
    INSERT INTO processed_webhook_events (id, provider, type, outcome) VALUES (${event.id}, 'stripe', ${event.type}, 'applied')
    ON CONFLICT (id) DO NOTHING`;
  if (claimed === 0) return 'duplicate';
  const result = await dispatch(context);
  if (result !== 'applied') {
    await tx.processedWebhookEvent.update({ where: { id: event.id }, data: { outcome: result } });
    console.info(`[stripe] ${event.type} ${event.id}: ${result}`);
  }
  return result;
}

/**
 * The Stripe reads of a batch, each made once. `prefetch` starts the reads the events will surely
 * need (a paid session's PaymentIntent, a subscription's current state), a few at a time, before
 * any handler runs: a Stripe round trip is far longer than a statement, and made by a handler it
 * would hold the batch's pledge locks. (applyStripeEvents prefetches before its transaction opens;
 * the inbox drain, inside its transaction, while it holds only its inbox rows.) Anything else is
 * read when a handler asks.
 */
export class StripeReads {
  private readonly cache = new Map<string, Promise<unknown>>();
  constructor(private readonly stripe: Stripe) {}

  /** The PaymentIntent as Stripe holds it now, with its charge (whose time dates the payment) and that charge's fee. */
  intent(id: string): Promise<Stripe.PaymentIntent> {
    // The charge's balance transaction carries Stripe's processing fee (recorded with the payment).
    return this.once(`pi:${id}`, () => this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge.balance_transaction'] }));
  }

  /** The webhook's invoice does not list its payments; the expanded one names the PaymentIntent. */
  invoice(id: string): Promise<Stripe.Invoice> {
    return this.once(`in:${id}`, () => this.stripe.invoices.retrieve(id, { expand: ['payments'] }));
  }

  subscription(id: string): Promise<Stripe.Subscription> {
    return this.once(`sub:${id}`, () => this.stripe.subscriptions.retrieve(id));
  }

  async prefetch(events: Stripe.Event[], concurrency = 8): Promise<void> {
    const reads = events.flatMap((event) => this.readsOf(event));
    let next = 0;
    // A failed read is not an error here: the handler that needs it meets it, in its savepoint.
    const worker = async () => {
      while (next < reads.length) await reads[next++]!().catch(() => undefined);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, reads.length) }, worker));
  }

  private readsOf(event: Stripe.Event): (() => Promise<unknown>)[] {
    const object = event.data.object as {
      object?: string;
      id?: string;
      mode?: string;
      payment_status?: string;
      payment_intent?: unknown;
      amount_paid?: number;
    };
    if (event.type.startsWith('checkout.session.') && object.mode === 'payment' && object.payment_status === 'paid') {
      const id = idOf(object.payment_intent);
      return id ? [() => this.intent(id)] : [];
    }
    if (event.type === 'invoice.paid' && object.id && (object.amount_paid ?? 0) > 0) return [() => this.invoice(object.id!)];
    if (event.type.startsWith('customer.subscription.') && object.id) return [() => this.subscription(object.id!)];
    return [];
  }

  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.cache.set(key, pending);
    }
    return pending;
  }
}

type Handler = (context: Context, object: never) => Promise<EventOutcome>;

/** What each event type we apply does; every other type is acknowledged and logged only. */
const handlers: Record<string, Handler> = {
  'checkout.session.completed': onCheckoutSession,
  'checkout.session.async_payment_succeeded': onCheckoutSession,
  'checkout.session.async_payment_failed': onCheckoutSession,
  'checkout.session.expired': onCheckoutSession,
  'invoice.paid': onInvoicePaid,
  'invoice.payment_failed': onInvoicePaymentFailed,
  'customer.subscription.created': onSubscriptionChanged,
  'customer.subscription.updated': onSubscriptionChanged,
  'customer.subscription.deleted': onSubscriptionChanged,
  'charge.refunded': onChargeRefunded,
  'charge.dispute.created': onDispute,
  'charge.dispute.closed': onDispute,
};

/** Event types that can change our state (the webhook endpoint queues only these). */
export const APPLIED_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(handlers));

async function dispatch(context: Context): Promise<EventOutcome> {
  const handler = Object.hasOwn(handlers, context.event.type) ? handlers[context.event.type] : undefined;
  if (!handler) return 'ignored: unhandled event type';
  return handler(context, context.event.data.object as never);
}

/** The id an expandable Stripe field holds: the id itself, or the expanded object's (else null). */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

// ------------------------------------------------------------------ checkout sessions

// Session states only move forward, so a late "completed" never undoes "expired" or "failed".
const statusRank: Record<string, number> = { open: 0, complete: 1, failed: 2, expired: 2 };

async function findPledge(tx: Tx, pledgeId: string | null | undefined) {
  if (!pledgeId || !/^[0-9a-f-]{36}$/i.test(pledgeId)) return null;
  return tx.pledge.findUnique({ where: { id: pledgeId }, include: { donor: true, instalments: { orderBy: { sequence: 'asc' } } } });
}

async function onCheckoutSession(context: Context, session: Stripe.Checkout.Session): Promise<EventOutcome> {
  const { tx, event } = context;
  let row = await tx.checkoutSession.findUnique({ where: { stripeSessionId: session.id } });
  const pledge = await findPledge(tx, row?.pledgeId ?? session.metadata?.pledgeId);
  if (!pledge) return 'ignored: no matching pledge';
  await lockPledge({ db: tx, pledgeId: pledge.id });
  const instalmentId = row?.instalmentId ?? instalmentFor(pledge, session.metadata);
  // A crash between creating the session at Stripe and storing it leaves no row: make it now.
  row ??= await tx.checkoutSession.create({
    data: { pledgeId: pledge.id, instalmentId, stripeSessionId: session.id, status: 'open', url: session.url ?? null },
  });
  const next =
    event.type === 'checkout.session.expired' ? 'expired' : event.type === 'checkout.session.async_payment_failed' ? 'failed' : 'complete';
  const status = (statusRank[next] ?? 0) > (statusRank[row.status] ?? 0) ? next : row.status;
  const subscriptionId = idOf(session.subscription);
  await tx.checkoutSession.update({
    where: { id: row.id },
    data: { status, stripeSubscriptionId: row.stripeSubscriptionId ?? subscriptionId },
  });
  const customerId = idOf(session.customer);
  // A Customer that reaches an erased donor late is not linked but deleted at Stripe, as the erasure does (decision 042).
  if (customerId && pledge.donor.erasedAt) await queueStripeCustomerDeletion({ db: tx, customerId });
  else if (customerId && !pledge.donor.stripeCustomerId) await linkStripeCustomer({ db: tx, donorId: pledge.donorId, customerId });
  if (session.mode === 'payment' && session.payment_status === 'paid') {
    const paymentIntentId = idOf(session.payment_intent);
    if (paymentIntentId) await ensureCardPayment(context, pledge, paymentIntentId, instalmentId);
  }
  if ((next === 'expired' || next === 'failed') && pledge.frequency !== 'INSTALMENTS') {
    await cancelUnpaidPledge(context, pledge, next === 'expired' ? 'Checkout expired before payment' : 'Payment failed');
  }
  return 'applied';
}

/** The instalment a payment settles: the one our metadata names, else a one-off gift's only one. */
function instalmentFor(
  pledge: { frequency: string; instalments: { id: string }[] },
  metadata: Stripe.Metadata | null | undefined,
): string | null {
  const named = pledge.instalments.find((instalment) => instalment.id === metadata?.instalmentId);
  return named?.id ?? (pledge.frequency === 'ONCE' ? (pledge.instalments[0]?.id ?? null) : null);
}

/** A one-off or monthly card pledge whose checkout ended without money is closed, unless paid. */
async function cancelUnpaidPledge(context: Context, pledge: PledgeRow, reason: string) {
  if ((await context.tx.payment.count({ where: { pledgeId: pledge.id } })) > 0) return;
  await cancelPledge({ db: context.tx, pledge, reason, refresh: context.summaries.refresh });
}

type PledgeRow = NonNullable<Awaited<ReturnType<typeof findPledge>>>;

/**
 * Records the money of a succeeded PaymentIntent (once), with its amount, currency and date as
 * Stripe holds them, and queues the receipt in the same transaction. A caller that has just
 * retrieved the PaymentIntent passes it, so it is not fetched twice.
 */
async function ensureCardPayment(
  context: Context,
  pledge: PledgeRow,
  paymentIntentId: string,
  instalmentId: string | null,
  known: { invoiceId?: string; intent?: Stripe.PaymentIntent } = {},
) {
  const { tx } = context;
  const recorded = await tx.payment.findUnique({ where: { providerPaymentId: paymentIntentId } });
  if (recorded) return recorded;
  const intent = known.intent ?? (await context.reads.intent(paymentIntentId));
  if (intent.status !== 'succeeded') throw new RetryLaterError(`PaymentIntent ${paymentIntentId} is ${intent.status}`);
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const receivedAt = new Date((charge?.created ?? intent.created) * 1000);
  const money = {
    pledge: pledge as PledgeForPayment,
    instalmentId,
    provider: 'STRIPE' as const,
    providerPaymentId: paymentIntentId,
    providerInvoiceId: known.invoiceId ?? null,
    currency: intent.currency.toUpperCase(),
    amountMinor: BigInt(intent.amount_received),
    receivedAt,
  };
  const { payment, created } = await recordPayment({ db: tx, ...money, refresh: context.summaries.refresh });
  const fee = processingFeeOfCharge(charge);
  if (fee) await recordPaymentFee({ db: tx, paymentId: payment.id, fee });
  if (created) {
    const email = await receiptEmail({ db: tx, paymentId: payment.id });
    if (email) await enqueueEmail({ db: tx, ...email });
  }
  return payment;
}

// ------------------------------------------------------------------ monthly gifts (invoices)

function subscriptionOfInvoice(invoice: Stripe.Invoice) {
  const details = invoice.parent?.subscription_details ?? null;
  return { subscriptionId: idOf(details?.subscription), pledgeId: details?.metadata?.pledgeId ?? null };
}

async function pledgeForSubscription(tx: Tx, subscriptionId: string | null, pledgeId: string | null) {
  if (subscriptionId) {
    const row = await tx.checkoutSession.findFirst({ where: { stripeSubscriptionId: subscriptionId }, select: { pledgeId: true } });
    if (row) return findPledge(tx, row.pledgeId);
  }
  return findPledge(tx, pledgeId);
}

async function onInvoicePaid(context: Context, invoice: Stripe.Invoice): Promise<EventOutcome> {
  const { subscriptionId, pledgeId } = subscriptionOfInvoice(invoice);
  const pledge = await pledgeForSubscription(context.tx, subscriptionId, pledgeId);
  if (!pledge) return 'ignored: no matching pledge';
  await lockPledge({ db: context.tx, pledgeId: pledge.id });
  if (invoice.amount_paid <= 0) return 'ignored: nothing paid';
  const full = await context.reads.invoice(invoice.id!);
  const paymentIntentId = full.payments?.data.map((entry) => idOf(entry.payment?.payment_intent)).find(Boolean) ?? null;
  if (!paymentIntentId) throw new RetryLaterError(`invoice ${invoice.id} has no PaymentIntent yet`);
  await ensureCardPayment(context, pledge, paymentIntentId, null, { invoiceId: invoice.id });
  return 'applied';
}

async function onInvoicePaymentFailed(context: Context, invoice: Stripe.Invoice): Promise<EventOutcome> {
  const { subscriptionId, pledgeId } = subscriptionOfInvoice(invoice);
  const pledge = await pledgeForSubscription(context.tx, subscriptionId, pledgeId);
  if (!pledge) return 'ignored: no matching pledge';
  if (!pledge.donor.email) return 'ignored: donor has no email';
  const fixUrl = invoice.hosted_invoice_url;
  if (!fixUrl) return 'ignored: invoice has no payment page';
  await enqueueEmail({
    db: context.tx,
    template: 'monthly-payment-failed',
    to: pledge.donor.email,
    locale: pledge.donor.locale,
    donorId: pledge.donorId,
    // One notice per failed invoice, however many retries Stripe makes.
    idempotencyKey: `monthly-payment-failed:${invoice.id}`,
    props: {
      donorName: pledge.donor.displayName,
      reference: pledge.reference,
      amountMinor: String(invoice.amount_due),
      currency: invoice.currency.toUpperCase(),
      attemptedAt: new Date(context.event.created * 1000).toISOString(),
      fixUrl,
    },
  });
  return 'applied';
}

const terminalSubscriptionStatuses = new Set(['canceled', 'incomplete_expired']);

async function onSubscriptionChanged(context: Context, subscription: Stripe.Subscription): Promise<EventOutcome> {
  const { tx } = context;
  const pledge = await pledgeForSubscription(tx, subscription.id, subscription.metadata?.pledgeId ?? null);
  if (!pledge) return 'ignored: no matching pledge';
  await lockPledge({ db: tx, pledgeId: pledge.id });
  const row = await tx.checkoutSession.findFirst({
    where: { pledgeId: pledge.id, OR: [{ stripeSubscriptionId: subscription.id }, { stripeSubscriptionId: null }] },
  });
  // Snapshots arrive out of order (created after updated): the subscription's status now is the truth.
  const current = await context.reads.subscription(subscription.id);
  const status = context.event.type === 'customer.subscription.deleted' ? 'canceled' : current.status;
  if (row && !terminalSubscriptionStatuses.has(row.subscriptionStatus ?? '') && row.subscriptionStatus !== status) {
    await tx.checkoutSession.update({ where: { id: row.id }, data: { subscriptionStatus: status, stripeSubscriptionId: subscription.id } });
  }
  // A new amount, a pause, a resumption or the end, as this event reports it (decision 043).
  await recordMonthlyGiftEvent({ db: tx, event: context.event, pledge });
  if (terminalSubscriptionStatuses.has(status))
    await cancelPledge({ db: tx, pledge, reason: 'Monthly gift ended', refresh: context.summaries.refresh });
  return 'applied';
}

// ------------------------------------------------------------------ refunds and disputes

/**
 * The payment behind a PaymentIntent. When the refund or dispute arrives before the event that
 * records the payment, the payment is recorded first from the PaymentIntent itself (its metadata
 * names our pledge), so the final state does not depend on the order of events.
 */
async function paymentForIntent(context: Context, paymentIntentId: string | null) {
  if (!paymentIntentId) return null;
  const known = await context.tx.payment.findUnique({ where: { providerPaymentId: paymentIntentId } });
  if (known) return known;
  const intent = await context.reads.intent(paymentIntentId);
  const pledge = await findPledge(context.tx, intent.metadata?.pledgeId);
  if (!pledge) {
    // A monthly gift's charge carries no metadata: its invoice.paid will record it; try again later.
    if (intent.status === 'succeeded' && (await isOurCustomer(context.tx, idOf(intent.customer)))) {
      throw new RetryLaterError(`payment for ${paymentIntentId} not recorded yet`);
    }
    return null;
  }
  await lockPledge({ db: context.tx, pledgeId: pledge.id });
  return ensureCardPayment(context, pledge, paymentIntentId, instalmentFor(pledge, intent.metadata), { intent });
}

async function isOurCustomer(tx: Tx, customerId: string | null): Promise<boolean> {
  if (!customerId) return false;
  return (await tx.donor.count({ where: { stripeCustomerId: customerId } })) > 0;
}

async function onChargeRefunded(context: Context, charge: Stripe.Charge): Promise<EventOutcome> {
  const payment = await paymentForIntent(context, idOf(charge.payment_intent));
  if (!payment) return 'ignored: no matching payment';
  if (payment.pledgeId) await lockPledge({ db: context.tx, pledgeId: payment.pledgeId });
  // charge.amount_refunded is cumulative: record only what is not yet recorded, so partial
  // refunds delivered out of order (or twice) add up to Stripe's total and never beyond.
  const refunded = await context.tx.reversal.aggregate({
    where: { paymentId: payment.id, kind: 'REFUND' },
    _sum: { amountMinor: true, usdMinor: true },
  });
  const recordedMinor = refunded._sum.amountMinor ?? 0n;
  const totalMinor = BigInt(charge.amount_refunded);
  if (totalMinor <= recordedMinor) return 'ignored: refund already recorded';
  const usdTarget = usdForCumulativeAmount(payment, totalMinor);
  await recordReversal({
    db: context.tx,
    refresh: context.summaries.refresh,
    payment,
    kind: 'REFUND',
    providerReversalId: `${charge.id}:refunded:${totalMinor}`,
    amountMinor: totalMinor - recordedMinor,
    usdMinor: usdTarget - (refunded._sum.usdMinor ?? 0n),
    reason: totalMinor >= payment.amountMinor ? 'Refunded in full' : 'Partly refunded',
  });
  return 'applied';
}

async function onDispute(context: Context, dispute: Stripe.Dispute): Promise<EventOutcome> {
  const payment = await paymentForIntent(context, idOf(dispute.payment_intent));
  if (!payment) return 'ignored: no matching payment';
  if (payment.pledgeId) await lockPledge({ db: context.tx, pledgeId: payment.pledgeId });
  // Stripe withdraws the disputed amount when the dispute opens, gives it back if we win, keeps it
  // if we lose (decision 017). Each step is keyed by the dispute id, so "closed" arriving before
  // "created" still records the withdrawal first, and every step once.
  const amountMinor = BigInt(dispute.amount);
  const { reversedMinor, reversedUsdMinor } = await netOfPayment({ db: context.tx, paymentId: payment.id });
  const heldMinor = payment.amountMinor - reversedMinor;
  const withdrawn = await context.tx.reversal.findUnique({ where: { providerReversalId: `${dispute.id}:withdrawn` } });
  let withdrawnMinor = withdrawn?.amountMinor ?? 0n;
  let withdrawnUsd = withdrawn?.usdMinor ?? 0n;
  if (!withdrawn) {
    // Never more than the payment still holds; taking all of it leaves exactly zero USD behind.
    withdrawnMinor = amountMinor < heldMinor ? amountMinor : heldMinor;
    withdrawnUsd = withdrawnMinor === heldMinor ? payment.usdMinor - reversedUsdMinor : usdForCumulativeAmount(payment, withdrawnMinor);
    // Nothing left to withdraw (refunded in full before the dispute): no money moves, no fact.
    if (withdrawnMinor <= 0n) return 'ignored: nothing left to withdraw';
    await recordReversal({
      db: context.tx,
      refresh: context.summaries.refresh,
      payment,
      kind: 'DISPUTE_WITHDRAWN',
      providerReversalId: `${dispute.id}:withdrawn`,
      amountMinor: withdrawnMinor,
      usdMinor: withdrawnUsd,
      reason: `Disputed by the card holder (${dispute.reason}): funds withdrawn`,
    });
  }
  if (dispute.status === 'won') {
    await recordReversal({
      db: context.tx,
      refresh: context.summaries.refresh,
      payment,
      kind: 'DISPUTE_REINSTATED',
      providerReversalId: `${dispute.id}:reinstated`,
      amountMinor: -withdrawnMinor,
      usdMinor: -withdrawnUsd,
      reason: 'Dispute won: funds reinstated',
    });
  } else if (dispute.status === 'lost') {
    // The withdrawal stands: a record of the outcome that moves no money.
    await recordReversal({
      db: context.tx,
      refresh: context.summaries.refresh,
      payment,
      kind: 'DISPUTE_FINAL',
      providerReversalId: `${dispute.id}:final`,
      amountMinor: 0n,
      usdMinor: 0n,
      reason: 'Dispute lost: the withdrawal is final',
    });
  }
  return 'applied';
}
