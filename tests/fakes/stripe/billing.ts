// Customers, subscriptions and their invoices, refunds, disputes and the billing portal: the
// operations behind the API routes, the hosted invoice and portal pages, and the control API.
import type Stripe from 'stripe';
import { checkCard, type CardDecline } from './cards.ts';
import { formatAmount } from './money.ts';
import { addInterval, buildCustomer, buildPaymentMethod, nowSeconds } from './objects.ts';
import { buildInvoice, buildInvoicePayment, buildPortalSession } from './objects-billing.ts';
import { buildCharge, buildDispute, buildPaymentIntent, buildRefund, type ChargeState } from './objects-payments.ts';
import { settleCharge } from './balance.ts';
import { allowOnly, bool, EmulatorError, hash, int, invalid, metadata, oneOf, requiredStr, str, type Params } from './params.ts';
import { AUTOMATIC, type RequestInfo, type Store } from './store.ts';
import { applyItemChanges, applyPauseCollection, pausedInvoiceStatus } from './subscription-changes.ts';

/** What every operation needs: the store, the public base URL, and timers the emulator can stop. */
export interface Core {
  store: Store;
  publicUrl: string;
  delayedSettleMs: number;
  schedule(ms: number, task: () => void): NodeJS.Timeout;
  cancel(timer: NodeJS.Timeout): void;
}

export interface CardInput {
  card: string;
  expiry?: string;
  cvc?: string;
}

const DECLINED: ChargeState = {
  status: 'failed',
  failureCode: 'card_declined',
  failureMessage: 'Your card was declined.',
  declineCode: 'generic_decline',
};
const OPEN_DISPUTE = new Set(['needs_response', 'under_review', 'warning_needs_response', 'warning_under_review']);

const errorOf = (decline: CardDecline) => ({ code: decline.code, decline_code: decline.declineCode, message: decline.message });

// ------------------------------------------------------------------ customers

export interface CustomerFields {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  preferredLocales: string[];
}

export function createCustomerRecord(core: Core, fields: CustomerFields, request: RequestInfo): Stripe.Customer {
  const customer = core.store.put<'customer'>(buildCustomer(fields));
  core.store.emit('customer.created', customer, request);
  return customer;
}

const CUSTOMER_PARAMS = ['email', 'name', 'description', 'phone', 'metadata', 'preferred_locales', 'expand'];

function localesOf(params: Params): string[] | undefined {
  const value = params.preferred_locales;
  if (value === undefined) return undefined;
  if (value === '') return [];
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string'))
    throw invalid('Invalid array: preferred_locales', 'preferred_locales');
  return value;
}

/** POST /v1/customers. */
export function createCustomer(core: Core, params: Params, request: RequestInfo): Stripe.Customer {
  allowOnly(params, CUSTOMER_PARAMS);
  return createCustomerRecord(
    core,
    {
      email: str(params, 'email') || null,
      name: str(params, 'name') || null,
      description: str(params, 'description') || null,
      phone: str(params, 'phone') || null,
      metadata: metadata(params, 'metadata'),
      preferredLocales: localesOf(params) ?? [],
    },
    request,
  );
}

/** POST /v1/customers/:id ('' unsets a field, as in Stripe). */
export function updateCustomer(core: Core, id: string, params: Params, request: RequestInfo): Stripe.Customer {
  allowOnly(params, CUSTOMER_PARAMS);
  const customer = core.store.get('customer', id);
  const previous: Record<string, unknown> = {};
  const change = (field: 'email' | 'name' | 'description' | 'phone', value: string | null | undefined) => {
    if (value === undefined || value === customer[field]) return;
    previous[field] = customer[field];
    customer[field] = value;
  };
  for (const field of ['email', 'name', 'description', 'phone'] as const) {
    const value = str(params, field);
    change(field, value === undefined ? undefined : value || null);
  }
  const nextMetadata = metadata(params, 'metadata', customer.metadata);
  if (JSON.stringify(nextMetadata) !== JSON.stringify(customer.metadata)) {
    previous.metadata = customer.metadata;
    customer.metadata = nextMetadata;
  }
  const locales = localesOf(params);
  if (locales) {
    previous.preferred_locales = customer.preferred_locales;
    customer.preferred_locales = locales;
  }
  if (Object.keys(previous).length > 0) core.store.emit('customer.updated', customer, request, previous);
  return customer;
}

