// The send-email job against the Resend fake: one delivery however often the outbox is drained,
// the provider id recorded, sign-in links scrubbed after sending, a template's headers passed on,
// and the consent log read at send time. (Crashes, 429s, 5xx and refusals: send-email-batch.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { emailRenderer } from '~/email-templates.server.ts';
import { createSendEmailTask } from '~/platform/email/send-email-task.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import type { EmailRenderer } from '~/platform/email/templates.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { startResendFake, type ResendFake } from '../../../fakes/resend.ts';
import { runJobsOnce } from '../../run-jobs-once.ts';

const db = getPrisma();
let fake: ResendFake;

beforeAll(async () => {
  fake = await startResendFake({ apiKey: 're_test_send' });
  // Read by getEnv() on first use, which no code in this file has made yet.
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_send';
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.clear();
  await db.$executeRawUnsafe('TRUNCATE email_outbox CASCADE');
  await db.$executeRawUnsafe('DELETE FROM graphile_worker._private_jobs');
});

/** Sends whatever the outbox holds now, without the provider's pacing. */
const drain = (renderer: EmailRenderer = emailRenderer) => drainOutbox({ renderer, ratePerSecond: 1000 });

const url = 'http://localhost:3000/login/verify?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function enqueue(key: string, locale = 'es') {
  return enqueueEmail({
    db,
    template: 'sign-in-link',
    to: 'staff@example.org',
    locale,
    props: { url, expiresInMinutes: 15 },
    idempotencyKey: key,
  });
}

describe('send-email', () => {
  it('sends once, records the provider id, scrubs the link, and does nothing when run again', async () => {
    const email = await enqueue('sign-in-link:once');
    expect(await drain()).toMatchObject({ sent: 1, batches: 1 });
    expect(await drain()).toMatchObject({ sent: 0, batches: 0 });
    const sent = fake.messages();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: ['staff@example.org'],
      subject: 'Su enlace de acceso al portal de financiación',
      idempotencyKey: expect.stringMatching(/^batch:/), // the batch's key (decision 036)
    });
    expect(sent[0]?.html).toContain(url.replace(/&/g, '&amp;'));
    expect(sent[0]?.text).toContain(url);
    const row = await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row).toMatchObject({ status: 'SENT', providerMessageId: sent[0]?.id, attempts: 0 });
    expect(row.sentAt).not.toBeNull();
    expect(JSON.stringify(row.props)).not.toContain('token=');
  });

  it('sends the headers a template renders (RFC 8058 List-Unsubscribe) to the provider', async () => {
    await enqueue('headers:once');
    const unsubscribe = 'https://funding.example.org/email/unsubscribe/abc.def';
    const withHeaders = {
      render: async (input: Parameters<typeof emailRenderer.render>[0]) => ({
        ...(await emailRenderer.render(input)),
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }),
      redactAfterSend: emailRenderer.redactAfterSend,
    };
    expect(await drain(withHeaders)).toMatchObject({ sent: 1 });
    expect(fake.messages()[0]?.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('is delivered by graphile-worker from the queued job', async () => {
    const email = await db.$transaction((tx) =>
      enqueueEmail({
        db: tx,
        template: 'sign-in-link',
        to: 'worker@example.org',
        locale: 'ar',
        props: { url, expiresInMinutes: 15 },
        idempotencyKey: 'sign-in-link:worker',
      }),
    );
    await runJobsOnce({ 'send-email': createSendEmailTask(emailRenderer) });
    expect(fake.messages()).toEqual([
      expect.objectContaining({ to: ['worker@example.org'], subject: 'رابط تسجيل الدخول إلى بوابة التمويل' }),
    ]);
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).status).toBe('SENT');
    const remaining = await db.$queryRawUnsafe<{ count: bigint }[]>('SELECT count(*) AS count FROM graphile_worker.jobs');
    expect(remaining[0]?.count).toBe(0n);
  });

  it('sends marketing mail only to a donor whose latest consent still grants it, and ignores consent for transactional mail', async () => {
    const donor = await db.donor.create({
      data: { type: 'INDIVIDUAL', displayName: 'Consent Test', email: `consent-${Date.now()}@example.org` },
    });
    const grant = (isGranted: boolean, recordedAt: Date) =>
      db.donorConsent.create({
        data: {
          donorId: donor.id,
          kind: 'IMPACT_REPORTS',
          isGranted,
          wording: 'Email me impact reports',
          locale: 'en',
          source: 'test',
          recordedAt,
        },
      });
    const marketing = (key: string) =>
      enqueueEmail({
        db,
        template: 'sign-in-link',
        to: donor.email!,
        locale: 'en',
        props: { url, expiresInMinutes: 15 },
        idempotencyKey: key,
        donorId: donor.id,
        consentKind: 'IMPACT_REPORTS',
      });

    // Never consented: nothing is sent, the row is kept with the reason.
    const never = await marketing('consent:never');
    expect(await drain()).toMatchObject({ sent: 0, skipped: 1 });

    // Consented, then withdrew after the email was queued: the log at send time decides.
    await grant(true, new Date('2026-01-01T00:00:00Z'));
    await marketing('consent:withdrawn-after-queueing');
    await grant(false, new Date('2026-01-02T00:00:00Z'));
    expect(await drain()).toMatchObject({ sent: 0, skipped: 1 });
    expect(await drain()).toMatchObject({ sent: 0, skipped: 0 });

    // Granted again: sent.
    await grant(true, new Date('2026-01-03T00:00:00Z'));
    await marketing('consent:granted');
    expect(await drain()).toMatchObject({ sent: 1, skipped: 0 });

    // Transactional (no consentKind) goes out whatever the log says.
    await grant(false, new Date('2026-01-04T00:00:00Z'));
    await enqueueEmail({
      db,
      template: 'sign-in-link',
      to: donor.email!,
      locale: 'en',
      props: { url, expiresInMinutes: 15 },
      idempotencyKey: 'consent:transactional',
      donorId: donor.id,
    });
    expect(await drain()).toMatchObject({ sent: 1, skipped: 0 });

    expect(fake.messages()).toHaveLength(2);
    const statuses = await db.emailOutbox.findMany({ select: { idempotencyKey: true, status: true }, orderBy: { idempotencyKey: 'asc' } });
    expect(statuses).toEqual([
      { idempotencyKey: 'consent:granted', status: 'SENT' },
      { idempotencyKey: 'consent:never', status: 'SKIPPED' },
      { idempotencyKey: 'consent:transactional', status: 'SENT' },
      { idempotencyKey: 'consent:withdrawn-after-queueing', status: 'SKIPPED' },
    ]);
    const skipped = await db.emailOutbox.findUniqueOrThrow({ where: { id: never.id } });
    expect(skipped).toMatchObject({ status: 'SKIPPED', lastError: 'no IMPACT_REPORTS consent at send time', sentAt: null });
  });
});
