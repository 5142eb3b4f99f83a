// Two web processes and one worker on one PostgreSQL (WEB_CONCURRENCY=2, docs/decisions/024): the
// built server is started as it runs in production; a pledge burst and a webhook storm are spread
// over both web processes (each response names its process), and every Stripe event, payment and
// email takes effect exactly once; a client's pledge limit holds whichever process answers.
// Needs the production build (`npm test` builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { startResendFake, type ResendFake } from '../../fakes/resend.ts';
import { signatureHeader, startStripeEmulator, type StripeEmulator } from '../../fakes/stripe.ts';

const SECRET = 'whsec_test_web_processes';
const PLEDGES = 10;
let origin = '';
let portal: ChildProcess;
let emulator: StripeEmulator;
let mail: ResendFake;
let output = '';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `check` until it returns true (a wait for asynchronous work, not a timing assertion). */
async function until(what: string, check: () => Promise<boolean>, limitMs = 90_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}\n${output.slice(-3000)}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

beforeAll(async () => {
  if (!existsSync('build/server/index.js')) throw new Error('this test needs the production build: run `npm run build`');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  emulator = await startStripeEmulator({ webhookSecret: SECRET, webhookUrl: `${origin}/webhooks/stripe`, retryBaseMs: 200 });
  mail = await startResendFake();
  portal = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      WEB_CONCURRENCY: '2',
      WORKER_MODE: 'inline',
      WORKER_CONCURRENCY: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ORIGIN: origin,
      PORTAL_MODE: 'demo',
      DATABASE_URL: process.env.DATABASE_URL,
      STRIPE_API_BASE: emulator.url,
      STRIPE_SECRET_KEY: 'sk_test_web_processes',
      STRIPE_WEBHOOK_SECRET: SECRET,
      RESEND_BASE_URL: mail.url,
      RESEND_API_KEY: 're_test_web_processes',
      PLEDGE_RATE_LIMIT: String(PLEDGES),
      WRITE_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  portal.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  portal.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Both web processes listen when two of them have said so.
  await until('two web processes ready', async () => (output.match(/\[portal\] ready on/g) ?? []).length >= 2, 120_000);
}, 150_000);

afterAll(async () => {
  if (portal && portal.exitCode === null) {
    const exited = new Promise((done) => portal.once('exit', done));
    portal.kill('SIGTERM');
    await exited;
  }
  await emulator?.close();
  await mail?.close();
}, 60_000);

interface Answer {
  status: number;
  ok: boolean;
  headers: Headers;
}

