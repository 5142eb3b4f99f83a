// The card processing fee a donor chose to cover: added to their gift when they pledge
// (pledge-terms.ts), and told apart again on their receipts. Pure integer arithmetic on minor units.
import { cardAmountStep, PROCESSING_FEE_PERCENT, processingFeeMinor } from './give-schema.ts';

/** The fee added to a card gift: 3 % rounded up, then up to the currency's card step (KWD: 10). */
export function coveredFeeMinor(giftMinor: bigint, currency: string): bigint {
  const step = cardAmountStep(currency);
  return ((processingFeeMinor(giftMinor) + step - 1n) / step) * step;
}

/** The gift a donor typed, from a total that includes the covered fee (inverse of coveredFeeMinor). */
export function giftBeforeFee(totalMinor: bigint, currency: string): bigint {
  // total = gift + fee(gift), and fee grows with the gift: start from the floor estimate and step
  // to the largest gift whose total does not exceed this one (exact whenever the total came from a gift).
  let gift = (totalMinor * 100n) / (100n + PROCESSING_FEE_PERCENT);
  while (gift + coveredFeeMinor(gift + 1n, currency) + 1n <= totalMinor) gift += 1n;
  while (gift > 0n && gift + coveredFeeMinor(gift, currency) > totalMinor) gift -= 1n;
  return gift;
}

/**
 * The part of one payment that covers the fee, for a pledge whose donor covered it: the pledge's
 * fee in proportion to the payment (a one-off or monthly payment carries all of it; each
 * instalment its share, rounded down).
 */
export function feeCoverOfPayment({
  paymentMinor,
  pledgeMinor,
  currency,
}: {
  paymentMinor: bigint;
  pledgeMinor: bigint;
  currency: string;
}): bigint {
  if (pledgeMinor <= 0n || paymentMinor <= 0n) return 0n;
  const pledgeFee = pledgeMinor - giftBeforeFee(pledgeMinor, currency);
  if (paymentMinor >= pledgeMinor) return pledgeFee;
  return (paymentMinor * pledgeFee) / pledgeMinor;
}
