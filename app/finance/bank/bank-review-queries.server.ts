// What awaits finance staff: bank credits with something still open (no match, or the excess of
// an overpayment), newest first, and the instalment a "reference/number" typed by staff names.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface OpenBankEntry {
  id: string;
  bookingDate: Date;
  currency: string;
  amountMinor: bigint;
  grossMinor: bigint;
  chargeMinor: bigint;
  openMinor: bigint;
  debtorName: string | null;
  remittance: string;
  structuredRef: string | null;
  iban: string;
}

/**
 * Entries with an open amount, newest booking first, at most `limit`; and how many there are in all.
 * bank_open_entries (kept by triggers as credits and matches arrive) holds just those entries.
 */
export async function listOpenBankEntries({ db = getPrisma(), limit = 50 }: { db?: DbClient; limit?: number } = {}) {
  const rows = await db.$queryRaw<(OpenBankEntry & { total: bigint })[]>`
    SELECT e.id::text, e."bookingDate", e.currency, e."amountMinor", e."grossMinor", e."chargeMinor",
           o."openMinor", e."debtorName", e.remittance, e."structuredRef", a.iban,
           COUNT(*) OVER () AS total
    FROM bank_open_entries o
    JOIN bank_entries e ON e.id = o."entryId"
    JOIN bank_accounts a ON a.id = e."accountId"
    ORDER BY e."bookingDate" DESC, e."createdAt" DESC, e.id
    LIMIT ${limit}`;
  return {
    total: Number(rows[0]?.total ?? 0n),
    entries: rows.map(({ total: _total, ...row }) => ({ ...row, currency: row.currency.trim() })),
  };
}

/** The instalment staff name as "CPJ-XXXX-XXXX/2" (the pledge reference and instalment number; /1 when omitted). */
export async function findInstalmentByReference({ db = getPrisma(), text }: { db?: DbClient; text: string }): Promise<string | null> {
  const match = /^\s*(CPJ-[0-9A-Z]{4}-[0-9A-Z]{4})\s*(?:\/\s*(\d{1,4}))?\s*$/i.exec(text);
  if (!match?.[1]) return null;
  const instalment = await db.pledgeInstalment.findFirst({
    where: { pledge: { reference: match[1].toUpperCase() }, sequence: Number(match[2] ?? 1) },
    select: { id: true },
  });
  return instalment?.id ?? null;
}

/** The registered bank accounts, for the import form. */
export function listBankAccounts({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.bankAccount.findMany({ orderBy: { name: 'asc' }, select: { iban: true, name: true, currency: true, csvMapping: true } });
}

/** The currency of a bank entry (amounts typed by staff are read in it), or null when unknown. */
export async function findBankEntryCurrency({ db = getPrisma(), entryId }: { db?: DbClient; entryId: string }): Promise<string | null> {
  const entry = await db.bankEntry.findUnique({ where: { id: entryId }, select: { currency: true } });
  return entry ? entry.currency.trim() : null;
}

export interface RecentBankMatch {
  id: string;
  createdAt: Date;
  bookingDate: Date;
  debtorName: string | null;
  currency: string;
  amountMinor: bigint;
  reference: string;
  sequence: number;
  donorName: string;
  isAutomatic: boolean;
  isUndone: boolean;
}

/** The latest payment matches, newest first (where a wrong one is found and undone). */
export async function listRecentBankMatches({ db = getPrisma(), limit = 20 }: { db?: DbClient; limit?: number } = {}) {
  const rows = await db.$queryRaw<RecentBankMatch[]>`
    SELECT m.id::text, m."createdAt", e."bookingDate", e."debtorName", e.currency, m."amountMinor",
           pl.reference, i.sequence, d."displayName" AS "donorName", m."isAutomatic",
           EXISTS (SELECT 1 FROM bank_matches u WHERE u."undoesMatchId" = m.id) AS "isUndone"
    FROM bank_matches m
    JOIN bank_entries e ON e.id = m."entryId"
    JOIN pledge_instalments i ON i.id = m."instalmentId"
    JOIN pledges pl ON pl.id = i."pledgeId"
    JOIN donors d ON d.id = pl."donorId"
    WHERE m.kind = 'PAYMENT'
    -- both descending: the (createdAt, id) index read backwards (an import's matches share a createdAt)
    ORDER BY m."createdAt" DESC, m.id DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, currency: row.currency.trim() }));
}
