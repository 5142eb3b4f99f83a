// The append-only consent log read one way everywhere: the latest row per donor and kind wins.
// Withdrawing (app/ledger) and sending marketing mail (the outbox, at send time) both ask it.
import { Prisma, type ConsentKind } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** The donor's latest word on `kind`: true granted, false withdrawn, null never asked. */
export async function latestConsentWord({ db = getPrisma(), donorId, kind }: { db?: DbClient; donorId: string; kind: ConsentKind }) {
  const latest = await db.donorConsent.findFirst({
    where: { donorId, kind },
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    select: { isGranted: true },
  });
  return latest?.isGranted ?? null;
}

/**
 * SQL: the latest word (true, false, or NULL when never asked) of the donor in column
 * `donorColumn` (e.g. `d.id`) on `kind` — latestConsentWord's rule, for queries that read a whole
 * page of donors at once.
 */
export function latestConsentSql(donorColumn: string, kind: ConsentKind): Prisma.Sql {
  return Prisma.sql`(SELECT c."isGranted" FROM donor_consents c WHERE c."donorId" = ${Prisma.raw(donorColumn)} AND c.kind = ${kind}::"ConsentKind"
    ORDER BY c."recordedAt" DESC, c.id DESC LIMIT 1)`;
}

/**
 * SQL: the donor in `donorColumn` holds `kind` now (a page of notices queues only donors who
 * would not be skipped at send time anyway).
 */
export function holdsConsentSql(donorColumn: string, kind: ConsentKind): Prisma.Sql {
  return Prisma.sql`${latestConsentSql(donorColumn, kind)} IS TRUE`;
}

/**
 * SQL: the donor in `donorColumn` holds `kind` now — holdsConsentSql's rule (a grant with no later
 * word), written as a semi-join: a query over a whole table of donors (an appeal segment's count)
 * then hashes the consent log once instead of looking up each donor's latest row (decision 046).
 */
export function holdsConsentJoinSql(donorColumn: string, kind: ConsentKind): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM donor_consents c WHERE c."donorId" = ${Prisma.raw(donorColumn)} AND c.kind = ${kind}::"ConsentKind" AND c."isGranted"
    AND NOT EXISTS (SELECT 1 FROM donor_consents l WHERE l."donorId" = c."donorId" AND l.kind = c.kind
                     AND (l."recordedAt", l.id) > (c."recordedAt", c.id)))`;
}

/**
 * The latest word of many donors at once (the outbox checks a whole batch before sending it):
 * a map from `${donorId}:${kind}` to true (granted) or false (withdrawn); never asked = absent.
 * Same ordering as latestConsentWord.
 */
export async function latestConsentWords({ db = getPrisma(), donorIds }: { db?: DbClient; donorIds: string[] }) {
  const words = new Map<string, boolean>();
  if (donorIds.length === 0) return words;
  const rows = await db.$queryRaw<{ donorId: string; kind: ConsentKind; isGranted: boolean }[]>`
    SELECT DISTINCT ON ("donorId", kind) "donorId"::text AS "donorId", kind, "isGranted"
      FROM donor_consents
     WHERE "donorId" = ANY(${donorIds}::uuid[])
     ORDER BY "donorId", kind, "recordedAt" DESC, id DESC`;
  for (const row of rows) words.set(`${row.donorId}:${row.kind}`, row.isGranted);
  return words;
}
