// Checkout Sessions: creation from the API's parameters, expiry, and what happens when the person
// on the hosted page (or a test, through the control API) pays by card or by the delayed method.
import type Stripe from 'stripe';
import { checkCard, type CardDecline } from './cards.ts';
import { chargeInvoice, createCustomerRecord, openDispute, type Core } from './billing.ts';
import { checkChargeAmount, checkCurrency } from './money.ts';
import {
  buildCheckoutSession,
  buildCustomerDetails,
  buildLineItem,
  buildPaymentMethod,
  buildPrice,
  buildProduct,
  nowSeconds,
  type CardDetails,
  type Interval,
} from './objects.ts';
import { buildInvoice, buildSubscription } from './objects-billing.ts';
import { buildCharge, buildPaymentIntent, chargeOutcome } from './objects-payments.ts';
import { settleCharge } from './balance.ts';
import { allowOnly, bool, EmulatorError, hash, int, invalid, list, metadata, oneOf, requiredStr, str, type Params } from './params.ts';
import { AUTOMATIC, type RequestInfo, type SessionExtras } from './store.ts';

export type SessionPayment =
  { card: string; expiry?: string; cvc?: string; email?: string } | { delayed: 'succeed' | 'fail'; email?: string };

export interface PaymentResult {
  /** paid; processing (delayed method, not settled yet); failed (delayed method failed); declined (card refused, session still open). */
  outcome: 'paid' | 'processing' | 'failed' | 'declined';
  session: Stripe.Checkout.Session;
  paymentIntent: Stripe.PaymentIntent | null;
  charge: Stripe.Charge | null;
  customer: Stripe.Customer | null;
  subscription: Stripe.Subscription | null;
  invoice: Stripe.Invoice | null;
  dispute: Stripe.Dispute | null;
  error: { code: string; decline_code: string | null; message: string } | null;
}

const DELAYED_TYPES = ['sepa_debit', 'us_bank_account', 'bacs_debit', 'au_becs_debit', 'acss_debit'];

// ------------------------------------------------------------------ creation

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.replace('{CHECKOUT_SESSION_ID}', 'x'));
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

interface ParsedLineItems {
  items: Stripe.LineItem[];
  products: Stripe.Product[];
  currency: string;
}

