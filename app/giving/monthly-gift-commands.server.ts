// What a signed-in donor can ask of their own monthly gift (docs/decisions/043): a new amount,
// a pause, a resumption, the end, or a new card. Each call asks Stripe (with an idempotency key)
// and changes nothing here: the webhook that follows records what Stripe did
// (stripe/monthly-gift-event-commands.server.ts) and mails the confirmation. A gift that is not the
// donor's, or not a monthly card gift, is not found.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { coveredFeeMinor } from './fee-cover.ts';
import { findDonorMonthlyGift, type DonorMonthlyGift } from './monthly-gift-queries.server.ts';
import { getStripe } from './stripe/stripe-client.server.ts';
import type { Locale } from '~/platform/i18n.ts';

export type MonthlyRequestError = 'notFound' | 'ended' | 'alreadyPaused' | 'notPaused' | 'unchanged' | 'providerUnavailable';

export type MonthlyRequestResult = { ok: true } | { ok: false; error: MonthlyRequestError };

export class MonthlyGiftNotFoundError extends Error {}

interface Target {
  donorId: string;
  reference: string;
}

async function giftFor(target: Target): Promise<DonorMonthlyGift> {
  const gift = await findDonorMonthlyGift(target);
  if (!gift || !gift.subscriptionId) throw new MonthlyGiftNotFoundError(target.reference);
  return gift;
}

/** Stripe's answer, or 'providerUnavailable' (logged) when it refused or did not answer. */
async function ask<T>(what: string, gift: DonorMonthlyGift, call: () => Promise<T>): Promise<T | 'providerUnavailable'> {
  try {
    return await call();
  } catch (error) {
    console.error(`[monthly] Stripe refused or failed to ${what} for ${gift.reference}: ${(error as Error).message}`);
    return 'providerUnavailable';
  }
}

/** The total Stripe collects for a monthly gift the donor typed: with the card fee when they cover it. */
export function monthlyChargeMinor(gift: Pick<DonorMonthlyGift, 'coversFee' | 'currency'>, giftMinor: bigint): bigint {
  return gift.coversFee ? giftMinor + coveredFeeMinor(giftMinor, gift.currency) : giftMinor;
}

/** A new monthly amount (minor units of the gift's currency, checked by the form), from the next payment on. */
export async function requestMonthlyAmountChange(target: Target & { giftMinor: bigint }): Promise<MonthlyRequestResult> {
  const gift = await giftFor(target);
  if (gift.state === 'cancelled') return { ok: false, error: 'ended' };
  const totalMinor = monthlyChargeMinor(gift, target.giftMinor);
  const stripe = getStripe();
  const subscription = await ask('read the subscription', gift, () => stripe.subscriptions.retrieve(gift.subscriptionId!));
  if (subscription === 'providerUnavailable') return { ok: false, error: subscription };
  const item = subscription.items.data[0];
  if (!item || subscription.status === 'canceled') return { ok: false, error: 'ended' };
  if (BigInt(item.price.unit_amount ?? 0) * BigInt(item.quantity ?? 1) === totalMinor) return { ok: false, error: 'unchanged' };
  const updated = await ask('change the amount', gift, () =>
    stripe.subscriptions.update(
      subscription.id,
      {
        // No proration: the new amount applies from the next monthly payment, nothing is charged now.
        proration_behavior: 'none',
        items: [
          {
            id: item.id,
            quantity: 1,
            price_data: {
              currency: subscription.currency,
              product: typeof item.price.product === 'string' ? item.price.product : item.price.product.id,
              unit_amount: Number(totalMinor),
              recurring: { interval: 'month' },
            },
          },
        ],
      },
      // The same change from the same price (a double submit, a retry) is one change at Stripe.
      { idempotencyKey: `monthly-amount:${subscription.id}:${item.price.id}:${totalMinor}` },
    ),
  );
  return updated === 'providerUnavailable' ? { ok: false, error: updated } : { ok: true };
}

