// Settling bank credits against instalments (decision 026). A match records a bank-transfer
// payment through the ledger's one payment writer (recordPayment) in the same transaction as the
// match row, so the money fact, the figures and the reconciliation commit together. What a
// credit does not settle (an overpayment, an unknown remitter) stays open on the entry for staff.
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { deferredRefresh, netOfPayment, recordPayments, recordReversal, type SummaryRefresh } from '~/ledger/payment-commands.server.ts';
import { lockPledge } from '~/ledger/pledge-commands.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { listInstalmentsOwed, type InstalmentOwed } from './open-instalment-queries.server.ts';

/** A bank entry as matching needs it. */
export interface EntryToSettle {
  id: string;
  identity: string;
  currency: string;
  grossMinor: bigint;
  bookingDate: Date;
}

export interface SettlePart {
  instalment: InstalmentOwed;
  amountMinor: bigint;
}

/** Why staff's match was refused; `code` names the message in the `bank` namespace. */
export class BankMatchError extends Error {
  constructor(
    readonly code:
      | 'entryNotFound'
      | 'nothingOpen'
      | 'moreThanOpen'
      | 'instalmentNotFound'
      | 'currencyDiffers'
      | 'pledgeNotLive'
      | 'moreThanOwed'
      | 'amountNotPositive'
      | 'matchNotFound'
      | 'alreadyUndone'
      | 'paymentReversed',
    message: string,
  ) {
    super(message);
    this.name = 'BankMatchError';
  }
}

/** Parts of one entry to settle; `matchesSoFar` counts the entry's earlier matches. */
export interface Settlement {
  entry: EntryToSettle;
  parts: SettlePart[];
  matchesSoFar: number;
}

/**
 * Records one payment and one match per part, for many entries at once (through the ledger's
 * batch payment writer). Each payment's provider id is the entry's identity with the part's
 * number among the entry's matches, so it is recorded once whatever happens.
 */
export async function settleEntries({
  db,
  settlements,
  isAutomatic,
  staffId = null,
  refresh,
}: {
  db: DbClient;
  settlements: Settlement[];
  isAutomatic: boolean;
  staffId?: string | null;
  refresh: SummaryRefresh;
}): Promise<void> {
  const lines = settlements.flatMap(({ entry, parts, matchesSoFar }) =>
    parts.map((part, index) => ({ entry, part, providerPaymentId: `bank:${entry.identity}:${matchesSoFar + index + 1}` })),
  );
  const payments = await recordPayments({
    db,
    refresh,
    payments: lines.map(({ entry, part, providerPaymentId }) => ({
      pledge: part.instalment.pledge,
      instalmentId: part.instalment.instalmentId,
      provider: 'BANK' as const,
      providerPaymentId,
      currency: entry.currency,
      amountMinor: part.amountMinor,
      receivedAt: entry.bookingDate,
    })),
  });
  // One INSERT from one JSON parameter: createMany costs a millisecond a row through the adapter.
  const rows = lines.map(({ entry, part }, index) => ({
    entryId: entry.id,
    amountMinor: part.amountMinor.toString(),
    paymentId: payments[index]?.payment.id ?? null,
    instalmentId: part.instalment.instalmentId,
  }));
  await db.$executeRaw`
    INSERT INTO bank_matches ("entryId", kind, "amountMinor", "paymentId", "instalmentId", "isAutomatic", "createdById")
    SELECT t."entryId", 'PAYMENT', t."amountMinor", t."paymentId", t."instalmentId", ${isAutomatic}, ${staffId}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS t("entryId" uuid, "amountMinor" bigint, "paymentId" uuid, "instalmentId" uuid)`;
}

/**
 * Spreads `amountMinor` over a pledge's open instalments in due order; what is left (an
 * overpayment) is returned as the remainder. `owed` is updated so later credits see less owed.
 */
export function spreadOverInstalments(amountMinor: bigint, owed: InstalmentOwed[]): { parts: SettlePart[]; remainderMinor: bigint } {
  const parts: SettlePart[] = [];
  let left = amountMinor;
  for (const instalment of owed) {
    if (left <= 0n) break;
    if (instalment.openMinor <= 0n) continue;
    const take = left < instalment.openMinor ? left : instalment.openMinor;
    parts.push({ instalment, amountMinor: take });
    instalment.openMinor -= take;
    left -= take;
  }
  return { parts, remainderMinor: left };
}

