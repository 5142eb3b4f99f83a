// The outbox drained through Resend's batch endpoint (the fake, at Resend's 2 requests/s): ≤ 100
// rows a call under the batch's idempotency key, 429 waited out, 5xx retried, a crash between
// "sent" and "marked" resent as the same batch (no new message), consent and suppression checked
// before a batch leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailRenderer } from '~/email-templates.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import { markBatchSent } from '~/platform/email/outbox-batch-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { startResendFake, type ResendFake } from '../../../fakes/resend.ts';

const db = getPrisma();
let fake: ResendFake;

beforeAll(async () => {
  fake = await startResendFake({ apiKey: 're_test_batch' }); // Resend's default limit: 2 requests/s
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_batch';
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.clear();
  await db.$executeRawUnsafe('TRUNCATE email_outbox, email_suppressions CASCADE');
});

const createdAt = new Date('2026-11-02T09:00:00Z');
const url = 'http://localhost:3000/login/verify?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

async function pending(count: number, { prefix = 'row', to = (i: number) => `donor-${i}@example.org` } = {}) {
  await db.emailOutbox.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      template: 'sign-in-link',
      toAddress: to(i),
      locale: 'en',
      props: { url, expiresInMinutes: 15 },
      idempotencyKey: `${prefix}:${i}`,
      createdAt: new Date(createdAt.getTime() + i),
    })),
  });
}

const rows = () => db.emailOutbox.findMany({ orderBy: { createdAt: 'asc' } });

function recordingSleep(real = false) {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      if (real) await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}