async function setPause(target: Target, pause: boolean): Promise<MonthlyRequestResult> {
  const gift = await giftFor(target);
  if (gift.state === 'cancelled') return { ok: false, error: 'ended' };
  const stripe = getStripe();
  const subscription = await ask('read the subscription', gift, () => stripe.subscriptions.retrieve(gift.subscriptionId!));
  if (subscription === 'providerUnavailable') return { ok: false, error: subscription };
  if (subscription.status === 'canceled') return { ok: false, error: 'ended' };
  const paused = subscription.pause_collection !== null;
  if (pause && paused) return { ok: false, error: 'alreadyPaused' };
  if (!pause && !paused) return { ok: false, error: 'notPaused' };
  const params: Stripe.SubscriptionUpdateParams = pause ? { pause_collection: { behavior: 'void' } } : { pause_collection: '' };
  const updated = await ask(pause ? 'pause' : 'resume', gift, () =>
    // Keyed by the gift's recorded changes: a double submit before the webhook is one request.
    stripe.subscriptions.update(subscription.id, params, {
      idempotencyKey: `monthly-${pause ? 'pause' : 'resume'}:${subscription.id}:${gift.changeCount}`,
    }),
  );
  return updated === 'providerUnavailable' ? { ok: false, error: updated } : { ok: true };
}

/** Pauses collection: each month's invoice is voided (nothing is charged) until the donor resumes. */
export const requestMonthlyPause = (target: Target) => setPause(target, true);

/** Collection starts again with the next monthly payment. */
export const requestMonthlyResume = (target: Target) => setPause(target, false);

/** Ends the gift now: no further payments. */
export async function requestMonthlyCancel(target: Target): Promise<MonthlyRequestResult> {
  const gift = await giftFor(target);
  if (gift.state === 'cancelled') return { ok: false, error: 'ended' };
  const stripe = getStripe();
  const cancelled = await ask('cancel', gift, () =>
    stripe.subscriptions.cancel(
      gift.subscriptionId!,
      { cancellation_details: { comment: 'Cancelled by the donor in their account' } },
      { idempotencyKey: `monthly-cancel:${gift.subscriptionId}` },
    ),
  );
  return cancelled === 'providerUnavailable' ? { ok: false, error: cancelled } : { ok: true };
}

const portalLocales = new Set(['en', 'fr', 'es', 'ru', 'zh']);

/**
 * A Stripe billing portal session that opens on "update your card" and comes back to `returnUrl`;
 * its URL, or an error. The new card is Stripe's to keep: nothing is stored here.
 */
export async function requestMonthlyCardUpdate(
  target: Target & { returnUrl: string; locale: Locale },
): Promise<{ ok: true; url: string } | { ok: false; error: MonthlyRequestError }> {
  const gift = await giftFor(target);
  if (gift.state === 'cancelled') return { ok: false, error: 'ended' };
  const stripe = getStripe();
  const subscription = await ask('read the subscription', gift, () => stripe.subscriptions.retrieve(gift.subscriptionId!));
  if (subscription === 'providerUnavailable') return { ok: false, error: subscription };
  const customer = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
  const session = await ask('open the card update', gift, () =>
    stripe.billingPortal.sessions.create(
      {
        customer,
        return_url: target.returnUrl,
        locale: portalLocales.has(target.locale) ? (target.locale as Stripe.BillingPortal.SessionCreateParams.Locale) : 'auto',
        flow_data: { type: 'payment_method_update', after_completion: { type: 'redirect', redirect: { return_url: target.returnUrl } } },
      },
      // A portal session is single-use and changes nothing by itself: each request opens its own.
      { idempotencyKey: `monthly-card:${gift.subscriptionId}:${randomUUID()}` },
    ),
  );
  if (session === 'providerUnavailable') return { ok: false, error: session };
  return { ok: true, url: session.url };
}

/** The next payment as Stripe previews it (date, amount), or null when there is none or Stripe does not answer. */
export async function previewNextMonthlyPayment(gift: DonorMonthlyGift): Promise<{ at: Date; amountMinor: bigint } | null> {
  if (!gift.subscriptionId || gift.state === 'cancelled' || gift.state === 'paused') return null;
  const stripe = getStripe();
  const preview = await ask('preview the next invoice', gift, () => stripe.invoices.createPreview({ subscription: gift.subscriptionId! }));
  if (preview === 'providerUnavailable') return null;
  const at = preview.next_payment_attempt ?? preview.automatically_finalizes_at ?? preview.period_end;
  return { at: new Date(at * 1000), amountMinor: BigInt(preview.amount_due) };
}
