// Sending an appeal (issue #15 item 4; docs/decisions/049), real PostgreSQL and the Resend fake:
// the fan-out lists exactly the frozen segment (one recipient row and one APPEALS outbox email per
// donor), an unsubscribed and a bounced donor in the segment get nothing, a donor who unsubscribes
// after the fan-out is skipped at send time, a fan-out that dies mid-way continues with each donor
// once, the figures are pinned when the send begins, a scheduled send waits for its time, and a
// cancel stops what has not gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { readAppealEmailContent } from '~/appeals/appeal-draft-queries.server.ts';
import { cancelAppealSend, continueAppealSend, startAppealSend } from '~/appeals/appeal-send-commands.server.ts';
import { getAppealSendProgress } from '~/appeals/appeal-send-queries.server.ts';
import { emailRenderer, renderEmail } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { action as editAction, loader as editLoader } from '~/routes/staff.appeals.$id.tsx';
import { loader as progressLoader } from '~/routes/staff.appeals.progress.ts';
import { args, get, ORIGIN, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProgramme, createProject, refreshSummaries } from './segment-fixture.ts';

const db = () => getPrisma();
const NOW = new Date('2026-11-20T10:00:00Z');
let fake: ResendFake;
let staffUserId: string;
let cookie: string;
let projectId: string;
let segmentId: string;
/** Donors the segment (country KE) holds, by name */
const inSegment = new Map<string, string>();
let counter = 0;

beforeAll(async () => {
  fake = await startResendFake({ apiKey: 're_test_appeal_send', rateLimitPerSecond: 1000 });
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_appeal_send';
  const staff = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-send@example.org');
  staffUserId = staff.user.id;
  cookie = staff.cookie;
  const programme = await createProgramme('send-programme');
  projectId = (await createProject('SEND01', programme.id)).id;
  for (const [name, locale] of [
    ['Amina', 'en'],
    ['Bruno', 'fr'],
    ['Chen', 'zh'],
    ['Dalia', 'ar'],
    ['Esteban', 'es'],
  ] as const) {
    inSegment.set(name, (await createDonor({ name, locale, countryCode: 'KE' })).id);
  }
  // In the segment's country, but out: withdrew appeal consent; a hard-bounced address.
  await createDonor({ name: 'Unsubscribed', countryCode: 'KE', consents: [true, false] });
  await createDonor({ name: 'Bounced', countryCode: 'KE', isSuppressed: true });
  // Another country: not in the segment.
  await createDonor({ name: 'Elsewhere', countryCode: 'FR' });
  await refreshSummaries();
  segmentId = (await db().appealSegment.create({ data: { name: 'Kenya', definition: { countries: ['KE'] } } })).id;
});

afterAll(() => fake.close());

beforeEach(async () => {
  fake.clear();
  // Every test sends its own appeal; the outbox holds only this test's mail.
  await db().$executeRawUnsafe(`UPDATE email_outbox SET status = 'SKIPPED' WHERE status = 'PENDING'`);
});