/**
 * DELETE /v1/customers/:id. As Stripe does: the customer's subscriptions end at once, only a
 * tombstone `{ id, object: 'customer', deleted: true }` is left (GET answers it), and a second
 * DELETE is a 404 `resource_missing`.
 */
export function deleteCustomer(core: Core, id: string, params: Params, request: RequestInfo): Stripe.DeletedCustomer {
  allowOnly(params, []);
  const customer = core.store.get('customer', id);
  for (const subscription of core.store.all('subscription')) {
    if (subscription.customer === id && subscription.status !== 'canceled') endSubscription(core, subscription, null, request);
  }
  core.store.remove('customer', id);
  core.store.emit('customer.deleted', customer, request);
  return { id, object: 'customer', deleted: true };
}

// ------------------------------------------------------------------ invoices

/** One attempt to collect an invoice through its PaymentIntent with the given payment method. */
function attemptInvoicePayment(
  core: Core,
  invoice: Stripe.Invoice,
  intent: Stripe.PaymentIntent,
  payment: Stripe.InvoicePayment,
  method: Stripe.PaymentMethod,
  state: ChargeState,
): Stripe.Charge {
  const now = nowSeconds();
  const charge = core.store.put<'charge'>(buildCharge({ intent, method, state, email: invoice.customer_email }));
  Object.assign(intent, { latest_charge: charge.id, payment_method: method.id, payment_method_types: [method.type] });
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (state.status === 'succeeded') {
    settleCharge(core.store, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, last_payment_error: null });
    Object.assign(invoice, { status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0, next_payment_attempt: null });
    invoice.status_transitions.paid_at = now;
    Object.assign(payment, { status: 'paid', amount_paid: invoice.amount_due });
    payment.status_transitions.paid_at = now;
  } else if (state.status === 'failed') {
    Object.assign(intent, {
      status: 'requires_payment_method',
      last_payment_error: {
        type: 'card_error',
        code: state.failureCode,
        decline_code: state.declineCode ?? undefined,
        message: state.failureMessage,
        charge: charge.id,
      },
    });
    // Stripe's Smart Retries try again a few days later; the emulator only says when.
    invoice.next_payment_attempt = invoice.attempt_count < 4 ? now + 3 * 86_400 : null;
  }
  return charge;
}

/** Creates the invoice's PaymentIntent (metadata-free, as Stripe's are) and makes the first attempt. */
export function chargeInvoice(core: Core, invoice: Stripe.Invoice, method: Stripe.PaymentMethod, state: ChargeState, description: string) {
  const intent = core.store.put<'payment_intent'>(
    buildPaymentIntent({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: typeof invoice.customer === 'string' ? invoice.customer : null,
      description,
      metadata: {},
      paymentMethod: method,
      receiptEmail: null,
    }),
  );
  const payment = core.store.put<'invoice_payment'>(buildInvoicePayment(invoice, intent));
  const charge = attemptInvoicePayment(core, invoice, intent, payment, method, state);
  return { intent, charge };
}

export interface RenewalResult {
  outcome: 'paid' | 'failed' | 'canceled' | 'paused';
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice | null;
  paymentIntent: Stripe.PaymentIntent | null;
  charge: Stripe.Charge | null;
}

function subscriptionFor(core: Core, id: string): Stripe.Subscription {
  const subscription = core.store.find('subscription', id);
  if (!subscription) throw new EmulatorError(404, `No such subscription: '${id}'`);
  return subscription;
}

/**
 * The next period of a subscription: a `subscription_cycle` invoice charged to the default payment
 * method, paid or declined (or, while collection is paused, not charged at all). A subscription set
 * to cancel at period end ends instead.
 */
