// The /v1 REST API the `stripe` SDK calls: authentication, Stripe's Idempotency-Key semantics,
// optional latency, routing, `expand[]`, and errors in Stripe's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { previewInvoice } from './subscription-changes.ts';
import {
  cancelSubscription,
  createCustomer,
  createPortalSession,
  createRefund,
  deleteCustomer,
  updateCustomer,
  updateSubscription,
  type Core,
} from './billing.ts';
import { createCheckoutSession, expireOverdueSessions, expireSession } from './checkout.ts';
import { API_VERSION, newId } from './objects.ts';
import { allowOnly, canonical, expandPaths, invalid, parseParams, StripeApiError, type Params } from './params.ts';
import type { Kind, RequestInfo } from './store.ts';

export interface ApiOptions {
  /** Only this secret key is accepted; otherwise any key starting `sk_` (or `rk_`). */
  apiKey?: string;
  latencyMs: number;
}

interface StoredResponse {
  endpoint: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
  at: number;
}

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle: (context: { params: Params; request: RequestInfo; id: string }) => unknown;
}

// Stripe keeps idempotency keys for at least 24 hours.
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

const RETRIEVABLE: Record<string, Kind> = {
  customers: 'customer',
  payment_intents: 'payment_intent',
  charges: 'charge',
  payment_methods: 'payment_method',
  subscriptions: 'subscription',
  invoices: 'invoice',
  invoice_payments: 'invoice_payment',
  refunds: 'refund',
  disputes: 'dispute',
  events: 'event',
  prices: 'price',
  products: 'product',
};

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, no-store',
    'Stripe-Version': API_VERSION,
    ...headers,
  });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function maskKey(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '*'.repeat(key.length);
}

export class StripeApi {
  private readonly idempotent = new Map<string, StoredResponse>();
  private readonly routes: Route[];

  constructor(
    private readonly core: Core,
    private readonly options: ApiOptions,
  ) {
    this.routes = this.buildRoutes();
  }

