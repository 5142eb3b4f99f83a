// Sending an appeal (issue #15 item 4, docs/decisions/049). Staff freeze a draft — its saved
// segment's definition is copied into the appeal, the status becomes SENDING (now) or SCHEDULED (a
// time), audited `appeal.send` — and a graphile-worker job "appeal-send" fans it out: the segment's
// donors in keyset pages by id, each page ONE transaction with its appeal_recipients rows (unique per
// appeal and donor, inserted ON CONFLICT DO NOTHING: a donor never gets an appeal twice), one outbox
// email per new recipient and the appeal's cursor. A crash loses at most the page under way; the
// job's retry continues after the cursor. The outbox then sends, checking consent and suppression
// again (decision 036). When the send begins, the blocks' figures are pinned on the appeal, so every
// email of the send — and a batch sent again under its idempotency key — renders the same.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { enqueueEmails } from '~/platform/email/outbox.server.ts';
import type { Prisma } from '~/generated/prisma/client.ts';
import { APPEAL_TEMPLATE } from './appeal-draft-commands.server.ts';
import { findAppealDraft, readLiveBlocks } from './appeal-draft-queries.server.ts';
import { countSegmentDonors, listSegmentDonors, type SegmentDonor } from './appeals-segment-queries.server.ts';
import { parseSegmentDefinition } from './segment-definition.ts';
import { fanOutPhase, type FanOutPhase } from './appeal-subject-test.server.ts';

export const APPEAL_SEND_PAGE_SIZE = 1000;
export const APPEAL_SEND_TASK = 'appeal-send';

export type StartSendOutcome =
  { ok: true; status: 'SENDING' | 'SCHEDULED' } | { ok: false; reason: 'not-found' | 'not-draft' | 'no-segment' };

/** The outbox key of an appeal's email to one donor (decision 046): one email per donor and appeal. */
export const appealIdempotencyKey = ({ appealId, donorId }: { appealId: string; donorId: string }) => `appeal:${appealId}:${donorId}`;

/** Queues the job that decides an A/B test's winner at `runAt` (when the wait is over). */
export async function queueSubjectTestDecision({ db, appealId, runAt }: { db: DbClient; appealId: string; runAt: Date }) {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${APPEAL_SEND_TASK}, json_build_object('appealId', ${appealId}::text, 'decide', true),
    run_at := ${runAt}::timestamptz, job_key := ${`appeal-test:${appealId}`})`;
}

/** Queues the appeal's fan-out job (one per appeal: the job key), to run at `runAt` (in the caller's transaction). */
export async function queueAppealSendJob({ db, appealId, runAt }: { db: DbClient; appealId: string; runAt: Date }) {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${APPEAL_SEND_TASK}, json_build_object('appealId', ${appealId}::text),
    run_at := ${runAt}::timestamptz, job_key := ${`${APPEAL_SEND_TASK}:${appealId}`})`;
}

async function lockAppeal(db: DbClient, appealId: string) {
  const [row] = await db.$queryRaw<{ status: string; segmentId: string | null }[]>`
    SELECT status::text AS status, "segmentId"::text AS "segmentId" FROM appeals WHERE id = ${appealId}::uuid FOR UPDATE`;
  return row ?? null;
}

/**
 * The send begins (in the caller's transaction, the appeal locked): status SENDING, the send time,
 * the blocks' figures pinned as read now, and the segment's donor count for the progress bar.
 */
async function beginSending(db: DbClient, appealId: string, now: Date) {
  const draft = await findAppealDraft({ id: appealId, db });
  const appeal = await db.appeal.findUniqueOrThrow({ where: { id: appealId }, select: { segment: true } });
  const blocks = await readLiveBlocks({ draft: draft!, now, db });
  // The count's scan settings (appeals-segment-queries), for the rest of this short transaction.
  await db.$executeRaw`SET LOCAL jit = off`;
  await db.$executeRaw`SET LOCAL work_mem = '32MB'`;
  const expected = await countSegmentDonors({ db, segment: parseSegmentDefinition(appeal.segment), asOf: now });
  await db.appeal.update({
    where: { id: appealId },
    data: {
      status: 'SENDING',
      sentAt: now,
      sendBlocks: blocks as unknown as Prisma.InputJsonArray,
      recipientsExpected: expected,
      sendCursor: null,
    },
  });
}

