// What a customer.subscription.updated / .deleted event changed on a monthly gift, recorded as a
// fact with its confirmation email in the event's transaction (docs/decisions/043). The event's
// own snapshot and previous_attributes say what changed at that moment (Stripe sends them in any
// order; each is a fact about its moment, keyed by the event id):
// - items with a different total → AMOUNT_CHANGED (a renewal also lists items, with new periods
//   only: same total, no change);
// - pause_collection from null to a pause → PAUSED, from a pause to null → RESUMED;
// - the subscription deleted → CANCELLED;
// - default_payment_method from one card to another (Stripe's billing portal sets the new card on
//   the subscription) → CARD_UPDATED (docs/decisions/045). Not when the subscription starts: its
//   first card arrives with its status.
import type Stripe from 'stripe';
import type { MonthlyGiftChangeKind } from '~/generated/prisma/client.ts';
import { recordMonthlyGiftChange } from '~/ledger/monthly-gift-change-commands.server.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { absoluteUrl, monthlyGiftPath } from '../pledge-links.server.ts';

interface ItemLike {
  price?: { unit_amount?: number | null } | null;
  quantity?: number | null;
}

/** The monthly total of a subscription's items (minor units), or null when it cannot be read. */
export function subscriptionAmountMinor(items: { data?: ItemLike[] } | null | undefined): bigint | null {
  const data = items?.data;
  if (!Array.isArray(data) || data.length === 0) return null;
  let total = 0n;
  for (const item of data) {
    const unit = item.price?.unit_amount;
    if (typeof unit !== 'number') return null;
    total += BigInt(unit) * BigInt(item.quantity ?? 1);
  }
  return total;
}

/** A payment method's id, whether the event holds the id or the expanded object. */
function paymentMethodId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id;
  return null;
}

export interface MonthlyGiftEventChange {
  kind: MonthlyGiftChangeKind;
  amountMinor: bigint;
  previousAmountMinor: bigint | null;
}

/** The changes one subscription event reports (usually one; none for a renewal or a metadata edit). */
export function monthlyChangesOf(event: Stripe.Event): MonthlyGiftEventChange[] {
  const subscription = event.data.object as Stripe.Subscription;
  const amountMinor = subscriptionAmountMinor(subscription.items);
  if (amountMinor === null || amountMinor <= 0n) return [];
  if (event.type === 'customer.subscription.deleted') return [{ kind: 'CANCELLED', amountMinor, previousAmountMinor: null }];
  if (event.type !== 'customer.subscription.updated') return [];
  const previous = (event.data.previous_attributes ?? {}) as Record<string, unknown>;
  const changes: MonthlyGiftEventChange[] = [];
  if ('items' in previous) {
    const before = subscriptionAmountMinor(previous.items as { data?: ItemLike[] });
    if (before !== null && before !== amountMinor) changes.push({ kind: 'AMOUNT_CHANGED', amountMinor, previousAmountMinor: before });
  }
  if ('default_payment_method' in previous && !('status' in previous)) {
    const before = paymentMethodId(previous.default_payment_method);
    const after = paymentMethodId(subscription.default_payment_method);
    if (after !== null && after !== before) changes.push({ kind: 'CARD_UPDATED', amountMinor, previousAmountMinor: null });
  }
  if ('pause_collection' in previous) {
    const was = previous.pause_collection !== null && previous.pause_collection !== undefined;
    const is = subscription.pause_collection !== null && subscription.pause_collection !== undefined;
    if (!was && is) changes.push({ kind: 'PAUSED', amountMinor, previousAmountMinor: null });
    if (was && !is) changes.push({ kind: 'RESUMED', amountMinor, previousAmountMinor: null });
  }
  return changes;
}

/**
 * Records each change the event reports on a monthly pledge (once per event and kind) and queues
 * its confirmation email in the same transaction. Returns how many changes were new.
 */
export async function recordMonthlyGiftEvent({
  db,
  event,
  pledge,
}: {
  db: DbClient;
  event: Stripe.Event;
  pledge: {
    id: string;
    reference: string;
    frequency: string;
    currency: string;
    donorId: string;
    donor: { email: string | null; displayName: string; locale: string };
  };
}): Promise<number> {
  if (pledge.frequency !== 'MONTHLY') return 0;
  const currency = String((event.data.object as Stripe.Subscription).currency ?? '').toUpperCase();
  // A subscription in another currency than its pledge would be someone else's: not recorded.
  if (currency !== pledge.currency) return 0;
  const at = new Date(event.created * 1000);
  let recorded = 0;
  for (const change of monthlyChangesOf(event)) {
    const row = await recordMonthlyGiftChange({
      db,
      change: { pledgeId: pledge.id, kind: change.kind, amountMinor: change.amountMinor, stripeEventId: event.id, at },
    });
    if (!row) continue;
    recorded += 1;
    if (!pledge.donor.email) continue;
    await enqueueEmail({
      db,
      template: 'monthly-gift-changed',
      to: pledge.donor.email,
      locale: pledge.donor.locale,
      donorId: pledge.donorId,
      idempotencyKey: `monthly-gift-changed:${event.id}:${change.kind}`,
      props: {
        donorName: pledge.donor.displayName,
        reference: pledge.reference,
        kind: change.kind,
        amountMinor: String(change.amountMinor),
        ...(change.previousAmountMinor !== null ? { previousAmountMinor: String(change.previousAmountMinor) } : {}),
        currency: pledge.currency,
        at: at.toISOString(),
        accountUrl: absoluteUrl(monthlyGiftPath(pledge.reference)),
      },
    });
  }
  return recorded;
}
