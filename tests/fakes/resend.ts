// A local stand-in for Resend's HTTP API (POST /emails, POST /emails/batch, GET /emails/:id), with
// the same request and response shapes the `resend` SDK uses, including Idempotency-Key handling,
// Resend's team rate limit (default 2 requests/s, answered 429 with retry-after and ratelimit-*
// headers) and Svix-signed webhooks (resend-webhooks.ts). It records every message and shows them
// on a small page (GET /) for demos. Loaded by tests and by server.ts in demo mode, never by app
// code. Standalone: `tsx tests/fakes/resend.ts` (RESEND_FAKE_PORT or 3025).
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createWebhookSender, type FakeWebhookDelivery, type WebhookTarget } from './resend-webhooks.ts';

export interface FakeEmail {
  id: string;
  from: string;
  to: string[];
  cc: string[] | null;
  bcc: string[] | null;
  reply_to: string[] | null;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  tags: { name: string; value: string }[] | null;
  idempotencyKey: string | null;
  /** The message's place in its POST /emails/batch call; null for POST /emails. */
  batchIndex: number | null;
  created_at: string;
}

export interface FakeRequestCounts {
  /** POST /emails calls answered 200 (replays included). */
  emails: number;
  /** POST /emails/batch calls answered 200 (replays included). */
  batches: number;
  /** Calls refused with 429. */
  rateLimited: number;
  /** Calls answered with an injected failure (failNext). */
  failed: number;
}

export interface ResendFake {
  url: string;
  port: number;
  /** Received messages, oldest first. */
  messages(): FakeEmail[];
  /** API calls so far, by outcome. */
  counts(): FakeRequestCounts;
  /** The next `count` API calls answer `statusCode` (500 by default; 429 as the rate limit does) without doing anything. */
  failNext(count: number, statusCode?: number): void;
  /** Webhook events posted so far. */
  webhookDeliveries(): FakeWebhookDelivery[];
  /** Settles once every queued webhook event has been posted. */
  flushWebhooks(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

export interface ResendFakeOptions {
  port?: number;
  host?: '127.0.0.1';
  /** When set, only this API key is accepted (403 otherwise); by default any non-empty key is. */
  apiKey?: string;
  /** Resend's team rate limit, shared by every API endpoint; null turns it off. Default 2 (Resend's default). */
  rateLimitPerSecond?: number | null;
  /** Where to post signed webhook events about accepted messages; none are sent when unset. */
  webhook?: WebhookTarget;
  /** The time webhook events carry and are signed with. */
  clock?: () => Date;
  /**
   * Called when a batch is accepted (its messages recorded), before it is answered: a test can
   * stop the sender there, between the provider's acceptance and the sender hearing of it.
   * Not called for a replay under a known idempotency key.
   */
  onBatchAccepted?: (emails: readonly FakeEmail[]) => void;
}

type ErrorName =
  | 'missing_api_key'
  | 'invalid_api_key'
  | 'validation_error'
  | 'missing_required_field'
  | 'invalid_idempotency_key'
  | 'invalid_idempotent_request'
  | 'rate_limit_exceeded'
  | 'internal_server_error'
  | 'not_found'
  | 'method_not_allowed';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_RECIPIENTS = 50;
const MAX_BATCH_EMAILS = 100;
const RATE_WINDOW_MS = 1000;

class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorName: ErrorName,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The viewer itself runs no script; the email is shown in a sandboxed frame.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self'",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(html);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(422, 'validation_error', 'Request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

// Stable JSON (sorted keys) so "same body" does not depend on key order.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function addressList(value: unknown, field: string): string[] | null {
  if (value === undefined || value === null) return null;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string' && item.includes('@'))) {
    throw new ApiError(
      422,
      'validation_error',
      `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
    );
  }
  if (list.length > MAX_RECIPIENTS)
    throw new ApiError(422, 'validation_error', `Too many recipients in \`${field}\`: the maximum is ${MAX_RECIPIENTS}.`);
  return list;
}

function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ApiError(422, 'validation_error', `Invalid \`${field}\` field.`);
  return value;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(422, 'validation_error', 'Invalid JSON body.');
  }
}

