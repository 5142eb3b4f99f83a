// POST /webhooks/resend: verify the Svix signature on the raw body (five minutes' tolerance),
// then record the event and its effect (email-event-commands.server.ts). Unknown event types are
// recorded and acknowledged; a bad or stale signature records nothing.
import type { Db } from '~/platform/db.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { recordResendEvent, type ResendEvent } from './email-event-commands.server.ts';
import { verifyResendWebhook, WebhookVerificationError, type WebhookHeaders } from './resend.server.ts';

/** Resend's events are a few kilobytes. */
export const MAX_RESEND_WEBHOOK_BYTES = 256 * 1024;

export interface ResendWebhookReply {
  status: 200 | 400 | 413;
  body: { received: boolean; duplicate?: boolean; error?: string };
}

function isEvent(value: unknown): value is ResendEvent {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export async function acceptResendWebhook({
  rawBody,
  headers,
  db,
  secret = getEnv().RESEND_WEBHOOK_SECRET,
  now,
}: {
  rawBody: string;
  headers: WebhookHeaders;
  db?: Db;
  secret?: string;
  now?: Date;
}): Promise<ResendWebhookReply> {
  if (Buffer.byteLength(rawBody) > MAX_RESEND_WEBHOOK_BYTES) return { status: 413, body: { received: false, error: 'payload too large' } };
  let event: unknown;
  try {
    event = verifyResendWebhook({ payload: rawBody, headers, secret });
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      console.warn(`[resend] webhook refused: ${error.message}`);
      return { status: 400, body: { received: false, error: 'invalid signature' } };
    }
    throw error;
  }
  if (!isEvent(event) || !headers.id) return { status: 400, body: { received: false, error: 'not a Resend event' } };
  const outcome = await recordResendEvent({ db, svixId: headers.id, event, now });
  return { status: 200, body: outcome === 'duplicate' ? { received: true, duplicate: true } : { received: true } };
}
