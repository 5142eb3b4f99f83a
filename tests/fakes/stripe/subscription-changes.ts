// What a customer (through our API calls) can change on a live subscription: its item's price
// (`items[i][price]` or `items[i][price_data]`, without proration), `pause_collection`, and the
// preview of its next invoice (POST /v1/invoices/create_preview). Each change is recorded in the
// `previous_attributes` of the `customer.subscription.updated` event the caller emits, as Stripe does.
import type Stripe from 'stripe';
import { checkCurrency } from './money.ts';
import { addInterval, buildPlan, buildPrice, newId, type Interval } from './objects.ts';
import { buildInvoice } from './objects-billing.ts';
import { allowOnly, hash, int, invalid, list, oneOf, requiredStr, str, type Params } from './params.ts';
import type { Store } from './store.ts';

const PAUSE_BEHAVIORS = ['keep_as_draft', 'mark_uncollectible', 'void'] as const;

/** `items[]` on POST /v1/subscriptions/:id: the price (or quantity) of existing items. */
export function applyItemChanges(store: Store, subscription: Stripe.Subscription, params: Params, previous: Record<string, unknown>): void {
  const entries = list(params, 'items');
  if (!entries) return;
  const proration = oneOf(params, 'proration_behavior', ['always_invoice', 'create_prorations', 'none'] as const) ?? 'create_prorations';
  if (proration !== 'none')
    throw invalid(
      'The emulator changes subscription items only with `proration_behavior=none` (prorations are not implemented).',
      'proration_behavior',
    );
  const before = store.snapshot(subscription.items);
  let changed = false;
  entries.forEach((entry, index) => {
    const path = `items[${index}]`;
    if (typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`Invalid object: ${path}`, path);
    allowOnly(entry, ['id', 'price', 'price_data', 'quantity', 'metadata'], `${path}.`);
    const id = str(entry, 'id', `${path}[id]`);
    if (!id) throw invalid('The emulator does not add new items to a subscription: pass `id` of an existing item.', `${path}[id]`);
    const item = subscription.items.data.find((candidate) => candidate.id === id);
    if (!item) throw invalid(`Invalid subscription_item: ${id} does not belong to subscription ${subscription.id}.`, `${path}[id]`);
    const price = priceOf(store, subscription, entry, path);
    if (price && price.id !== item.price.id) {
      item.price = price;
      item.plan = buildPlan(price);
      changed = true;
    }
    const quantity = int(entry, 'quantity', `${path}[quantity]`, { min: 1 });
    if (quantity !== undefined && quantity !== item.quantity) {
      item.quantity = quantity;
      changed = true;
    }
  });
  if (changed) previous.items = before;
}

