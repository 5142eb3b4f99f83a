// What the payment provider kept of a payment: its processing fee, recorded once beside the
// payment from the provider's own figures (Stripe's balance transaction). The payment stays the
// gross gift; the fee is a cost of receiving it (docs/decisions/019).
import type { DbClient } from '~/platform/db.server.ts';

/** One fee line as the provider itemises it (Stripe's fee_details). */
export interface FeeDetail {
  type: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  description: string | null;
}

/** The provider's settlement of one payment, in the currency of the balance it landed in. */
export interface ProcessingFee {
  /** The provider's id of this settlement (Stripe: txn_…). */
  providerTransactionId: string;
  /** Upper-case ISO 4217 code of the balance. */
  currency: string;
  grossMinor: bigint;
  feeMinor: bigint;
  netMinor: bigint;
  /** The provider's conversion rate from the payment's currency, as a decimal string; null when it did not convert. */
  exchangeRate: string | null;
  feeDetails: FeeDetail[];
}

/**
 * Records the processing fee of a payment once (a second call for the same payment or settlement
 * does nothing) and returns whether it was new. Refuses figures that do not add up.
 */
export async function recordPaymentFee({ db, paymentId, fee }: { db: DbClient; paymentId: string; fee: ProcessingFee }): Promise<boolean> {
  if (fee.grossMinor - fee.feeMinor !== fee.netMinor || fee.feeMinor < 0n) {
    throw new Error(`processing fee ${fee.providerTransactionId}: gross ${fee.grossMinor} − fee ${fee.feeMinor} ≠ net ${fee.netMinor}`);
  }
  const inserted = await db.$executeRaw`
    INSERT INTO payment_fees ("paymentId", "providerTransactionId", currency, "grossMinor", "feeMinor", "netMinor", "exchangeRate", "feeDetails")
    VALUES (${paymentId}::uuid, ${fee.providerTransactionId}, ${fee.currency}, ${fee.grossMinor}, ${fee.feeMinor}, ${fee.netMinor},
            ${fee.exchangeRate}::numeric, ${JSON.stringify(fee.feeDetails)}::jsonb)
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}
