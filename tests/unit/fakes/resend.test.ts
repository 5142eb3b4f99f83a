// The Resend fake speaks the API the real SDK expects, including Idempotency-Key semantics.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { eventsFor } from '../../fakes/resend-webhooks.ts';

let fake: ResendFake;
let resend: Resend;
const message = { from: 'Portal <no-reply@example.org>', to: 'donor@example.org', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' };

beforeAll(async () => {
  // These tests send quickly; the rate limit has its own tests below.
  fake = await startResendFake({ rateLimitPerSecond: null });
  resend = new Resend('re_test_key', { baseUrl: fake.url });
});
afterAll(() => fake.close());
beforeEach(() => fake.clear());

async function raw(path: string, init: RequestInit = {}) {
  const response = await fetch(`${fake.url}${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Resend fake', () => {
  it('listens on 127.0.0.1 and accepts a send from the real SDK', async () => {
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}`);
    const { data, error } = await resend.emails.send(message);
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fake.messages()).toEqual([
      expect.objectContaining({ id: data?.id, to: ['donor@example.org'], subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' }),
    ]);
    const fetched = await resend.emails.get(data?.id ?? '');
    expect(fetched.data).toMatchObject({
      object: 'email',
      id: data?.id,
      to: ['donor@example.org'],
      from: message.from,
      subject: 'Hello',
      last_event: 'delivered',
    });
  });

  it('returns Resend-shaped errors for missing auth, missing fields and unknown ids', async () => {
    const noAuth = await raw('/emails', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) });
    expect(noAuth).toEqual({ status: 401, body: { statusCode: 401, name: 'missing_api_key', message: expect.any(String) } });
    const { error } = await resend.emails.send({ ...message, to: '' });
    expect(error).toEqual({ statusCode: 422, name: 'missing_required_field', message: 'Missing `to` field.' });
    const missing = await resend.emails.get('00000000-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ statusCode: 404, name: 'not_found' });
    expect(fake.messages()).toHaveLength(0);
  });

  it('checks the key when one is configured', async () => {
    const strict = await startResendFake({ apiKey: 're_right', rateLimitPerSecond: null });
    try {
      const wrong = await new Resend('re_wrong', { baseUrl: strict.url }).emails.send(message);
      expect(wrong.error).toMatchObject({ statusCode: 403, name: 'invalid_api_key' });
      const right = await new Resend('re_right', { baseUrl: strict.url }).emails.send(message);
      expect(right.error).toBeNull();
    } finally {
      await strict.close();
    }
  });

  it('honours Idempotency-Key: same body → same id and one message; different body → 409', async () => {
    const first = await resend.emails.send(message, { idempotencyKey: 'k-1' });
    const second = await resend.emails.send(message, { idempotencyKey: 'k-1' });
    expect(second.data?.id).toBe(first.data?.id);
    expect(fake.messages()).toHaveLength(1);
    const conflict = await resend.emails.send({ ...message, subject: 'Changed' }, { idempotencyKey: 'k-1' });
    expect(conflict.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    const other = await resend.emails.send(message, { idempotencyKey: 'k-2' });
    expect(other.data?.id).not.toBe(first.data?.id);
    expect(fake.messages()).toHaveLength(2);
  });

  it('shows messages newest first on an escaped HTML page and as JSON', async () => {
    await resend.emails.send({ ...message, subject: 'First' });
    const evil = await resend.emails.send({
      ...message,
      subject: '<script>alert(1)</script>',
      html: '<p onclick="x()">"quoted"</p>',
      text: 'Go to http://localhost:3000/login/verify?token=abc',
    });
    const page = await fetch(`${fake.url}/`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.indexOf('&lt;script&gt;')).toBeLessThan(html.indexOf('First'));
    expect(html).toContain(`/messages/${evil.data?.id}`);

    const view = await (await fetch(`${fake.url}/messages/${evil.data?.id}`)).text();
    expect(view).toContain('sandbox=');
    const body = await fetch(`${fake.url}/messages/${evil.data?.id}/html`);
    expect(body.headers.get('content-security-policy')).toMatch(/^sandbox /);
    expect(await body.text()).toBe('<p onclick="x()">"quoted"</p>');
    expect(view).not.toContain('<p onclick');
    expect(view).toContain('href="http://localhost:3000/login/verify?token=abc"');

    const json = await raw('/messages.json');
    expect((json.body.data as { subject: string }[]).map((m) => m.subject)).toEqual(['<script>alert(1)</script>', 'First']);
  });
});

