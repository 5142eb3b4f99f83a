// The ledger check's part for askable_donors (docs/decisions/055): the rows the triggers keep,
// against the rules stated again here over every donor (not the migration's view, so a slip in one
// shows against the other): not erased, an address that is not suppressed, a confirmed profile, and
// a grant as the latest word on APPEALS. A donor missing on either side, or copied wrong, is one line.
import type { DbClient } from '~/platform/db.server.ts';

export async function checkAskableDonors({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.$queryRaw<{ donorId: string; stored: string | null; facts: string | null }[]>`
    WITH latest AS (
      SELECT DISTINCT ON ("donorId") "donorId", "isGranted" FROM donor_consents
       WHERE kind = 'APPEALS' ORDER BY "donorId", "recordedAt" DESC, id DESC),
    facts AS (
      SELECT d.id AS "donorId", d.type::text || ' ' || d.locale || ' ' || COALESCE(d."countryCode", '-') AS copied
        FROM donors d JOIN latest l ON l."donorId" = d.id AND l."isGranted"
        LEFT JOIN email_suppressions s ON s.address = d.email
       WHERE d."erasedAt" IS NULL AND d.email IS NOT NULL AND NOT d."isProfilePending" AND s.address IS NULL)
    SELECT COALESCE(a."donorId", f."donorId")::text AS "donorId",
           CASE WHEN a."donorId" IS NULL THEN NULL ELSE a.type::text || ' ' || a.locale || ' ' || COALESCE(a."countryCode", '-') END AS stored,
           f.copied AS facts
      FROM askable_donors a FULL JOIN facts f ON f."donorId" = a."donorId"
     WHERE a."donorId" IS NULL OR f."donorId" IS NULL
        OR a.type::text || ' ' || a.locale || ' ' || COALESCE(a."countryCode", '-') <> f.copied
     LIMIT 50`;
  return rows.map((row) => `askable donor ${row.donorId}: stored ${row.stored ?? 'nothing'}, rules give ${row.facts ?? 'nothing'}`);
}
