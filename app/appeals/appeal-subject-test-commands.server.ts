// The A/B subject test's decision (issue #15 item 3, docs/decisions/049): once the sample is
// queued and the wait is over (the job queued for then) — or when staff press "decide the winner
// now" — each variant's share of recipients who clicked (appeal_clicks) or gave (pledges naming the
// recipient) is counted; the best share wins (ties: the lower variant), the rest of the segment is
// fanned out with the winning subject, and the decision is audited with the figures.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { queueAppealSendJob } from './appeal-send-commands.server.ts';

export interface VariantScore {
  variant: number;
  recipients: number;
  /** Recipients who clicked at least once, or whose pledge names them (by the test's metric) */
  converted: number;
}

/** Each variant's recipients and conversions so far. */
export async function scoreSubjectVariants({
  db = getPrisma(),
  appealId,
  metric,
}: {
  db?: DbClient;
  appealId: string;
  metric: 'CLICKS' | 'GIFTS';
}) {
  const rows = await db.$queryRaw<VariantScore[]>`
    SELECT r.variant::int AS variant, count(*)::int AS recipients,
           count(*) FILTER (WHERE CASE WHEN ${metric} = 'CLICKS'
             THEN EXISTS (SELECT 1 FROM appeal_clicks c WHERE c."recipientId" = r.id)
             ELSE EXISTS (SELECT 1 FROM pledges p WHERE p."appealRecipientId" = r.id) END)::int AS converted
      FROM appeal_recipients r
     WHERE r."appealId" = ${appealId}::uuid AND r.variant IS NOT NULL
     GROUP BY r.variant ORDER BY r.variant`;
  return rows;
}

/** The variant with the best share (ties and empty variants: the lower number). */
export function pickWinner(scores: VariantScore[]): number {
  let best = { variant: 0, share: -1 };
  for (const score of scores) {
    const share = score.recipients === 0 ? 0 : score.converted / score.recipients;
    if (share > best.share) best = { variant: score.variant, share };
  }
  return best.variant;
}

export type DecideOutcome = { ok: true; winner: number; scores: VariantScore[] } | { ok: false; reason: 'not-found' | 'not-testing' };

/**
 * Decides the winner of the appeal's test and queues the rest of the send with it. Refused when the
 * appeal has no test waiting for its decision (no sample queued yet, decided already, cancelled).
 */
export async function decideSubjectTest({
  appealId,
  staffUserId = null,
  now = new Date(),
}: {
  appealId: string;
  staffUserId?: string | null;
  now?: Date;
}): Promise<DecideOutcome> {
  return getPrisma().$transaction(async (db) => {
    const [appeal] = await db.$queryRaw<
      { status: string; metric: 'CLICKS' | 'GIFTS' | null; sampledAt: Date | null; winner: number | null }[]
    >`
      SELECT status::text AS status, "testMetric"::text AS metric, "testSampledAt" AS "sampledAt", "testWinner" AS winner
        FROM appeals WHERE id = ${appealId}::uuid FOR UPDATE`;
    if (!appeal) return { ok: false as const, reason: 'not-found' as const };
    if (appeal.status !== 'SENDING' || !appeal.sampledAt || appeal.winner !== null)
      return { ok: false as const, reason: 'not-testing' as const };
    const scores = await scoreSubjectVariants({ db, appealId, metric: appeal.metric ?? 'CLICKS' });
    const winner = pickWinner(scores);
    await db.appeal.update({ where: { id: appealId }, data: { testWinner: winner, testDecidedAt: now, sendCursor: null } });
    await queueAppealSendJob({ db, appealId, runAt: now });
    await db.$executeRaw`SELECT graphile_worker.remove_job(${`appeal-test:${appealId}`})`;
    await recordAudit({
      db,
      actorId: staffUserId,
      actorKind: staffUserId ? 'staff' : 'system',
      action: 'appeal.test-decide',
      entityType: 'appeal',
      entityId: appealId,
      after: { winner, metric: appeal.metric, scores },
    });
    return { ok: true as const, winner, scores };
  });
}