interface LockedEntry extends EntryToSettle {
  matchedMinor: bigint;
  matches: number;
}

/** Locks the entry against a concurrent match and reads how much of it is still open. */
async function lockEntry(db: DbClient, entryId: string): Promise<LockedEntry & { openMinor: bigint }> {
  const [entry] = await db.$queryRaw<(EntryToSettle & { currency: string })[]>`
    SELECT id::text, identity, currency, "grossMinor", "bookingDate" FROM bank_entries WHERE id = ${entryId}::uuid FOR UPDATE`;
  if (!entry) throw new BankMatchError('entryNotFound', `bank entry ${entryId} not found`);
  const matches = await db.bankMatch.findMany({ where: { entryId }, select: { amountMinor: true } });
  const matchedMinor = matches.reduce((sum, match) => sum + match.amountMinor, 0n);
  return { ...entry, currency: entry.currency.trim(), matchedMinor, matches: matches.length, openMinor: entry.grossMinor - matchedMinor };
}

/**
 * Staff match an entry's open amount to one instalment or split it over several. Each part must
 * be positive, in the pledge's currency and within what the instalment still owes; together the
 * parts may not exceed what is open on the entry (the rest stays open). Audited.
 */
export async function matchBankEntry({
  db = getPrisma(),
  entryId,
  parts,
  staffId,
}: {
  db?: PrismaClient;
  entryId: string;
  parts: { instalmentId: string; amountMinor: bigint }[];
  staffId: string;
}): Promise<{ openMinor: bigint }> {
  return db.$transaction(async (tx) => {
    const entry = await lockEntry(tx, entryId);
    if (entry.openMinor <= 0n) throw new BankMatchError('nothingOpen', 'nothing of this entry is left to match');
    const owed = await listInstalmentsOwed({ db: tx, instalmentIds: parts.map((part) => part.instalmentId) });
    const total = parts.reduce((sum, part) => sum + part.amountMinor, 0n);
    if (total > entry.openMinor) throw new BankMatchError('moreThanOpen', `the parts (${total}) exceed what is open (${entry.openMinor})`);
    const settled: SettlePart[] = [];
    for (const part of parts) {
      const instalment = owed.find((row) => row.instalmentId === part.instalmentId);
      if (!instalment) throw new BankMatchError('instalmentNotFound', `instalment ${part.instalmentId} not found`);
      if (part.amountMinor <= 0n) throw new BankMatchError('amountNotPositive', 'each part must be more than zero');
      if (instalment.pledge.currency !== entry.currency)
        throw new BankMatchError('currencyDiffers', `the pledge is in ${instalment.pledge.currency}, the credit in ${entry.currency}`);
      if (!instalment.pledge.isLive)
        throw new BankMatchError('pledgeNotLive', `pledge ${instalment.pledge.reference} is cancelled or written off`);
      if (part.amountMinor > instalment.openMinor)
        throw new BankMatchError(
          'moreThanOwed',
          `instalment ${instalment.sequence} of ${instalment.pledge.reference} owes ${instalment.openMinor}`,
        );
      instalment.openMinor -= part.amountMinor;
      settled.push({ instalment, amountMinor: part.amountMinor });
    }
    const summaries = deferredRefresh();
    await settleEntries({
      db: tx,
      settlements: [{ entry, parts: settled, matchesSoFar: entry.matches }],
      isAutomatic: false,
      staffId,
      refresh: summaries.refresh,
    });
    await summaries.flush(tx);
    const openMinor = entry.openMinor - total;
    await recordAudit({
      db: tx,
      actorId: staffId,
      actorKind: 'staff',
      action: parts.length > 1 ? 'bank.entry.split' : 'bank.entry.matched',
      entityType: 'bank_entry',
      entityId: entry.id,
      before: { openMinor: entry.openMinor, currency: entry.currency },
      after: {
        openMinor,
        parts: settled.map((part) => ({
          pledge: part.instalment.pledge.reference,
          instalment: part.instalment.sequence,
          amountMinor: part.amountMinor,
        })),
      },
    });
    return { openMinor };
  });
}

