// What is still owed on instalments, in the pledge's currency: the instalment less the payments
// that settled it, net of their reversals. Bank matching settles against these. A written-off
// instalment owes nothing here (decision 030): automatic matching passes it by, a manual match
// to it is refused as more than it owes, and it is never suggested.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface InstalmentOwed {
  instalmentId: string;
  sequence: number;
  dueOn: Date;
  amountMinor: bigint;
  openMinor: bigint;
  pledge: {
    id: string;
    reference: string;
    currency: string;
    donorId: string;
    donorName: string;
    method: 'CARD' | 'BANK_TRANSFER' | 'DIRECT_DEBIT' | 'OTHER';
    earmarkType: 'GENERAL_PURPOSE' | 'PROGRAMME' | 'PROJECT';
    programmeId: string | null;
    projectId: string | null;
    /** Not cancelled or written off (or reinstated since) */
    isLive: boolean;
  };
}

interface Row {
  instalmentId: string;
  sequence: number;
  dueOn: Date;
  amountMinor: bigint;
  openMinor: bigint;
  pledgeId: string;
  reference: string;
  currency: string;
  donorId: string;
  donorName: string;
  method: InstalmentOwed['pledge']['method'];
  earmarkType: InstalmentOwed['pledge']['earmarkType'];
  programmeId: string | null;
  projectId: string | null;
  latestEvent: string | null;
}

/** SQL: what instalment `i` still owes given its `settled.net`; nothing once written off. */
const openSql = Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM instalment_write_offs w WHERE w."instalmentId" = i.id) THEN 0
  ELSE i."amountMinor" - COALESCE(settled.net, 0) END`;

/** Instalments (in due order) of the pledges with these references or these instalment ids. */
export async function listInstalmentsOwed({
  db,
  references = [],
  instalmentIds = [],
}: {
  db: DbClient;
  references?: string[];
  instalmentIds?: string[];
}): Promise<InstalmentOwed[]> {
  if (references.length === 0 && instalmentIds.length === 0) return [];
  const rows = await db.$queryRaw<Row[]>`
    SELECT i.id::text AS "instalmentId", i.sequence, i."dueOn", i."amountMinor",
           ${openSql} AS "openMinor",
           pl.id::text AS "pledgeId", pl.reference, pl.currency, pl."donorId"::text AS "donorId", d."displayName" AS "donorName",
           pl.method::text AS method, pl."earmarkType"::text AS "earmarkType",
           pl."programmeId"::text AS "programmeId", pl."projectId"::text AS "projectId",
           (SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC LIMIT 1) AS "latestEvent"
    FROM pledge_instalments i
    JOIN pledges pl ON pl.id = i."pledgeId"
    JOIN donors d ON d.id = pl."donorId"
    LEFT JOIN LATERAL (
      SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))::bigint AS net
      FROM payments p WHERE p."instalmentId" = i.id
    ) settled ON TRUE
    WHERE pl.reference = ANY(${references}::text[]) OR i.id = ANY(${instalmentIds}::uuid[])
    ORDER BY pl.reference, i.sequence`;
  return rows.map(toOwed);
}

/**
 * Open instalments that might be what an unmatched credit pays: same currency, and either the
 * amount owed equals the credit or the donor's name resembles the remitter's (listed first).
 */
export async function suggestInstalments({
  db = getPrisma(),
  currency,
  amountMinor,
  debtorName,
  limit = 5,
}: {
  db?: DbClient;
  currency: string;
  amountMinor: bigint;
  debtorName: string | null;
  limit?: number;
}): Promise<InstalmentOwed[]> {
  const words = (debtorName ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  // How many of the remitter's words the donor's name holds: "Donor Number19" beats "Donor Number15".
  const patterns = words.map((word) => `%${word.replace(/[%_\\]/g, '\\$&')}%`);
  const nameScore = Prisma.sql`(SELECT COUNT(*) FROM unnest(${patterns}::text[]) AS w(pattern)
    WHERE lower(d."displayName" || ' ' || COALESCE(d."organisationName", '')) LIKE w.pattern)::int`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT * FROM (
      SELECT i.id::text AS "instalmentId", i.sequence, i."dueOn", i."amountMinor",
             ${openSql} AS "openMinor",
             pl.id::text AS "pledgeId", pl.reference, pl.currency, pl."donorId"::text AS "donorId", d."displayName" AS "donorName",
             pl.method::text AS method, pl."earmarkType"::text AS "earmarkType",
             pl."programmeId"::text AS "programmeId", pl."projectId"::text AS "projectId", NULL AS "latestEvent",
             (${openSql} = ${amountMinor}) AS "sameAmount", ${nameScore} AS "nameScore"
      -- Only instalments that still owe something on a live promise (the open_instalments summary,
      -- kept in step by every writer): scanning every instalment made the review page take seconds
      -- at 1M ledger rows (bench:staff-pages).
      FROM open_instalments o
      JOIN pledge_instalments i ON i.id = o."instalmentId"
      JOIN pledges pl ON pl.id = i."pledgeId"
      JOIN donors d ON d.id = pl."donorId"
      LEFT JOIN LATERAL (
        SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))::bigint AS net
        FROM payments p WHERE p."instalmentId" = i.id
      ) settled ON TRUE
      WHERE pl.currency = ${currency}
        AND NOT EXISTS (SELECT 1 FROM pledge_events e WHERE e."pledgeId" = pl.id AND e.kind <> 'REINSTATED'
                        AND NOT EXISTS (SELECT 1 FROM pledge_events later WHERE later."pledgeId" = pl.id AND later."createdAt" > e."createdAt"))
        AND (${openSql} = ${amountMinor} OR ${nameScore} > 0)
    ) candidates
    WHERE "openMinor" > 0
    -- the remitter's name is the stronger tell; both together the strongest
    ORDER BY "nameScore" DESC, "sameAmount" DESC, "dueOn", reference, sequence
    LIMIT ${limit}`;
  return rows.map(toOwed);
}

function toOwed(row: Row): InstalmentOwed {
  return {
    instalmentId: row.instalmentId,
    sequence: row.sequence,
    dueOn: row.dueOn,
    amountMinor: row.amountMinor,
    openMinor: row.openMinor,
    pledge: {
      id: row.pledgeId,
      reference: row.reference,
      currency: row.currency.trim(),
      donorId: row.donorId,
      donorName: row.donorName,
      method: row.method,
      earmarkType: row.earmarkType,
      programmeId: row.programmeId,
      projectId: row.projectId,
      isLive: row.latestEvent === null || row.latestEvent === 'REINSTATED',
    },
  };
}
