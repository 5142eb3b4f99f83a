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

/** An unmatched credit to find instalments for; `key` names it in the answer. */
export interface CreditToPlace {
  key: string;
  currency: string;
  amountMinor: bigint;
  debtorName: string | null;
}

/**
 * A remitter's word that this many donors' names hold says nothing about which of them paid
 * ("foundation", "ministry", "donor"): it is left out of the name score, as a search engine
 * leaves out its stop words. It also keeps the review page from scoring every donor.
 */
export const COMMON_NAME_WORD_DONORS = 200;
const WORDS_PER_CREDIT = 8;
/** Same-amount candidates looked at per credit, earliest due first. */
const SAME_AMOUNT_CANDIDATES = 50;

const wordsOf = (name: string | null) =>
  [
    ...new Set(
      (name ?? '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        // a name's word has a letter: "120" or "2026" in a remitter field is a number, not a name
        .filter((word) => word.length >= 3 && /\p{L}/u.test(word)),
    ),
  ].slice(0, WORDS_PER_CREDIT);

/** Donors whose name or organisation holds each word (trigram indexes), common words left out. */
async function donorsByWord(db: DbClient, words: string[]): Promise<Map<string, string[]>> {
  if (words.length === 0) return new Map();
  // One branch per word with its own pattern, so each is planned with the pattern in hand and
  // uses the trigram indexes (a pattern from a joined list is unknown at planning: a full scan).
  const branches = words.map((word) => {
    const pattern = `%${word.replace(/[%_\\]/g, '\\$&')}%`;
    return Prisma.sql`(SELECT ${word}::text AS word, d.id::text AS "donorId" FROM donors d
      WHERE d."displayName" ILIKE ${pattern} OR d."organisationName" ILIKE ${pattern} LIMIT ${COMMON_NAME_WORD_DONORS + 1})`;
  });
  const rows = await db.$queryRaw<{ word: string; donorId: string }[]>`${Prisma.join(branches, ' UNION ALL ')}`;
  const byWord = new Map<string, string[]>();
  for (const row of rows) byWord.set(row.word, [...(byWord.get(row.word) ?? []), row.donorId]);
  for (const [word, donorIds] of byWord) if (donorIds.length > COMMON_NAME_WORD_DONORS) byWord.delete(word);
  return byWord;
}

/**
 * For each credit, open instalments of live promises that might be what it pays: same currency,
 * and either the amount owed equals the credit or the donor's name holds the remitter's words
 * (more words first, then same amount, then earliest due). One query for a whole review page:
 * candidates come by index from open_instalments (currency and amount owed) and from the donors
 * the words name, and only those few are ranked.
 */
export async function suggestInstalmentsForCredits({
  db = getPrisma(),
  credits,
  limit = 5,
}: {
  db?: DbClient;
  credits: CreditToPlace[];
  limit?: number;
}): Promise<Map<string, InstalmentOwed[]>> {
  const suggestions = new Map<string, InstalmentOwed[]>(credits.map((credit) => [credit.key, []]));
  if (credits.length === 0) return suggestions;
  const wordsByCredit = credits.map((credit) => wordsOf(credit.debtorName));
  const donorsOf = await donorsByWord(db, [...new Set(wordsByCredit.flat())]);
  // How many of the credit's words each donor's name holds: "Donor Number19" beats "Donor Number15".
  const named: { key: string; donorId: string; score: number }[] = [];
  credits.forEach((credit, index) => {
    const scores = new Map<string, number>();
    for (const word of wordsByCredit[index] ?? [])
      for (const donorId of donorsOf.get(word) ?? []) scores.set(donorId, (scores.get(donorId) ?? 0) + 1);
    for (const [donorId, score] of scores) named.push({ key: credit.key, donorId, score });
  });
  const rows = await db.$queryRaw<(Row & { key: string })[]>`
    -- currency as char(3), the type of the columns it meets: compared as text, the
    -- (currency, openMinor) index could not be used.
    WITH credits AS (
      SELECT * FROM unnest(${credits.map((c) => c.key)}::text[], ${credits.map((c) => c.currency)}::char(3)[],
                           ${credits.map((c) => c.amountMinor)}::bigint[]) AS c(key, currency, amount)
    ), candidates AS (
      SELECT c.key, same."instalmentId", 0 AS score FROM credits c
      CROSS JOIN LATERAL (
        SELECT o."instalmentId" FROM open_instalments o WHERE o.currency = c.currency AND o."openMinor" = c.amount
        ORDER BY o."dueOn" LIMIT ${SAME_AMOUNT_CANDIDATES}
      ) same
      UNION ALL
      SELECT n.key, o."instalmentId", n.score
      FROM unnest(${named.map((n) => n.key)}::text[], ${named.map((n) => n.donorId)}::uuid[], ${named.map((n) => n.score)}::int[])
        AS n(key, "donorId", score)
      JOIN credits c ON c.key = n.key
      JOIN pledges pl ON pl."donorId" = n."donorId" AND pl.currency = c.currency
      JOIN open_instalments o ON o."pledgeId" = pl.id
    ), scored AS (
      SELECT key, "instalmentId", MAX(score) AS "nameScore" FROM candidates GROUP BY key, "instalmentId"
    )
    SELECT ranked.* FROM (
      SELECT s.key, i.id::text AS "instalmentId", i.sequence, i."dueOn", i."amountMinor", o."openMinor",
             pl.id::text AS "pledgeId", pl.reference, pl.currency, pl."donorId"::text AS "donorId", d."displayName" AS "donorName",
             pl.method::text AS method, pl."earmarkType"::text AS "earmarkType",
             pl."programmeId"::text AS "programmeId", pl."projectId"::text AS "projectId",
             -- open_instalments holds live promises only (kept in step by every writer)
             NULL AS "latestEvent",
             ROW_NUMBER() OVER (PARTITION BY s.key
               ORDER BY s."nameScore" DESC, (o."openMinor" = c.amount) DESC, i."dueOn", pl.reference, i.sequence) AS rank
      FROM scored s
      JOIN credits c ON c.key = s.key
      JOIN open_instalments o ON o."instalmentId" = s."instalmentId"
      JOIN pledge_instalments i ON i.id = s."instalmentId"
      JOIN pledges pl ON pl.id = i."pledgeId"
      JOIN donors d ON d.id = pl."donorId"
      WHERE o."openMinor" > 0
    ) ranked
    WHERE ranked.rank <= ${limit}
    ORDER BY ranked.key, ranked.rank`;
  for (const row of rows) suggestions.get(row.key)?.push(toOwed(row));
  return suggestions;
}

/** The suggestions for one credit (see suggestInstalmentsForCredits). */
export async function suggestInstalments({
  db = getPrisma(),
  currency,
  amountMinor,
  debtorName,
  limit = 5,
}: Omit<CreditToPlace, 'key'> & { db?: DbClient; limit?: number }): Promise<InstalmentOwed[]> {
  const suggestions = await suggestInstalmentsForCredits({ db, credits: [{ key: 'credit', currency, amountMinor, debtorName }], limit });
  return suggestions.get('credit') ?? [];
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
