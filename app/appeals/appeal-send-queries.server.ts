// An appeal's send progress (docs/decisions/049): its recipients' outbox rows grouped by status —
// queued (waiting to be sent), sent, failed, skipped and why — and the rate over the last ten
// seconds, for /staff/appeals/:id and its polled resource route.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { AppealSendProgress } from './appeal-send-progress.ts';

export type { AppealSendProgress };

export const RATE_WINDOW_SECONDS = 10;

/** The progress of `appealId`'s send at `now`; null when there is no such appeal. */
export async function getAppealSendProgress({
  appealId,
  now = new Date(),
  db = getPrisma(),
}: {
  appealId: string;
  now?: Date;
  db?: DbClient;
}): Promise<AppealSendProgress | null> {
  const appeal = await db.appeal.findUnique({
    where: { id: appealId },
    select: {
      status: true,
      scheduledAt: true,
      sentAt: true,
      recipientsExpected: true,
      sendError: true,
      testSampledAt: true,
      testWinner: true,
    },
  });
  if (!appeal) return null;
  const since = new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000);
  const [row] = await db.$queryRaw<
    {
      recipients: number;
      queued: number;
      sent: number;
      failed: number;
      skippedNoConsent: number;
      skippedSuppressed: number;
      skippedCancelled: number;
      recent: number;
    }[]
  >`
    SELECT count(*)::int AS recipients,
           count(*) FILTER (WHERE e.status = 'PENDING')::int AS queued,
           count(*) FILTER (WHERE e.status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE e.status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE e."skipReason" = 'NO_CONSENT')::int AS "skippedNoConsent",
           count(*) FILTER (WHERE e."skipReason" = 'SUPPRESSED')::int AS "skippedSuppressed",
           count(*) FILTER (WHERE e."skipReason" = 'CANCELLED')::int AS "skippedCancelled",
           count(*) FILTER (WHERE e.status = 'SENT' AND e."sentAt" > ${since} AND e."sentAt" <= ${now})::int AS recent
      FROM appeal_recipients r LEFT JOIN email_outbox e ON e.id = r."emailId"
     WHERE r."appealId" = ${appealId}::uuid`;
  const counts = row!;
  const skipped = counts.skippedNoConsent + counts.skippedSuppressed + counts.skippedCancelled;
  const isFannedOut = appeal.status !== 'SCHEDULED' && appeal.status !== 'SENDING';
  return {
    status: appeal.status,
    scheduledAt: appeal.scheduledAt?.toISOString() ?? null,
    sentAt: appeal.sentAt?.toISOString() ?? null,
    recipients: counts.recipients,
    queued: counts.queued,
    sent: counts.sent,
    failed: counts.failed,
    skipped,
    skippedNoConsent: counts.skippedNoConsent,
    skippedSuppressed: counts.skippedSuppressed,
    skippedCancelled: counts.skippedCancelled,
    ratePerSecond: Math.round((counts.recent / RATE_WINDOW_SECONDS) * 10) / 10,
    total: isFannedOut ? counts.recipients : Math.max(appeal.recipientsExpected ?? 0, counts.recipients),
    isActive: !isFannedOut || counts.queued > 0,
    error: appeal.sendError,
    isTestWaiting: appeal.status === 'SENDING' && appeal.testSampledAt !== null && appeal.testWinner === null,
    testWinner: appeal.testWinner,
  };
}
