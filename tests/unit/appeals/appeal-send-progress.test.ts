// The send's progress read from appeal_send_counts (docs/decisions/055) gives the same figures as a
// count over the appeal's recipients and their emails, at every stage: part fanned out, fanned out,
// part sent, a failed address, a donor unsubscribed and one bounced after the fan-out, a cancel;
// a test to staff of the same appeal counts nowhere. The rate counts what was sent in the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueAppealTestEmail, saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { cancelAppealSend, continueAppealSend, startAppealSend } from '~/appeals/appeal-send-commands.server.ts';
import { getAppealSendProgress } from '~/appeals/appeal-send-queries.server.ts';
import { emailRenderer } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { markBatchSent } from '~/platform/email/outbox-batch-commands.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProgramme, createProject, refreshSummaries } from './segment-fixture.ts';

const db = () => getPrisma();
let fake: ResendFake;
let staffUserId: string;
let projectId: string;
let segmentId: string;
const donors = new Map<string, { id: string; email: string | null }>();

beforeAll(async () => {
  fake = await startResendFake({ apiKey: 're_test_progress', rateLimitPerSecond: 1000 });
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_progress';
  staffUserId = (await signedIn(['RESOURCE_MOBILIZATION'], 'rm-progress@example.org')).user.id;
  projectId = (await createProject('PROG01', (await createProgramme('progress-programme')).id)).id;
  for (const name of ['Ana', 'Ben', 'Caro', 'Dev', 'Eli', 'Fay', 'Gus']) {
    const donor = await createDonor({ name, countryCode: 'UG', ...(name === 'Gus' ? { email: 'gus at example.org' } : {}) });
    donors.set(name, { id: donor.id, email: donor.email });
  }
  await refreshSummaries();
  segmentId = (await db().appealSegment.create({ data: { name: 'Uganda', definition: { countries: ['UG'] } } })).id;
});

afterAll(() => fake.close());

async function draft(code: string): Promise<string> {
  const saved = await saveAppealDraft({
    draft: {
      code,
      goalUsdMinor: 10_000_000n,
      segmentId,
      fallbackLocale: 'en',
      texts: { en: { title: 'Courts', subject: 'Fair trials', preheader: '', intro: 'Judges **now**.' } },
      blocks: [{ kind: 'project', id: projectId }],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.id;
}

/** The figures counted the way the progress read counted them before decision 055: every recipient joined to its email. */
async function countedOverRecipients(appealId: string, now: Date) {
  const since = new Date(now.getTime() - 10_000);
  const [row] = await db().$queryRaw<Record<string, number>[]>`
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
  return row!;
}

async function expectSameFigures(appealId: string) {
  const now = new Date();
  const progress = (await getAppealSendProgress({ appealId, now }))!;
  const counted = await countedOverRecipients(appealId, now);
  expect({
    recipients: progress.recipients,
    queued: progress.queued,
    sent: progress.sent,
    failed: progress.failed,
    skippedNoConsent: progress.skippedNoConsent,
    skippedSuppressed: progress.skippedSuppressed,
    skippedCancelled: progress.skippedCancelled,
    recent: Math.round(progress.ratePerSecond * 10),
  }).toEqual(counted);
  return progress;
}

/** Drains in batches of two, running `afterBatch` after each batch is recorded as sent. */
const drain = (afterBatch: () => Promise<unknown>) =>
  drainOutbox({
    renderer: emailRenderer,
    ratePerSecond: 1000,
    batchSize: 2,
    markSent: async (args) => {
      const marked = await markBatchSent(args);
      await afterBatch();
      return marked;
    },
  });

describe('the progress of a send', () => {
  it('counts what a count over the recipients counts, at every stage of a send', async () => {
    // Other tests' mail out of the way: this file's drains send only this appeal's.
    await db().$executeRawUnsafe(`UPDATE email_outbox SET status = 'SKIPPED' WHERE status = 'PENDING'`);
    const appealId = await draft('progress-counts');
    await queueAppealTestEmail({ appealId, staffUserId, to: 'me@example.org', locale: 'en' });
    await startAppealSend({ appealId, staffUserId });
    expect(await expectSameFigures(appealId)).toMatchObject({ recipients: 0, total: 7 });

    // Two pages of three, then a crash in the third (its page rolls back).
    const crash = async () => {
      throw new Error('killed');
    };
    let pages = 0;
    await expect(continueAppealSend({ appealId, pageSize: 3, afterPage: () => (++pages === 3 ? crash() : undefined) })).rejects.toThrow(
      'killed',
    );
    expect(await expectSameFigures(appealId)).toMatchObject({ recipients: 6, queued: 6 });
    await continueAppealSend({ appealId, pageSize: 3 });
    expect(await expectSameFigures(appealId)).toMatchObject({ recipients: 7, queued: 7 });

    // After the fan-out: Dev unsubscribes, Eli's address bounces; Gus's address is not one.
    await db().donorConsent.create({
      data: {
        donorId: donors.get('Dev')!.id,
        kind: 'APPEALS',
        isGranted: false,
        wording: 'No',
        locale: 'en',
        source: 'test',
        recordedAt: new Date(),
      },
    });
    await db().emailSuppression.create({ data: { address: donors.get('Eli')!.email!, reason: 'HARD_BOUNCE' } });
    await drain(() => expectSameFigures(appealId));
    expect(await expectSameFigures(appealId)).toMatchObject({
      recipients: 7,
      queued: 0,
      sent: 4,
      failed: 1,
      skippedNoConsent: 1,
      skippedSuppressed: 1,
      isActive: false,
    });
    expect((await getAppealSendProgress({ appealId }))!.ratePerSecond).toBeGreaterThan(0);
  });

  it('counts a cancel: what was not sent is skipped as cancelled', async () => {
    await db().$executeRawUnsafe(`UPDATE email_outbox SET status = 'SKIPPED' WHERE status = 'PENDING'`);
    const appealId = await draft('progress-cancel');
    await startAppealSend({ appealId, staffUserId });
    await continueAppealSend({ appealId, pageSize: 4 });
    let batches = 0;
    await drain(async () => {
      batches += 1;
      if (batches === 1) await cancelAppealSend({ appealId, staffUserId });
    });
    const progress = await expectSameFigures(appealId);
    expect(progress).toMatchObject({ status: 'CANCELLED', queued: 0 });
    // Dev (unsubscribed) and Eli (bounced) are out of the segment now: five recipients.
    expect(progress.recipients).toBe(5);
    expect(progress.sent + progress.failed + progress.skipped).toBe(5);
    expect(progress.skippedCancelled).toBeGreaterThan(0);
  });
});
