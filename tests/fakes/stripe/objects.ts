// Builders for the Stripe objects the emulator serves, typed with the SDK's own interfaces for API
// version 2026-10-28.endive, so a missing or misspelt field fails the typecheck. Values follow
// what Stripe returns for a test-mode card payment through Checkout (cf. fixtures3.json); fields
// for features the emulator has no notion of (tax, shipping, Connect…) are null or empty.
// This file: ids and dates, prices and products, Checkout Sessions, customers, payment methods;
// objects-payments.ts and objects-billing.ts hold the rest.
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';

export const API_VERSION = '2026-10-28.endive';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Ids shaped like Stripe's: prefix + random base-62 (`pi_3Qx…`, `cs_test_a1…`). */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte % ALPHABET.length];
  return `${prefix}${body}`;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export type Interval = 'day' | 'week' | 'month' | 'year';

/** Adds whole intervals in UTC, clamping the day of month like Stripe (31 Jan + 1 month = 28/29 Feb). */
export function addInterval(seconds: number, interval: string, count: number): number {
  const date = new Date(seconds * 1000);
  if (interval === 'day' || interval === 'week') return seconds + count * (interval === 'day' ? 1 : 7) * 86_400;
  const months = interval === 'month' ? count : count * 12;
  const day = date.getUTCDate();
  const target = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}

// Decimal fields travel as strings on the wire; the SDK turns them into its Decimal class on read.
export const decimal = (value: number | string): Stripe.Decimal => String(value) as unknown as Stripe.Decimal;

export const emptyAddress = (): Stripe.Address => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });

// ------------------------------------------------------------------ prices and products

export function buildProduct(args: { name: string; description: string | null; metadata: Record<string, string> }): Stripe.Product {
  const created = nowSeconds();
  return {
    id: newId('prod_', 14),
    object: 'product',
    active: false,
    created,
    default_price: null,
    description: args.description,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: args.metadata,
    name: args.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: created,
    url: null,
  };
}

export function buildPrice(args: {
  currency: string;
  unitAmount: number;
  product: string;
  recurring: { interval: Interval; intervalCount: number } | null;
}): Stripe.Price {
  // Prices made inline from `price_data` are archived at once, as Stripe does.
  return {
    id: newId('price_'),
    object: 'price',
    active: false,
    billing_scheme: 'per_unit',
    created: nowSeconds(),
    currency: args.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname: null,
    product: args.product,
    recurring: args.recurring
      ? {
          interval: args.recurring.interval,
          interval_count: args.recurring.intervalCount,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: args.recurring ? 'recurring' : 'one_time',
    unit_amount: args.unitAmount,
    unit_amount_decimal: decimal(args.unitAmount),
  };
}

export function buildPlan(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

export function buildLineItem(args: {
  price: Stripe.Price;
  quantity: number;
  description: string;
  metadata: Record<string, string>;
}): Stripe.LineItem {
  const amount = (args.price.unit_amount ?? 0) * args.quantity;
  return {
    id: newId('li_'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: args.price.currency,
    description: args.description,
    metadata: args.metadata,
    price: args.price,
    quantity: args.quantity,
  };
}

// ------------------------------------------------------------------ checkout sessions

export interface SessionInput {
  mode: 'payment' | 'subscription';
  currency: string;
  amountTotal: number;
  successUrl: string | null;
  cancelUrl: string | null;
  clientReferenceId: string | null;
  customer: string | null;
  customerEmail: string | null;
  metadata: Record<string, string>;
  locale: Stripe.Checkout.Session.Locale | null;
  paymentMethodTypes: string[];
  expiresAt: number;
  publicUrl: string;
}

export function buildCheckoutSession(input: SessionInput): Stripe.Checkout.Session {
  const id = newId('cs_test_a1', 56);
  return {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: input.amountTotal,
    amount_total: input.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: nowSeconds(),
    currency: input.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: input.customer,
    customer_account: null,
    customer_creation: input.mode === 'payment' && !input.customer ? 'if_required' : null,
    customer_details: null,
    customer_email: input.customerEmail,
    discounts: [],
    expires_at: input.expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      input.mode === 'payment'
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale: input.locale,
    managed_payments: null,
    metadata: input.metadata,
    mode: input.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: input.mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: input.paymentMethodTypes,
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${input.publicUrl}/c/pay/${id}`,
    wallet_options: null,
  };
}

export function buildCustomerDetails(email: string | null, name: string | null): Stripe.Checkout.Session.CustomerDetails {
  return { address: emptyAddress(), business_name: null, email, individual_name: null, name, phone: null, tax_exempt: 'none', tax_ids: [] };
}

// ------------------------------------------------------------------ customers and payment methods

export function buildCustomer(args: {
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Record<string, string>;
  preferredLocales: string[];
}): Stripe.Customer {
  return {
    id: newId('cus_', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: args.description,
    discount: null,
    email: args.email,
    invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: args.metadata,
    name: args.name,
    next_invoice_sequence: 1,
    phone: args.phone,
    preferred_locales: args.preferredLocales,
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export interface CardDetails {
  brand: 'visa' | 'mastercard';
  last4: string;
  expMonth: number;
  expYear: number;
  fingerprint: string;
}

/** The bank account behind the emulator's "delayed method" (a SEPA Direct Debit test IBAN). */
export const SEPA_TEST_ACCOUNT = { bank_code: '37040044', branch_code: '', country: 'DE', last4: '3000', fingerprint: 'sepaTestFp0003000' };

export type PaymentSource = { type: 'card'; card: CardDetails } | { type: 'sepa_debit' };

export function buildPaymentMethod(source: PaymentSource, customer: string | null, email: string | null): Stripe.PaymentMethod {
  const base = {
    id: newId('pm_'),
    object: 'payment_method' as const,
    allow_redisplay: 'unspecified' as const,
    billing_details: { address: emptyAddress(), email, name: null, phone: null, tax_id: null },
    created: nowSeconds(),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
  };
  if (source.type === 'sepa_debit') {
    return { ...base, type: 'sepa_debit', sepa_debit: { ...SEPA_TEST_ACCOUNT, generated_from: null } };
  }
  const { card } = source;
  return {
    ...base,
    type: 'card',
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      fingerprint: card.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
  };
}
