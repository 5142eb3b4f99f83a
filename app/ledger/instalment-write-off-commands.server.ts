// Finance staff write off what one instalment still owes (issue #12 item 6, docs/decisions/030):
// one append-only instalment_write_offs row holding that amount, written under the pledge's lock
// in one transaction with the summaries it changes (so public pledged-unpaid figures move at once)
// and its audit entry. The same form submitted twice (same request key) writes off once.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { formatMoney } from '~/platform/money.ts';
import { isPromise, latestPledgeEvent, lockPledge, pledgeTouch } from './pledge-commands.server.ts';
import { refreshAfterMoneyChange } from './payment-commands.server.ts';

/** Why a write-off was refused; stable codes the staff pages translate. */
export type WriteOffProblem = 'NOT_FOUND' | 'NOT_A_PROMISE' | 'PLEDGE_CLOSED' | 'FULLY_PAID' | 'ALREADY_WRITTEN_OFF';

/** A refused write-off: nothing was written. */
export class InstalmentWriteOffError extends Error {
  constructor(
    readonly problem: WriteOffProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InstalmentWriteOffError';
  }
}

/** What one instalment still owes in its pledge's currency: amount − net payments that settled it − write-off, never below 0. */
export async function instalmentOwedMinor({ db, instalmentId }: { db: DbClient; instalmentId: string }) {
  const [row] = await db.$queryRaw<{ amount: bigint; settled: bigint; writtenOff: bigint }[]>`
    SELECT i."amountMinor" AS amount,
           COALESCE((SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))
                     FROM payments p WHERE p."instalmentId" = i.id), 0)::bigint AS settled,
           COALESCE((SELECT w."amountMinor" FROM instalment_write_offs w WHERE w."instalmentId" = i.id), 0)::bigint AS "writtenOff"
    FROM pledge_instalments i WHERE i.id = ${instalmentId}::uuid`;
  if (!row) return null;
  const owed = row.amount - row.settled - row.writtenOff;
  return { ...row, owed: owed > 0n ? owed : 0n };
}

/**
 * Writes off everything instalment `instalmentId` still owes, with a reason (decision 030).
 * Refuses, writing nothing: an unknown instalment, one of a pledge that is no promise (card and
 * monthly gifts owe nothing ahead) or is cancelled or written off as a whole, one fully paid, one
 * already written off. A second submission with the same `requestKey` returns the first write-off.
 */
export async function writeOffInstalment({
  db = getPrisma(),
  instalmentId,
  reason,
  staffUserId,
  requestKey,
}: {
  db?: ReturnType<typeof getPrisma>;
  instalmentId: string;
  reason: string;
  staffUserId: string;
  /** One per form shown. */
  requestKey: string;
}) {
  const outcome = await db.$transaction(async (tx) => {
    const found = await tx.pledgeInstalment.findUnique({ where: { id: instalmentId }, select: { pledgeId: true } });
    if (!found) throw new InstalmentWriteOffError('NOT_FOUND', 'No such instalment.');
    // The pledge's lock serialises this with payments, refunds and matching of the same pledge.
    await lockPledge({ db: tx, pledgeId: found.pledgeId });
    const instalment = await tx.pledgeInstalment.findUniqueOrThrow({
      where: { id: instalmentId },
      include: { pledge: true, writeOff: true },
    });
    const { pledge } = instalment;
    if (instalment.writeOff) {
      if (instalment.writeOff.requestKey === requestKey) return { writeOff: instalment.writeOff, changed: false };
      throw new InstalmentWriteOffError(
        'ALREADY_WRITTEN_OFF',
        `Instalment ${instalment.sequence} of ${pledge.reference} is already written off.`,
      );
    }
    if (!isPromise(pledge)) throw new InstalmentWriteOffError('NOT_A_PROMISE', `Pledge ${pledge.reference} promises no instalments.`);
    const latest = await latestPledgeEvent({ db: tx, pledgeId: pledge.id });
    if (latest?.kind === 'CANCELLED' || latest?.kind === 'WRITTEN_OFF')
      throw new InstalmentWriteOffError('PLEDGE_CLOSED', `Pledge ${pledge.reference} is ${latest.kind.toLowerCase().replace('_', ' ')}.`);
    const figures = await instalmentOwedMinor({ db: tx, instalmentId });
    const owed = figures?.owed ?? 0n;
    if (owed <= 0n)
      throw new InstalmentWriteOffError('FULLY_PAID', `Instalment ${instalment.sequence} of ${pledge.reference} owes nothing.`);
    const writeOff = await tx.instalmentWriteOff.create({
      data: { instalmentId, amountMinor: owed, reason, requestKey, createdById: staffUserId },
    });
    await refreshAfterMoneyChange({ db: tx, touch: pledgeTouch(pledge) });
    const owedWords = formatMoney(owed, pledge.currency, 'en');
    await recordAudit({
      db: tx,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'instalment.write_off',
      entityType: 'PledgeInstalment',
      entityId: instalment.id,
      before: {
        summary: `Instalment ${instalment.sequence} of ${pledge.reference} owed ${owedWords}.`,
        owedMinor: owed,
        currency: pledge.currency,
      },
      after: {
        summary: `${owedWords} written off: ${reason}`,
        owedMinor: 0n,
        writtenOffMinor: owed,
        currency: pledge.currency,
        reason,
        pledgeReference: pledge.reference,
      },
    });
    return { writeOff, changed: true };
  });
  if (outcome.changed) invalidatePublicData();
  return outcome;
}
