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

/** Sends one email; returns the provider's message id. Throws EmailSendError on any failure. */
export async function sendEmail({ to, subject, html, text, idempotencyKey, from, headers }: OutgoingEmail): Promise<{ id: string }> {
  const env = getEnv();
  // The SDK never throws: network failures come back as `error` too.
  const { data, error } = await client(env).emails.send(
    // Replies (e.g. "stop my monthly gift") go to the donor-relations mailbox, not to no-reply.
    { from: from ?? env.EMAIL_FROM, to, subject, html, text, replyTo: env.EMAIL_REPLY_TO, ...(headers ? { headers } : {}) },
    { idempotencyKey },
  );
  if (error || !data) {
    throw new EmailSendError(
      error?.message ?? 'empty response from email provider',
      error?.name ?? 'application_error',
      error?.statusCode ?? null,
    );
  }
  return { id: data.id };
}
