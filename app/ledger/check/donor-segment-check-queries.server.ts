// The ledger check's part for donor_funded_scopes and donor_giving_modes (docs/decisions/051): the
// rows the insert triggers keep, against the same rules stated again here over every donor (not the
// migration's views, so a slip in one shows against the other). A row missing on either side, or
// different, is one line.
import type { DbClient } from '~/platform/db.server.ts';

export async function checkDonorFundedScopes({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.$queryRaw<{ donorId: string; scopeId: string; isStored: boolean }[]>`
    WITH net AS (
      SELECT p."donorId", p."earmarkType", p."programmeId", p."projectId", p."usdMinor" - COALESCE(r.usd, 0) AS net
        FROM payments p
        LEFT JOIN (SELECT "paymentId", sum("usdMinor") AS usd FROM reversals GROUP BY "paymentId") r ON r."paymentId" = p.id),
    facts AS (
      SELECT "donorId", "programmeId" AS "scopeId" FROM net WHERE "earmarkType" = 'PROGRAMME' AND "programmeId" IS NOT NULL AND net > 0
      UNION
      SELECT "donorId", "projectId" FROM net WHERE "earmarkType" = 'PROJECT' AND "projectId" IS NOT NULL AND net > 0
      UNION
      SELECT p."donorId", a."projectId" FROM allocations a JOIN payments p ON p.id = a."paymentId"
       GROUP BY 1, 2 HAVING sum(a."usdMinor") > 0)
    SELECT COALESCE(s."donorId", f."donorId")::text AS "donorId", COALESCE(s."scopeId", f."scopeId")::text AS "scopeId",
           s."donorId" IS NOT NULL AS "isStored"
      FROM donor_funded_scopes s FULL JOIN facts f ON f."donorId" = s."donorId" AND f."scopeId" = s."scopeId"
     WHERE s."donorId" IS NULL OR f."donorId" IS NULL
     LIMIT 50`;
  return rows.map(
    (row) =>
      `donor funded scope ${row.donorId} ${row.scopeId}: ${row.isStored ? 'stored, facts give nothing' : 'facts give it, not stored'}`,
  );
}

export async function checkDonorGivingModes({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.$queryRaw<{ donorId: string; stored: string | null; facts: string | null }[]>`
    WITH latest AS (
      SELECT DISTINCT ON ("pledgeId") "pledgeId", kind FROM pledge_events ORDER BY "pledgeId", "createdAt" DESC, id DESC),
    paid AS (
      SELECT DISTINCT p."pledgeId" FROM payments p
        LEFT JOIN (SELECT "paymentId", sum("usdMinor") AS usd FROM reversals GROUP BY "paymentId") r ON r."paymentId" = p.id
       WHERE p."pledgeId" IS NOT NULL AND p."usdMinor" - COALESCE(r.usd, 0) > 0),
    stopped AS (
      SELECT "pledgeId" FROM monthly_gift_changes WHERE kind = 'CANCELLED'
      UNION SELECT "pledgeId" FROM checkout_sessions WHERE "subscriptionStatus" IN ('canceled', 'incomplete_expired')),
    running AS (
      SELECT pl."donorId", pl.frequency FROM pledges pl LEFT JOIN latest l ON l."pledgeId" = pl.id
       WHERE (l.kind IS NULL OR l.kind NOT IN ('CANCELLED', 'WRITTEN_OFF'))
         AND (pl.frequency = 'INSTALMENTS'
              OR (pl.frequency = 'MONTHLY' AND pl.id IN (SELECT "pledgeId" FROM paid) AND pl.id NOT IN (SELECT "pledgeId" FROM stopped)))),
    facts AS (
      SELECT "donorId", count(*) FILTER (WHERE frequency = 'MONTHLY') AS monthly, count(*) FILTER (WHERE frequency = 'INSTALMENTS') AS instalments
        FROM running GROUP BY "donorId")
    SELECT COALESCE(s."donorId", f."donorId")::text AS "donorId",
           CASE WHEN s."donorId" IS NULL THEN NULL ELSE s."runningMonthly" || ' ' || s."runningInstalments" END AS stored,
           CASE WHEN f."donorId" IS NULL THEN NULL ELSE f.monthly || ' ' || f.instalments END AS facts
      FROM donor_giving_modes s FULL JOIN facts f ON f."donorId" = s."donorId"
     WHERE s."donorId" IS NULL OR f."donorId" IS NULL
        OR (s."runningMonthly", s."runningInstalments") IS DISTINCT FROM (f.monthly::int, f.instalments::int)
     LIMIT 50`;
  return rows.map(
    (row) =>
      `donor giving modes ${row.donorId}: stored ${row.stored ?? 'nothing'}, facts give ${row.facts ?? 'nothing'} (running monthly, instalments)`,
  );
}