function parseEmail(body: unknown, idempotencyKey: string | null, batchIndex: number | null = null): FakeEmail {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(422, 'validation_error', 'Invalid JSON body.');
  const input = body as Record<string, unknown>;
  for (const field of ['from', 'to', 'subject'] as const) {
    if (input[field] === undefined || input[field] === null || input[field] === '') {
      throw new ApiError(422, 'missing_required_field', `Missing \`${field}\` field.`);
    }
  }
  const from = optionalString(input.from, 'from') ?? '';
  if (!from.includes('@'))
    throw new ApiError(
      422,
      'validation_error',
      'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
    );
  const html = optionalString(input.html, 'html');
  const text = optionalString(input.text, 'text');
  if (html === null && text === null && input.template === undefined) {
    throw new ApiError(422, 'validation_error', 'Missing `html` or `text` field.');
  }
  return {
    id: randomUUID(),
    from,
    to: addressList(input.to, 'to') ?? [],
    cc: addressList(input.cc, 'cc'),
    bcc: addressList(input.bcc, 'bcc'),
    reply_to: addressList(input.reply_to, 'reply_to'),
    subject: optionalString(input.subject, 'subject') ?? '',
    html,
    text,
    headers: (input.headers as Record<string, string> | undefined) ?? null,
    tags: (input.tags as { name: string; value: string }[] | undefined) ?? null,
    idempotencyKey,
    batchIndex,
    created_at: new Date().toISOString(),
  };
}

/** A batch is refused whole when one email is invalid (Resend's default "strict" validation); the error names it. */
function parseBatch(body: unknown, idempotencyKey: string | null): FakeEmail[] {
  if (!Array.isArray(body)) throw new ApiError(422, 'validation_error', 'Invalid JSON body: expected an array of emails.');
  if (body.length === 0) throw new ApiError(422, 'validation_error', 'The batch must contain at least 1 email.');
  if (body.length > MAX_BATCH_EMAILS)
    throw new ApiError(422, 'validation_error', `Too many emails in the batch: the maximum is ${MAX_BATCH_EMAILS}.`);
  return body.map((item, index) => {
    try {
      if (item && typeof item === 'object' && 'attachments' in item && (item as { attachments?: unknown }).attachments !== undefined) {
        throw new ApiError(422, 'validation_error', 'Attachments are not supported in batch sending.');
      }
      return parseEmail(item, idempotencyKey, index);
    } catch (error) {
      if (error instanceof ApiError) throw new ApiError(error.statusCode, error.errorName, `emails[${index}]: ${error.message}`);
      throw error;
    }
  });
}

/**
 * Resend's team rate limit: at most `limit` API calls in any second, whatever the endpoint.
 * Every API answer carries the ratelimit-* headers; a refused one also retry-after (seconds).
 */
function createRateLimiter(limit: number | null) {
  const recent: number[] = [];
  return {
    take(): { allowed: boolean; headers: Record<string, string> } {
      if (limit === null) return { allowed: true, headers: {} };
      const now = Date.now();
      while (recent.length > 0 && now - recent[0]! >= RATE_WINDOW_MS) recent.shift();
      const allowed = recent.length < limit;
      if (allowed) recent.push(now);
      const resetSeconds = recent.length > 0 ? Math.max(1, Math.ceil((recent[0]! + RATE_WINDOW_MS - now) / 1000)) : 1;
      const headers: Record<string, string> = {
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(Math.max(0, limit - recent.length)),
        'ratelimit-reset': String(resetSeconds),
      };
      if (!allowed) headers['retry-after'] = String(resetSeconds);
      return { allowed, headers };
    },
    clear: () => void (recent.length = 0),
  };
}

