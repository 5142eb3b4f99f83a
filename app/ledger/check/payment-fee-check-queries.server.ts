// The ledger check's part for processing fees (docs/decisions/019): each recorded fee adds up
// (gross − fee = net, fee not negative, gross positive), is in an ISO currency, belongs to a card
// payment from Stripe, and — when Stripe did not convert — settles the payment's own amount.
import type { DbClient } from '~/platform/db.server.ts';

export async function checkPaymentFees({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.paymentFee.findMany({
    select: {
      providerTransactionId: true,
      currency: true,
      grossMinor: true,
      feeMinor: true,
      netMinor: true,
      exchangeRate: true,
      payment: { select: { id: true, provider: true, currency: true, amountMinor: true } },
    },
  });
  const problems: string[] = [];
  for (const row of rows) {
    const name = `processing fee ${row.providerTransactionId} (payment ${row.payment.id})`;
    if (row.grossMinor - row.feeMinor !== row.netMinor)
      problems.push(`${name}: gross ${row.grossMinor} − fee ${row.feeMinor} ≠ net ${row.netMinor}`);
    if (row.feeMinor < 0n || row.grossMinor <= 0n) problems.push(`${name}: gross ${row.grossMinor}, fee ${row.feeMinor}`);
    if (!/^[A-Z]{3}$/.test(row.currency)) problems.push(`${name}: currency "${row.currency}" is not an ISO code`);
    if (row.payment.provider !== 'STRIPE') problems.push(`${name}: the payment came from ${row.payment.provider}, not Stripe`);
    if (row.exchangeRate === null && (row.currency !== row.payment.currency || row.grossMinor !== row.payment.amountMinor)) {
      problems.push(
        `${name}: settled ${row.grossMinor} ${row.currency} without a rate for ${row.payment.amountMinor} ${row.payment.currency}`,
      );
    }
  }
  return problems;
}