/**
 * Freezes a draft and starts its send now (`sendAt` null or not after `now`) or schedules it,
 * audited as `appeal.send` by `staffUserId` in the same transaction. Refused, with nothing
 * changed: no such appeal, not a draft, no saved segment.
 */
export async function startAppealSend({
  appealId,
  staffUserId,
  sendAt = null,
  now = new Date(),
}: {
  appealId: string;
  staffUserId: string;
  sendAt?: Date | null;
  now?: Date;
}): Promise<StartSendOutcome> {
  return getPrisma().$transaction(
    async (db) => {
      const locked = await lockAppeal(db, appealId);
      if (!locked) return { ok: false as const, reason: 'not-found' as const };
      if (locked.status !== 'DRAFT') return { ok: false as const, reason: 'not-draft' as const };
      const segment = locked.segmentId ? await db.appealSegment.findUnique({ where: { id: locked.segmentId } }) : null;
      if (!segment) return { ok: false as const, reason: 'no-segment' as const };
      // The send lists this copy, never the saved segment that may be edited meanwhile.
      const definition = parseSegmentDefinition(segment.definition);
      const isNow = !sendAt || sendAt.getTime() <= now.getTime();
      await db.appeal.update({
        where: { id: appealId },
        data: { segment: definition as Prisma.InputJsonObject, status: 'SCHEDULED', scheduledAt: isNow ? null : sendAt },
      });
      if (isNow) await beginSending(db, appealId, now);
      await queueAppealSendJob({ db, appealId, runAt: isNow ? now : sendAt });
      await recordAudit({
        db,
        actorId: staffUserId,
        actorKind: 'staff',
        action: 'appeal.send',
        entityType: 'appeal',
        entityId: appealId,
        before: { status: 'DRAFT' },
        after: {
          status: isNow ? 'SENDING' : 'SCHEDULED',
          scheduledAt: isNow ? null : sendAt.toISOString(),
          segmentId: segment.id,
          segmentName: segment.name,
          segment: definition,
        },
      });
      return { ok: true as const, status: isNow ? ('SENDING' as const) : ('SCHEDULED' as const) };
    },
    { timeout: 30_000 },
  );
}

interface SendState {
  status: string;
  segment: Prisma.JsonValue;
  sentAt: Date | null;
  sendCursor: string | null;
  phase: FanOutPhase;
}

async function readSendState(db: DbClient, appealId: string): Promise<SendState | null> {
  const appeal = await db.appeal.findUnique({
    where: { id: appealId },
    select: {
      id: true,
      status: true,
      segment: true,
      sentAt: true,
      sendCursor: true,
      subjectVariants: true,
      testSamplePercent: true,
      testSampledAt: true,
      testWinner: true,
    },
  });
  if (!appeal) return null;
  return { ...appeal, phase: fanOutPhase(appeal) };
}

