// Regular-budget (assessed) money recorded by programme officers per programme and year. Entries
// are money facts, append-only: a correction is a new entry with a negative amount that names
// the entry it corrects, and it may take back only what is still unallocated in that
// programme-year (money already allocated to projects has to be reversed there first).
// Both writers refresh the summaries of the programme in their own transaction (decision 009).
import type { DbClient } from '~/platform/db.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { refreshFundingSummaries } from './summaries/summary-commands.server.ts';

/** Why a regular-budget write was refused; `code` is the form error a page shows. */
export class RegularBudgetError extends Error {
  constructor(readonly code: 'entry-not-found' | 'exceeds-unallocated') {
    super(code);
    this.name = 'RegularBudgetError';
  }
}

const entryFields = { id: true, programmeId: true, year: true, usdMinor: true, note: true, recordedById: true, createdAt: true } as const;

/** Records regular-budget money for a programme and year (positive USD minor units). */
export async function insertRegularBudgetEntry(args: {
  db: DbClient;
  programmeId: string;
  year: number;
  usdMinor: bigint;
  note: string;
  recordedById: string;
}) {
  if (args.usdMinor <= 0n) throw new RangeError('a regular-budget entry is positive; corrections use correctRegularBudgetEntry');
  const entry = await args.db.regularBudgetEntry.create({
    data: { programmeId: args.programmeId, year: args.year, usdMinor: args.usdMinor, note: args.note, recordedById: args.recordedById },
    select: entryFields,
  });
  await refreshFundingSummaries({ db: args.db, programmeIds: [args.programmeId] });
  await recordAudit({
    db: args.db,
    actorId: args.recordedById,
    actorKind: 'staff',
    action: 'regular-budget.record',
    entityType: 'RegularBudgetEntry',
    entityId: entry.id,
    before: null,
    after: entry,
  });
  return entry;
}

/** Regular budget of a programme-year not yet allocated to projects (all its entries, corrections included). */
async function unallocatedOf(db: DbClient, programmeId: string, year: number): Promise<bigint> {
  const [row] = await db.$queryRaw<{ usd: bigint }[]>`
    SELECT (COALESCE((SELECT SUM(e."usdMinor") FROM regular_budget_entries e WHERE e."programmeId" = ${programmeId}::uuid AND e.year = ${year}), 0)
          - COALESCE((SELECT SUM(a."usdMinor") FROM allocations a JOIN regular_budget_entries e ON e.id = a."regularBudgetEntryId"
                      WHERE e."programmeId" = ${programmeId}::uuid AND e.year = ${year}), 0))::bigint AS usd`;
  return row?.usd ?? 0n;
}

/**
 * Takes back `usdMinor` of an entry with a new, negative entry in the same programme and year.
 * Refused when the entry does not exist or the programme-year has less unallocated.
 */
export async function correctRegularBudgetEntry(args: {
  db: DbClient;
  entryId: string;
  usdMinor: bigint;
  reason: string;
  recordedById: string;
}) {
  if (args.usdMinor <= 0n) throw new RangeError('the amount taken back is positive');
  const original = await args.db.regularBudgetEntry.findUnique({ where: { id: args.entryId }, select: entryFields });
  if (!original || original.usdMinor < 0n) throw new RegularBudgetError('entry-not-found');
  // Serialises corrections of one programme so two cannot both pass the check below.
  await args.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('regular-budget:' || ${original.programmeId}))`;
  if (args.usdMinor > original.usdMinor || args.usdMinor > (await unallocatedOf(args.db, original.programmeId, original.year))) {
    throw new RegularBudgetError('exceeds-unallocated');
  }
  const correction = await args.db.regularBudgetEntry.create({
    data: {
      programmeId: original.programmeId,
      year: original.year,
      usdMinor: -args.usdMinor,
      note: `Correction of ${original.id}: ${args.reason}`,
      recordedById: args.recordedById,
    },
    select: entryFields,
  });
  await refreshFundingSummaries({ db: args.db, programmeIds: [original.programmeId] });
  await recordAudit({
    db: args.db,
    actorId: args.recordedById,
    actorKind: 'staff',
    action: 'regular-budget.correct',
    entityType: 'RegularBudgetEntry',
    entityId: correction.id,
    before: original,
    after: correction,
  });
  return correction;
}
