// An appeal's send progress (docs/decisions/049): its recipients' outbox rows by status — queued
// (waiting to be sent), sent, failed, skipped and why — and the rate over the last ten seconds, for
// /staff/appeals/:id and its polled resource route. The counts are summed from appeal_send_counts,
// which triggers on the outbox keep (docs/decisions/055): a few thousand rows for 100,000 recipients,
// not a join of every recipient to its email.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { findAppealById } from './appeal-by-id-queries.server.ts';
import type { AppealSendProgress, SubjectTestProgress } from './appeal-send-progress.ts';

export type { AppealSendProgress };

const textIn = (map: unknown, locale: Locale): string =>
  map && typeof map === 'object' && typeof (map as Record<string, unknown>)[locale] === 'string'
    ? ((map as Record<string, string>)[locale] ?? '')
    : '';

/**
 * An A/B test's subjects with their recipients, sent emails, clickers and givers so far: during the
 * test the sample's; once decided, the winner's row also counts the rest of the segment.
 */
async function readSubjectTestProgress({
  db,
  appealId,
  appeal,
}: {
  db: DbClient;
  appealId: string;
  appeal: {
    subject: unknown;
    subjectVariants: unknown;
    fallbackLocale: string;
    testSamplePercent: number;
    testMetric: 'CLICKS' | 'GIFTS' | null;
    testWaitMinutes: number | null;
    testSampledAt: Date | null;
  };
}): Promise<SubjectTestProgress> {
  const rows = await db.$queryRaw<{ variant: number; recipients: number; sent: number; clicked: number; gave: number }[]>`
    SELECT r.variant::int AS variant, count(*)::int AS recipients,
           count(*) FILTER (WHERE e.status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM appeal_clicks c WHERE c."recipientId" = r.id))::int AS clicked,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pledges p WHERE p."appealRecipientId" = r.id))::int AS gave
      FROM appeal_recipients r LEFT JOIN email_outbox e ON e.id = r."emailId"
     WHERE r."appealId" = ${appealId}::uuid AND r.variant IS NOT NULL
     GROUP BY r.variant`;
  const locale: Locale = locales.find((candidate) => candidate === appeal.fallbackLocale) ?? 'en';
  const extra = Array.isArray(appeal.subjectVariants) ? appeal.subjectVariants : [];
  const subjects = [textIn(appeal.subject, locale), ...extra.map((variant) => textIn(variant, locale))];
  return {
    metric: appeal.testMetric ?? 'CLICKS',
    samplePercent: appeal.testSamplePercent,
    decideAt: appeal.testSampledAt ? new Date(appeal.testSampledAt.getTime() + (appeal.testWaitMinutes ?? 0) * 60_000).toISOString() : null,
    variants: subjects.map((subject, variant) => {
      const row = rows.find((candidate) => candidate.variant === variant);
      return { variant, subject, recipients: row?.recipients ?? 0, sent: row?.sent ?? 0, clicked: row?.clicked ?? 0, gave: row?.gave ?? 0 };
    }),
  };
}

export const RATE_WINDOW_SECONDS = 10;

/** The progress of `appealId`'s send at `now`; null when there is no such appeal (or `appealId` is no UUID). */
export async function getAppealSendProgress({
  appealId,
  now = new Date(),
  db = getPrisma(),
}: {
  appealId: string;
  now?: Date;
  db?: DbClient;
}): Promise<AppealSendProgress | null> {
  const appeal = await findAppealById({
    id: appealId,
    db,
    select: {
      status: true,
      scheduledAt: true,
      sentAt: true,
      recipientsExpected: true,
      sendError: true,
      testSampledAt: true,
      testWinner: true,
      subject: true,
      subjectVariants: true,
      fallbackLocale: true,
      testSamplePercent: true,
      testMetric: true,
      testWaitMinutes: true,
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
    subjectTest:
      appeal.testSamplePercent === null
        ? null
        : await readSubjectTestProgress({ db, appealId, appeal: { ...appeal, testSamplePercent: appeal.testSamplePercent } }),
  };
}
