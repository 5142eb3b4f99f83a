// A local Stripe for demo mode, tests and benchmarks: an HTTP server on 127.0.0.1 that the real
// `stripe` SDK talks to (`new Stripe(key, { host: '127.0.0.1', port, protocol: 'http' })`), with
// Stripe's object shapes for API version 2026-10-28.endive, hosted Checkout, invoice and portal
// pages where a person enters test cards, signed webhooks retried with backoff, and a control API
// (`/_emulator/…`, and the same as methods) to pay, settle, renew and close disputes without a
// browser. State is in memory. Loaded by tests and by server.ts in demo mode, never by app code.
// Standalone: `tsx tests/fakes/stripe.ts` (STRIPE_EMULATOR_PORT or 3026, STRIPE_WEBHOOK_URL,
// STRIPE_WEBHOOK_SECRET).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type Stripe from 'stripe';
import { StripeApi } from './stripe/api.ts';
import { closeDispute, renewSubscription, type Core, type RenewalResult } from './stripe/billing.ts';
import { expireOverdueSessions, payCheckoutSession, settleDelayed, type PaymentResult, type SessionPayment } from './stripe/checkout.ts';
import { EmulatorError } from './stripe/params.ts';
import {
  checkoutPage,
  invoicePage,
  overviewPage,
  portalPage,
  submitCheckout,
  submitInvoice,
  submitPortal,
  type PageResponse,
} from './stripe/pages.ts';
import { Store, type EmulatorEvent } from './stripe/store.ts';
import { WebhookDispatcher, type DeliveryAttempt } from './stripe/webhooks.ts';

export type { DeliveryAttempt, EmulatorEvent, PaymentResult, RenewalResult, SessionPayment };
export { signatureHeader } from './stripe/webhooks.ts';
export { API_VERSION } from './stripe/objects.ts';

export interface StripeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Base of the hosted pages' URLs (session.url …); defaults to http://127.0.0.1:<port>. */
  publicUrl?: string;
  webhookUrl?: string;
  webhookSecret: string;
  /** Added before every /v1 response (the pledge benchmark uses 250). */
  latencyMs?: number;
  /** First retry after this, then doubling (default 1000). */
  retryBaseMs?: number;
  /** Attempts per event, the first included (default 8). */
  maxDeliveryAttempts?: number;
  /** When a delayed payment settles by itself (default 5000; Infinity: only through settleDelayed). */
  delayedSettleMs?: number;
  /** Only this secret key is accepted (default: any key starting `sk_`). */
  apiKey?: string;
  /** Event types delivered to the webhook URL, like an endpoint's enabled_events (default: all). */
  enabledEvents?: string[];
}

export interface StripeEmulator {
  url: string;
  port: number;
  /** Pays an open Checkout Session as the hosted page would, with a test card or the delayed method. */
  payCheckoutSession(sessionId: string, payment: SessionPayment): Promise<PaymentResult>;
  /** Ends a delayed payment now. */
  settleDelayed(sessionId: string, outcome: 'succeed' | 'fail'): Promise<PaymentResult>;
  /** Bills the next period: paid, or declined (invoice open, subscription past_due). */
  renewSubscription(subscriptionId: string, options?: { fail?: boolean }): Promise<RenewalResult>;
  closeDispute(disputeId: string, outcome: 'won' | 'lost'): Promise<Stripe.Dispute>;
  /** Every event so far, oldest first. */
  events(): EmulatorEvent[];
  /** Every delivery attempt so far, oldest first. */
  deliveries(): DeliveryAttempt[];
  /** Resolves when no delivery is in flight or waiting to retry. */
  waitForDeliveries(): Promise<void>;
  setWebhook(target: { url: string | null; secret?: string }): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new EmulatorError(413, 'Request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendPage(res: ServerResponse, page: PageResponse): void {
  if ('redirect' in page) {
    res.writeHead(303, { Location: page.redirect, 'Cache-Control': 'no-store' }).end();
    return;
  }
  res.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // No script, no outside assets. No form-action: browsers would block the redirect to success_url.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(page.html);
}

function jsonBody(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    // Parse boundary: a JSON object, read field by field below.
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new EmulatorError(400, 'The control API takes a JSON object.');
}

function outcomeOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  // Checked against the allowed values: the cast only narrows the string to their union.
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new EmulatorError(400, `\`${field}\` must be one of ${allowed.join(', ')}.`);
}

function paymentOf(body: Record<string, unknown>): SessionPayment {
  const email = typeof body.email === 'string' ? body.email : undefined;
  if (body.delayed !== undefined) return { delayed: outcomeOf(body.delayed, ['succeed', 'fail'] as const, 'delayed'), email };
  if (typeof body.card !== 'string') throw new EmulatorError(400, 'Pass `card` (a test card number) or `delayed` (succeed or fail).');
  const text = (key: string) => {
    const value = body[key];
    return typeof value === 'string' ? value : undefined;
  };
  return { card: body.card, expiry: text('expiry'), cvc: text('cvc'), email };
}