function parseLineItems(params: Params, mode: 'payment' | 'subscription'): ParsedLineItems {
  const entries = list(params, 'line_items');
  if (!entries || entries.length === 0)
    throw invalid(
      `You must provide one of \`line_items\` or \`subscription_data\` in \`${mode}\` mode.`,
      'line_items',
      'parameter_missing',
    );
  if (entries.length > 100) throw invalid('You may only provide up to 100 line items.', 'line_items');
  let currency: string | null = null;
  let interval: string | null = null;
  const items = entries.map((entry, index) => {
    const path = `line_items[${index}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`Invalid object: ${path}`, path);
    allowOnly(entry, ['price_data', 'quantity', 'metadata'], `${path}.`);
    const priceData = hash(entry, 'price_data', `${path}[price_data]`);
    if (!priceData)
      throw invalid(
        `The emulator needs \`${path}[price_data]\` (stored Prices are not implemented).`,
        `${path}[price_data]`,
        'parameter_missing',
      );
    const quantity = int(entry, 'quantity', `${path}[quantity]`, { min: 1 });
    if (quantity === undefined) throw invalid(`Missing required param: ${path}[quantity].`, `${path}[quantity]`, 'parameter_missing');
    allowOnly(priceData, ['currency', 'unit_amount', 'product_data', 'recurring', 'tax_behavior'], `${path}[price_data].`);
    const itemCurrency = checkCurrency(
      requiredStr(priceData, 'currency', `${path}[price_data][currency]`),
      `${path}[price_data][currency]`,
    );
    if (currency !== null && currency !== itemCurrency)
      throw invalid('All line items must have the same currency.', `${path}[price_data][currency]`);
    currency = itemCurrency;
    const unitAmount = int(priceData, 'unit_amount', `${path}[price_data][unit_amount]`);
    if (unitAmount === undefined)
      throw invalid(`Missing required param: ${path}[price_data][unit_amount].`, `${path}[price_data][unit_amount]`, 'parameter_missing');
    const productData = hash(priceData, 'product_data', `${path}[price_data][product_data]`);
    if (!productData)
      throw invalid(`Missing required param: ${path}[price_data][product_data].`, `${path}[price_data][product_data]`, 'parameter_missing');
    allowOnly(productData, ['name', 'description', 'metadata'], `${path}[price_data][product_data].`);
    const name = requiredStr(productData, 'name', `${path}[price_data][product_data][name]`);
    const recurringData = hash(priceData, 'recurring', `${path}[price_data][recurring]`);
    let recurring: { interval: Interval; intervalCount: number } | null = null;
    if (recurringData) {
      allowOnly(recurringData, ['interval', 'interval_count'], `${path}[price_data][recurring].`);
      const every = oneOf(recurringData, 'interval', ['day', 'week', 'month', 'year'] as const, `${path}[price_data][recurring][interval]`);
      if (!every)
        throw invalid(
          `Missing required param: ${path}[price_data][recurring][interval].`,
          `${path}[price_data][recurring][interval]`,
          'parameter_missing',
        );
      recurring = {
        interval: every,
        intervalCount: int(recurringData, 'interval_count', `${path}[price_data][recurring][interval_count]`, { min: 1 }) ?? 1,
      };
      if (mode === 'payment') {
        throw invalid(
          'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
          `${path}[price_data][recurring]`,
        );
      }
      const key = `${recurring.interval}/${recurring.intervalCount}`;
      if (interval !== null && interval !== key)
        throw invalid('Checkout does not support multiple prices with different billing intervals.', `${path}[price_data][recurring]`);
      interval = key;
    }
    const product = buildProduct({
      name,
      description: str(productData, 'description') ?? null,
      metadata: metadata(productData, 'metadata'),
    });
    const price = buildPrice({ currency: itemCurrency, unitAmount, product: product.id, recurring });
    return { product, price, item: buildLineItem({ price, quantity, description: name, metadata: metadata(entry, 'metadata') }) };
  });
  if (mode === 'subscription' && interval === null) {
    throw invalid('You must provide at least one recurring price in `subscription` mode when using prices.', 'line_items');
  }
  return { items: items.map(({ item }) => item), products: items.map(({ product }) => product), currency: currency ?? 'usd' };
}

const SESSION_PARAMS = [
  'mode',
  'line_items',
  'success_url',
  'cancel_url',
  'client_reference_id',
  'customer',
  'customer_email',
  'customer_creation',
  'metadata',
  'payment_intent_data',
  'subscription_data',
  'locale',
  'payment_method_types',
  'expires_at',
  'expand',
  'submit_type',
  'billing_address_collection',
  'allow_promotion_codes',
  'ui_mode',
];