function priceOf(store: Store, subscription: Stripe.Subscription, entry: Params, path: string): Stripe.Price | null {
  const priceId = str(entry, 'price', `${path}[price]`);
  const data = hash(entry, 'price_data', `${path}[price_data]`);
  if (priceId && data) throw invalid(`You may only specify one of these parameters: price, price_data.`, `${path}[price]`);
  if (priceId) {
    const price = store.get('price', priceId, `${path}[price]`);
    if (!price.recurring)
      throw invalid(
        `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
        `${path}[price]`,
      );
    if (price.currency !== subscription.currency)
      throw invalid(`The price's currency must match the subscription's (${subscription.currency}).`, `${path}[price]`);
    return price;
  }
  if (!data) return null;
  const at = `${path}[price_data]`;
  allowOnly(data, ['currency', 'product', 'unit_amount', 'recurring', 'tax_behavior'], `${at}.`);
  const currency = checkCurrency(requiredStr(data, 'currency', `${at}[currency]`), `${at}[currency]`);
  if (currency !== subscription.currency)
    throw invalid(`The price's currency must match the subscription's (${subscription.currency}).`, `${at}[currency]`);
  const product = store.get('product', requiredStr(data, 'product', `${at}[product]`), `${at}[product]`);
  const unitAmount = int(data, 'unit_amount', `${at}[unit_amount]`);
  if (unitAmount === undefined) throw invalid(`Missing required param: ${at}[unit_amount].`, `${at}[unit_amount]`, 'parameter_missing');
  const recurring = hash(data, 'recurring', `${at}[recurring]`);
  if (!recurring) throw invalid(`Missing required param: ${at}[recurring].`, `${at}[recurring]`, 'parameter_missing');
  allowOnly(recurring, ['interval', 'interval_count'], `${at}[recurring].`);
  const interval: Interval | undefined = oneOf(
    recurring,
    'interval',
    ['day', 'week', 'month', 'year'] as const,
    `${at}[recurring][interval]`,
  );
  if (!interval) throw invalid(`Missing required param: ${at}[recurring][interval].`, `${at}[recurring][interval]`, 'parameter_missing');
  const intervalCount = int(recurring, 'interval_count', `${at}[recurring][interval_count]`, { min: 1 }) ?? 1;
  return store.put<'price'>(buildPrice({ currency, unitAmount, product: product.id, recurring: { interval, intervalCount } }));
}

/** `pause_collection` on POST /v1/subscriptions/:id: a behavior (and optional resumes_at), or '' to resume. */
export function applyPauseCollection(subscription: Stripe.Subscription, params: Params, previous: Record<string, unknown>): void {
  const value = params.pause_collection;
  if (value === undefined) return;
  let next: Stripe.Subscription.PauseCollection | null = null;
  if (value !== '') {
    const pause = hash(params, 'pause_collection');
    if (!pause) return;
    allowOnly(pause, ['behavior', 'resumes_at'], 'pause_collection.');
    const behavior = oneOf(pause, 'behavior', PAUSE_BEHAVIORS, 'pause_collection[behavior]');
    if (!behavior) throw invalid('Missing required param: pause_collection[behavior].', 'pause_collection[behavior]', 'parameter_missing');
    next = { behavior, resumes_at: int(pause, 'resumes_at', 'pause_collection[resumes_at]') ?? null };
  }
  if (JSON.stringify(next) === JSON.stringify(subscription.pause_collection)) return;
  previous.pause_collection = subscription.pause_collection;
  subscription.pause_collection = next;
}

/** The invoice a paused subscription makes at renewal: not charged, in the state the pause asks for. */
export function pausedInvoiceStatus(behavior: Stripe.Subscription.PauseCollection.Behavior): 'draft' | 'uncollectible' | 'void' {
  if (behavior === 'keep_as_draft') return 'draft';
  return behavior === 'mark_uncollectible' ? 'uncollectible' : 'void';
}

/** POST /v1/invoices/create_preview with `subscription`: the invoice the next renewal will make. */
export function previewInvoice(store: Store, publicUrl: string, params: Params): Stripe.Invoice {
  allowOnly(params, ['subscription', 'customer', 'expand']);
  const subscription = store.get('subscription', requiredStr(params, 'subscription'), 'subscription');
  const customerId = str(params, 'customer');
  if (customerId && customerId !== subscription.customer)
    throw invalid(`The subscription ${subscription.id} does not belong to customer ${customerId}.`, 'customer');
  if (subscription.status === 'canceled' || subscription.cancel_at_period_end)
    throw invalid(`No upcoming invoices for customer: ${String(subscription.customer)}`, 'subscription', 'invoice_upcoming_none');
  const customer = store.snapshot(store.get('customer', String(subscription.customer)));
  const first = subscription.items.data[0];
  if (!first) throw invalid(`Subscription ${subscription.id} has no items.`, 'subscription');
  const next = first.current_period_end;
  const nextEnd = (item: Stripe.SubscriptionItem) =>
    addInterval(item.current_period_end, item.price.recurring?.interval ?? 'month', item.price.recurring?.interval_count ?? 1);
  const invoice = buildInvoice({
    customer,
    subscription: store.snapshot(subscription),
    billingReason: 'subscription_cycle',
    period: { start: first.current_period_start, end: next },
    publicUrl,
    lines: subscription.items.data.map((item) => ({
      price: item.price,
      quantity: item.quantity ?? 1,
      productName: store.find('product', String(item.price.product))?.name ?? 'Subscription',
      subscriptionItem: item.id,
      period: { start: item.current_period_end, end: nextEnd(item) },
    })),
  });
  // A preview is not stored, has no number or page, and is dated when the renewal will happen.
  return {
    ...invoice,
    id: newId('upcoming_in_'),
    number: null,
    hosted_invoice_url: null,
    status: 'draft',
    created: next,
    effective_at: null,
    next_payment_attempt: subscription.pause_collection ? null : next,
    automatically_finalizes_at: next,
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    webhooks_delivered_at: null,
  };
}
