// Programme officers' writes to the suggested amounts of /give (issue #16 item 2; decision 057):
// one currency's list of a programme is replaced as a whole, in one transaction with its audit
// entry (the list before and after). Not a money fact: what /give offers, not what was given.
import type { DbClient } from '~/platform/db.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { inEditTransaction } from './programme-commands.server.ts';
import type { SuggestedAmountsInput } from './suggested-amount-schema.ts';

const listFields = { position: true, amountMinor: true, isPreselected: true, text: true } as const;

function readList(db: DbClient, programmeId: string, currency: string) {
  return db.suggestedAmount.findMany({ where: { programmeId, currency }, orderBy: { position: 'asc' }, select: listFields });
}

/**
 * Replaces the suggested amounts of one programme in one currency (an empty list removes them,
 * and /give falls back to its own amounts). Returns the list as stored.
 */
export async function saveSuggestedAmounts({
  actorId,
  programmeId,
  input,
}: {
  actorId: string;
  programmeId: string;
  input: SuggestedAmountsInput;
}) {
  return inEditTransaction(async (tx) => {
    const before = await readList(tx, programmeId, input.currency);
    await tx.suggestedAmount.deleteMany({ where: { programmeId, currency: input.currency } });
    await tx.suggestedAmount.createMany({
      data: input.amounts.map((amount, position) => ({
        programmeId,
        currency: input.currency,
        position,
        amountMinor: amount.amountMinor,
        isPreselected: amount.isPreselected,
        text: amount.text,
      })),
    });
    const after = await readList(tx, programmeId, input.currency);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'programme.suggested-amounts.update',
      entityType: 'Programme',
      entityId: programmeId,
      before: { currency: input.currency, amounts: before },
      after: { currency: input.currency, amounts: after },
    });
    return after;
  });
}
