// What finance reads about money received: each payment's gross (what the donor gave), the fee
// the payment provider kept and the net that reached the account, and totals per currency.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface PaymentFeeRow {
  paymentId: string;
  receivedAt: Date;
  reference: string | null;
  donorName: string;
  method: string;
  /** The gift as received, in its own currency. */
  currency: string;
  amountMinor: bigint;
  /** The provider's settlement (null: none recorded, e.g. a bank transfer). */
  settlement: { currency: string; grossMinor: bigint; feeMinor: bigint; netMinor: bigint; exchangeRate: string | null } | null;
}

export interface FeeTotals {
  /** The currency the amounts are in: the balance's for settled payments, else the payment's own. */
  currency: string;
  payments: number;
  grossMinor: bigint;
  feeMinor: bigint;
  netMinor: bigint;
}

/** Payments received in [from, to): a month of the finance page. */
export interface ReceivedRange {
  from: Date;
  to: Date;
}

/** When the newest payment was received (null: none yet); the page opens on its month. */
export async function findNewestPaymentDate({ db = getPrisma() }: { db?: DbClient } = {}): Promise<Date | null> {
  const newest = await db.payment.findFirst({ orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], select: { receivedAt: true } });
  return newest?.receivedAt ?? null;
}

/** The newest payments of the range with their processing fees, newest first. */
export async function listPaymentFees({
  limit,
  from,
  to,
  db = getPrisma(),
}: ReceivedRange & { limit: number; db?: DbClient }): Promise<PaymentFeeRow[]> {
  const rows = await db.payment.findMany({
    where: { receivedAt: { gte: from, lt: to } },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      receivedAt: true,
      method: true,
      currency: true,
      amountMinor: true,
      pledge: { select: { reference: true } },
      donor: { select: { displayName: true } },
      processingFee: { select: { currency: true, grossMinor: true, feeMinor: true, netMinor: true, exchangeRate: true } },
    },
  });
  return rows.map((row) => ({
    paymentId: row.id,
    receivedAt: row.receivedAt,
    reference: row.pledge?.reference ?? null,
    donorName: row.donor.displayName,
    method: row.method,
    currency: row.currency,
    amountMinor: row.amountMinor,
    settlement: row.processingFee
      ? { ...row.processingFee, exchangeRate: row.processingFee.exchangeRate ? row.processingFee.exchangeRate.toFixed() : null }
      : null,
  }));
}

/**
 * Gross, fee and net of the payments received in the range, per currency: a settled payment counts
 * in its balance's currency with the provider's figures; a payment without a recorded fee counts
 * gross = net. A month, not all time: at 1M ledger rows all time took half a second a view.
 */
export async function getPaymentFeeTotals({ from, to, db = getPrisma() }: ReceivedRange & { db?: DbClient }): Promise<FeeTotals[]> {
  const rows = await db.$queryRaw<{ currency: string; payments: bigint; gross: bigint; fee: bigint; net: bigint }[]>`
    SELECT COALESCE(f.currency, p.currency) AS currency,
           COUNT(*)::bigint AS payments,
           SUM(COALESCE(f."grossMinor", p."amountMinor"))::bigint AS gross,
           SUM(COALESCE(f."feeMinor", 0))::bigint AS fee,
           SUM(COALESCE(f."netMinor", p."amountMinor"))::bigint AS net
    FROM payments p LEFT JOIN payment_fees f ON f."paymentId" = p.id
    WHERE p."receivedAt" >= ${from} AND p."receivedAt" < ${to}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({
    currency: row.currency.trim(),
    payments: Number(row.payments),
    grossMinor: row.gross,
    feeMinor: row.fee,
    netMinor: row.net,
  }));
}