function toApiEmail(email: FakeEmail) {
  return {
    object: 'email' as const,
    id: email.id,
    message_id: `<${email.id}@fake.resend.local>`,
    to: email.to,
    from: email.from,
    created_at: email.created_at,
    subject: email.subject,
    html: email.html,
    text: email.text,
    bcc: email.bcc,
    cc: email.cc,
    reply_to: email.reply_to,
    last_event: 'delivered' as const,
    scheduled_at: null,
    tags: email.tags ?? [],
  };
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1f24}
table{border-collapse:collapse;width:100%}th,td{text-align:start;padding:.5rem;border-bottom:1px solid #d5dbe1;vertical-align:top}
iframe{width:100%;height:36rem;border:1px solid #d5dbe1}pre{white-space:pre-wrap;background:#f4f6f8;padding:1rem}
.note{background:#fff6d6;padding:.5rem 1rem}</style></head><body>${body}</body></html>`;
}

function listPage(messages: FakeEmail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td><time datetime="${escapeHtml(m.created_at)}">${escapeHtml(m.created_at.replace('T', ' ').slice(0, 19))} UTC</time></td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td></tr>`,
    )
    .join('');
  const table = messages.length
    ? `<table><caption>${messages.length} message(s), newest first</caption><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No messages yet. Emails the portal sends in demo mode appear here.</p>';
  return layout(
    'Local mail viewer',
    `<h1>Local mail viewer</h1><p class="note">Demo only: nothing here was delivered to a real mailbox.</p>${table}`,
  );
}

function linksIn(text: string | null): string[] {
  return [...new Set(text?.match(/https?:\/\/[^\s<>"']+/g) ?? [])];
}

function messagePage(m: FakeEmail): string {
  const links = linksIn(m.text);
  const linkList = links.length
    ? `<h2>Links in this message</h2><ul>${links.map((href) => `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></li>`).join('')}</ul>`
    : '';
  const frame = m.html
    ? `<h2>HTML</h2><iframe title="Message body" sandbox="allow-popups allow-popups-to-escape-sandbox" src="/messages/${escapeHtml(m.id)}/html"></iframe>`
    : '';
  const text = m.text ? `<h2>Plain text</h2><pre>${escapeHtml(m.text)}</pre>` : '';
  return layout(
    m.subject,
    `<p><a href="/">← All messages</a></p><h1>${escapeHtml(m.subject)}</h1><dl><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>To</dt><dd>${escapeHtml(m.to.join(', '))}</dd><dt>Received</dt><dd>${escapeHtml(m.created_at)}</dd></dl>${linkList}${frame}${text}`,
  );
}

/** Starts the fake on 127.0.0.1 (port 0 picks a free port). */
export async function startResendFake({
  port = 0,
  host = '127.0.0.1',
  apiKey,
  rateLimitPerSecond = 2,
  webhook,
  clock = () => new Date(),
  onBatchAccepted,
}: ResendFakeOptions = {}): Promise<ResendFake> {
  const messages: FakeEmail[] = [];
  // Keyed by endpoint and key; the stored response is replayed for the same payload.
  const byIdempotencyKey = new Map<string, { bodyHash: string; ids: string[] }>();
  const rateLimiter = createRateLimiter(rateLimitPerSecond);
  const webhooks = createWebhookSender({ target: webhook, clock });
  const counts: FakeRequestCounts = { emails: 0, batches: 0, rateLimited: 0, failed: 0 };
  const injectedFailures: number[] = [];

  /** Auth, then the rate limit, then any injected failure: the order Resend's edge answers in. */
  function admit(req: IncomingMessage): Record<string, string> {
    authorise(req);
    const { allowed, headers } = rateLimiter.take();
    const tooMany = (limitHeaders: Record<string, string>) => {
      counts.rateLimited += 1;
      return new ApiError(
        429,
        'rate_limit_exceeded',
        `Too many requests. You can only make ${rateLimitPerSecond ?? 2} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`,
        limitHeaders,
      );
    };
    if (!allowed) throw tooMany(headers);
    const failure = injectedFailures.shift();
    if (failure === 429) throw tooMany({ ...headers, 'ratelimit-remaining': '0', 'ratelimit-reset': '1', 'retry-after': '1' });
    if (failure !== undefined) {
      counts.failed += 1;
      if (failure >= 500) throw new ApiError(failure, 'internal_server_error', 'An unexpected error occurred.', headers);
      throw new ApiError(failure, 'validation_error', 'The request was refused (injected by the fake).', headers);
    }
    return headers;
  }

  function idempotencyKeyOf(req: IncomingMessage): string | null {
    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = typeof keyHeader === 'string' && keyHeader !== '' ? keyHeader : null;
    if (idempotencyKey && idempotencyKey.length > 256) {
      throw new ApiError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    }
    return idempotencyKey;
  }

  /** The ids a same-key, same-payload request got before; a different payload under the key is a 409. */
  function replayed(
    scope: string,
    idempotencyKey: string | null,
    body: unknown,
  ): { ids: string[] | null; remember: (ids: string[]) => void } {
    if (!idempotencyKey) return { ids: null, remember: () => undefined };
    const key = `${scope}:${idempotencyKey}`;
    const bodyHash = createHash('sha256').update(canonical(body)).digest('hex');
    const previous = byIdempotencyKey.get(key);
    if (previous && previous.bodyHash !== bodyHash) {
      throw new ApiError(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    }
    return { ids: previous?.ids ?? null, remember: (ids) => void byIdempotencyKey.set(key, { bodyHash, ids }) };
  }

  function authorise(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/.exec(header);
    if (!match)
      throw new ApiError(
        401,
        'missing_api_key',
        'Missing API key in the authorization header. Include the following header in your request: Authorization: Bearer YOUR_API_KEY',
      );
    if (apiKey !== undefined && match[1] !== apiKey) throw new ApiError(403, 'invalid_api_key', 'API key is invalid');
  }

  async function createEmail(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = admit(req);
    const raw = await readBody(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const body = parseJson(raw);
    const email = parseEmail(body, idempotencyKey);
    const replay = replayed('emails', idempotencyKey, body);
    counts.emails += 1;
    if (replay.ids) return sendJson(res, 200, { id: replay.ids[0] }, headers);
    replay.remember([email.id]);
    messages.push(email);
    webhooks.queue([email]);
    sendJson(res, 200, { id: email.id }, headers);
  }

  async function createBatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = admit(req);
    const raw = await readBody(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const body = parseJson(raw);
    const emails = parseBatch(body, idempotencyKey);
    const replay = replayed('emails/batch', idempotencyKey, body);
    counts.batches += 1;
    if (replay.ids) return sendJson(res, 200, { data: replay.ids.map((id) => ({ id })) }, headers);
    replay.remember(emails.map((email) => email.id));
    messages.push(...emails);
    webhooks.queue(emails);
    onBatchAccepted?.(emails);
    sendJson(res, 200, { data: emails.map((email) => ({ id: email.id })) }, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const emailMatch = /^\/emails\/([0-9a-f-]{36})$/.exec(path);
    const messageMatch = /^\/messages\/([0-9a-f-]{36})$/.exec(path);
    const htmlMatch = /^\/messages\/([0-9a-f-]{36})\/html$/.exec(path);
    if (path === '/emails') {
      if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Method is not allowed for the requested path.');
      return createEmail(req, res);
    }
    if (path === '/emails/batch') {
      if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Method is not allowed for the requested path.');
      return createBatch(req, res);
    }
    if (emailMatch && method === 'GET') {
      const headers = admit(req);
      const email = messages.find((m) => m.id === emailMatch[1]);
      if (!email) throw new ApiError(404, 'not_found', 'Email not found', headers);
      return sendJson(res, 200, toApiEmail(email), headers);
    }
    if (path === '/' && method === 'GET') return sendHtml(res, 200, listPage(messages));
    if (path === '/messages.json' && method === 'GET') return sendJson(res, 200, { data: [...messages].reverse() });
    if (path === '/messages' && method === 'DELETE') {
      clear();
      res.writeHead(204).end();
      return;
    }
    if (messageMatch && method === 'GET') {
      const email = messages.find((m) => m.id === messageMatch[1]);
      if (!email) return sendHtml(res, 404, layout('Not found', '<h1>Message not found</h1><p><a href="/">All messages</a></p>'));
      return sendHtml(res, 200, messagePage(email));
    }
    if (htmlMatch && method === 'GET') {
      const email = messages.find((m) => m.id === htmlMatch[1]);
      if (!email?.html) return sendHtml(res, 404, layout('Not found', '<h1>Message not found</h1>'));
      // The email's own HTML, unescaped, so it is sandboxed: no script, no access to this origin;
      // links may open in a new tab (the demo signs in by clicking the emailed link).
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy':
          "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(email.html);
      return;
    }
    throw new ApiError(404, 'not_found', 'The requested endpoint could not be found.');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ApiError) {
        sendJson(res, error.statusCode, { statusCode: error.statusCode, name: error.errorName, message: error.message }, error.headers);
      } else {
        sendJson(res, 500, { statusCode: 500, name: 'internal_server_error', message: 'Unexpected error in the Resend fake.' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  function clear() {
    messages.length = 0;
    byIdempotencyKey.clear();
    rateLimiter.clear();
    webhooks.clear();
    injectedFailures.length = 0;
    Object.assign(counts, { emails: 0, batches: 0, rateLimited: 0, failed: 0 });
  }
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    messages: () => [...messages],
    counts: () => ({ ...counts }),
    failNext: (count, statusCode = 500) => {
      for (let i = 0; i < count; i += 1) injectedFailures.push(statusCode);
    },
    webhookDeliveries: () => webhooks.deliveries(),
    flushWebhooks: () => webhooks.flush(),
    clear,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const webhookUrl = process.env.RESEND_FAKE_WEBHOOK_URL;
  const secret = process.env.RESEND_WEBHOOK_SECRET;
  const fake = await startResendFake({
    port: Number(process.env.RESEND_FAKE_PORT ?? 3025),
    webhook: webhookUrl && secret ? { url: webhookUrl, secret } : undefined,
  });
  console.log(`Resend fake listening on ${fake.url} (messages: ${fake.url}/)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