/** Staff set aside what is open on an entry as not a contribution (a bank's own credit, interest). Audited. */
export async function markBankEntryNotContribution(args: { db?: PrismaClient; entryId: string; reason: string; staffId: string }) {
  await closeOpenAmount({ ...args, kind: 'NOT_CONTRIBUTION', action: 'bank.entry.not_contribution' });
}

/**
 * Staff record that what is open on an entry (an overpayment's excess, a credit meant for someone
 * else) was sent back to the remitter: when and under which bank reference. Audited.
 */
export async function markBankEntryReturned({
  returnedOn,
  bankReference,
  ...args
}: {
  db?: PrismaClient;
  entryId: string;
  returnedOn: Date;
  bankReference: string;
  staffId: string;
}) {
  const reason = `returned ${returnedOn.toISOString().slice(0, 10)}, bank reference ${bankReference}`;
  await closeOpenAmount({ ...args, reason, kind: 'RETURNED', action: 'bank.entry.returned' });
}

/** Settles all that is open on an entry as `kind` (not a payment), with the reason, audited. */
async function closeOpenAmount({
  db = getPrisma(),
  entryId,
  reason,
  staffId,
  kind,
  action,
}: {
  db?: PrismaClient;
  entryId: string;
  reason: string;
  staffId: string;
  kind: 'NOT_CONTRIBUTION' | 'RETURNED';
  action: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const entry = await lockEntry(tx, entryId);
    if (entry.openMinor <= 0n) throw new BankMatchError('nothingOpen', 'nothing of this entry is left to match');
    await tx.bankMatch.create({
      data: { entryId: entry.id, kind, amountMinor: entry.openMinor, isAutomatic: false, reason, createdById: staffId },
    });
    await recordAudit({
      db: tx,
      actorId: staffId,
      actorKind: 'staff',
      action,
      entityType: 'bank_entry',
      entityId: entry.id,
      before: { openMinor: entry.openMinor, currency: entry.currency },
      after: { openMinor: 0n, kind, reason },
    });
  });
}

/**
 * Staff undo a wrong PAYMENT match (the credit was someone else's): the payment it recorded is
 * reversed in full as a CORRECTION (the ledger takes its allocations back, decision 025), and an
 * UNMATCHED match with the negative amount reopens that much on the credit for a new match.
 * Nothing is edited; a match is undone once (unique undoesMatchId). A payment already refunded in
 * part is refused: its refund has to be untangled first. Audited.
 */
export async function undoBankMatch({
  db = getPrisma(),
  matchId,
  reason,
  staffId,
}: {
  db?: PrismaClient;
  matchId: string;
  reason: string;
  staffId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const match = await tx.bankMatch.findUnique({ where: { id: matchId } });
    const payment = match?.kind === 'PAYMENT' && match.paymentId ? await tx.payment.findUnique({ where: { id: match.paymentId } }) : null;
    if (!match || !payment) throw new BankMatchError('matchNotFound', `bank match ${matchId} not found`);
    await lockEntry(tx, match.entryId);
    if (payment.pledgeId) await lockPledge({ db: tx, pledgeId: payment.pledgeId });
    if ((await tx.bankMatch.count({ where: { undoesMatchId: match.id } })) > 0)
      throw new BankMatchError('alreadyUndone', `bank match ${matchId} was already undone`);
    if ((await netOfPayment({ db: tx, paymentId: payment.id })).reversedMinor !== 0n)
      throw new BankMatchError('paymentReversed', `payment ${payment.id} has reversals`);
    await recordReversal({
      db: tx,
      payment,
      kind: 'CORRECTION',
      providerReversalId: `bank-undo:${match.id}`,
      amountMinor: payment.amountMinor,
      usdMinor: payment.usdMinor,
      reason: `bank match undone: ${reason}`,
    });
    await tx.bankMatch.create({
      data: {
        entryId: match.entryId,
        kind: 'UNMATCHED',
        amountMinor: -match.amountMinor,
        undoesMatchId: match.id,
        isAutomatic: false,
        reason,
        createdById: staffId,
      },
    });
    await recordAudit({
      db: tx,
      actorId: staffId,
      actorKind: 'staff',
      action: 'bank.match.undone',
      entityType: 'bank_entry',
      entityId: match.entryId,
      before: { matchId: match.id, paymentId: payment.id, amountMinor: match.amountMinor, currency: payment.currency },
      after: { reopenedMinor: match.amountMinor, reason },
    });
  });
  invalidatePublicData();
}
