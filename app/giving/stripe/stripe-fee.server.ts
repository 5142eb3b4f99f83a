// Stripe's processing fee of a charge, read from its balance transaction (the PaymentIntent is
// retrieved with `expand[]=latest_charge.balance_transaction`). Stripe's figures are taken as they
// are: amount, fee and net in the balance's currency, and the exchange rate when it converted.
import type Stripe from 'stripe';
import type { ProcessingFee } from '~/ledger/payment-fee-commands.server.ts';

/** The fee of a charge whose balance transaction was expanded; null while Stripe has not settled it (or not expanded). */
export function processingFeeOfCharge(charge: Stripe.Charge | null): ProcessingFee | null {
  const transaction = charge?.balance_transaction;
  if (!transaction || typeof transaction === 'string') return null;
  return {
    providerTransactionId: transaction.id,
    currency: transaction.currency.toUpperCase(),
    grossMinor: BigInt(transaction.amount),
    feeMinor: BigInt(transaction.fee),
    netMinor: BigInt(transaction.net),
    // Stripe sends the rate as a JSON number; its decimal text is what we store.
    exchangeRate: transaction.exchange_rate === null ? null : String(transaction.exchange_rate),
    feeDetails: transaction.fee_details.map((detail) => ({
      type: detail.type,
      amount: detail.amount,
      currency: detail.currency.toUpperCase(),
      description: detail.description,
    })),
  };
}
