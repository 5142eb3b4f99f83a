// POST /webhooks/resend: a Svix signature checked on the raw body with five minutes' tolerance,
// each event recorded once (by svix-id), and hard bounces and complaints suppressing the address
// so that the next email to it is SKIPPED — end to end through the Resend fake's own webhooks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { action } from '~/routes/webhooks.resend.ts';
import { emailRenderer } from '~/email-templates.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { drainOutbox } from '~/platform/email/send-email-batch.server.ts';
import { DEMO_RESEND_WEBHOOK_SECRET } from '~/platform/env.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { startResendFake, type ResendFake } from '../../../fakes/resend.ts';
import { eventPayload, svixHeaders } from '../../../fakes/resend-webhooks.ts';

const db = getPrisma();
const now = new Date('2026-11-02T09:00:00Z');
let fake: ResendFake;
let receiver: Server;

function post(body: string, headers: Record<string, string>) {
  const request = new Request('http://localhost:3000/webhooks/resend', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return action({ request, params: {}, context: { cspNonce: 'test-nonce' } });
}

beforeAll(async () => {
  // The route, served on 127.0.0.1 for the fake to post its signed events to.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([key, value]) => [key, String(value)]));
      void post(body, headers).then(async (response) => res.writeHead(response.status).end(await response.text()));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  fake = await startResendFake({
    rateLimitPerSecond: null,
    webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/resend`, secret: DEMO_RESEND_WEBHOOK_SECRET },
  });
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_test_webhook';
});
afterAll(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(async () => {
  fake.clear();
  await db.$executeRawUnsafe('TRUNCATE email_outbox, email_events, email_suppressions CASCADE');
});

describe('POST /webhooks/resend signatures (fixed clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());

  const email = {
    id: '4ef9a417-02e9-4d39-ad75-9611e0fcc33c',
    from: 'p@example.org',
    to: ['donor@example.org'],
    subject: 'Hi',
    created_at: now.toISOString(),
  };
  const delivered = JSON.stringify(eventPayload('email.delivered', email, now));
  const events = () => db.emailEvent.findMany();

  it('records a correctly signed event and links it to the outbox row by provider id', async () => {
    const row = await db.emailOutbox.create({
      data: {
        template: 'sign-in-link',
        toAddress: 'donor@example.org',
        locale: 'en',
        props: {},
        idempotencyKey: 'w:1',
        status: 'SENT',
        providerMessageId: email.id,
      },
    });
    const response = await post(
      delivered,
      svixHeaders({ secret: DEMO_RESEND_WEBHOOK_SECRET, payload: delivered, at: now, id: 'msg_good' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect(await events()).toEqual([
      expect.objectContaining({ id: 'msg_good', type: 'email.delivered', providerMessageId: email.id, emailId: row.id, occurredAt: now }),
    ]);
    expect((await db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).deliveryOutcome).toBe('DELIVERED');
  });

  it('refuses a wrong signature, a tampered body and a missing header, recording nothing', async () => {
    const otherSecret = `whsec_${Buffer.from('someone-elses-secret-0123456789ab').toString('base64')}`;
    expect((await post(delivered, svixHeaders({ secret: otherSecret, payload: delivered, at: now }))).status).toBe(400);
    const signed = svixHeaders({ secret: DEMO_RESEND_WEBHOOK_SECRET, payload: delivered, at: now });
    expect((await post(delivered.replace('delivered', 'bounced'), signed)).status).toBe(400);
    const { 'svix-signature': _dropped, ...unsigned } = signed;
    expect((await post(delivered, unsigned)).status).toBe(400);
    expect(await events()).toEqual([]);
  });

  it('refuses a signature more than five minutes old (or ahead), and accepts one within', async () => {
    const at = (seconds: number) =>
      svixHeaders({ secret: DEMO_RESEND_WEBHOOK_SECRET, payload: delivered, at: new Date(now.getTime() + seconds * 1000) });
    expect((await post(delivered, at(-301))).status).toBe(400);
    expect((await post(delivered, at(301))).status).toBe(400);
    expect(await events()).toEqual([]);
    expect((await post(delivered, at(-299))).status).toBe(200);
    expect(await events()).toHaveLength(1);
  });

  it('records a replayed delivery once', async () => {
    const headers = svixHeaders({ secret: DEMO_RESEND_WEBHOOK_SECRET, payload: delivered, at: now, id: 'msg_replayed' });
    expect(await (await post(delivered, headers)).json()).toEqual({ received: true });
    expect(await (await post(delivered, headers)).json()).toEqual({ received: true, duplicate: true });
    expect(await events()).toHaveLength(1);
  });
});

describe('bounces and complaints from the fake', () => {
  async function sendTo(address: string, key: string) {
    const row = await enqueueEmail({
      db,
      template: 'sign-in-link',
      to: address,
      locale: 'en',
      props: { url: 'http://localhost:3000/x', expiresInMinutes: 15 },
      idempotencyKey: key,
    });
    await drainOutbox({ renderer: emailRenderer, ratePerSecond: 1000 });
    await fake.flushWebhooks();
    return db.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
  }

  it('suppresses a hard-bounced address, and the next email to it is SKIPPED unsent', async () => {
    const first = await sendTo('Bounced+Donor-1@resend.dev', 'bounce:1');
    expect(first).toMatchObject({ status: 'SENT', deliveryOutcome: 'BOUNCED' });
    expect(await db.emailSuppression.findMany()).toEqual([
      expect.objectContaining({ address: 'bounced+donor-1@resend.dev', reason: 'HARD_BOUNCE' }),
    ]);
    expect((await db.emailEvent.findMany({ orderBy: { receivedAt: 'asc' } })).map((event) => event.type).sort()).toEqual([
      'email.bounced',
      'email.sent',
    ]);

    const second = await sendTo('bounced+donor-1@resend.dev', 'bounce:2');
    expect(second).toMatchObject({ status: 'SKIPPED', skipReason: 'SUPPRESSED', sentAt: null });
    expect(fake.messages()).toHaveLength(1);
  });

  it('suppresses an address that complained; a delivered one stays open', async () => {
    expect(await sendTo('complained@resend.dev', 'complaint:1')).toMatchObject({ status: 'SENT', deliveryOutcome: 'COMPLAINED' });
    expect(await sendTo('fine@example.org', 'fine:1')).toMatchObject({ status: 'SENT', deliveryOutcome: 'DELIVERED' });
    expect((await db.emailSuppression.findMany()).map((row) => [row.address, row.reason])).toEqual([
      ['complained@resend.dev', 'COMPLAINT'],
    ]);
    expect(await sendTo('complained@resend.dev', 'complaint:2')).toMatchObject({ status: 'SKIPPED', skipReason: 'SUPPRESSED' });
  });
});