/** POST /v1/checkout/sessions. */
export function createCheckoutSession(core: Core, params: Params): Stripe.Checkout.Session {
  allowOnly(params, SESSION_PARAMS);
  const mode = oneOf(params, 'mode', ['payment', 'subscription', 'setup'] as const);
  if (!mode) throw invalid('Missing required param: mode.', 'mode', 'parameter_missing');
  if (mode === 'setup') throw invalid('The emulator implements `payment` and `subscription` mode only.', 'mode');
  if ((oneOf(params, 'ui_mode', ['hosted', 'embedded', 'custom'] as const) ?? 'hosted') !== 'hosted')
    throw invalid('The emulator implements ui_mode=hosted only.', 'ui_mode');
  const successUrl = str(params, 'success_url') ?? null;
  const cancelUrl = str(params, 'cancel_url') ?? null;
  for (const [key, value] of [
    ['success_url', successUrl],
    ['cancel_url', cancelUrl],
  ] as const) {
    if (value !== null && !isHttpUrl(value)) throw invalid('Not a valid URL', key, 'url_invalid');
  }
  const customer = str(params, 'customer') || null;
  const customerEmail = str(params, 'customer_email') || null;
  if (customer && customerEmail) throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
  if (customer) core.store.get('customer', customer, 'customer');
  if (customerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail))
    throw invalid('Invalid email address: ' + customerEmail, 'customer_email', 'email_invalid');
  const customerCreation = oneOf(params, 'customer_creation', ['always', 'if_required'] as const);
  if (customerCreation && mode !== 'payment') throw invalid('`customer_creation` can only be used in `payment` mode.', 'customer_creation');
  const clientReferenceId = str(params, 'client_reference_id') || null;
  if (clientReferenceId && clientReferenceId.length > 200)
    throw invalid('client_reference_id must be at most 200 characters.', 'client_reference_id');
  const { items, products, currency } = parseLineItems(params, mode);
  const amountTotal = items.reduce((sum, item) => sum + item.amount_total, 0);
  checkChargeAmount(amountTotal, currency);

  const created = nowSeconds();
  const expiresAt = int(params, 'expires_at') ?? created + 24 * 3600;
  if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
    throw invalid('The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at');
  }
  const methodTypes = (list(params, 'payment_method_types') ?? []).map((value, index) => {
    if (typeof value !== 'string' || value === '')
      throw invalid(`Invalid string: payment_method_types[${index}]`, `payment_method_types[${index}]`);
    return value;
  });
  const paymentIntentData = hash(params, 'payment_intent_data') ?? {};
  if (mode !== 'payment' && params.payment_intent_data !== undefined)
    throw invalid('You can only specify `payment_intent_data` in `payment` mode.', 'payment_intent_data');
  allowOnly(paymentIntentData, ['metadata', 'description', 'receipt_email'], 'payment_intent_data.');
  const subscriptionData = hash(params, 'subscription_data') ?? {};
  if (mode !== 'subscription' && params.subscription_data !== undefined)
    throw invalid('You can only specify `subscription_data` in `subscription` mode.', 'subscription_data');
  allowOnly(subscriptionData, ['metadata', 'description'], 'subscription_data.');

  const session = buildCheckoutSession({
    mode,
    currency,
    amountTotal,
    successUrl,
    cancelUrl,
    clientReferenceId,
    customer,
    customerEmail,
    metadata: metadata(params, 'metadata'),
    // Any of Stripe's locales; the hosted pages themselves are in English.
    locale: str(params, 'locale') || null,
    paymentMethodTypes: methodTypes.length > 0 ? methodTypes : mode === 'payment' ? ['card', 'sepa_debit'] : ['card'],
    expiresAt,
    publicUrl: core.publicUrl,
  });
  if (customerCreation) session.customer_creation = customerCreation;
  session.submit_type = oneOf(params, 'submit_type', ['auto', 'book', 'donate', 'pay', 'subscribe'] as const) ?? null;
  session.billing_address_collection = oneOf(params, 'billing_address_collection', ['auto', 'required'] as const) ?? null;
  session.allow_promotion_codes = bool(params, 'allow_promotion_codes') ?? null;
  // Inline prices and their products exist once the session does, as in Stripe.
  for (const product of products) core.store.put<'product'>(product);
  for (const item of items) if (item.price) core.store.put<'price'>(item.price);
  core.store.put<'checkout.session'>(session);
  core.store.sessionExtras.set(session.id, {
    lineItems: items,
    paymentIntentData: {
      metadata: metadata(paymentIntentData, 'metadata', {}, 'payment_intent_data[metadata]'),
      description: str(paymentIntentData, 'description') || null,
      receiptEmail: str(paymentIntentData, 'receipt_email') || null,
    },
    subscriptionData: {
      metadata: metadata(subscriptionData, 'metadata', {}, 'subscription_data[metadata]'),
      description: str(subscriptionData, 'description') || null,
    },
    delayed: null,
  });
  return session;
}

// ------------------------------------------------------------------ expiry