/** The page's recipient rows and emails (in the page's transaction); returns how many were new. */
async function queueRecipients(db: DbClient, appealId: string, donors: { donor: SegmentDonor; variant: number | null }[]) {
  if (donors.length === 0) return 0;
  const inserted = await db.$queryRaw<{ id: string; donorId: string }[]>`
    INSERT INTO appeal_recipients ("appealId", "donorId", variant)
    SELECT ${appealId}::uuid, donor::uuid, variant
    FROM unnest(${donors.map((item) => item.donor.id)}::text[], ${donors.map((item) => item.variant)}::smallint[]) AS r(donor, variant)
    ON CONFLICT ("appealId", "donorId") DO NOTHING
    RETURNING id::text AS id, "donorId"::text AS "donorId"`;
  // Only donors whose row this transaction inserted get an email: a donor never gets an appeal twice.
  const isNew = new Set(inserted.map((row) => row.donorId));
  const fresh = donors.filter((item) => isNew.has(item.donor.id));
  const emailIds = await enqueueEmails({
    db,
    emails: fresh.map(({ donor, variant }) => ({
      template: APPEAL_TEMPLATE,
      to: donor.email,
      locale: donor.locale,
      props: { appealId, donorId: donor.id, ...(variant === null ? {} : { variant }) },
      idempotencyKey: appealIdempotencyKey({ appealId, donorId: donor.id }),
      donorId: donor.id,
      consentKind: 'APPEALS' as const,
    })),
  });
  const links = fresh.map(({ donor }) => emailIds.get(appealIdempotencyKey({ appealId, donorId: donor.id }))!);
  await db.$executeRaw`
    UPDATE appeal_recipients r SET "emailId" = l.email::uuid
    FROM unnest(${fresh.map((item) => item.donor.id)}::text[], ${links}::text[]) AS l(donor, email)
    WHERE r."appealId" = ${appealId}::uuid AND r."donorId" = l.donor::uuid`;
  return fresh.length;
}

export interface ContinueSendOptions {
  appealId: string;
  pageSize?: number;
  now?: () => Date;
  /**
   * Called inside each page's transaction once its rows are written. A throw rolls the page back
   * as a crash would: the pages before stay, and continuing the send later finishes it.
   */
  afterPage?: (donorIds: string[]) => void | Promise<void>;
}

export interface ContinueSendResult {
  /** The appeal's status afterwards */
  status: string;
  /** Recipients queued by this call */
  queued: number;
  /** The sample of an A/B test was queued: the winner is decided at this time */
  decideAt?: Date;
}

/**
 * Begins a scheduled send that is due, then fans out from the cursor to the segment's last donor
 * and marks the appeal SENT (or, for an A/B test's sample, records when the sample was queued).
 * An appeal that is not sending (cancelled, sent, a draft) is left alone.
 */
export async function continueAppealSend({
  appealId,
  pageSize = APPEAL_SEND_PAGE_SIZE,
  now = () => new Date(),
  afterPage,
}: ContinueSendOptions): Promise<ContinueSendResult> {
  const db = getPrisma();
  await db.$transaction(
    async (tx) => {
      const locked = await lockAppeal(tx, appealId);
      if (locked?.status === 'SCHEDULED') await beginSending(tx, appealId, now());
    },
    { timeout: 30_000 },
  );
  let state = await readSendState(db, appealId);
  let queued = 0;
  while (state && state.status === 'SENDING' && state.phase.kind !== 'waiting') {
    const segment = parseSegmentDefinition(state.segment);
    // "This year" and the other relative criteria are the send's, on every page and every retry.
    const page = await listSegmentDonors({ db, segment, asOf: state.sentAt ?? now(), afterId: state.sendCursor, limit: pageSize });
    const phase = state.phase;
    const cursor = state.sendCursor;
    const committed = await db.$transaction(
      async (tx) => {
        const locked = await lockAppeal(tx, appealId);
        if (locked?.status !== 'SENDING') return 'stopped' as const;
        const current = await tx.appeal.findUniqueOrThrow({ where: { id: appealId }, select: { sendCursor: true } });
        if (current.sendCursor !== cursor) return 'moved' as const; // another process went on meanwhile: read again
        if (page.length === 0) {
          await finishPhase(tx, appealId, phase, now());
          return 'done' as const;
        }
        const chosen = page.flatMap((donor) => {
          const variant = phase.variantOf(donor.id);
          return variant === undefined ? [] : [{ donor, variant }];
        });
        queued += await queueRecipients(tx, appealId, chosen);
        await afterPage?.(page.map((donor) => donor.id));
        await tx.appeal.update({ where: { id: appealId }, data: { sendCursor: page[page.length - 1]!.id, sendError: null } });
        return 'page' as const;
      },
      { timeout: 120_000 },
    );
    if (committed === 'stopped') break;
    state = await readSendState(db, appealId);
  }
  const after = await db.appeal.findUniqueOrThrow({
    where: { id: appealId },
    select: { status: true, testSampledAt: true, testWaitMinutes: true },
  });
  const decideAt =
    after.status === 'SENDING' && state?.phase.kind === 'waiting' && after.testSampledAt
      ? new Date(after.testSampledAt.getTime() + (after.testWaitMinutes ?? 0) * 60_000)
      : undefined;
  return { status: after.status, queued, ...(decideAt ? { decideAt } : {}) };
}