/** Starts the emulator on 127.0.0.1 (port 0 picks a free port). */
export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const timers = new Set<NodeJS.Timeout>();
  const store = new Store();
  const dispatcher = new WebhookDispatcher({
    url: options.webhookUrl ?? null,
    secret: options.webhookSecret,
    retryBaseMs: options.retryBaseMs ?? 1000,
    maxAttempts: options.maxDeliveryAttempts ?? 8,
    enabledEvents: options.enabledEvents ?? ['*'],
  });
  store.onEvent = (event) => dispatcher.enqueue(event);
  const core: Core = {
    store,
    publicUrl: '',
    delayedSettleMs: options.delayedSettleMs ?? 5000,
    schedule(ms, task) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          task();
        } catch (error) {
          // A timer has no caller to report to; the emulator keeps serving.
          console.error('[stripe emulator] scheduled task failed:', error);
        }
      }, ms);
      timers.add(timer);
      return timer;
    },
    cancel(timer) {
      clearTimeout(timer);
      timers.delete(timer);
    },
  };
  const api = new StripeApi(core, { apiKey: options.apiKey, latencyMs: options.latencyMs ?? 0 });
  // Stripe expires sessions on its own at `expires_at` (and sends checkout.session.expired).
  const sweep = setInterval(() => expireOverdueSessions(core), 60_000).unref();

  const control = {
    payCheckoutSession: async (sessionId: string, payment: SessionPayment) => payCheckoutSession(core, sessionId, payment),
    settleDelayed: async (sessionId: string, outcome: 'succeed' | 'fail') => settleDelayed(core, sessionId, outcome),
    renewSubscription: async (subscriptionId: string, renewal: { fail?: boolean } = {}) => renewSubscription(core, subscriptionId, renewal),
    closeDispute: async (disputeId: string, outcome: 'won' | 'lost') => closeDispute(core, disputeId, outcome),
    // Event data is frozen at emission, so a shallow copy is a safe snapshot.
    events: () =>
      store
        .all('event')
        .reverse()
        .map((event) => ({ ...event })),
    deliveries: () => dispatcher.history(),
    waitForDeliveries: () => dispatcher.idle(),
    setWebhook: ({ url, secret }: { url: string | null; secret?: string }) =>
      dispatcher.setTarget({ url, secret: secret ?? dispatcher.current.secret }),
  };

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: string): Promise<void> {
    const method = req.method ?? 'GET';
    const input = method === 'POST' ? jsonBody(body) : {};
    let match: RegExpExecArray | null;
    if (method === 'POST' && (match = /^\/_emulator\/checkout\/sessions\/([^/]+)\/pay$/.exec(path))) {
      return sendJson(res, 200, await control.payCheckoutSession(match[1] ?? '', paymentOf(input)));
    }
    if (method === 'POST' && (match = /^\/_emulator\/checkout\/sessions\/([^/]+)\/settle$/.exec(path))) {
      return sendJson(
        res,
        200,
        await control.settleDelayed(match[1] ?? '', outcomeOf(input.outcome, ['succeed', 'fail'] as const, 'outcome')),
      );
    }
    if (method === 'POST' && (match = /^\/_emulator\/subscriptions\/([^/]+)\/renew$/.exec(path))) {
      return sendJson(res, 200, await control.renewSubscription(match[1] ?? '', { fail: input.fail === true }));
    }
    if (method === 'POST' && (match = /^\/_emulator\/disputes\/([^/]+)\/close$/.exec(path))) {
      return sendJson(res, 200, await control.closeDispute(match[1] ?? '', outcomeOf(input.outcome, ['won', 'lost'] as const, 'outcome')));
    }
    if (method === 'GET' && path === '/_emulator/events') return sendJson(res, 200, { data: control.events() });
    if (method === 'GET' && path === '/_emulator/deliveries') return sendJson(res, 200, { data: control.deliveries() });
    if (method === 'POST' && path === '/_emulator/deliveries/wait') {
      await control.waitForDeliveries();
      return sendJson(res, 200, { pending: 0 });
    }
    if (method === 'POST' && path === '/_emulator/webhook') {
      const url = input.url === null || typeof input.url === 'string' ? input.url : undefined;
      if (url === undefined) throw new EmulatorError(400, 'Pass `url` (a string, or null to stop deliveries) and optionally `secret`.');
      control.setWebhook({ url, secret: typeof input.secret === 'string' ? input.secret : undefined });
      return sendJson(res, 200, { url, secret_set: true });
    }
    throw new EmulatorError(404, `No control endpoint ${method} ${path}.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    if (path.startsWith('/v1/')) return api.handle(req, res, url, body);
    if (path.startsWith('/_emulator/')) return handleControl(req, res, path, body);
    const page = /^\/(c\/pay|i|p)\/([^/]+)$/.exec(path);
    if (page) {
      const [, kind, id = ''] = page;
      const form = new URLSearchParams(body);
      if (kind === 'c/pay') return sendPage(res, method === 'POST' ? submitCheckout(core, id, form) : checkoutPage(core, id));
      if (kind === 'i') return sendPage(res, method === 'POST' ? submitInvoice(core, id, form) : invoicePage(core, id));
      return sendPage(
        res,
        method === 'POST' ? submitPortal(core, id, form) : portalPage(core, id, { updated: url.searchParams.has('updated') }),
      );
    }
    if (path === '/' && method === 'GET')
      return sendPage(res, { status: 200, html: overviewPage(core, dispatcher.history(), dispatcher.current.url) });
    throw new EmulatorError(404, `Nothing at ${method} ${path}.`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof EmulatorError) return sendJson(res, error.statusCode, { error: { message: error.message } });
      sendJson(res, 500, { error: { message: error instanceof Error ? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  core.publicUrl = (options.publicUrl ?? url).replace(/\/$/, '');

  return {
    url,
    port,
    ...control,
    close: async () => {
      clearInterval(sweep);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      dispatcher.close();
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_stripe_emulator';
  const emulator = await startStripeEmulator({
    port: Number(process.env.STRIPE_EMULATOR_PORT ?? 3026),
    webhookUrl: process.env.STRIPE_WEBHOOK_URL,
    webhookSecret,
  });
  console.log(`Stripe emulator listening on ${emulator.url} (overview: ${emulator.url}/)`);
  console.log(`Webhooks: ${process.env.STRIPE_WEBHOOK_URL ?? 'none (set STRIPE_WEBHOOK_URL)'}, signing secret ${webhookSecret}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
