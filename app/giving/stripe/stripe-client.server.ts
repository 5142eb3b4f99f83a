// The only importer of the Stripe SDK. The API base comes from the environment, so the same code
// talks to Stripe or to the local emulator (tests/fakes/stripe.ts) in demo mode and tests.
import Stripe from 'stripe';
import { getEnv, type Env } from '~/platform/env.server.ts';

// Demo mode without STRIPE_SECRET_KEY: the emulator accepts any key that looks like a test key.
const DEMO_SECRET_KEY = 'sk_test_demo_local_emulator';

/** Stripe's default tolerance for webhook timestamps (seconds). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function stripeApiBase(env: Env = getEnv()): string {
  if (env.STRIPE_API_BASE) return env.STRIPE_API_BASE.replace(/\/$/, '');
  return env.PORTAL_MODE === 'demo' ? `http://127.0.0.1:${env.DEMO_STRIPE_PORT}` : 'https://api.stripe.com';
}

const clients = new Map<string, Stripe>();

/** The SDK client for the configured account and API base (one per configuration). */
export function getStripe(env: Env = getEnv()): Stripe {
  const base = new URL(stripeApiBase(env));
  const key = env.STRIPE_SECRET_KEY ?? DEMO_SECRET_KEY;
  const cacheKey = `${key}@${base.origin}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(key, {
      host: base.hostname,
      port: base.port ? Number(base.port) : base.protocol === 'https:' ? 443 : 80,
      protocol: base.protocol === 'https:' ? 'https' : 'http',
      // Our own retries happen through idempotency keys and jobs; the SDK retries network errors.
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: 'crime-programme-funding-portal' },
    });
    clients.set(cacheKey, client);
  }
  return client;
}

/** The webhook signing secret; demo mode without one cannot verify anything, so it refuses. */
export function webhookSecret(env: Env = getEnv()): string | undefined {
  return env.STRIPE_WEBHOOK_SECRET;
}

/** A webhook whose signature is missing, wrong, or too old. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/**
 * Verifies the signature on the raw body (Stripe's scheme, 300 s tolerance) and parses the event.
 * `now` (milliseconds) is the receipt time; tests pass it to check the tolerance edges.
 */
export function verifyWebhookEvent(args: { rawBody: string; signature: string | null; secret: string; now?: number }): Stripe.Event {
  if (!args.signature) throw new WebhookSignatureError('missing Stripe-Signature header');
  try {
    return getStripe().webhooks.constructEvent(args.rawBody, args.signature, args.secret, WEBHOOK_TOLERANCE_SECONDS, undefined, args.now);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError)
      throw new WebhookSignatureError(error.message.split('\n')[0] ?? 'bad signature');
    throw new WebhookSignatureError('unreadable webhook payload');
  }
}

/** Stripe's 404 for an object it does not hold (never created, or already deleted). */
export function isResourceMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === 'resource_missing';
}

export type { Stripe };