/** Marks the session expired (by the API, or lazily once `expires_at` has passed). */
export function expireSession(core: Core, session: Stripe.Checkout.Session, request: RequestInfo): void {
  session.status = 'expired';
  session.url = null;
  core.store.emit('checkout.session.expired', session, request);
}

/** Stripe expires open sessions at `expires_at`; the emulator notices whenever it looks. */
export function expireOverdueSessions(core: Core): void {
  const now = nowSeconds();
  for (const session of core.store.all('checkout.session')) {
    if (session.status === 'open' && session.expires_at <= now) expireSession(core, session, AUTOMATIC);
  }
}

export function sessionForPayment(core: Core, sessionId: string): { session: Stripe.Checkout.Session; extras: SessionExtras } {
  expireOverdueSessions(core);
  const session = core.store.find('checkout.session', sessionId);
  const extras = core.store.sessionExtras.get(sessionId);
  if (!session || !extras) throw new EmulatorError(404, `No such checkout.session: '${sessionId}'`);
  return { session, extras };
}

/** Whether the hosted page offers the delayed method: one-off payments whose types allow a debit. */
export function offersDelayedMethod(session: Stripe.Checkout.Session): boolean {
  return session.mode === 'payment' && session.payment_method_types.some((type) => DELAYED_TYPES.includes(type));
}

// ------------------------------------------------------------------ paying

export function resultFor(
  core: Core,
  session: Stripe.Checkout.Session,
  outcome: PaymentResult['outcome'],
  error: CardDecline | null = null,
): PaymentResult {
  const { store } = core;
  const invoice = typeof session.invoice === 'string' ? store.find('invoice', session.invoice) : undefined;
  const invoicePayment = invoice ? store.all('invoice_payment').find((payment) => payment.invoice === invoice.id) : undefined;
  const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : invoicePayment?.payment.payment_intent;
  const intent = typeof intentId === 'string' ? store.find('payment_intent', intentId) : undefined;
  const charge = typeof intent?.latest_charge === 'string' ? store.find('charge', intent.latest_charge) : undefined;
  const dispute = charge ? store.all('dispute').find((entry) => entry.charge === charge.id) : undefined;
  const pick = <T>(value: T | undefined): T | null => (value === undefined ? null : store.snapshot(value));
  return {
    outcome,
    session: store.snapshot(session),
    paymentIntent: pick(intent),
    charge: pick(charge),
    customer: pick(typeof session.customer === 'string' ? store.find('customer', session.customer) : undefined),
    subscription: pick(typeof session.subscription === 'string' ? store.find('subscription', session.subscription) : undefined),
    invoice: pick(invoice),
    dispute: pick(dispute),
    error: error ? { code: error.code, decline_code: error.declineCode, message: error.message } : null,
  };
}

/** Line items made from `price_data` always carry their price. */
function priceOf(item: Stripe.LineItem): Stripe.Price {
  if (!item.price) throw new EmulatorError(500, `Line item ${item.id} has no price.`);
  return item.price;
}

function payerEmail(core: Core, session: Stripe.Checkout.Session, given: string | undefined): string {
  const customer = typeof session.customer === 'string' ? core.store.find('customer', session.customer) : undefined;
  return given || session.customer_email || customer?.email || 'test.donor@example.com';
}

/** The PaymentIntent a mode=payment session charges, with the session's payment_intent_data. */
function sessionPaymentIntent(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: SessionExtras,
  customer: string | null,
  method: Parameters<typeof buildPaymentIntent>[0]['paymentMethod'],
): Stripe.PaymentIntent {
  return core.store.put<'payment_intent'>(
    buildPaymentIntent({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      customer,
      description: extras.paymentIntentData.description,
      metadata: extras.paymentIntentData.metadata,
      paymentMethod: method,
      receiptEmail: extras.paymentIntentData.receiptEmail,
    }),
  );
}

