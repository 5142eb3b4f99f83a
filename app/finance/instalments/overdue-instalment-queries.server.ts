// Overdue instalments for finance (/staff/finance/instalments): instalments of live promises that
// still owe something after their due date, oldest first. Read from open_instalments (the summary
// every money writer keeps in step: written-off and paid ones are not in it), with what each owes
// in its pledge's currency and how many reminders its donor was sent.
import { Prisma } from '~/generated/prisma/client.ts';
import type { DonorType } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface OverdueFilters {
  currency: string | null;
  donorType: DonorType | null;
  /** Only instalments at least this many days past due (0: every overdue one). */
  minDaysOverdue: number;
}

export interface OverdueInstalment {
  instalmentId: string;
  sequence: number;
  dueOn: Date;
  daysOverdue: number;
  amountMinor: bigint;
  owedMinor: bigint;
  currency: string;
  reference: string;
  donorId: string;
  donorName: string;
  donorType: DonorType;
  remindersSent: number;
}

const REMINDER_KINDS = ['upcoming', 'overdue-3', 'overdue-14'];

function whereSql(filters: OverdueFilters, today: Date): Prisma.Sql {
  const parts = [Prisma.sql`o."dueOn" <= (${today}::date - ${Math.max(1, filters.minDaysOverdue)}::int)`];
  if (filters.currency) parts.push(Prisma.sql`o.currency = ${filters.currency}`);
  if (filters.donorType) parts.push(Prisma.sql`d.type = ${filters.donorType}::"DonorType"`);
  return Prisma.join(parts, ' AND ');
}

const fromSql = Prisma.sql`
  FROM open_instalments o
  JOIN pledge_instalments i ON i.id = o."instalmentId"
  JOIN pledges pl ON pl.id = o."pledgeId"
  JOIN donors d ON d.id = pl."donorId"`;

/** One page of overdue instalments (oldest due first) and how many there are in all. */
export async function listOverdueInstalments({
  db = getPrisma(),
  filters,
  today,
  limit,
  offset,
}: {
  db?: DbClient;
  filters: OverdueFilters;
  /** The UTC date "overdue" is counted from. */
  today: Date;
  limit: number;
  offset: number;
}): Promise<{ rows: OverdueInstalment[]; total: number }> {
  const where = whereSql(filters, today);
  // Without the donor type, the count needs no join: open_instalments alone (dueOn, currency).
  const countFrom = filters.donorType ? fromSql : Prisma.sql`FROM open_instalments o`;
  const [counted] = await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total ${countFrom} WHERE ${where}`;
  const rows = await db.$queryRaw<
    (Omit<OverdueInstalment, 'remindersSent' | 'daysOverdue'> & { remindersSent: bigint; daysOverdue: number })[]
  >`
    SELECT i.id::text AS "instalmentId", i.sequence, i."dueOn", (${today}::date - i."dueOn")::int AS "daysOverdue",
           i."amountMinor", pl.currency, pl.reference, d.id::text AS "donorId", d."displayName" AS "donorName", d.type AS "donorType",
           o."openMinor" AS "owedMinor",
           (SELECT count(*) FROM email_outbox e WHERE e."idempotencyKey" = ANY(
              SELECT 'instalment-reminder:' || i.id::text || ':' || k FROM unnest(${REMINDER_KINDS}::text[]) AS k)) AS "remindersSent"
    ${fromSql}
    WHERE ${where}
    -- o."dueOn" first: the dueOn index yields the oldest rows and an incremental sort orders the
    -- few on each date, instead of joining and sorting every overdue instalment for one page.
    ORDER BY o."dueOn", pl.reference, i.sequence
    LIMIT ${limit} OFFSET ${offset}`;
  return {
    total: Number(counted?.total ?? 0n),
    rows: rows.map((row) => ({ ...row, currency: row.currency.trim(), remindersSent: Number(row.remindersSent) })),
  };
}

/** The currencies of the pledges that owe something (the currency filter's choices). */
export async function listOwedCurrencies({ db = getPrisma() }: { db?: DbClient } = {}): Promise<string[]> {
  // A handful of currencies over tens of thousands of rows: hop from one to the next along the
  // (currency, openMinor) index (a "loose index scan") instead of reading every row for DISTINCT.
  const rows = await db.$queryRaw<{ currency: string }[]>`
    WITH RECURSIVE owed AS (
      SELECT MIN(currency) AS currency FROM open_instalments
      UNION ALL
      SELECT (SELECT MIN(o.currency) FROM open_instalments o WHERE o.currency > owed.currency) FROM owed WHERE owed.currency IS NOT NULL
    )
    SELECT currency FROM owed WHERE currency IS NOT NULL ORDER BY 1`;
  return rows.map((row) => row.currency.trim());
}
