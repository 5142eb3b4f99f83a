// The only importer of the Resend SDK. The base URL comes from the environment, so the same
// code talks to Resend or to the local fake (tests/fakes/resend.ts) in demo mode and tests.
import { Resend } from 'resend';
import { getEnv, type Env } from '~/platform/env.server.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Resend delivers a given key once within 24 hours, however often it is sent. */
  idempotencyKey: string;
  from?: string;
  /** Extra message headers (List-Unsubscribe …); rendered with the body, so a retry sends the same. */
  headers?: Record<string, string>;
}

/** A refusal or transport failure from the email provider. */
export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}

// Demo mode without RESEND_API_KEY: the local fake only checks that some key is present.
const DEMO_API_KEY = 're_demo_local_fake';

export function resendBaseUrl(env: Env = getEnv()): string {
  if (env.RESEND_BASE_URL) return env.RESEND_BASE_URL.replace(/\/$/, '');
  return env.PORTAL_MODE === 'demo' ? `http://127.0.0.1:${env.DEMO_MAIL_PORT}` : 'https://api.resend.com';
}

function client(env: Env): Resend {
  return new Resend(env.RESEND_API_KEY ?? DEMO_API_KEY, { baseUrl: resendBaseUrl(env) });
}

/** Resend's ceiling per POST /emails/batch call. */
export const MAX_BATCH_SIZE = 100;

/** A refusal of a whole batch call, with what the caller needs to decide how to retry. */
export class EmailBatchError extends EmailSendError {
  constructor(
    message: string,
    code: string,
    statusCode: number | null,
    /** Seconds to wait before the next call (429 retry-after, else ratelimit-reset), when the provider said. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message, code, statusCode);
    this.name = 'EmailBatchError';
  }
}

export type OutgoingBatchEmail = Omit<OutgoingEmail, 'idempotencyKey'>;

function seconds(value: string | undefined): number | null {
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
}

/**
 * Sends up to 100 emails in one call to Resend's batch endpoint under one idempotency key: the
 * same key with the same emails returns the same ids, so a retried batch is delivered once.
 * Returns the provider ids in the order of `emails`. Throws EmailBatchError on any refusal.
 */
export async function sendEmailBatch({
  emails,
  idempotencyKey,
}: {
  emails: OutgoingBatchEmail[];
  idempotencyKey: string;
}): Promise<string[]> {
  const env = getEnv();
  const payload = emails.map(({ to, subject, html, text, from, headers }) => ({
    from: from ?? env.EMAIL_FROM,
    to,
    subject,
    html,
    text,
    replyTo: env.EMAIL_REPLY_TO,
    ...(headers ? { headers } : {}),
  }));
  const { data, error, headers } = await client(env).batch.send(payload, { idempotencyKey });
  if (error || !data) {
    const retryAfter = seconds(headers?.['retry-after']) ?? seconds(headers?.['ratelimit-reset']);
    throw new EmailBatchError(
      error?.message ?? 'empty response from email provider',
      error?.name ?? 'application_error',
      error?.statusCode ?? null,
      retryAfter,
    );
  }
  const ids = data.data.map((item) => item.id);
  if (ids.length !== emails.length) {
    throw new EmailBatchError(`provider returned ${ids.length} ids for ${emails.length} emails`, 'application_error', null, null);
  }
  return ids;
}

export interface WebhookHeaders {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
}

/** A webhook whose Svix signature is missing, wrong, or older (or newer) than five minutes. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/**
 * Verifies a Resend webhook (Svix signature over the raw body, five-minute tolerance on its
 * timestamp) with the SDK and returns the parsed event. The SDK checks the timestamp against
 * this process's clock.
 */
export function verifyResendWebhook({ payload, headers, secret }: { payload: string; headers: WebhookHeaders; secret: string }): unknown {
  if (!headers.id || !headers.timestamp || !headers.signature) throw new WebhookVerificationError('missing Svix headers');
  try {
    // The key is not used to verify; the client is only the SDK's way in.
    return new Resend(DEMO_API_KEY).webhooks.verify({
      payload,
      headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
      webhookSecret: secret,
    });
  } catch (error) {
    throw new WebhookVerificationError(error instanceof Error ? error.message : 'invalid signature');
  }
}