export function renewSubscription(core: Core, id: string, { fail = false }: { fail?: boolean } = {}): RenewalResult {
  const { store } = core;
  const subscription = subscriptionFor(core, id);
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired')
    throw new EmulatorError(400, `Subscription ${id} is ${subscription.status}.`);
  const first = subscription.items.data[0];
  if (!first) throw new EmulatorError(400, `Subscription ${id} has no items.`);
  const now = nowSeconds();
  if (subscription.cancel_at_period_end) {
    Object.assign(subscription, { status: 'canceled', ended_at: now, canceled_at: subscription.canceled_at ?? now });
    subscription.cancellation_details = {
      ...(subscription.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }),
      reason: 'cancellation_requested',
    };
    store.emit('customer.subscription.deleted', subscription, AUTOMATIC);
    return { outcome: 'canceled', subscription: store.snapshot(subscription), invoice: null, paymentIntent: null, charge: null };
  }
  const previous: Record<string, unknown> = { latest_invoice: subscription.latest_invoice, items: store.snapshot(subscription.items) };
  const oldPeriod = { start: first.current_period_start, end: first.current_period_end };
  for (const item of subscription.items.data) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(
      item.current_period_start,
      item.price.recurring?.interval ?? 'month',
      item.price.recurring?.interval_count ?? 1,
    );
  }
  const customer = store.get('customer', String(subscription.customer));
  const methodId = subscription.default_payment_method ?? customer.invoice_settings.default_payment_method;
  const method = store.get('payment_method', String(methodId));
  const invoice = store.put<'invoice'>(
    buildInvoice({
      customer,
      subscription,
      billingReason: 'subscription_cycle',
      // Stripe dates a cycle invoice by the period just ended; its lines cover the new one.
      period: oldPeriod,
      publicUrl: core.publicUrl,
      lines: subscription.items.data.map((item) => ({
        price: item.price,
        quantity: item.quantity ?? 1,
        productName: store.find('product', String(item.price.product))?.name ?? 'Subscription',
        subscriptionItem: item.id,
        period: { start: item.current_period_start, end: item.current_period_end },
      })),
    }),
  );
  subscription.latest_invoice = invoice.id;
  const pause = subscription.pause_collection;
  if (pause && (pause.resumes_at === null || pause.resumes_at > now)) {
    // Collection is paused: the invoice is made but never charged (voided, left as a draft or
    // marked uncollectible, as the pause says); the subscription stays active.
    const status = pausedInvoiceStatus(pause.behavior);
    Object.assign(invoice, { status, auto_advance: false, amount_remaining: status === 'void' ? 0 : invoice.amount_due });
    if (status === 'draft') invoice.status_transitions.finalized_at = null;
    if (status === 'void') invoice.status_transitions.voided_at = now;
    if (status === 'uncollectible') invoice.status_transitions.marked_uncollectible_at = now;
    store.emit('invoice.created', invoice, AUTOMATIC);
    if (status === 'void') store.emit('invoice.voided', invoice, AUTOMATIC);
    if (status === 'uncollectible') store.emit('invoice.marked_uncollectible', invoice, AUTOMATIC);
    store.emit('customer.subscription.updated', subscription, AUTOMATIC, previous);
    return {
      outcome: 'paused',
      subscription: store.snapshot(subscription),
      invoice: store.snapshot(invoice),
      paymentIntent: null,
      charge: null,
    };
  }
  if (pause) {
    // The pause has reached its resumes_at: collection starts again with this renewal.
    previous.pause_collection = pause;
    subscription.pause_collection = null;
  }
  const { intent, charge } = chargeInvoice(core, invoice, method, fail ? DECLINED : { status: 'succeeded' }, 'Subscription update');
  const nextStatus = fail ? 'past_due' : 'active';
  if (subscription.status !== nextStatus) {
    previous.status = subscription.status;
    subscription.status = nextStatus;
  }
  if (fail) {
    store.emit('charge.failed', charge, AUTOMATIC);
    store.emit('payment_intent.payment_failed', intent, AUTOMATIC);
    store.emit('invoice.payment_failed', invoice, AUTOMATIC);
  } else {
    store.emit('charge.succeeded', charge, AUTOMATIC);
    store.emit('payment_intent.succeeded', intent, AUTOMATIC);
    store.emit('invoice.paid', invoice, AUTOMATIC);
    store.emit('invoice.payment_succeeded', invoice, AUTOMATIC);
  }
  store.emit('customer.subscription.updated', subscription, AUTOMATIC, previous);
  return {
    outcome: fail ? 'failed' : 'paid',
    subscription: store.snapshot(subscription),
    invoice: store.snapshot(invoice),
    paymentIntent: store.snapshot(intent),
    charge: store.snapshot(charge),
  };
}

export interface InvoicePageResult {
  outcome: 'paid' | 'declined';
  invoice: Stripe.Invoice;
  error: { code: string; decline_code: string | null; message: string } | null;
}

