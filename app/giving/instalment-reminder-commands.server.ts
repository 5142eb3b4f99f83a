// Reminders for instalments of live pledges that are not fully paid — 7 days
// before they fall due, then 3 and 14 days after. Windows rather than exact days, so a day the
// worker was down is caught up; the outbox idempotency key sends each reminder once.
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { isPromiseSql } from '~/ledger/funding-figure-queries.server.ts';
import { instalmentReminderEmail, type ReminderKind } from './giving-email-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** [from, to] offsets in days from today (dueOn − today) for each reminder. */
const windows: Record<ReminderKind, [number, number]> = {
  upcoming: [1, 7],
  'overdue-3': [-13, -3],
  'overdue-14': [-60, -14],
};

/** Instalments due for a reminder of `kind` on `today`: unpaid, not written off, pledge a live promise. */
async function instalmentsNeeding(db: DbClient, kind: ReminderKind, today: Date): Promise<string[]> {
  const [fromDays, toDays] = windows[kind];
  const from = new Date(today.getTime() + fromDays * DAY_MS);
  const to = new Date(today.getTime() + toDays * DAY_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id::text AS id
    FROM pledge_instalments i
    JOIN pledges pl ON pl.id = i."pledgeId"
    WHERE i."dueOn" BETWEEN ${from}::date AND ${to}::date
      AND ${isPromiseSql('pl')}
      AND COALESCE((SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = pl.id
                    ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1), 'REINSTATED') NOT IN ('CANCELLED', 'WRITTEN_OFF')
      AND i."amountMinor" > COALESCE((
        SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))
        FROM payments p WHERE p."instalmentId" = i.id), 0)
      -- Staff wrote it off: the donor is not asked for it again (decision 030).
      AND NOT EXISTS (SELECT 1 FROM instalment_write_offs w WHERE w."instalmentId" = i.id)
      AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o."idempotencyKey" = 'instalment-reminder:' || i.id::text || ':' || ${kind})`;
  return rows.map((row) => row.id);
}

/** Queues every reminder due on `today` (UTC date); returns how many were queued. */
export async function queueInstalmentReminders({
  db = getPrisma(),
  now = new Date(),
}: { db?: ReturnType<typeof getPrisma>; now?: Date } = {}) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let queued = 0;
  for (const kind of Object.keys(windows) as ReminderKind[]) {
    for (const instalmentId of await instalmentsNeeding(db, kind, today)) {
      await db.$transaction(async (tx) => {
        const email = await instalmentReminderEmail({ db: tx, instalmentId, kind });
        if (email) {
          await enqueueEmail({ db: tx, ...email });
          queued += 1;
        }
      });
    }
  }
  return queued;
}