describe('drainOutbox', () => {
  it('sends 250 pending rows in 3 batch calls and records each provider id', async () => {
    await pending(250);
    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 2 });
    expect(result).toEqual({ batches: 3, sent: 250, skipped: 0, failed: 0, hasMore: false });
    expect(fake.counts()).toMatchObject({ batches: 3, emails: 0, rateLimited: 0 });
    const messages = fake.messages();
    expect(messages).toHaveLength(250);
    expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(3);
    expect(messages.filter((m) => m.batchIndex === 99)).toHaveLength(2);
    const idByAddress = new Map(messages.map((m) => [m.to[0], m.id]));
    for (const row of await rows()) {
      expect(row).toMatchObject({ status: 'SENT', providerMessageId: idByAddress.get(row.toAddress), attempts: 0 });
      expect(JSON.stringify(row.props)).not.toContain('token='); // the sign-in link is scrubbed once sent
    }
  });

  it('starts no call within a second of the answer to the call the limit ago (a late arrival cannot share its second)', async () => {
    await pending(250);
    const calls: { startedAt: number; answeredAt: number }[] = [];
    // A provider that answers 300 ms after each call: pacing by start alone would begin the third
    // call 1,050 ms after the first began, 750 ms after the first was answered (and maybe counted).
    const send = async ({ emails }: { emails: unknown[] }) => {
      const startedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      calls.push({ startedAt, answeredAt: Date.now() });
      return emails.map((_, index) => `slow-${calls.length}-${index}`);
    };
    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 2, send });
    expect(result).toMatchObject({ batches: 3, sent: 250 });
    expect(calls).toHaveLength(3);
    expect(calls[2]!.startedAt - calls[0]!.answeredAt).toBeGreaterThanOrEqual(1000);
    expect(calls[1]!.startedAt - calls[0]!.startedAt).toBeGreaterThanOrEqual(525);
  });

  it('waits out a 429 for its retry-after and then sends everything once', async () => {
    await pending(250);
    // The fake answers the first call as its rate limit does (429, retry-after: 1); whatever
    // else the real 2 requests/s refuses is waited out the same way.
    fake.failNext(1, 429);
    const { waits, sleep } = recordingSleep(true);
    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, sleep });
    expect(result.sent).toBe(250);
    expect(fake.counts().rateLimited).toBeGreaterThanOrEqual(1);
    expect(waits).toContain(1000); // retry-after: 1
    expect(fake.messages()).toHaveLength(250);
    expect((await rows()).every((row) => row.status === 'SENT')).toBe(true);
  });

  it('backs off exponentially on 5xx and sends the same batch', async () => {
    await pending(3);
    fake.failNext(2, 502);
    const { waits, sleep } = recordingSleep(true);
    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, sleep });
    expect(result.sent).toBe(3);
    // 250 ms, then 500 ms (a third call inside the same second may also wait out a 429 of 1 s)
    expect(waits.filter((ms) => ms >= 100 && ms !== 1000)).toEqual([250, 500]); // (pacing waits are a few ms)
    expect(fake.counts()).toMatchObject({ failed: 2, batches: 1 });
  });

  it('after its retries fails the attempt, counts it on the rows, and resumes the same batch next time', async () => {
    await pending(3);
    fake.failNext(3, 500);
    const { sleep } = recordingSleep(true);
    await expect(drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, sleep, maxTransientRetries: 2 })).rejects.toThrow(
      /unexpected error/,
    );
    const failed = await rows();
    expect(failed.every((row) => row.status === 'PENDING' && row.attempts === 1 && row.batchId === failed[0]?.batchId)).toBe(true);
    expect(await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, sleep })).toMatchObject({ sent: 3, batches: 1 });
    expect(fake.messages().map((m) => m.idempotencyKey)).toEqual(Array(3).fill(`batch:${failed[0]?.batchId}`));
  });

  it('does not send again when the process dies between "sent" and "marked sent"', async () => {
    await pending(120);
    const crash: typeof markBatchSent = async () => {
      throw new Error('connection lost after send');
    };
    await expect(drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, markSent: crash })).rejects.toThrow('connection lost');
    expect(fake.messages()).toHaveLength(100);
    const afterCrash = await rows();
    expect(afterCrash.filter((row) => row.batchId !== null)).toHaveLength(100);
    expect(afterCrash.every((row) => row.status === 'PENDING')).toBe(true);

    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 2 });
    expect(result).toMatchObject({ batches: 2, sent: 120 });
    // The resumed batch was answered from the idempotency key: 100 + the last 20, nothing twice.
    expect(fake.messages()).toHaveLength(120);
    expect(fake.counts().batches).toBe(3);
    const idByAddress = new Map(fake.messages().map((m) => [m.to[0], m.id]));
    for (const row of await rows()) expect(row).toMatchObject({ status: 'SENT', providerMessageId: idByAddress.get(row.toAddress) });
  });

  it('fails the rows of a batch the provider refuses (4xx), and a malformed address alone before the call', async () => {
    await pending(3, { to: (i) => (i === 1 ? 'not-an-address' : `donor-${i}@example.org`) });
    expect(await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000 })).toMatchObject({ sent: 2, failed: 1 });
    expect((await rows()).map((row) => row.status)).toEqual(['SENT', 'FAILED', 'SENT']);

    await pending(2, { prefix: 'refused' });
    fake.failNext(1, 422);
    expect(await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000 })).toMatchObject({ sent: 0, failed: 2 });
    const refused = (await rows()).filter((row) => row.idempotencyKey.startsWith('refused'));
    expect(refused.map((row) => [row.status, row.lastError])).toEqual(Array(2).fill(['FAILED', expect.stringContaining('refused')]));
    expect(fake.messages()).toHaveLength(2);
  });

  it('takes consent and suppression out of the batch before it is sent, and sends transactional mail first', async () => {
    const donor = await db.donor.create({
      data: { type: 'INDIVIDUAL', displayName: 'Batch Consent', email: `batch-consent-${createdAt.getTime()}@example.org` },
    });
    await db.donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'IMPACT_REPORTS',
        isGranted: false,
        wording: 'Email me impact reports',
        locale: 'en',
        source: 'test',
        recordedAt: createdAt,
      },
    });
    await db.emailSuppression.create({ data: { address: 'gone@example.org', reason: 'HARD_BOUNCE' } });
    const base = { template: 'sign-in-link', locale: 'en', props: { url, expiresInMinutes: 15 } };
    await db.emailOutbox.createMany({
      data: [
        { ...base, toAddress: donor.email!, idempotencyKey: 'm:withdrawn', donorId: donor.id, consentKind: 'IMPACT_REPORTS', createdAt },
        { ...base, toAddress: 'Gone@Example.org', idempotencyKey: 't:suppressed', createdAt: new Date(createdAt.getTime() + 1) },
        { ...base, toAddress: 'ok@example.org', idempotencyKey: 't:ok', createdAt: new Date(createdAt.getTime() + 2) },
      ],
    });
    const result = await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, batchSize: 100 });
    expect(result).toMatchObject({ sent: 1, skipped: 2, batches: 1 });
    expect(fake.messages().map((m) => m.to)).toEqual([['ok@example.org']]);
    const byKey = new Map((await rows()).map((row) => [row.idempotencyKey, row]));
    expect(byKey.get('m:withdrawn')).toMatchObject({ status: 'SKIPPED', skipReason: 'NO_CONSENT', batchId: null });
    expect(byKey.get('t:suppressed')).toMatchObject({ status: 'SKIPPED', skipReason: 'SUPPRESSED', batchId: null });
  });

  it('puts transactional mail (sign-in links, receipts) ahead of older marketing mail', async () => {
    const donor = await db.donor.create({
      data: { type: 'INDIVIDUAL', displayName: 'Order', email: `order-${createdAt.getTime()}@example.org` },
    });
    await db.donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'IMPACT_REPORTS',
        isGranted: true,
        wording: 'Email me impact reports',
        locale: 'en',
        source: 'test',
        recordedAt: createdAt,
      },
    });
    const base = { template: 'sign-in-link', locale: 'en', props: { url, expiresInMinutes: 15 } };
    await db.emailOutbox.createMany({
      data: [
        {
          ...base,
          toAddress: 'report@example.org',
          idempotencyKey: 'm:report',
          donorId: donor.id,
          consentKind: 'IMPACT_REPORTS',
          createdAt,
        },
        { ...base, toAddress: 'link@example.org', idempotencyKey: 't:link', createdAt: new Date(createdAt.getTime() + 60_000) },
      ],
    });
    await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000, batchSize: 1 });
    expect(fake.messages().map((m) => m.to[0])).toEqual(['link@example.org', 'report@example.org']);
  });
});