/** The hosted invoice page: pays an open invoice by card; the subscription is active again. */
export function payInvoice(core: Core, invoiceId: string, input: CardInput): InvoicePageResult {
  const { store } = core;
  const invoice = store.find('invoice', invoiceId);
  if (!invoice) throw new EmulatorError(404, `No such invoice: '${invoiceId}'`);
  if (invoice.status !== 'open') throw new EmulatorError(400, `Invoice ${invoiceId} is ${invoice.status}; only open invoices can be paid.`);
  const check = checkCard(input);
  if (!check.ok) return { outcome: 'declined', invoice: store.snapshot(invoice), error: errorOf(check) };
  const payment = store.all('invoice_payment').find((entry) => entry.invoice === invoice.id && entry.status === 'open');
  const customer = typeof invoice.customer === 'string' ? invoice.customer : null;
  const method = store.put<'payment_method'>(buildPaymentMethod({ type: 'card', card: check.card }, customer, invoice.customer_email));
  let intent: Stripe.PaymentIntent;
  let charge: Stripe.Charge;
  if (payment && typeof payment.payment.payment_intent === 'string') {
    intent = store.get('payment_intent', payment.payment.payment_intent);
    charge = attemptInvoicePayment(core, invoice, intent, payment, method, { status: 'succeeded' });
  } else {
    ({ intent, charge } = chargeInvoice(core, invoice, method, { status: 'succeeded' }, 'Payment for Invoice'));
  }
  store.emit('charge.succeeded', charge, AUTOMATIC);
  store.emit('payment_intent.succeeded', intent, AUTOMATIC);
  store.emit('invoice.paid', invoice, AUTOMATIC);
  store.emit('invoice.payment_succeeded', invoice, AUTOMATIC);
  const subscriptionId = invoice.parent?.subscription_details?.subscription;
  const subscription = typeof subscriptionId === 'string' ? store.find('subscription', subscriptionId) : undefined;
  if (
    subscription &&
    subscription.latest_invoice === invoice.id &&
    (subscription.status === 'past_due' || subscription.status === 'unpaid')
  ) {
    const previous = { status: subscription.status };
    subscription.status = 'active';
    store.emit('customer.subscription.updated', subscription, AUTOMATIC, previous);
  }
  if (check.disputes) openDispute(core, charge);
  return { outcome: 'paid', invoice: store.snapshot(invoice), error: null };
}

// ------------------------------------------------------------------ subscriptions through the API

/**
 * POST /v1/subscriptions/:id: metadata, description, cancel_at_period_end, cancellation_details,
 * items (a new price, without proration) and pause_collection.
 */
export function updateSubscription(core: Core, id: string, params: Params, request: RequestInfo): Stripe.Subscription {
  allowOnly(params, [
    'metadata',
    'description',
    'cancel_at_period_end',
    'cancellation_details',
    'items',
    'pause_collection',
    'proration_behavior',
    'expand',
  ]);
  const subscription = core.store.get('subscription', id);
  if (
    subscription.status === 'canceled' &&
    Object.keys(params).some((key) => !['metadata', 'cancellation_details', 'expand'].includes(key))
  ) {
    throw invalid('A canceled subscription can only update its cancellation_details and metadata.');
  }
  const previous: Record<string, unknown> = {};
  const nextMetadata = metadata(params, 'metadata', subscription.metadata);
  if (JSON.stringify(nextMetadata) !== JSON.stringify(subscription.metadata)) {
    previous.metadata = subscription.metadata;
    subscription.metadata = nextMetadata;
  }
  const description = str(params, 'description');
  if (description !== undefined && (description || null) !== subscription.description) {
    previous.description = subscription.description;
    subscription.description = description || null;
  }
  const atPeriodEnd = bool(params, 'cancel_at_period_end');
  if (atPeriodEnd !== undefined && atPeriodEnd !== subscription.cancel_at_period_end) {
    Object.assign(previous, {
      cancel_at_period_end: subscription.cancel_at_period_end,
      cancel_at: subscription.cancel_at,
      canceled_at: subscription.canceled_at,
    });
    subscription.cancel_at_period_end = atPeriodEnd;
    subscription.cancel_at = atPeriodEnd ? (subscription.items.data[0]?.current_period_end ?? null) : null;
    subscription.canceled_at = atPeriodEnd ? nowSeconds() : null;
  }
  const details = hash(params, 'cancellation_details');
  if (details) {
    allowOnly(details, ['comment', 'feedback'], 'cancellation_details.');
    previous.cancellation_details = subscription.cancellation_details;
    subscription.cancellation_details = {
      ...(subscription.cancellation_details ?? { reason: null, feedback_option: null }),
      comment: str(details, 'comment') || null,
      feedback:
        oneOf(details, 'feedback', [
          'customer_service',
          'low_quality',
          'missing_features',
          'other',
          'switched_service',
          'too_complex',
          'too_expensive',
          'unused',
        ] as const) ?? null,
    };
  }
  applyItemChanges(core.store, subscription, params, previous);
  applyPauseCollection(subscription, params, previous);
  if (Object.keys(previous).length > 0) core.store.emit('customer.subscription.updated', subscription, request, previous);
  return subscription;
}

