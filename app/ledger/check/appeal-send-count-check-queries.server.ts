// The ledger check's part for appeal_send_counts (docs/decisions/055): for every appeal, the sum of
// its count changes in each status and skip reason against its recipients' emails counted now. A
// status whose sum and count differ is one line.
import type { DbClient } from '~/platform/db.server.ts';

export async function checkAppealSendCounts({ db }: { db: DbClient }): Promise<string[]> {
  const rows = await db.$queryRaw<{ appealId: string; status: string; stored: number; facts: number }[]>`
    WITH facts AS (
      SELECT r."appealId", COALESCE(e.status, k.status)::text AS status, COALESCE(e."skipReason", k."skipReason")::text AS "skipReason",
             count(*)::int AS n
        FROM appeal_recipients r
        LEFT JOIN email_outbox e ON e.id = r."emailId"
        LEFT JOIN email_outbox k ON r."emailId" IS NULL AND k."idempotencyKey" = 'appeal:' || r."appealId"::text || ':' || r."donorId"::text
       GROUP BY 1, 2, 3),
    stored AS (
      SELECT "appealId", status::text AS status, "skipReason"::text AS "skipReason", sum(delta)::int AS n
        FROM appeal_send_counts GROUP BY 1, 2, 3)
    SELECT COALESCE(s."appealId", f."appealId")::text AS "appealId",
           concat_ws('/', COALESCE(s.status, f.status, 'no email'), COALESCE(s."skipReason", f."skipReason")) AS status,
           COALESCE(s.n, 0) AS stored, COALESCE(f.n, 0) AS facts
      FROM stored s FULL JOIN facts f
        ON f."appealId" = s."appealId" AND f.status IS NOT DISTINCT FROM s.status AND f."skipReason" IS NOT DISTINCT FROM s."skipReason"
     WHERE COALESCE(s.n, 0) <> COALESCE(f.n, 0)
     LIMIT 50`;
  return rows.map((row) => `appeal send counts ${row.appealId} ${row.status}: stored ${row.stored}, recipients' emails ${row.facts}`);
}