describe('Resend fake: batch endpoint', () => {
  const batch = (n: number, subject = 'Batch') =>
    Array.from({ length: n }, (_, i) => ({ ...message, to: `donor-${i}@example.org`, subject: `${subject} ${i}` }));

  it('sends up to 100 emails in one call and answers their ids in order', async () => {
    const { data, error } = await resend.batch.send(batch(3));
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(3);
    expect(fake.messages().map((m) => ({ id: m.id, to: m.to, batchIndex: m.batchIndex }))).toEqual(
      data?.data.map((item, i) => ({ id: item.id, to: [`donor-${i}@example.org`], batchIndex: i })),
    );
    expect(fake.counts()).toMatchObject({ batches: 1, emails: 0 });
  });

  it('replays the same ids for the same key and payload, and answers 409 for another payload under that key', async () => {
    const first = await resend.batch.send(batch(2), { idempotencyKey: 'batch:1' });
    const again = await resend.batch.send(batch(2), { idempotencyKey: 'batch:1' });
    expect(again.data?.data).toEqual(first.data?.data);
    expect(fake.messages()).toHaveLength(2);
    const other = await resend.batch.send(batch(2, 'Changed'), { idempotencyKey: 'batch:1' });
    expect(other.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(fake.messages()).toHaveLength(2);
  });

  it('refuses a whole batch when one email is invalid, or when it holds more than 100', async () => {
    const withBad = [...batch(2), { ...message, to: 'not-an-address' }];
    const bad = await resend.batch.send(withBad);
    expect(bad.error).toMatchObject({
      statusCode: 422,
      name: 'validation_error',
      message: expect.stringMatching(/^emails\[2\]: Invalid `to` field/),
    });
    const tooMany = await resend.batch.send(batch(101));
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: 'validation_error', message: expect.stringContaining('maximum is 100') });
    expect(fake.messages()).toHaveLength(0);
  });

  it('tells onBatchAccepted of a batch it records, before answering, and not of a replay', async () => {
    const seen: { to: string[]; answered: number }[][] = [];
    let answered = 0;
    const watched = await startResendFake({
      rateLimitPerSecond: null,
      onBatchAccepted: (emails) => seen.push(emails.map((email) => ({ to: email.to, answered }))),
    });
    try {
      const client = new Resend('re_test_key', { baseUrl: watched.url });
      for (let i = 0; i < 2; i += 1) {
        await client.batch.send(batch(2), { idempotencyKey: 'batch:hook' });
        answered += 1;
      }
      expect(seen).toEqual([
        [
          { to: ['donor-0@example.org'], answered: 0 },
          { to: ['donor-1@example.org'], answered: 0 },
        ],
      ]);
      expect(watched.counts()).toMatchObject({ batches: 2 });
    } finally {
      await watched.close();
    }
  });

  it("answers injected failures as Resend's 5xx", async () => {
    fake.failNext(1, 503);
    const failed = await resend.batch.send(batch(1));
    expect(failed.error).toMatchObject({ statusCode: 503, name: 'internal_server_error' });
    expect((await resend.batch.send(batch(1))).error).toBeNull();
    expect(fake.counts()).toMatchObject({ failed: 1, batches: 1 });
  });
});

describe('Resend fake: rate limit', () => {
  it('allows 2 calls a second across endpoints and answers the third 429 with retry-after and ratelimit headers', async () => {
    const limited = await startResendFake();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${limited.url}${path}`, {
          method: 'POST',
          headers: { Authorization: 'Bearer re_x', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const one = await post('/emails', message);
      expect(one.status).toBe(200);
      expect(one.headers.get('ratelimit-limit')).toBe('2');
      expect(one.headers.get('ratelimit-remaining')).toBe('1');
      expect((await post('/emails/batch', [message])).status).toBe(200);
      const refused = await post('/emails', message);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('ratelimit-remaining')).toBe('0');
      expect(refused.headers.get('ratelimit-reset')).toBe('1');
      expect(await refused.json()).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
      expect(limited.messages()).toHaveLength(2);
      expect(limited.counts().rateLimited).toBe(1);
    } finally {
      await limited.close();
    }
  });
});

describe('Resend fake: webhooks', () => {
  it("mirrors Resend's test addresses", () => {
    expect(eventsFor('someone@example.org')).toEqual(['email.sent', 'email.delivered']);
    expect(eventsFor('bounced@resend.dev')).toEqual(['email.sent', 'email.bounced']);
    expect(eventsFor('bounced+donor-7@resend.dev')).toEqual(['email.sent', 'email.bounced']);
    expect(eventsFor('complained@resend.dev')).toEqual(['email.sent', 'email.delivered', 'email.complained']);
    expect(eventsFor('bounced@example.org')).toEqual(['email.sent', 'email.delivered']);
  });

  it('posts Svix-signed events that the resend SDK verifies', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const secret = `whsec_${Buffer.from('a-test-secret-of-32-bytes-length').toString('base64')}`;
    const withHooks = await startResendFake({
      rateLimitPerSecond: null,
      webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret },
    });
    try {
      const client = new Resend('re_x', { baseUrl: withHooks.url });
      const { data } = await client.batch.send([
        { ...message, to: 'bounced@resend.dev' },
        { ...message, to: 'complained@resend.dev' },
      ]);
      await withHooks.flushWebhooks();
      const events = received.map(({ headers, body }) =>
        client.webhooks.verify({
          payload: body,
          headers: {
            id: String(headers['svix-id']),
            timestamp: String(headers['svix-timestamp']),
            signature: String(headers['svix-signature']),
          },
          webhookSecret: secret,
        }),
      );
      const [bounced, complained] = data?.data ?? [];
      expect(events.map((event) => [event.type, 'email_id' in event.data ? event.data.email_id : null])).toEqual([
        ['email.sent', bounced?.id],
        ['email.bounced', bounced?.id],
        ['email.sent', complained?.id],
        ['email.delivered', complained?.id],
        ['email.complained', complained?.id],
      ]);
      expect(events[1]).toMatchObject({ data: { to: ['bounced@resend.dev'], bounce: { type: 'Permanent' } } });
      expect(() =>
        client.webhooks.verify({
          payload: received[0]!.body.replace('email.sent', 'email.opened'),
          headers: {
            id: String(received[0]!.headers['svix-id']),
            timestamp: String(received[0]!.headers['svix-timestamp']),
            signature: String(received[0]!.headers['svix-signature']),
          },
          webhookSecret: secret,
        }),
      ).toThrow();
      expect(withHooks.webhookDeliveries().every((delivery) => delivery.status === 200)).toBe(true);
    } finally {
      await withHooks.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
