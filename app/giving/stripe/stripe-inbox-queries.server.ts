// What finance sees of the Stripe event inbox (docs/decisions/011): events that failed to apply
// and are being retried, and those that used every try and wait for a person (never due again).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface InboxProblem {
  id: string;
  type: string;
  receivedAt: Date;
  attempts: number;
  /** Null once the event used every try: it waits for staff. */
  nextTryAt: Date | null;
  lastError: string;
}

interface InboxProblemRow {
  id: string;
  type: string;
  receivedAt: Date;
  attempts: number;
  givenUp: boolean;
  availableAt: Date;
  lastError: string | null;
}

const toProblem = ({ givenUp, availableAt, lastError, ...row }: InboxProblemRow): InboxProblem => ({
  ...row,
  nextTryAt: givenUp ? null : availableAt,
  lastError: lastError ?? '',
});

/** Events with at least one failed try: those waiting for staff first, then by next try. */
export async function listInboxProblems({ db = getPrisma(), limit = 200 }: { db?: DbClient; limit?: number } = {}): Promise<
  InboxProblem[]
> {
  const rows = await db.$queryRaw<InboxProblemRow[]>`
    SELECT id, type, "receivedAt", attempts, "availableAt" = 'infinity' AS "givenUp",
           CASE WHEN "availableAt" = 'infinity' THEN "receivedAt" ELSE "availableAt" END AS "availableAt", "lastError"
      FROM stripe_event_inbox WHERE attempts > 0
     ORDER BY ("availableAt" = 'infinity') DESC, "availableAt", id LIMIT ${limit}`;
  return rows.map(toProblem);
}

/** One event with at least one failed try, with the body Stripe signed; null if there is none. */
export async function getInboxProblem({
  db = getPrisma(),
  id,
}: {
  db?: DbClient;
  id: string;
}): Promise<(InboxProblem & { payload: string }) | null> {
  const rows = await db.$queryRaw<(InboxProblemRow & { payload: string })[]>`
    SELECT id, type, "receivedAt", attempts, "availableAt" = 'infinity' AS "givenUp",
           CASE WHEN "availableAt" = 'infinity' THEN "receivedAt" ELSE "availableAt" END AS "availableAt", "lastError", payload
      FROM stripe_event_inbox WHERE id = ${id} AND attempts > 0`;
  const row = rows[0];
  return row ? { ...toProblem(row), payload: row.payload } : null;
}

/** How many events used every try and wait for staff (the staff home's count). */
export async function countGivenUpInboxEvents({ db = getPrisma() }: { db?: DbClient } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM stripe_event_inbox WHERE "availableAt" = 'infinity'`;
  return rows[0]?.n ?? 0;
}