// Each request on a connection of its own (no keep-alive agent): node:cluster hands new connections
// to the web processes in turn, so a burst is spread over both. fetch's keep-alive pool reused
// connections of one process for the later requests, and which ones it reused was chance.
function post(path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${origin}${path}`, { method: 'POST', agent: false, headers }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => {
        const answer = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') answer.set(name, value);
        const status = incoming.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: answer });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function give(index: number) {
  const form = new URLSearchParams({
    amount: String(20 + index),
    currency: 'USD',
    frequency: 'once',
    method: 'card',
    earmark: 'general',
    donorType: 'individual',
    givenName: 'Burst',
    familyName: `Donor ${index}`,
    email: `burst-${index}@example.org`,
  });
  return post('/give', form.toString(), { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' });
}

describe('two web processes and one worker on one PostgreSQL', () => {
  it('applies a pledge burst and a webhook storm exactly once, and one client limit holds across processes', async () => {
    const db = getPrisma();
    const before = { payments: await db.payment.count(), emails: await db.emailOutbox.count() };

    // A pledge burst: the first PLEDGE_RATE_LIMIT pledges from one client start Checkout, spread over both processes.
    const burst = await Promise.all(Array.from({ length: PLEDGES }, (_, index) => give(index)));
    expect(burst.map((response) => response.status)).toEqual(Array(PLEDGES).fill(303));
    expect(new Set(burst.map((response) => response.headers.get('x-web-process')))).toEqual(new Set(['1', '2']));
    // The same client's next pledges are refused by whichever process answers (in-process counts allowed ~2×).
    const over = await Promise.all([give(100), give(101), give(102), give(103)]);
    expect(
      over.map((response) => response.status),
      output.slice(-3000),
    ).toEqual([429, 429, 429, 429]);
    expect(new Set(over.map((response) => response.headers.get('x-web-process')))).toEqual(new Set(['1', '2']));

    // Each Checkout is paid; the emulator delivers its events to the portal.
    const sessionIds = burst.map((response) => /cs_[A-Za-z0-9_]+/.exec(response.headers.get('location') ?? '')?.[0] ?? '');
    expect(new Set(sessionIds).size).toBe(PLEDGES);
    for (const sessionId of sessionIds) await emulator.payCheckoutSession(sessionId, { card: '4242424242424242' });
    await emulator.waitForDeliveries();

    // A webhook storm: every event delivered three more times at once, over both processes.
    const events = emulator.events();
    const storm = await Promise.all(
      events.flatMap((event) =>
        [1, 2, 3].map(() => {
          const payload = JSON.stringify(event);
          return post('/webhooks/stripe', payload, {
            'Content-Type': 'application/json',
            'Stripe-Signature': signatureHeader(payload, SECRET, Math.floor(Date.now() / 1000)),
          });
        }),
      ),
    );
    expect(storm.every((response) => response.ok)).toBe(true);
    expect(new Set(storm.map((response) => response.headers.get('x-web-process')))).toEqual(new Set(['1', '2']));

    // The one worker applies every event once: one payment per pledge, one receipt per payment, sent once.
    const pledgeIds = (
      await db.checkoutSession.findMany({ where: { stripeSessionId: { in: sessionIds } }, select: { pledgeId: true } })
    ).map((session) => session.pledgeId);
    expect(pledgeIds).toHaveLength(PLEDGES);
    await until('every payment recorded', async () => (await db.payment.count({ where: { pledgeId: { in: pledgeIds } } })) >= PLEDGES);
    await until('the inbox drained', async () => (await db.stripeEventInbox.count()) === 0);
    await until('every email sent', async () => (await db.emailOutbox.count({ where: { status: { not: 'SENT' } } })) === 0);

    const payments = await db.payment.groupBy({ by: ['pledgeId'], where: { pledgeId: { in: pledgeIds } }, _count: true });
    expect(payments.map((row) => row._count)).toEqual(Array(PLEDGES).fill(1));
    expect(await db.payment.count()).toBe(before.payments + PLEDGES);
    const processed = await db.processedWebhookEvent.findMany({ where: { id: { in: events.map((event) => event.id) } } });
    expect(processed.map((row) => row.id).sort()).toEqual(events.map((event) => event.id).sort());

    const outbox = await db.emailOutbox.findMany({ where: { toAddress: { startsWith: 'burst-' } } });
    const sent = mail.messages().filter((message) => message.to.some((to) => to.startsWith('burst-')));
    expect(outbox.length).toBeGreaterThanOrEqual(PLEDGES);
    expect(sent).toHaveLength(outbox.length); // each outbox row reached the provider once
    // Emails share their batch's key (decision 036): each row points at its own provider message.
    expect(new Set(outbox.map((row) => row.providerMessageId))).toEqual(new Set(sent.map((message) => message.id)));
    expect(new Set(sent.map((message) => message.id)).size).toBe(outbox.length);
    for (let index = 0; index < PLEDGES; index += 1) {
      const to = `burst-${index}@example.org`;
      const receipts = outbox.filter((row) => row.toAddress === to && /receipt/i.test(row.template));
      expect(receipts, to).toHaveLength(1);
    }
    expect(await db.emailOutbox.count()).toBe(before.emails + outbox.length);
  }, 240_000);
});
