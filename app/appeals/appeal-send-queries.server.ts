// An appeal's send progress (docs/decisions/049): its recipients' outbox rows by status — queued
// (waiting to be sent), sent, failed, skipped and why — and the rate over the last ten seconds, for
// /staff/appeals/:id and its polled resource route. The counts are summed from appeal_send_counts,
// which triggers on the outbox keep (docs/decisions/055): a few thousand rows for 100,000 recipients,
// not a join of every recipient to its email.
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
    SELECT COALESCE(sum(delta), 0)::int AS recipients,
           COALESCE(sum(delta) FILTER (WHERE status = 'PENDING'), 0)::int AS queued,
           COALESCE(sum(delta) FILTER (WHERE status = 'SENT'), 0)::int AS sent,
           COALESCE(sum(delta) FILTER (WHERE status = 'FAILED'), 0)::int AS failed,
           COALESCE(sum(delta) FILTER (WHERE "skipReason" = 'NO_CONSENT'), 0)::int AS "skippedNoConsent",
           COALESCE(sum(delta) FILTER (WHERE "skipReason" = 'SUPPRESSED'), 0)::int AS "skippedSuppressed",
           COALESCE(sum(delta) FILTER (WHERE "skipReason" = 'CANCELLED'), 0)::int AS "skippedCancelled",
           COALESCE(sum(delta) FILTER (WHERE status = 'SENT' AND at > ${since} AND at <= ${now}), 0)::int AS recent
      FROM appeal_send_counts
     WHERE "appealId" = ${appealId}::uuid`;
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
