// The edge of POST /webhooks/stripe: verify the signature on the raw body, write the event to the
// inbox (or log a type we do not apply), and answer 2xx once that row is committed. Acknowledging
// fast keeps Stripe's deliveries flowing (it retries anything slow or non-2xx); applying happens
// in the drain-stripe-inbox job, which records the event id in the same transaction as its effect
// (stripe-inbox.server.ts, stripe-events.server.ts; docs/decisions/011).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Stripe from 'stripe';
import type { DbClient } from '~/platform/db.server.ts';
import { queueStripeEvent } from './stripe-inbox-commands.server.ts';
import { verifyWebhookEvent, webhookSecret, WebhookSignatureError } from './stripe-client.server.ts';

/** Stripe's events are a few kilobytes; anything far larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 512 * 1024;

export interface WebhookReply {
  status: 200 | 400 | 413 | 503;
  body: { received: boolean; duplicate?: boolean; error?: string };
}

export async function acceptStripeWebhook(args: {
  rawBody: string;
  signature: string | null;
  db?: DbClient;
  now?: number;
}): Promise<WebhookReply> {
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
  if (
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.data?.object !== 'object' ||
    event.data.object === null
  ) {
    return { status: 400, body: { received: false, error: 'not a Stripe event' } };
  }
  // Committed with the other deliveries of this moment (one INSERT for all): an event already
  // applied or already waiting is a duplicate, and Stripe may stop sending it.
  const outcome = await queueStripeEvent({ db: args.db, event, rawBody: args.rawBody });
  return { status: 200, body: outcome === 'duplicate' ? { received: true, duplicate: true } : { received: true } };
}

/**
 * POST /webhooks/stripe as a plain node:http handler, ahead of Express and the page middleware:
 * a signed machine call needs none of them (no session, no CSRF, no CSP), and at Stripe's burst
 * rates their per-request work was a fifth of the acknowledgement's cost. Reads the raw body (the
 * signature covers its bytes), refusing more than MAX_WEBHOOK_BYTES.
 */
export function handleStripeWebhookRequest(req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, body: WebhookReply['body']) => {
    if (res.headersSent) return;
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
      'Cache-Control': 'no-store',
    });
    res.end(json);
  };
  if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) {
    send(413, { received: false, error: 'payload too large' });
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_WEBHOOK_BYTES) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (size > MAX_WEBHOOK_BYTES) return send(413, { received: false, error: 'payload too large' });
    const header = req.headers['stripe-signature'];
    acceptStripeWebhook({
      rawBody: Buffer.concat(chunks).toString('utf8'),
      signature: (Array.isArray(header) ? header[0] : header) ?? null,
    }).then(
      (reply) => send(reply.status, reply.body),
      (error: unknown) => {
        // Nothing was committed for this delivery: Stripe retries it.
        console.error(`[stripe] webhook failed: ${(error as Error).message}`);
        send(500, { received: false, error: 'internal error' });
      },
    );
  });
}
