// The ledger check's part for donor_gift_summaries (docs/decisions/046): each donor's last gift and
// total, as the insert triggers on payments and reversals keep them, against the same sums made
// again from the facts. A donor missing on either side, or different, is one line.
import type { DbClient } from '~/platform/db.server.ts';

export async function checkDonorGiftSummaries({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.$queryRaw<{ donorId: string; stored: string | null; facts: string | null }[]>`
    WITH facts AS (
      SELECT p."donorId", max(p."receivedAt") AS "lastGiftAt", sum(p."usdMinor" - COALESCE(r.usd, 0))::bigint AS "totalUsdMinor", count(*)::int AS gifts
        FROM payments p
        LEFT JOIN (SELECT "paymentId", sum("usdMinor")::bigint AS usd FROM reversals GROUP BY "paymentId") r ON r."paymentId" = p.id
       WHERE p."usdMinor" - COALESCE(r.usd, 0) > 0
       GROUP BY p."donorId")
    SELECT COALESCE(s."donorId", f."donorId")::text AS "donorId",
           CASE WHEN s."donorId" IS NULL THEN NULL ELSE s."lastGiftAt"::text || ' ' || s."totalUsdMinor" || ' ' || s.gifts END AS stored,
           CASE WHEN f."donorId" IS NULL THEN NULL ELSE f."lastGiftAt"::text || ' ' || f."totalUsdMinor" || ' ' || f.gifts END AS facts
      FROM donor_gift_summaries s FULL JOIN facts f ON f."donorId" = s."donorId"
     WHERE s."donorId" IS NULL OR f."donorId" IS NULL
        OR (s."lastGiftAt", s."totalUsdMinor", s.gifts) IS DISTINCT FROM (f."lastGiftAt", f."totalUsdMinor", f.gifts)
     LIMIT 50`;
  return rows.map(
    (row) =>
      `donor gift summary ${row.donorId}: stored ${row.stored ?? 'nothing'}, facts give ${row.facts ?? 'nothing'} (last gift, total USD minor, gifts)`,
  );
}