/** The fan-out reached the segment's end: the whole send is queued, or the test's sample is. */
async function finishPhase(db: DbClient, appealId: string, phase: FanOutPhase, now: Date) {
  if (phase.kind === 'sample') {
    const appeal = await db.appeal.update({
      where: { id: appealId },
      data: { testSampledAt: now, sendCursor: null },
      select: { testWaitMinutes: true },
    });
    await queueSubjectTestDecision({ db, appealId, runAt: new Date(now.getTime() + (appeal.testWaitMinutes ?? 0) * 60_000) });
    return;
  }
  await db.appeal.update({ where: { id: appealId }, data: { status: 'SENT' } });
}

/** Notes a failed attempt of the send job (the job is retried and continues from the cursor). */
export async function recordAppealSendError({ appealId, error }: { appealId: string; error: string }) {
  await getPrisma().appeal.update({ where: { id: appealId }, data: { sendError: error.slice(0, 2000) } });
}

async function hasQueuedMail(db: DbClient, appealId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ isQueued: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM appeal_recipients r JOIN email_outbox e ON e.id = r."emailId"
                    WHERE r."appealId" = ${appealId}::uuid AND e.status = 'PENDING' AND e."batchId" IS NULL) AS "isQueued"`;
  return row?.isQueued ?? false;
}

export type CancelOutcome = { ok: true; skipped: number } | { ok: false; reason: 'not-found' | 'not-sending' };

/**
 * Cancels a scheduled or running send (fanning out, or fanned out with mail still queued), audited `appeal.cancel`: the status becomes CANCELLED (the
 * fan-out checks it under the appeal's lock before each page, so no recipient is added after this
 * commits) and the appeal's emails not yet claimed into a provider batch become SKIPPED (reason
 * CANCELLED). Emails already in a batch are left to finish: that batch may be at the provider now.
 */
export async function cancelAppealSend({
  appealId,
  staffUserId,
  now = new Date(),
}: {
  appealId: string;
  staffUserId: string;
  now?: Date;
}): Promise<CancelOutcome> {
  return getPrisma().$transaction(async (db) => {
    const locked = await lockAppeal(db, appealId);
    if (!locked) return { ok: false as const, reason: 'not-found' as const };
    // A SENT appeal is fanned out, but its mail may still be waiting in the outbox.
    const isRunning =
      locked.status === 'SCHEDULED' || locked.status === 'SENDING' || (locked.status === 'SENT' && (await hasQueuedMail(db, appealId)));
    if (!isRunning) return { ok: false as const, reason: 'not-sending' as const };
    await db.appeal.update({ where: { id: appealId }, data: { status: 'CANCELLED', cancelledAt: now } });
    // A drain claiming these rows holds their locks; this waits for it and then skips whatever it
    // put into a batch (READ COMMITTED re-checks the WHERE on the row it waited for).
    const skipped = await db.$executeRaw`
      UPDATE email_outbox e SET status = 'SKIPPED', "skipReason" = 'CANCELLED', "lastError" = 'appeal cancelled'
        FROM appeal_recipients r
       WHERE r."appealId" = ${appealId}::uuid AND e.id = r."emailId" AND e.status = 'PENDING' AND e."batchId" IS NULL`;
    await db.$executeRaw`SELECT graphile_worker.remove_job(${`${APPEAL_SEND_TASK}:${appealId}`})`;
    await recordAudit({
      db,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'appeal.cancel',
      entityType: 'appeal',
      entityId: appealId,
      before: { status: locked.status },
      after: { status: 'CANCELLED', skippedEmails: skipped },
    });
    return { ok: true as const, skipped };
  });
}
