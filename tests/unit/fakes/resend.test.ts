// The Resend fake speaks the API the real SDK expects, including Idempotency-Key semantics.
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';

let fake: ResendFake;
let resend: Resend;
const message = { from: 'Portal <no-reply@example.org>', to: 'donor@example.org', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' };

beforeAll(async () => {
  fake = await startResendFake();
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
    const strict = await startResendFake({ apiKey: 're_right' });
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
