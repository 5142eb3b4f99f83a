// Builders for PaymentIntents, charges, refunds and disputes (see objects.ts for the conventions).
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { emptyAddress, newId, nowSeconds, SEPA_TEST_ACCOUNT } from './objects.ts';

export function buildPaymentIntent(args: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  paymentMethod: Stripe.PaymentMethod;
  receiptEmail: string | null;
}): Stripe.PaymentIntent {
  const id = newId('pi_');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: args.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('', 25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency: args.currency,
    customer: args.customer,
    customer_account: null,
    description: args.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: args.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: args.paymentMethod.id,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: [args.paymentMethod.type],
    payment_record: null,
    processing: null,
    receipt_email: args.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
  };
}

function chargeMethodDetails(method: Stripe.PaymentMethod, amount: number): Stripe.Charge.PaymentMethodDetails {
  if (method.type === 'sepa_debit') {
    return { type: 'sepa_debit', sepa_debit: { ...SEPA_TEST_ACCOUNT, mandate: newId('mandate_') } };
  }
  const card = method.card;
  return {
    type: 'card',
    card: {
      amount_authorized: amount,
      authorization_code: String(100000 + (randomBytes(2).readUInt16BE() % 900000)),
      brand: card?.brand ?? 'visa',
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      electronic_commerce_indicator: null,
      exp_month: card?.exp_month ?? 12,
      exp_year: card?.exp_year ?? 2034,
      fingerprint: card?.fingerprint ?? null,
      funding: 'credit',
      installments: null,
      last4: card?.last4 ?? null,
      mandate: null,
      network: card?.brand ?? 'visa',
      network_token: { used: false },
      network_transaction_id: newId('', 15),
      regulated_status: 'unregulated',
      three_d_secure: null,
      transaction_link_id: null,
      wallet: null,
    },
  };
}

export type ChargeState =
  | { status: 'succeeded' }
  | { status: 'pending' }
  | { status: 'failed'; failureCode: string; failureMessage: string; declineCode: string | null };

export function chargeOutcome(state: ChargeState): Stripe.Charge.Outcome {
  if (state.status === 'failed') {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'declined_by_network',
      reason: state.declineCode,
      risk_level: 'normal',
      seller_message: 'The bank did not return any further details with this decline.',
      type: 'issuer_declined',
    };
  }
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'approved_by_network',
    reason: null,
    risk_level: 'normal',
    seller_message: 'Payment complete.',
    type: 'authorized',
  };
}

export function buildCharge(args: {
  intent: Stripe.PaymentIntent;
  method: Stripe.PaymentMethod;
  state: ChargeState;
  email: string | null;
}): Stripe.Charge {
  const { intent, state } = args;
  const succeeded = state.status === 'succeeded';
  return {
    id: newId('ch_'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: succeeded ? intent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: emptyAddress(), email: args.email, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'UNODC DEMO',
    captured: succeeded,
    created: nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: state.status === 'failed' ? state.failureCode : null,
    failure_message: state.status === 'failed' ? state.failureMessage : null,
    fraud_details: {},
    livemode: false,
    // Stripe copies nothing from the PaymentIntent's metadata onto its charges.
    metadata: {},
    on_behalf_of: null,
    outcome: state.status === 'pending' ? null : chargeOutcome(state),
    paid: succeeded,
    payment_intent: intent.id,
    payment_method: args.method.id,
    payment_method_details: chargeMethodDetails(args.method, intent.amount),
    receipt_email: intent.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: state.status,
    transfer_data: null,
    transfer_group: null,
  };
}

// ------------------------------------------------------------------ refunds and disputes

export function buildRefund(args: {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}): Stripe.Refund {
  const card = args.charge.payment_method_details?.type === 'card';
  return {
    id: newId('re_'),
    object: 'refund',
    amount: args.amount,
    balance_transaction: null,
    charge: args.charge.id,
    created: nowSeconds(),
    currency: args.charge.currency,
    customer: args.charge.customer,
    customer_account: null,
    // Stripe describes card refunds' destination; a debit refund goes back to the same account.
    ...(card
      ? {
          destination_details: {
            type: 'card',
            card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
          },
        }
      : {}),
    metadata: args.metadata,
    payment_intent: args.charge.payment_intent,
    payment_method: args.charge.payment_method,
    reason: args.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

const emptyEvidence = (): Stripe.Dispute.Evidence => ({
  access_activity_log: null,
  billing_address: null,
  cancellation_policy: null,
  cancellation_policy_disclosure: null,
  cancellation_rebuttal: null,
  customer_communication: null,
  customer_email_address: null,
  customer_name: null,
  customer_purchase_ip: null,
  customer_signature: null,
  duplicate_charge_documentation: null,
  duplicate_charge_explanation: null,
  duplicate_charge_id: null,
  enhanced_evidence: {},
  product_description: null,
  receipt: null,
  refund_policy: null,
  refund_policy_disclosure: null,
  refund_refusal_explanation: null,
  service_date: null,
  service_documentation: null,
  shipping_address: null,
  shipping_carrier: null,
  shipping_date: null,
  shipping_documentation: null,
  shipping_tracking_number: null,
  uncategorized_file: null,
  uncategorized_text: null,
});

export function buildDispute(charge: Stripe.Charge): Stripe.Dispute {
  const created = nowSeconds();
  return {
    id: newId('dp_'),
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: created + 7 * 86_400,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      type: 'card',
      card: { brand: 'visa', case_type: 'chargeback', network: 'visa', network_reason_code: '10.4' },
    },
    reason: 'fraudulent',
    status: 'needs_response',
  };
}
