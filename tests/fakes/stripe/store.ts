// The emulator's memory: every object by id, what Stripe keeps beside objects (a session's line
// items, an invoice's payments), lists with Stripe's pagination, `expand[]`, and events. Objects are
// stored in their wire form and handed out as copies, so a caller can never change stored state,
// and an event's `data.object` is the object as it was when the event happened.
import type Stripe from 'stripe';
import { API_VERSION, newId, nowSeconds } from './objects.ts';
import { int, invalid, missing, str, type Params } from './params.ts';

/** What Stripe records about the request that caused an event (null for automatic changes). */
export interface RequestInfo {
  id: string | null;
  idempotency_key: string | null;
}

export const AUTOMATIC: RequestInfo = { id: null, idempotency_key: null };

/** An Event as Stripe sends it (the SDK's union type names every event type; here any string). */
export interface EmulatorEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StoredObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: RequestInfo;
  type: string;
}

export interface ObjectTypes {
  'checkout.session': Stripe.Checkout.Session;
  customer: Stripe.Customer;
  payment_method: Stripe.PaymentMethod;
  payment_intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
  balance_transaction: Stripe.BalanceTransaction;
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  invoice_payment: Stripe.InvoicePayment;
  refund: Stripe.Refund;
  dispute: Stripe.Dispute;
  'billing_portal.session': Stripe.BillingPortal.Session;
  price: Stripe.Price;
  product: Stripe.Product;
  event: EmulatorEvent;
}

export type Kind = keyof ObjectTypes;
export type StoredObject = ObjectTypes[Kind];

/** What a Checkout Session was created with, beyond the fields the session object shows. */
export interface SessionExtras {
  lineItems: Stripe.LineItem[];
  paymentIntentData: { metadata: Record<string, string>; description: string | null; receiptEmail: string | null };
  subscriptionData: { metadata: Record<string, string>; description: string | null };
  delayed: { outcome: 'succeed' | 'fail'; timer: NodeJS.Timeout | null } | null;
}

export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** What Stripe keeps of a deleted object: GET answers it (200), every other call 404s. */
export interface Tombstone {
  id: string;
  object: Kind;
  deleted: true;
}

const clone = <T>(value: T): T => structuredClone(value);

