// Changes to a monthly gift (new amount, paused, resumed, cancelled) as facts, one per Stripe
// event that reported them (docs/decisions/043). Written only from the webhook, never from the
// donor's form: the form asks Stripe, Stripe's event says what happened. Monthly gifts are not
// promises in the public figures (isPromiseSql), so no summary changes with them.
import type { MonthlyGiftChangeKind } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/platform/db.server.ts';

export interface MonthlyGiftChangeInput {
  pledgeId: string;
  kind: MonthlyGiftChangeKind;
  /** The monthly amount after the change, in minor units of the pledge's currency */
  amountMinor: bigint;
  stripeEventId: string;
  at: Date;
}

/**
 * Records the change once per Stripe event (a redelivery finds its row and records nothing);
 * returns the row when this call wrote it, else null.
 */
export async function recordMonthlyGiftChange({ db, change }: { db: DbClient; change: MonthlyGiftChangeInput }) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO monthly_gift_changes ("pledgeId", kind, "amountMinor", "stripeEventId", at)
    VALUES (${change.pledgeId}::uuid, ${change.kind}::"MonthlyGiftChangeKind", ${change.amountMinor}, ${change.stripeEventId}, ${change.at})
    ON CONFLICT ("stripeEventId", kind) DO NOTHING
    RETURNING id::text AS id`;
  return rows[0] ? { id: rows[0].id, ...change } : null;
}
