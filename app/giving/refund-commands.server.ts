// Staff refunds (issue #12 item 6). A card payment is refunded through Stripe — the reversal is
// recorded when Stripe's charge.refunded event arrives, never from the form alone — and a bank
// transfer's refund, which the bank has already made, is recorded at once. Either way the amount
// cannot exceed what the payment still holds, a resubmitted form (same request key) refunds once,
// and the request is audited. Reversals are facts: nothing is edited.
import type Stripe from 'stripe';
import { lockPledge } from '~/ledger/pledge-commands.server.ts';
import { netOfPayment, recordReversal, usdForCumulativeAmount } from '~/ledger/payment-commands.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getStripe } from './stripe/stripe-client.server.ts';

export type RefundOutcome =
  | { ok: true; via: 'stripe' | 'recorded' }
  | { ok: false; problem: 'not-found' | 'amount' | 'provider'; heldMinor?: bigint; currency?: string };

export async function refundPayment({
  db = getPrisma(),
  stripe = getStripe(),
  paymentId,
  amountMinor,
  reason,
  staffUserId,
  requestKey,
}: {
  db?: ReturnType<typeof getPrisma>;
  stripe?: Stripe;
  paymentId: string;
  amountMinor: bigint;
  reason: string;
  staffUserId: string;
  /** One per form shown: a second submission of the same form refunds nothing more. */
  requestKey: string;
}): Promise<RefundOutcome> {
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment) return { ok: false, problem: 'not-found' };
  const audit = (after: Record<string, unknown>, tx: Parameters<typeof recordAudit>[0]['db'] = db) =>
    recordAudit({
      db: tx,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'payment.refund',
      entityType: 'Payment',
      entityId: payment.id,
      after,
    });

  if (payment.provider === 'STRIPE') {
    const { reversedMinor } = await netOfPayment({ db, paymentId: payment.id });
    const heldMinor = payment.amountMinor - reversedMinor;
    if (amountMinor <= 0n || amountMinor > heldMinor) return { ok: false, problem: 'amount', heldMinor, currency: payment.currency };
    const target = payment.providerPaymentId ?? '';
    try {
      await stripe.refunds.create(
        {
          ...(target.startsWith('ch_') ? { charge: target } : { payment_intent: target }),
          amount: Number(amountMinor),
          metadata: { reason: reason.slice(0, 500), staffUserId },
        },
        { idempotencyKey: `staff-refund:${payment.id}:${requestKey}` },
      );
    } catch (error) {
      await audit({
        amountMinor: amountMinor.toString(),
        currency: payment.currency,
        reason,
        via: 'stripe',
        refused: (error as Error).message,
      });
      return { ok: false, problem: 'provider' };
    }
    await audit({ amountMinor: amountMinor.toString(), currency: payment.currency, reason, via: 'stripe' });
    return { ok: true, via: 'stripe' };
  }

  const outcome = await db.$transaction(async (tx) => {
    if (payment.pledgeId) await lockPledge({ db: tx, pledgeId: payment.pledgeId });
    const providerReversalId = `staff-refund:${payment.id}:${requestKey}`;
    if (await tx.reversal.findUnique({ where: { providerReversalId } }))
      return { ok: true as const, via: 'recorded' as const, changed: false };
    const { reversedMinor } = await netOfPayment({ db: tx, paymentId: payment.id });
    const heldMinor = payment.amountMinor - reversedMinor;
    if (amountMinor <= 0n || amountMinor > heldMinor)
      return { ok: false as const, problem: 'amount' as const, heldMinor, currency: payment.currency };
    // Like Stripe's cumulative refunds: the USD of all refunds so far follows the payment's pinned
    // rate, so partial refunds add up to the payment's USD exactly when it is refunded in full.
    const refunded = await tx.reversal.aggregate({
      where: { paymentId: payment.id, kind: 'REFUND' },
      _sum: { amountMinor: true, usdMinor: true },
    });
    const totalMinor = (refunded._sum.amountMinor ?? 0n) + amountMinor;
    await recordReversal({
      db: tx,
      payment,
      kind: 'REFUND',
      providerReversalId,
      amountMinor,
      usdMinor: usdForCumulativeAmount(payment, totalMinor) - (refunded._sum.usdMinor ?? 0n),
      reason: reason || 'Refunded by bank transfer',
    });
    await audit({ amountMinor: amountMinor.toString(), currency: payment.currency, reason, via: 'recorded' }, tx);
    return { ok: true as const, via: 'recorded' as const, changed: true };
  });
  if (!outcome.ok) return outcome;
  if (outcome.changed) invalidatePublicData();
  return { ok: true, via: 'recorded' };
}