/** Events never change after they happen (only `pending_webhooks`), so their data is frozen. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class Store {
  private readonly objects = new Map<string, StoredObject>();
  /** The same objects by kind, in creation order, so lists do not scan everything. */
  private readonly byKind = new Map<Kind, StoredObject[]>();
  readonly sessionExtras = new Map<string, SessionExtras>();
  /** Deleted objects by id (only customers can be deleted here). */
  private readonly tombstones = new Map<string, Tombstone>();
  /** Called for each new event (the webhook dispatcher listens here). */
  onEvent: (event: EmulatorEvent) => void = () => {};

  put<K extends Kind>(object: ObjectTypes[K]): ObjectTypes[K] {
    if (!this.objects.has(object.id)) {
      const kind: Kind = object.object;
      const list = this.byKind.get(kind) ?? [];
      list.push(object);
      this.byKind.set(kind, list);
    }
    this.objects.set(object.id, object);
    return object;
  }

  find<K extends Kind>(kind: K, id: string): ObjectTypes[K] | undefined {
    const object = this.objects.get(id);
    // The `object` field is the stored object's type tag, so the cast is checked at run time.
    return object?.object === kind ? (object as ObjectTypes[K]) : undefined;
  }

  get<K extends Kind>(kind: K, id: string, param = 'id'): ObjectTypes[K] {
    const object = this.find(kind, id);
    if (!object) throw missing(kind, id, param);
    return object;
  }

  /** GET /v1/<collection>/:id: the object, or what is left of it once deleted. */
  retrieve<K extends Kind>(kind: K, id: string): ObjectTypes[K] | Tombstone {
    const tombstone = this.tombstones.get(id);
    return tombstone?.object === kind ? clone(tombstone) : this.get(kind, id);
  }

  /** Deletes an object: from now on only `retrieve` and `expand[]` see it, as a tombstone. */
  remove<K extends Kind>(kind: K, id: string): Tombstone {
    this.get(kind, id);
    this.objects.delete(id);
    const list = this.byKind.get(kind) ?? [];
    this.byKind.set(
      kind,
      list.filter((object) => object.id !== id),
    );
    const tombstone: Tombstone = { id, object: kind, deleted: true };
    this.tombstones.set(id, tombstone);
    return clone(tombstone);
  }

  /** Every object of a kind, newest first. */
  all<K extends Kind>(kind: K): ObjectTypes[K][] {
    // put() files each object under its own `object` tag.
    return [...((this.byKind.get(kind) ?? []) as ObjectTypes[K][])].reverse();
  }

  snapshot<T>(object: T): T {
    return clone(object);
  }

  /** Records an event with a copy of the object as it is now and hands it to the listener. */
  emit(type: string, object: StoredObject, request: RequestInfo, previous?: Record<string, unknown>): EmulatorEvent {
    const event: EmulatorEvent = {
      id: newId('evt_'),
      object: 'event',
      api_version: API_VERSION,
      created: nowSeconds(),
      data: deepFreeze({ object: clone(object), ...(previous ? { previous_attributes: clone(previous) } : {}) }),
      livemode: false,
      pending_webhooks: 0,
      request: { ...request },
      type,
    };
    this.put<'event'>(event);
    this.onEvent(event);
    return event;
  }

  // ---------------------------------------------------------------- lists

  /** A Stripe list (newest first) with `limit`, `starting_after` and `ending_before`. */
  list<K extends Kind>(
    kind: K,
    url: string,
    params: Params,
    filters: Record<string, (object: ObjectTypes[K], value: string) => boolean>,
  ): ApiList<ObjectTypes[K]> {
    const paging = ['limit', 'starting_after', 'ending_before', 'expand'];
    for (const key of Object.keys(params)) {
      if (!paging.includes(key) && !(key in filters)) throw invalid(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
    }
    const limit = int(params, 'limit', 'limit', { min: 1 }) ?? 10;
    if (limit > 100) throw invalid('This value must be less than or equal to 100.', 'limit');
    let data = this.all(kind);
    for (const [key, matches] of Object.entries(filters)) {
      const value = str(params, key);
      if (value !== undefined && value !== '') data = data.filter((object) => matches(object, value));
    }
    const after = str(params, 'starting_after');
    const before = str(params, 'ending_before');
    if (after) {
      const index = data.findIndex((object) => object.id === after);
      if (index === -1) throw missing(kind, after, 'starting_after');
      data = data.slice(index + 1);
    } else if (before) {
      const index = data.findIndex((object) => object.id === before);
      if (index === -1) throw missing(kind, before, 'ending_before');
      data = data.slice(Math.max(0, index - limit), index);
    }
    return { object: 'list', data: data.slice(0, limit).map(clone), has_more: data.length > limit, url };
  }

  // ---------------------------------------------------------------- expand

  /** Fields Stripe only includes when asked (`expand[]=payments` on an invoice, …). */
  private includable(holder: { object?: unknown; id?: unknown }, field: string): ApiList<unknown> | undefined {
    const id = String(holder.id);
    if (holder.object === 'invoice' && field === 'payments') {
      const data = this.all('invoice_payment').filter((payment) => payment.invoice === id);
      return { object: 'list', data: data.map(clone), has_more: false, url: `/v1/invoices/${id}/payments` };
    }
    if (holder.object === 'checkout.session' && field === 'line_items') {
      const data = this.sessionExtras.get(id)?.lineItems ?? [];
      return { object: 'list', data: data.map(clone), has_more: false, url: `/v1/checkout/sessions/${id}/line_items` };
    }
    if (holder.object === 'charge' && field === 'refunds') {
      const data = this.all('refund').filter((refund) => refund.charge === id);
      return { object: 'list', data: data.map(clone), has_more: false, url: `/v1/charges/${id}/refunds` };
    }
    return undefined;
  }

  private expandAt(holder: Record<string, unknown>, segments: string[], path: string): void {
    const [field, ...rest] = segments;
    if (field === undefined) return;
    let value = holder[field];
    if (value === undefined) {
      value = this.includable(holder, field);
      if (value === undefined) throw invalid(`This property cannot be expanded (${path}).`, 'expand');
    } else if (typeof value === 'string') {
      const object = this.objects.get(value) ?? this.tombstones.get(value);
      if (!object) throw invalid(`This property cannot be expanded (${path}).`, 'expand');
      value = clone(object);
    } else if (value !== null && (typeof value !== 'object' || (rest.length === 0 && !('id' in value)))) {
      throw invalid(`This property cannot be expanded (${path}).`, 'expand');
    }
    holder[field] = value;
    if (value === null || rest.length === 0) return;
    if (Array.isArray(value)) {
      for (const item of value as Record<string, unknown>[]) this.expandAt(item, rest, path);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.object === 'list' && rest[0] === 'data' && Array.isArray(record.data)) {
      for (const item of record.data as Record<string, unknown>[]) this.expandAt(item, rest.slice(1), path);
      return;
    }
    this.expandAt(record, rest, path);
  }

  /** A copy of the object with the requested fields expanded, as Stripe's `expand[]` does. */
  expand<T>(object: T, paths: string[]): T {
    const copy = clone(object);
    // The wire object is walked field by field; its static type does not change by expanding.
    for (const path of paths) this.expandAt(copy as Record<string, unknown>, path.split('.'), path);
    return copy;
  }
}