/** DELETE /v1/subscriptions/:id: ends it now. */
export function cancelSubscription(core: Core, id: string, params: Params, request: RequestInfo): Stripe.Subscription {
  allowOnly(params, ['cancellation_details', 'invoice_now', 'prorate', 'expand']);
  const subscription = core.store.get('subscription', id);
  if (subscription.status === 'canceled') throw invalid(`The subscription ${id} has already been canceled.`, 'id');
  const details = hash(params, 'cancellation_details') ?? {};
  allowOnly(details, ['comment', 'feedback'], 'cancellation_details.');
  endSubscription(core, subscription, str(details, 'comment') || null, request);
  return subscription;
}

function endSubscription(core: Core, subscription: Stripe.Subscription, comment: string | null, request: RequestInfo): void {
  const now = nowSeconds();
  Object.assign(subscription, { status: 'canceled', canceled_at: now, ended_at: now });
  subscription.cancellation_details = { comment, feedback: null, feedback_option: null, reason: 'cancellation_requested' };
  core.store.emit('customer.subscription.deleted', subscription, request);
}

// ------------------------------------------------------------------ refunds and disputes

/** POST /v1/refunds: all or part of what is left of a succeeded charge. */
export function createRefund(core: Core, params: Params, request: RequestInfo): Stripe.Refund {
  allowOnly(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
  const { store } = core;
  const chargeId = str(params, 'charge') || null;
  const intentId = str(params, 'payment_intent') || null;
  if (!chargeId && !intentId)
    throw invalid(
      'One of the following params should be provided for this request: payment_intent or charge.',
      'charge',
      'parameter_missing',
    );
  let charge: Stripe.Charge;
  if (chargeId) {
    charge = store.get('charge', chargeId, 'charge');
    if (intentId && charge.payment_intent !== intentId)
      throw invalid(`Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`, 'payment_intent');
  } else {
    const intent = store.get('payment_intent', String(intentId), 'payment_intent');
    if (intent.status !== 'succeeded' || typeof intent.latest_charge !== 'string') {
      throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent');
    }
    charge = store.get('charge', intent.latest_charge, 'payment_intent');
  }
  if (charge.status !== 'succeeded') throw invalid(`Charge ${charge.id} is ${charge.status} and cannot be refunded.`, 'charge');
  const dispute = store.all('dispute').find((entry) => entry.charge === charge.id && entry.status !== 'won');
  if (dispute) throw invalid(`Charge ${charge.id} has been charged back; cannot issue a refund.`, 'charge', 'charge_disputed');
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const amount = int(params, 'amount', 'amount', { min: 1 }) ?? remaining;
  if (amount > remaining) {
    throw invalid(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const reason = oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  const refund = store.put<'refund'>(buildRefund({ charge, amount, reason, metadata: metadata(params, 'metadata') }));
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  store.emit('charge.refunded', charge, request, previous);
  store.emit('refund.created', refund, request);
  return refund;
}

/** The card holder disputes the charge: Stripe takes the amount back until the dispute closes. */
export function openDispute(core: Core, charge: Stripe.Charge): Stripe.Dispute {
  const dispute = core.store.put<'dispute'>(buildDispute(charge));
  charge.disputed = true;
  core.store.emit('charge.dispute.created', dispute, AUTOMATIC);
  return dispute;
}

export function closeDispute(core: Core, id: string, outcome: 'won' | 'lost'): Stripe.Dispute {
  const dispute = core.store.find('dispute', id);
  if (!dispute) throw new EmulatorError(404, `No such dispute: '${id}'`);
  if (!OPEN_DISPUTE.has(dispute.status)) throw new EmulatorError(400, `Dispute ${id} is already ${dispute.status}.`);
  const previous = { status: dispute.status };
  dispute.status = outcome;
  core.store.emit('charge.dispute.closed', dispute, AUTOMATIC, previous);
  return core.store.snapshot(dispute);
}

// ------------------------------------------------------------------ billing portal

/** POST /v1/billing_portal/sessions (with `flow_data` of type payment_method_update, or none). */
export function createPortalSession(core: Core, params: Params): Stripe.BillingPortal.Session {
  allowOnly(params, ['customer', 'return_url', 'locale', 'flow_data', 'expand']);
  const customer = core.store.get('customer', requiredStr(params, 'customer'), 'customer');
  const returnUrl = str(params, 'return_url') || null;
  if (returnUrl && !/^https?:\/\//.test(returnUrl)) throw invalid('Not a valid URL', 'return_url', 'url_invalid');
  const locale = str(params, 'locale') || null;
  const session = buildPortalSession({ customer: customer.id, returnUrl, locale, publicUrl: core.publicUrl });
  session.flow = portalFlow(params);
  return core.store.put<'billing_portal.session'>(session);
}

/** `flow_data`: the emulator's portal implements the card update flow only. */
function portalFlow(params: Params): Stripe.BillingPortal.Session.Flow | null {
  const flow = hash(params, 'flow_data');
  if (!flow) return null;
  allowOnly(flow, ['type', 'after_completion'], 'flow_data.');
  const type = oneOf(flow, 'type', ['payment_method_update'] as const, 'flow_data[type]');
  if (!type) throw invalid('Missing required param: flow_data[type].', 'flow_data[type]', 'parameter_missing');
  const after = hash(flow, 'after_completion', 'flow_data[after_completion]') ?? {};
  allowOnly(after, ['type', 'redirect'], 'flow_data.after_completion.');
  const afterType = oneOf(after, 'type', ['hosted_confirmation', 'portal_homepage', 'redirect'] as const) ?? 'portal_homepage';
  const redirect = hash(after, 'redirect', 'flow_data[after_completion][redirect]');
  if (redirect) allowOnly(redirect, ['return_url'], 'flow_data.after_completion.redirect.');
  const redirectUrl = redirect ? requiredStr(redirect, 'return_url', 'flow_data[after_completion][redirect][return_url]') : null;
  if (afterType === 'redirect' && !redirectUrl)
    throw invalid(
      'Missing required param: flow_data[after_completion][redirect].',
      'flow_data[after_completion][redirect]',
      'parameter_missing',
    );
  return {
    after_completion: {
      hosted_confirmation: afterType === 'hosted_confirmation' ? { custom_message: null } : null,
      redirect: afterType === 'redirect' && redirectUrl ? { return_url: redirectUrl } : null,
      type: afterType,
    },
    customer_update: null,
    subscription_cancel: null,
    subscription_pause: null,
    subscription_update: null,
    subscription_update_confirm: null,
    type,
  } as Stripe.BillingPortal.Session.Flow;
}

export interface PortalCardResult {
  outcome: 'updated' | 'declined';
  paymentMethod: Stripe.PaymentMethod | null;
  error: { code: string; decline_code: string | null; message: string } | null;
}

/** The portal's "Update card": the new card becomes the default for the customer's subscriptions. */
export function updatePortalCard(core: Core, portalSessionId: string, input: CardInput): PortalCardResult {
  const { store } = core;
  const portal = store.find('billing_portal.session', portalSessionId);
  if (!portal) throw new EmulatorError(404, `No such billing_portal.session: '${portalSessionId}'`);
  const check = checkCard(input);
  if (!check.ok) return { outcome: 'declined', paymentMethod: null, error: errorOf(check) };
  const customer = store.get('customer', String(portal.customer));
  const method = store.put<'payment_method'>(buildPaymentMethod({ type: 'card', card: check.card }, customer.id, customer.email));
  const previousSettings = store.snapshot(customer.invoice_settings);
  customer.invoice_settings.default_payment_method = method.id;
  store.emit('payment_method.attached', method, AUTOMATIC);
  store.emit('customer.updated', customer, AUTOMATIC, { invoice_settings: previousSettings });
  for (const subscription of store.all('subscription')) {
    if (subscription.customer !== customer.id || subscription.status === 'canceled') continue;
    const previous = { default_payment_method: subscription.default_payment_method };
    subscription.default_payment_method = method.id;
    store.emit('customer.subscription.updated', subscription, AUTOMATIC, previous);
  }
  return { outcome: 'updated', paymentMethod: store.snapshot(method), error: null };
}
