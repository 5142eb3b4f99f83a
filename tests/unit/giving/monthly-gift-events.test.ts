// Which subscription events record a change of card (decision 045): the card a subscription
// charges moving from one payment method to another. Its first card, given when the subscription
// starts, is no change; neither is the same card again.
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { monthlyChangesOf } from '~/giving/stripe/monthly-gift-event-commands.server.ts';

function subscriptionUpdated(object: Record<string, unknown>, previous: Record<string, unknown>): Stripe.Event {
  const subscription = {
    id: 'sub_1',
    object: 'subscription',
    currency: 'usd',
    status: 'active',
    pause_collection: null,
    default_payment_method: 'pm_new',
    items: { object: 'list', data: [{ price: { unit_amount: 2_500 }, quantity: 1 }] },
    ...object,
  };
  // A hand-made event in Stripe's shape: only the fields monthlyChangesOf reads.
  return {
    id: 'evt_1',
    object: 'event',
    type: 'customer.subscription.updated',
    created: 1_800_000_000,
    data: { object: subscription, previous_attributes: previous },
  } as unknown as Stripe.Event;
}

describe('a monthly gift’s card, as subscription events report it', () => {
  it('records a card replaced by another, with the monthly amount it charges', () => {
    expect(monthlyChangesOf(subscriptionUpdated({}, { default_payment_method: 'pm_old' }))).toEqual([
      { kind: 'CARD_UPDATED', amountMinor: 2_500n, previousAmountMinor: null },
    ]);
  });

  it('reads payment methods given as objects (an expanded event) as their ids', () => {
    const event = subscriptionUpdated(
      { default_payment_method: { id: 'pm_new', object: 'payment_method' } },
      {
        default_payment_method: { id: 'pm_old', object: 'payment_method' },
      },
    );
    expect(monthlyChangesOf(event).map((change) => change.kind)).toEqual(['CARD_UPDATED']);
    const same = subscriptionUpdated({ default_payment_method: { id: 'pm_old' } }, { default_payment_method: 'pm_old' });
    expect(monthlyChangesOf(same)).toEqual([]);
  });

  it('records a card given to a running subscription that charged the customer’s default until then', () => {
    expect(monthlyChangesOf(subscriptionUpdated({}, { default_payment_method: null })).map((change) => change.kind)).toEqual([
      'CARD_UPDATED',
    ]);
  });

  it('records nothing when the subscription starts with its first card, or when the card is removed', () => {
    expect(monthlyChangesOf(subscriptionUpdated({}, { status: 'incomplete', default_payment_method: null }))).toEqual([]);
    expect(monthlyChangesOf(subscriptionUpdated({ default_payment_method: null }, { default_payment_method: 'pm_old' }))).toEqual([]);
  });

  it('records a new card beside a new amount reported by the same event', () => {
    const event = subscriptionUpdated(
      {},
      { default_payment_method: 'pm_old', items: { object: 'list', data: [{ price: { unit_amount: 1_000 }, quantity: 1 }] } },
    );
    expect(monthlyChangesOf(event).map((change) => change.kind)).toEqual(['AMOUNT_CHANGED', 'CARD_UPDATED']);
  });
});
