// The edge of POST /webhooks/stripe: verify the signature on the raw body, then add the event to
// a batch job of apply-stripe-event (or log an unhandled type) in one statement, and answer 2xx.
// Acknowledging fast keeps Stripe's deliveries flowing (it retries anything slow or non-2xx);
// applying happens in the job, which records the event id in the same transaction as its effect
// (stripe-events.server.ts).
import type Stripe from 'stripe';
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import { APPLIED_EVENT_TYPES, idOf } from '~/services/stripe-events.server.ts';
import { verifyWebhookEvent, webhookSecret, WebhookSignatureError } from '~/services/stripe.server.ts';

/** Retries for an event whose money Stripe has not finished telling us about (backoff grows). */
export const APPLY_EVENT_MAX_ATTEMPTS = 12;
/**
 * Money first: batches of events run before jobs of the default priority 0 (receipts to send,
 * reminders), which only wait a little longer when many events arrive at once.
 */
export const APPLY_EVENT_PRIORITY = -1;
/** Stripe's events are a few kilobytes; anything far larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;

export interface WebhookReply {
  status: 200 | 400 | 413 | 503;
  body: { received: boolean; duplicate?: boolean; error?: string };
}

export async function acceptStripeWebhook(args: { rawBody: string; signature: string | null; db?: DbClient; now?: number }): Promise<WebhookReply> {
  if (Buffer.byteLength(args.rawBody) > MAX_WEBHOOK_BYTES) return { status: 413, body: { received: false, error: 'payload too large' } };
  const secret = webhookSecret();
  if (!secret) {
    console.error('[stripe] webhook refused: STRIPE_WEBHOOK_SECRET is not set');
    return { status: 503, body: { received: false, error: 'webhook secret not configured' } };
  }
  let event: Stripe.Event;
  try {
    event = verifyWebhookEvent({ rawBody: args.rawBody, signature: args.signature, secret, now: args.now });
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      console.warn(`[stripe] webhook refused: ${error.message}`);
      return { status: 400, body: { received: false, error: 'invalid signature' } };
    }
    throw error;
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string' || !event.data) {
    return { status: 400, body: { received: false, error: 'not a Stripe event' } };
  }
  const db = args.db ?? getPrisma();
  if (!APPLIED_EVENT_TYPES.has(event.type)) {
    // Nothing to apply (Stripe sends many types we do not use): log it, queue nothing.
    await db.$executeRaw`INSERT INTO processed_webhook_events (id, provider, type, outcome)
      VALUES (${event.id}, 'stripe', ${event.type}, 'ignored: unhandled event type') ON CONFLICT (id) DO NOTHING`;
    return { status: 200, body: { received: true } };
  }
  // One round trip: add the event to its shard's batch job for the current window unless the
  // event was already applied. Events added while that job waits are appended to it
  // (graphile-worker batch jobs); a redelivery appended twice is a duplicate the job sees.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const queued = await db.$queryRaw<{ id: string | null }[]>`
      WITH w AS (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000 / ${STRIPE_BATCH_WINDOW_MS})::bigint AS n)
      SELECT (graphile_worker.add_job(
        'apply-stripe-event',
        ${JSON.stringify([event])}::json,
        job_key := 'stripe-events:' || ${shardOf(event)}::int || ':' || w.n,
        run_at := to_timestamp(((w.n + 1) * ${STRIPE_BATCH_WINDOW_MS} + ${STRIPE_BATCH_GRACE_MS}) / 1000.0),
        job_key_mode := 'preserve_run_at',
        max_attempts := ${APPLY_EVENT_MAX_ATTEMPTS}::int,
        priority := ${APPLY_EVENT_PRIORITY}::int
      )).id::text AS id
      FROM w WHERE NOT EXISTS (SELECT 1 FROM processed_webhook_events WHERE id = ${event.id})`;
    if (queued.length === 0) return { status: 200, body: { received: true, duplicate: true } };
    // No id: the window's job was taken by the worker between graphile-worker's checks and our
    // append, which then changed nothing. Never answer 2xx for that: add again (a new window).
    if (queued[0]?.id) return { status: 200, body: { received: true } };
  }
  console.error(`[stripe] event ${event.id} could not be queued; Stripe will redeliver it`);
  return { status: 503, body: { received: false, error: 'try again' } };
}

/** Batch jobs filling at once: more than WORKER_CONCURRENCY, so several run side by side. */
export const STRIPE_BATCH_SHARDS = 16;
/**
 * A batch job collects its shard's events for one window of the database clock, and becomes
 * runnable only a grace period after the window ends. So the worker never holds a job that
 * acknowledgements still append to: graphile-worker would drop such an append (the job is locked),
 * and would clear the running job's key with its attempts set to the maximum, so the events that
 * failed in it would never be retried. The window also bounds a batch's size (and the payload
 * each append rewrites) when many events arrive, and adds at most window + grace to the delay.
 */
export const STRIPE_BATCH_WINDOW_MS = 1_000;
export const STRIPE_BATCH_GRACE_MS = 500;

/** The shard of an event: a stable hash of the PaymentIntent or subscription it is about. */
export function shardOf(event: Stripe.Event): number {
  const object = event.data.object as {
    payment_intent?: unknown;
    subscription?: unknown;
    parent?: { subscription_details?: { subscription?: unknown } | null } | null;
  };
  const affinity =
    idOf(object.payment_intent) ?? idOf(object.subscription) ?? idOf(object.parent?.subscription_details?.subscription) ?? idOf(object) ?? event.id;
  return fnv1a(affinity) % STRIPE_BATCH_SHARDS;
}

/** A small, stable string hash (32-bit FNV-1a). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
