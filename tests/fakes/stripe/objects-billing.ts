// Builders for subscriptions, invoices, invoice payments and billing portal sessions (see
// objects.ts for the conventions).
import type Stripe from 'stripe';
import { addInterval, buildPlan, decimal, newId, nowSeconds } from './objects.ts';

export function buildSubscription(args: {
  customer: string;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  defaultPaymentMethod: string;
  prices: { price: Stripe.Price; quantity: number }[];
}): Stripe.Subscription {
  const id = newId('sub_');
  const start = nowSeconds();
  const items: Stripe.SubscriptionItem[] = args.prices.map(({ price, quantity }) => ({
    id: newId('si_', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created: start,
    current_period_end: addInterval(start, price.recurring?.interval ?? 'month', price.recurring?.interval_count ?? 1),
    current_period_start: start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: buildPlan(price),
    price,
    quantity,
    subscription: id,
    tax_rates: [],
  }));
  return {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: start,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: start,
    currency: args.currency,
    customer: args.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: args.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: args.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: args.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: start,
    status: 'active',
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export interface InvoiceLineInput {
  price: Stripe.Price;
  quantity: number;
  productName: string;
  subscriptionItem: string | null;
  period: { start: number; end: number };
}

function describeLine(line: InvoiceLineInput): string {
  const interval = line.price.recurring ? ` / ${line.price.recurring.interval}` : '';
  return `${line.quantity} × ${line.productName} (at ${line.price.unit_amount} ${line.price.currency.toUpperCase()}${interval})`;
}

export function buildInvoice(args: {
  customer: Stripe.Customer;
  subscription: Stripe.Subscription;
  billingReason: 'subscription_create' | 'subscription_cycle';
  lines: InvoiceLineInput[];
  period: { start: number; end: number };
  publicUrl: string;
}): Stripe.Invoice {
  const id = newId('in_');
  const created = nowSeconds();
  const total = args.lines.reduce((sum, line) => sum + (line.price.unit_amount ?? 0) * line.quantity, 0);
  const sequence = args.customer.next_invoice_sequence ?? 1;
  args.customer.next_invoice_sequence = sequence + 1;
  const subscriptionMetadata = { ...(args.subscription.metadata ?? {}) };
  const lines: Stripe.InvoiceLineItem[] = args.lines.map((line) => {
    const amount = (line.price.unit_amount ?? 0) * line.quantity;
    return {
      id: newId('il_'),
      object: 'line_item',
      amount,
      currency: args.subscription.currency,
      description: describeLine(line),
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      // Stripe copies the subscription's metadata onto its invoice lines.
      metadata: subscriptionMetadata,
      parent: line.subscriptionItem
        ? {
            type: 'subscription_item_details',
            invoice_item_details: null,
            subscription_item_details: {
              invoice_item: null,
              proration: false,
              proration_details: { credited_items: null },
              subscription: args.subscription.id,
              subscription_item: line.subscriptionItem,
            },
          }
        : null,
      period: line.period,
      pretax_credit_amounts: [],
      pricing: {
        type: 'price_details',
        price_details: { price: line.price.id, product: String(line.price.product) },
        unit_amount_decimal: line.price.unit_amount_decimal,
      },
      quantity: line.quantity,
      quantity_decimal: decimal(line.quantity),
      subscription: args.subscription.id,
      subtotal: amount,
      taxes: [],
    };
  });
  return {
    id,
    object: 'invoice',
    account_country: 'AT',
    account_name: 'Crime Prevention Programme (demo)',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: args.billingReason,
    collection_method: 'charge_automatically',
    created,
    currency: args.subscription.currency,
    custom_fields: null,
    customer: args.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: args.customer.email ?? null,
    customer_name: args.customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${args.publicUrl}/i/${id}`,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${args.customer.invoice_prefix ?? 'DEMO'}-${String(sequence).padStart(4, '0')}`,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: subscriptionMetadata, subscription: args.subscription.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: args.period.end,
    period_start: args.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'open',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
  };
}

export function buildInvoicePayment(invoice: Stripe.Invoice, intent: Stripe.PaymentIntent): Stripe.InvoicePayment {
  return {
    id: newId('inpay_'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: invoice.amount_due,
    created: nowSeconds(),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: intent.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
}

export function buildPortalSession(args: {
  customer: string;
  returnUrl: string | null;
  locale: Stripe.BillingPortal.Session.Locale | null;
  publicUrl: string;
}): Stripe.BillingPortal.Session {
  const id = newId('bps_');
  return {
    id,
    object: 'billing_portal.session',
    configuration: 'bpc_emulatorDefaultConfig01',
    created: nowSeconds(),
    customer: args.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: args.locale,
    on_behalf_of: null,
    return_url: args.returnUrl,
    url: `${args.publicUrl}/p/${id}`,
  };
}
