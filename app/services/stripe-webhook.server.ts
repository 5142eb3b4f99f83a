// The edge of POST /webhooks/stripe: verify the signature on the raw body, then queue the event
// for the apply-stripe-event job in one insert, and answer 2xx. Acknowledging fast keeps Stripe's
// deliveries flowing (it retries anything slow or non-2xx); applying happens in the job, which
// records the event id in the same transaction as its effect (stripe-events.server.ts).
import type Stripe from 'stripe';
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import { APPLIED_EVENT_TYPES } from '~/services/stripe-events.server.ts';
import { verifyWebhookEvent, webhookSecret, WebhookSignatureError } from '~/services/stripe.server.ts';

/** Retries for an event whose money Stripe has not finished telling us about (backoff grows). */
export const APPLY_EVENT_MAX_ATTEMPTS = 12;
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
  // One round trip: queue the job unless the event was already applied. job_key: a redelivery
  // while the job waits replaces nothing and queues nothing new.
  const queued = await db.$queryRaw<{ id: string }[]>`
    SELECT (graphile_worker.add_job(
      'apply-stripe-event',
      ${JSON.stringify({ event })}::json,
      job_key := ${`stripe-event:${event.id}`},
      job_key_mode := 'preserve_run_at',
      max_attempts := ${APPLY_EVENT_MAX_ATTEMPTS}::int
    )).id::text AS id
    WHERE NOT EXISTS (SELECT 1 FROM processed_webhook_events WHERE id = ${event.id})`;
  if (queued.length === 0) return { status: 200, body: { received: true, duplicate: true } };
  return { status: 200, body: { received: true } };
}