function completeOneOff(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: SessionExtras,
  card: CardDetails,
  email: string,
): Stripe.Charge {
  const { store } = core;
  if (!session.customer && session.customer_creation === 'always') {
    const customer = createCustomerRecord(
      core,
      { email, name: null, description: null, phone: null, metadata: {}, preferredLocales: [] },
      AUTOMATIC,
    );
    session.customer = customer.id;
  }
  const customer = typeof session.customer === 'string' ? session.customer : null;
  const method = store.put<'payment_method'>(buildPaymentMethod({ type: 'card', card }, customer, email));
  const intent = sessionPaymentIntent(core, session, extras, customer, method);
  const charge = store.put<'charge'>(buildCharge({ intent, method, state: { status: 'succeeded' }, email }));
  settleCharge(store, charge);
  Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id });
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: intent.id,
    customer_details: buildCustomerDetails(email, null),
    url: null,
  });
  store.emit('charge.succeeded', charge, AUTOMATIC);
  store.emit('payment_intent.succeeded', intent, AUTOMATIC);
  store.emit('checkout.session.completed', session, AUTOMATIC);
  return charge;
}

function completeSubscription(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: SessionExtras,
  card: CardDetails,
  email: string,
): Stripe.Charge {
  const { store } = core;
  const customer =
    typeof session.customer === 'string'
      ? store.get('customer', session.customer)
      : createCustomerRecord(core, { email, name: null, description: null, phone: null, metadata: {}, preferredLocales: [] }, AUTOMATIC);
  const method = store.put<'payment_method'>(buildPaymentMethod({ type: 'card', card }, customer.id, email));
  const recurring = extras.lineItems.filter((item) => priceOf(item).recurring);
  const subscription = buildSubscription({
    customer: customer.id,
    currency: session.currency ?? 'usd',
    description: extras.subscriptionData.description,
    metadata: extras.subscriptionData.metadata,
    defaultPaymentMethod: method.id,
    prices: recurring.map((item) => ({ price: priceOf(item), quantity: item.quantity ?? 1 })),
  });
  store.put<'subscription'>(subscription);
  const now = nowSeconds();
  const invoice = store.put<'invoice'>(
    buildInvoice({
      customer,
      subscription,
      billingReason: 'subscription_create',
      period: { start: now, end: now },
      publicUrl: core.publicUrl,
      lines: extras.lineItems.map((item) => {
        const subscriptionItem = subscription.items.data.find((entry) => entry.price.id === item.price?.id);
        return {
          price: priceOf(item),
          quantity: item.quantity ?? 1,
          productName: item.description ?? '',
          subscriptionItem: subscriptionItem?.id ?? null,
          period: subscriptionItem
            ? { start: subscriptionItem.current_period_start, end: subscriptionItem.current_period_end }
            : { start: now, end: now },
        };
      }),
    }),
  );
  subscription.latest_invoice = invoice.id;
  const { charge } = chargeInvoice(core, invoice, method, { status: 'succeeded' }, 'Subscription creation');
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    customer: customer.id,
    subscription: subscription.id,
    invoice: invoice.id,
    customer_details: buildCustomerDetails(email, null),
    url: null,
  });
  store.emit('charge.succeeded', charge, AUTOMATIC);
  store.emit('payment_intent.succeeded', store.get('payment_intent', String(charge.payment_intent)), AUTOMATIC);
  store.emit('customer.subscription.created', subscription, AUTOMATIC);
  store.emit('checkout.session.completed', session, AUTOMATIC);
  store.emit('invoice.paid', invoice, AUTOMATIC);
  store.emit('invoice.payment_succeeded', invoice, AUTOMATIC);
  return charge;
}

