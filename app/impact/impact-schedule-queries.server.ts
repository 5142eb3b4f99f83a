// What the staff impact page reads: donors by report frequency, the runs with their progress and
// the fate of their emails in the outbox (how many sent, failed, waiting; when the first and last went), and a donor picked by id or email for a preview.
import type { ImpactReportFrequency } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { isUuid } from '~/platform/uuid.ts';

/** Donors (not erased) by their chosen report frequency. */
export async function countDonorsByFrequency({ db = getPrisma() }: { db?: DbClient } = {}) {
  const rows = await db.donor.groupBy({ by: ['impactReportFrequency'], where: { erasedAt: null }, _count: { _all: true } });
  const counts: Record<ImpactReportFrequency, number> = { QUARTERLY: 0, SEMIANNUAL: 0, ANNUAL: 0, NONE: 0 };
  for (const row of rows) counts[row.impactReportFrequency] = row._count._all;
  return counts;
}

export interface RunProgress {
  id: string;
  period: string;
  trigger: 'CRON' | 'MANUAL' | 'COMMAND';
  staffName: string | null;
  donors: number;
  queued: number;
  skipped: number;
  startedAt: Date;
  finishedAt: Date | null;
  /** The last failed attempt of the run's job, while it is retried */
  error: string | null;
  /** The run's emails by outbox status */
  sent: number;
  failed: number;
  pending: number;
  skippedAtSend: number;
  /** When the run's first and last emails were sent (null: none yet) */
  firstSentAt: Date | null;
  lastSentAt: Date | null;
}

/** The newest runs, with how their emails fared in the outbox. */
export async function listImpactReportRuns({ db = getPrisma(), limit = 20 }: { db?: DbClient; limit?: number } = {}): Promise<
  RunProgress[]
> {
  const runs = await db.impactReportRun.findMany({
    orderBy: { startedAt: 'desc' },
    take: limit,
    include: { staffUser: { select: { name: true } } },
  });
  if (runs.length === 0) return [];
  const outcomes = await db.$queryRaw<
    { runId: string; status: string; count: bigint; firstSentAt: Date | null; lastSentAt: Date | null }[]
  >`
    SELECT r."runId"::text AS "runId", e.status::text AS status, count(*) AS count,
           min(e."sentAt") AS "firstSentAt", max(e."sentAt") AS "lastSentAt"
    FROM impact_reports r JOIN email_outbox e ON e.id = r."emailId"
    WHERE r."runId" = ANY(${runs.map((run) => run.id)}::uuid[])
    GROUP BY 1, 2`;
  const outcome = (runId: string, status: string) => outcomes.find((row) => row.runId === runId && row.status === status);
  const countOf = (runId: string, status: string) => Number(outcome(runId, status)?.count ?? 0n);
  return runs.map((run) => ({
    id: run.id,
    period: run.period,
    trigger: run.trigger,
    staffName: run.staffUser?.name ?? null,
    donors: run.donors,
    queued: run.queued,
    skipped: run.skipped,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    sent: countOf(run.id, 'SENT'),
    failed: countOf(run.id, 'FAILED'),
    pending: countOf(run.id, 'PENDING'),
    skippedAtSend: countOf(run.id, 'SKIPPED'),
    firstSentAt: outcome(run.id, 'SENT')?.firstSentAt ?? null,
    lastSentAt: outcome(run.id, 'SENT')?.lastSentAt ?? null,
  }));
}

/** A donor by id or (lower-cased) email, for the report preview. */
export async function findDonorForPreview({ db = getPrisma(), query }: { db?: DbClient; query: string }) {
  const trimmed = query.trim();
  const where = isUuid(trimmed) ? { id: trimmed.toLowerCase() } : { email: trimmed.toLowerCase() };
  return db.donor.findFirst({
    where,
    select: { id: true, displayName: true, email: true, locale: true, impactReportFrequency: true, erasedAt: true },
  });
}