async function draft(extra: { segmentId?: string | null } = {}): Promise<string> {
  counter += 1;
  const saved = await saveAppealDraft({
    draft: {
      code: `send-${counter}`,
      goalUsdMinor: 10_000_000n,
      segmentId: extra.segmentId === undefined ? segmentId : extra.segmentId,
      fallbackLocale: 'en',
      texts: { en: { title: 'Clean water', subject: 'Water for Turkana', preheader: '', intro: 'Wells **now**.' } },
      blocks: [{ kind: 'project', id: projectId }],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.id;
}

async function consent(name: string, isGranted: boolean) {
  await db().donorConsent.create({
    data: {
      donorId: inSegment.get(name)!,
      kind: 'APPEALS',
      isGranted,
      wording: 'Appeals',
      locale: 'es',
      source: 'test',
      recordedAt: new Date(),
    },
  });
}

const drain = () => drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000 });
const recipients = async (appealId: string) =>
  (await db().appealRecipient.findMany({ where: { appealId }, select: { donorId: true } })).map((row) => row.donorId).sort();
const fakeRecipients = () => fake.messages().flatMap((message) => message.to);

describe('sending an appeal', () => {
  it('freezes the draft, fans out to exactly the segment, and sends nothing to the unsubscribed or bounced', async () => {
    const appealId = await draft();
    expect(await startAppealSend({ appealId, staffUserId, now: NOW })).toEqual({ ok: true, status: 'SENDING' });
    const frozen = await db().appeal.findUniqueOrThrow({ where: { id: appealId } });
    expect(frozen).toMatchObject({ status: 'SENDING', sentAt: NOW, recipientsExpected: 5 });
    expect(frozen.segment).toMatchObject({ countries: ['KE'] });
    expect(await db().auditLog.count({ where: { entityId: appealId, action: 'appeal.send', actorId: staffUserId } })).toBe(1);
    const [job] = await db().$queryRaw<{ task: string }[]>`
      SELECT task_identifier AS task FROM graphile_worker.jobs WHERE key = ${`appeal-send:${appealId}`}`;
    expect(job?.task).toBe('appeal-send');
    // The saved segment changes after the freeze: the send lists its copy.
    await db().appealSegment.update({ where: { id: segmentId }, data: { definition: { countries: ['FR'] } } });

    const result = await continueAppealSend({ appealId, pageSize: 2 });
    await db().appealSegment.update({ where: { id: segmentId }, data: { definition: { countries: ['KE'] } } });
    expect(result).toEqual({ status: 'SENT', queued: 5 });
    expect(await recipients(appealId)).toEqual([...inSegment.values()].sort());
    const emails = await db().emailOutbox.findMany({ where: { idempotencyKey: { startsWith: `appeal:${appealId}:` } } });
    expect(emails).toHaveLength(5);
    expect(emails.every((email) => email.template === 'appeal' && email.consentKind === 'APPEALS')).toBe(true);
    expect(emails.find((email) => email.donorId === inSegment.get('Dalia'))?.locale).toBe('ar');

    // Esteban unsubscribes after the fan-out: the outbox skips him at send time.
    await consent('Esteban', false);
    await drain();
    await consent('Esteban', true); // and subscribes again, for the tests below
    expect(fakeRecipients()).toHaveLength(4);
    expect(fakeRecipients().some((to) => /unsubscribed|bounced|elsewhere|esteban/.test(to))).toBe(false);
    const progress = await getAppealSendProgress({ appealId, now: new Date() });
    expect(progress).toMatchObject({
      status: 'SENT',
      recipients: 5,
      queued: 0,
      sent: 4,
      failed: 0,
      skipped: 1,
      skippedNoConsent: 1,
      total: 5,
    });

    // A second run of the job (a retry after the end) and a page read twice add nothing.
    expect(await continueAppealSend({ appealId })).toEqual({ status: 'SENT', queued: 0 });
    await db().appeal.update({ where: { id: appealId }, data: { status: 'SENDING', sendCursor: null } });
    expect(await continueAppealSend({ appealId })).toEqual({ status: 'SENT', queued: 0 });
    expect(await recipients(appealId)).toHaveLength(5);
  });

  it('continues a fan-out that died mid-way after its cursor, each donor once', async () => {
    const appealId = await draft();
    await startAppealSend({ appealId, staffUserId, now: NOW });
    let pages = 0;
    await expect(
      continueAppealSend({
        appealId,
        pageSize: 2,
        afterPage: () => {
          pages += 1;
          if (pages === 2) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await recipients(appealId)).toHaveLength(2); // the first page committed, the second rolled back
    expect(await continueAppealSend({ appealId, pageSize: 2 })).toEqual({ status: 'SENT', queued: 3 });
    expect(await recipients(appealId)).toEqual([...inSegment.values()].sort());
    await drain();
    const sentTo = fakeRecipients();
    expect(sentTo).toHaveLength(5);
    expect(new Set(sentTo).size).toBe(5);
  });

  it('pins the figures when the send begins: a gift after that does not change the email', async () => {
    const appealId = await draft();
    await startAppealSend({ appealId, staffUserId, now: NOW });
    const props = { appealId, donorId: inSegment.get('Amina')! };
    const before = await renderEmail({ template: 'appeal', locale: 'en', props });
    await createDonor({ name: 'Late giver', countryCode: 'US', gifts: [{ on: '2026-03-01', usdMinor: 5_000_000n, projectId }] });
    await refreshSummaries();
    const after = await renderEmail({ template: 'appeal', locale: 'en', props });
    expect(after.html).toBe(before.html);
    // A draft reads them live: the gift shows there.
    const pinned = (await readAppealEmailContent({ appealId }))!.blocks[0]!.figures.fundedUsdMinor;
    const live = (await readAppealEmailContent({ appealId: await draft() }))!.blocks[0]!.figures.fundedUsdMinor;
    expect(live).toBe(pinned + 5_000_000);
  });

  it('schedules a send for a time: nothing is listed until the job runs then', async () => {
    const appealId = await draft();
    const at = new Date('2026-11-21T08:00:00Z');
    expect(await startAppealSend({ appealId, staffUserId, sendAt: at, now: NOW })).toEqual({ ok: true, status: 'SCHEDULED' });
    expect(await db().appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({
      status: 'SCHEDULED',
      scheduledAt: at,
      sentAt: null,
    });
    const [job] = await db().$queryRaw<{ runAt: Date }[]>`
      SELECT run_at AS "runAt" FROM graphile_worker.jobs WHERE key = ${`appeal-send:${appealId}`}`;
    expect(job?.runAt).toEqual(at);
    expect(await recipients(appealId)).toHaveLength(0);
    // The job, at its time: it begins the send (figures pinned then) and fans out.
    expect(await continueAppealSend({ appealId, now: () => at })).toEqual({ status: 'SENT', queued: 5 });
    expect(await db().appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({ sentAt: at });
  });

  it('refuses a send without a saved segment, or of an appeal that is not a draft, changing nothing', async () => {
    const noSegment = await draft({ segmentId: null });
    expect(await startAppealSend({ appealId: noSegment, staffUserId, now: NOW })).toEqual({ ok: false, reason: 'no-segment' });
    expect((await db().appeal.findUniqueOrThrow({ where: { id: noSegment } })).status).toBe('DRAFT');
    const sent = await draft();
    await startAppealSend({ appealId: sent, staffUserId, now: NOW });
    expect(await startAppealSend({ appealId: sent, staffUserId, now: NOW })).toEqual({ ok: false, reason: 'not-draft' });
    expect(await db().auditLog.count({ where: { entityId: sent, action: 'appeal.send' } })).toBe(1);
  });

  it('cancels: a scheduled send never fans out; a running one sends nothing more', async () => {
    const scheduled = await draft();
    await startAppealSend({ appealId: scheduled, staffUserId, sendAt: new Date('2026-11-22T08:00:00Z'), now: NOW });
    expect(await cancelAppealSend({ appealId: scheduled, staffUserId })).toEqual({ ok: true, skipped: 0 });
    expect(await continueAppealSend({ appealId: scheduled })).toEqual({ status: 'CANCELLED', queued: 0 });
    expect(await recipients(scheduled)).toHaveLength(0);

    const running = await draft();
    await startAppealSend({ appealId: running, staffUserId, now: NOW });
    await continueAppealSend({ appealId: running, pageSize: 2 });
    expect(await cancelAppealSend({ appealId: running, staffUserId })).toEqual({ ok: true, skipped: 5 });
    await drain();
    expect(fake.messages()).toHaveLength(0);
    const progress = await getAppealSendProgress({ appealId: running, now: new Date() });
    expect(progress).toMatchObject({ status: 'CANCELLED', sent: 0, skipped: 5, skippedCancelled: 5 });
    expect(await db().auditLog.count({ where: { entityId: running, action: 'appeal.cancel', actorId: staffUserId } })).toBe(1);
    expect(await cancelAppealSend({ appealId: running, staffUserId })).toEqual({ ok: false, reason: 'not-sending' });
  });

  it('works from /staff/appeals/:id: the audience, a refused time, send now, the progress as JSON, cancel', async () => {
    const appealId = await draft();
    const withId = (request: Request) => ({ ...args(request), params: { id: appealId } });
    const post = (fields: Record<string, string>) =>
      new Request(`${ORIGIN}/staff/appeals/${appealId}`, {
        method: 'POST',
        headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const page = unwrap(await editLoader(withId(get(`/staff/appeals/${appealId}`, { cookie })))).data as {
      send: { isDraft: boolean; audience: string };
    };
    expect(page.send).toMatchObject({ isDraft: true, audience: expect.stringContaining('“Kenya”: 5 now') });

    const past = unwrap(await editAction(withId(post({ intent: 'send', when: 'at', sendAt: '2020-01-01T09:00' }))));
    expect(past.status).toBe(400);
    expect(past.data).toMatchObject({ kind: 'send-refused', message: expect.stringContaining('in the future') });
    expect((await db().appeal.findUniqueOrThrow({ where: { id: appealId } })).status).toBe('DRAFT');

    const sent = unwrap(await editAction(withId(post({ intent: 'send', when: 'now' }))));
    expect(sent.data).toEqual({ kind: 'send-done', message: 'The appeal is being sent.' });
    const progress = unwrap(await progressLoader(args(get(`/staff/appeals/progress?appeal=${appealId}`, { cookie })))).data;
    expect(progress).toMatchObject({ status: 'SENDING', recipients: 0, total: 5, isActive: true });
    // An address that names no appeal, or no UUID at all, is a 404, never a database error.
    for (const appeal of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      await expect(progressLoader(args(get(`/staff/appeals/progress?appeal=${appeal}`, { cookie })))).rejects.toMatchObject({
        status: 404,
      });
    }

    const cancelled = unwrap(await editAction(withId(post({ intent: 'cancel' }))));
    expect(cancelled.data).toEqual({ kind: 'send-done', message: 'Send cancelled. Emails not sent: 0.' });
    const after = unwrap(await editLoader(withId(get(`/staff/appeals/${appealId}`, { cookie })))).data as {
      send: { progress: { status: string; isActive: boolean } };
    };
    expect(after.send.progress).toMatchObject({ status: 'CANCELLED', isActive: false });
  });
});