function startDelayed(
  core: Core,
  session: Stripe.Checkout.Session,
  extras: SessionExtras,
  outcome: 'succeed' | 'fail',
  email: string,
): void {
  const { store } = core;
  const customer = typeof session.customer === 'string' ? session.customer : null;
  const method = store.put<'payment_method'>(buildPaymentMethod({ type: 'sepa_debit' }, customer, email));
  const intent = sessionPaymentIntent(core, session, extras, customer, method);
  const charge = store.put<'charge'>(buildCharge({ intent, method, state: { status: 'pending' }, email }));
  Object.assign(intent, { status: 'processing', latest_charge: charge.id });
  Object.assign(session, {
    status: 'complete',
    payment_status: 'unpaid',
    payment_intent: intent.id,
    customer_details: buildCustomerDetails(email, null),
    url: null,
  });
  store.emit('charge.pending', charge, AUTOMATIC);
  store.emit('payment_intent.processing', intent, AUTOMATIC);
  store.emit('checkout.session.completed', session, AUTOMATIC);
  const timer = Number.isFinite(core.delayedSettleMs)
    ? core.schedule(core.delayedSettleMs, () => {
        if (extras.delayed) settleDelayed(core, session.id, extras.delayed.outcome);
      })
    : null;
  extras.delayed = { outcome, timer };
}

/** Pays an open session as the hosted page would; a declined card leaves it open and sends nothing. */
export function payCheckoutSession(core: Core, sessionId: string, payment: SessionPayment): PaymentResult {
  const { session, extras } = sessionForPayment(core, sessionId);
  if (session.status !== 'open')
    throw new EmulatorError(400, `Checkout Session ${sessionId} is ${session.status}; only open sessions can be paid.`);
  const email = payerEmail(core, session, payment.email);
  if ('delayed' in payment) {
    if (!offersDelayedMethod(session))
      throw new EmulatorError(
        400,
        `Checkout Session ${sessionId} does not offer a delayed payment method (mode ${session.mode}, types ${session.payment_method_types.join(', ')}).`,
      );
    startDelayed(core, session, extras, payment.delayed, email);
    return resultFor(core, session, 'processing');
  }
  const check = checkCard(payment);
  if (!check.ok) return resultFor(core, session, 'declined', check);
  const charge =
    session.mode === 'subscription'
      ? completeSubscription(core, session, extras, check.card, email)
      : completeOneOff(core, session, extras, check.card, email);
  if (check.disputes) openDispute(core, charge);
  return resultFor(core, session, 'paid');
}

/** Ends a delayed payment now, with the given outcome (or the one chosen on the page). */
export function settleDelayed(core: Core, sessionId: string, outcome: 'succeed' | 'fail'): PaymentResult {
  const { store } = core;
  const { session, extras } = sessionForPayment(core, sessionId);
  if (!extras.delayed) throw new EmulatorError(400, `Checkout Session ${sessionId} has no delayed payment waiting to settle.`);
  if (extras.delayed.timer) core.cancel(extras.delayed.timer);
  extras.delayed = null;
  const intent = store.get('payment_intent', String(session.payment_intent));
  const charge = store.get('charge', String(intent.latest_charge));
  if (outcome === 'succeed') {
    Object.assign(charge, {
      status: 'succeeded',
      paid: true,
      captured: true,
      amount_captured: charge.amount,
      outcome: chargeOutcome({ status: 'succeeded' }),
    });
    settleCharge(store, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
    session.payment_status = 'paid';
    store.emit('charge.succeeded', charge, AUTOMATIC);
    store.emit('payment_intent.succeeded', intent, AUTOMATIC);
    store.emit('checkout.session.async_payment_succeeded', session, AUTOMATIC);
    return resultFor(core, session, 'paid');
  }
  const failure = {
    status: 'failed' as const,
    failureCode: 'insufficient_funds',
    failureMessage: "The customer's account has insufficient funds to cover this payment.",
    declineCode: null,
  };
  Object.assign(charge, {
    status: 'failed',
    failure_code: failure.failureCode,
    failure_message: failure.failureMessage,
    outcome: chargeOutcome(failure),
  });
  Object.assign(intent, {
    status: 'requires_payment_method',
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_payment_attempt_failed',
      message: failure.failureMessage,
      charge: charge.id,
    },
  });
  store.emit('charge.failed', charge, AUTOMATIC);
  store.emit('payment_intent.payment_failed', intent, AUTOMATIC);
  store.emit('checkout.session.async_payment_failed', session, AUTOMATIC);
  return resultFor(core, session, 'failed');
}