  private authorise(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    let key: string | null = null;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    if (bearer) key = bearer[1] ?? null;
    else if (basic)
      key =
        Buffer.from(basic[1] ?? '', 'base64')
          .toString('utf8')
          .split(':')[0] ?? null;
    if (!key) {
      throw new StripeApiError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    if (key.startsWith('pk_'))
      throw new StripeApiError(
        401,
        'invalid_request_error',
        'This API call cannot be made with a publishable API key. Please use a secret API key.',
      );
    const accepted = this.options.apiKey !== undefined ? key === this.options.apiKey : /^(sk|rk)_\S+$/.test(key);
    if (!accepted)
      throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${maskKey(key)}`, { code: 'api_key_invalid' });
  }

  /** Handles one /v1 request; `body` is the raw form-encoded body. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    if (this.options.latencyMs > 0) await sleep(this.options.latencyMs);
    const requestId = newId('req_', 14);
    const method = req.method ?? 'GET';
    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = method === 'POST' && typeof keyHeader === 'string' && keyHeader !== '' ? keyHeader : null;
    const headers: Record<string, string> = { 'Request-Id': requestId, ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) };
    try {
      this.authorise(req);
      const params = { ...parseParams(url.search.slice(1)), ...parseParams(body) };
      const endpoint = `${method} ${url.pathname}`;
      if (idempotencyKey) {
        if (idempotencyKey.length > 255) throw invalid('Idempotency keys must be at most 255 characters long.', 'Idempotency-Key');
        const stored = this.idempotent.get(idempotencyKey);
        if (stored && Date.now() - stored.at < IDEMPOTENCY_TTL_MS) {
          const hint = `Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`;
          if (stored.endpoint !== endpoint) {
            throw new StripeApiError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.endpoint}' vs '${endpoint}'). ${hint}`,
            );
          }
          if (stored.params !== canonical(params)) {
            throw new StripeApiError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with. ${hint}`,
            );
          }
          return send(res, stored.status, stored.body, { ...headers, 'Idempotent-Replayed': 'true', 'Original-Request': stored.requestId });
        }
      }
      // From here to storing the response nothing awaits, so a concurrent retry with the same
      // key sees either nothing (and runs first) or the stored response.
      const result = this.route(method, url.pathname, params, { id: requestId, idempotency_key: idempotencyKey });
      const text = JSON.stringify(result, null, 2);
      if (idempotencyKey)
        this.idempotent.set(idempotencyKey, { endpoint, params: canonical(params), status: 200, body: text, requestId, at: Date.now() });
      send(res, 200, text, headers);
    } catch (error) {
      if (error instanceof StripeApiError) return send(res, error.statusCode, JSON.stringify(error.toBody(), null, 2), headers);
      const message = error instanceof Error ? error.message : String(error);
      send(res, 500, JSON.stringify({ error: { type: 'api_error', message: `The Stripe emulator failed: ${message}` } }), headers);
    }
  }

  private route(method: string, path: string, params: Params, request: RequestInfo): unknown {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const result = route.handle({ params, request, id: decodeURIComponent(match[1] ?? '') });
      return this.core.store.expand(result, expandPaths(params));
    }
    throw new StripeApiError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
  }

  private buildRoutes(): Route[] {
    const core = this.core;
    const { store } = core;
    const retrieveOnly = (params: Params) => allowOnly(params, ['expand']);
    return [
      { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, handle: ({ params }) => createCheckoutSession(core, params) },
      {
        method: 'GET',
        pattern: /^\/v1\/checkout\/sessions$/,
        handle: ({ params }) => {
          expireOverdueSessions(core);
          return store.list('checkout.session', '/v1/checkout/sessions', params, {
            payment_intent: (session, value) => session.payment_intent === value,
            subscription: (session, value) => session.subscription === value,
            customer: (session, value) => session.customer === value,
            status: (session, value) => session.status === value,
          });
        },
      },
      {
        method: 'GET',
        pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
        handle: ({ params, id }) => {
          retrieveOnly(params);
          expireOverdueSessions(core);
          return store.get('checkout.session', id);
        },
      },
      {
        method: 'GET',
        pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
        handle: ({ params, id }) => {
          allowOnly(params, ['expand', 'limit', 'starting_after', 'ending_before']);
          store.get('checkout.session', id);
          const data = store.sessionExtras.get(id)?.lineItems ?? [];
          return { object: 'list', data: store.snapshot(data), has_more: false, url: `/v1/checkout/sessions/${id}/line_items` };
        },
      },
      {
        method: 'POST',
        pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
        handle: ({ params, id, request }) => {
          allowOnly(params, ['expand']);
          expireOverdueSessions(core);
          const session = store.get('checkout.session', id, 'session');
          if (session.status !== 'open') throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired.`, 'session');
          expireSession(core, session, request);
          return session;
        },
      },
      { method: 'POST', pattern: /^\/v1\/customers$/, handle: ({ params, request }) => createCustomer(core, params, request) },
      {
        method: 'POST',
        pattern: /^\/v1\/customers\/([^/]+)$/,
        handle: ({ params, id, request }) => updateCustomer(core, id, params, request),
      },
      {
        method: 'DELETE',
        pattern: /^\/v1\/customers\/([^/]+)$/,
        handle: ({ params, id, request }) => deleteCustomer(core, id, params, request),
      },
      {
        method: 'POST',
        pattern: /^\/v1\/subscriptions\/([^/]+)$/,
        handle: ({ params, id, request }) => updateSubscription(core, id, params, request),
      },
      {
        method: 'DELETE',
        pattern: /^\/v1\/subscriptions\/([^/]+)$/,
        handle: ({ params, id, request }) => cancelSubscription(core, id, params, request),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/balance_transactions\/([^/]+)$/,
        handle: ({ params, id }) => {
          retrieveOnly(params);
          return store.get('balance_transaction', id);
        },
      },
      {
        method: 'POST',
        pattern: /^\/v1\/invoices\/create_preview$/,
        handle: ({ params }) => previewInvoice(store, core.publicUrl, params),
      },
      { method: 'POST', pattern: /^\/v1\/refunds$/, handle: ({ params, request }) => createRefund(core, params, request) },
      { method: 'POST', pattern: /^\/v1\/billing_portal\/sessions$/, handle: ({ params }) => createPortalSession(core, params) },
      {
        method: 'GET',
        pattern: /^\/v1\/customers$/,
        handle: ({ params }) => store.list('customer', '/v1/customers', params, { email: (customer, value) => customer.email === value }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/payment_intents$/,
        handle: ({ params }) =>
          store.list('payment_intent', '/v1/payment_intents', params, { customer: (intent, value) => intent.customer === value }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/charges$/,
        handle: ({ params }) =>
          store.list('charge', '/v1/charges', params, {
            customer: (charge, value) => charge.customer === value,
            payment_intent: (charge, value) => charge.payment_intent === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/subscriptions$/,
        handle: ({ params }) =>
          store.list('subscription', '/v1/subscriptions', params, {
            customer: (subscription, value) => subscription.customer === value,
            status: (subscription, value) => value === 'all' || subscription.status === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/invoices$/,
        handle: ({ params }) =>
          store.list('invoice', '/v1/invoices', params, {
            customer: (invoice, value) => invoice.customer === value,
            subscription: (invoice, value) => invoice.parent?.subscription_details?.subscription === value,
            status: (invoice, value) => invoice.status === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/invoice_payments$/,
        handle: ({ params }) =>
          store.list('invoice_payment', '/v1/invoice_payments', params, {
            invoice: (payment, value) => payment.invoice === value,
            status: (payment, value) => payment.status === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/refunds$/,
        handle: ({ params }) =>
          store.list('refund', '/v1/refunds', params, {
            charge: (refund, value) => refund.charge === value,
            payment_intent: (refund, value) => refund.payment_intent === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/disputes$/,
        handle: ({ params }) =>
          store.list('dispute', '/v1/disputes', params, {
            charge: (dispute, value) => dispute.charge === value,
            payment_intent: (dispute, value) => dispute.payment_intent === value,
          }),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/events$/,
        handle: ({ params }) =>
          store.list('event', '/v1/events', params, {
            type: (event, value) => (value.endsWith('.*') ? event.type.startsWith(value.slice(0, -1)) : event.type === value),
          }),
      },
      ...Object.entries(RETRIEVABLE).map(([collection, kind]): Route => ({
        method: 'GET',
        pattern: new RegExp(`^/v1/${collection}/([^/]+)$`),
        handle: ({ params, id }) => {
          retrieveOnly(params);
          return store.retrieve(kind, id);
        },
      })),
    ];
  }
}
