// The magic-link flow through the real route actions and loaders, on a real database.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { issueStaffSignInLinkTask } from '~/staff/issue-sign-in-link-task.server.ts';
import { issueStaffSignInLink } from '~/staff/sign-in-commands.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { action as loginAction } from '~/routes/login.tsx';
import { action as verifyAction, loader as verifyLoader } from '~/routes/login_.verify.tsx';
import { resetMagicLinkRateLimits } from '~/platform/rate-limit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { runJobsOnce } from '../run-jobs-once.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from './helpers.ts';

const db = getPrisma();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function postLogin(email: string, extra: Record<string, string> = {}, ip = '203.0.113.1') {
  return unwrap(await loginAction(args(postForm('/login', { email, ...extra }, { ip }))));
}

/** Runs the queued issue-staff-sign-in-link jobs, as the worker would; a job that failed fails the test with its error. */
async function runSignInJobs() {
  expect(await runJobsOnce({ 'issue-staff-sign-in-link': issueStaffSignInLinkTask })).toEqual([]);
}

/** POST /login, then the job it queued. */
async function requestLink(email: string, extra: Record<string, string> = {}, ip = '203.0.113.1') {
  const result = await postLogin(email, extra, ip);
  await runSignInJobs();
  return result;
}

async function jobCounts(): Promise<Record<string, number>> {
  const rows = await db.$queryRawUnsafe<{ task: string; count: bigint }[]>(
    'SELECT task_identifier AS task, count(*) AS count FROM graphile_worker.jobs GROUP BY task_identifier',
  );
  return Object.fromEntries(rows.map((row) => [row.task, Number(row.count)]));
}

async function latestToken(email: string): Promise<string> {
  const row = await db.emailOutbox.findFirstOrThrow({ where: { toAddress: email }, orderBy: { createdAt: 'desc' } });
  const url = new URL((row.props as { url: string }).url);
  return url.searchParams.get('token') ?? '';
}

async function verify(token: string, cookie?: string) {
  try {
    return { kind: 'data' as const, ...unwrap(await verifyAction(args(postForm('/login/verify', { token }, { cookie })))) };
  } catch (error) {
    if (error instanceof Response) return { kind: 'response' as const, response: error };
    throw error;
  }
}

beforeEach(async () => {
  await resetMagicLinkRateLimits();
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, email_outbox, audit_log, staff_users CASCADE');
  await db.$executeRawUnsafe('DELETE FROM graphile_worker._private_jobs');
  await createStaff({ email: 'officer@example.org', name: 'Olga Officer', roles: ['PROGRAMME_OFFICER'] });
  await createStaff({ email: 'former@example.org', name: 'Former', roles: ['FINANCE'], isActive: false });
});

describe('POST /login', () => {
  it('creates a hashed token valid for 10 minutes and queues the email in one go for an active staff address', async () => {
    const before = Date.now();
    const { status, data } = await requestLink('Officer@Example.org ');
    expect(status).toBe(200);
    expect(data).toMatchObject({ sentTo: expect.any(String) });
    const token = await latestToken('officer@example.org');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.loginToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const ttl = (rows[0]?.expiresAt.getTime() ?? 0) - before;
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const jobs = await db.$queryRawUnsafe<{ count: bigint }[]>(
      "SELECT count(*) AS count FROM graphile_worker.jobs WHERE task_identifier = 'send-email'",
    );
    expect(jobs[0]?.count).toBe(1n);
  });

  it('answers unknown and inactive addresses exactly like known ones, and sends nothing', async () => {
    const known = await requestLink('officer@example.org');
    await resetMagicLinkRateLimits();
    const unknown = await requestLink('nobody@example.org');
    const inactive = await requestLink('former@example.org');
    const shape = (r: typeof known) => ({ status: r.status, data: { ...(r.data as object), sentTo: 'x' } });
    expect(shape(unknown)).toEqual(shape(known));
    expect(shape(inactive)).toEqual(shape(known));
    expect(await db.emailOutbox.count()).toBe(1);
    expect(await db.loginToken.count()).toBe(1);
  });

  it('does the same work in the request for known, unknown and inactive addresses: one queued job, nothing else written', async () => {
    const answers: Awaited<ReturnType<typeof postLogin>>[] = [];
    for (const email of ['officer@example.org', 'nobody@example.org', 'former@example.org']) {
      answers.push(await postLogin(email));
      // What the request itself wrote, before any job runs: the same for every address.
      expect(await jobCounts()).toEqual({ 'issue-staff-sign-in-link': answers.length });
      expect(await db.loginToken.count()).toBe(0);
      expect(await db.emailOutbox.count()).toBe(0);
    }
    const shape = (r: (typeof answers)[number]) => ({ status: r.status, data: { ...(r.data as object), sentTo: 'x' } });
    expect(answers.map(shape)).toEqual([shape(answers[0]!), shape(answers[0]!), shape(answers[0]!)]);
    // The jobs then issue one link, for the active account only.
    await runSignInJobs();
    expect(await db.loginToken.count()).toBe(1);
    expect(await db.emailOutbox.count()).toBe(1);
    expect(await jobCounts()).toEqual({ 'send-email': 1 });
  });

  it('a sign-in job retried after it committed issues one link only', async () => {
    const request = { requestId: '42', email: 'officer@example.org', redirectTo: '/staff', locale: 'en' };
    expect(await issueStaffSignInLink(request)).toBe('issued');
    expect(await issueStaffSignInLink(request)).toBe('already-issued');
    expect(await issueStaffSignInLink({ ...request, requestId: '43', email: 'nobody@example.org' })).toBe('no-account');
    expect(await db.loginToken.count()).toBe(1);
    expect(await db.emailOutbox.count()).toBe(1);
  });

  it('rejects an invalid address with 400 and a translatable error', async () => {
    const { status, data } = await requestLink('not-an-email');
    expect(status).toBe(400);
    expect(JSON.stringify(data)).toContain('login.errors.emailInvalid');
    expect(await db.loginToken.count()).toBe(0);
  });

  it('gives a bot that fills the honeypot the ordinary answer and sends nothing', async () => {
    const { status } = await requestLink('officer@example.org', { website: 'http://spam.example' });
    expect(status).toBe(200);
    expect(await db.emailOutbox.count()).toBe(0);
  });

  it('limits requests per address (known or not) to 5 per 15 minutes with a 429', async () => {
    for (const email of ['officer@example.org', 'nobody@example.org']) {
      for (let i = 0; i < 5; i += 1) expect((await requestLink(email, {}, `198.51.100.${i}`)).status).toBe(200);
      const refused = await requestLink(email, {}, '198.51.100.99');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(JSON.stringify(refused.data)).toContain('login.errors.rateLimited');
    }
    expect(await db.emailOutbox.count()).toBe(5);
  });

  it('limits requests per IP to 20 per 15 minutes', async () => {
    for (let i = 0; i < 20; i += 1) expect((await requestLink(`person${i}@example.org`, {}, '192.0.2.7')).status).toBe(200);
    expect((await requestLink('officer@example.org', {}, '192.0.2.7')).status).toBe(429);
    expect(await db.loginToken.count()).toBe(0);
    expect((await requestLink('officer@example.org', {}, '192.0.2.8')).status).toBe(200);
  });

  it('refuses a cross-origin POST, and one without Origin or Referer', async () => {
    for (const options of [{ origin: 'https://evil.example' }, { origin: null }, { origin: null, referer: 'https://evil.example/page' }]) {
      const response = await thrownResponse(() => loginAction(args(postForm('/login', { email: 'officer@example.org' }, options))));
      expect(response.status).toBe(403);
    }
    expect(await db.loginToken.count()).toBe(0);
    const sameSiteReferer = await loginAction(
      args(postForm('/login', { email: 'officer@example.org' }, { origin: null, referer: 'http://localhost:3000/login' })),
    );
    expect(unwrap(sameSiteReferer).status).toBe(200);
  });

  it('keeps only safe relative redirect targets', async () => {
    const cases: [string, string][] = [
      ['/staff/audit?x=1', '/staff/audit?x=1'],
      ['https://evil.example/', '/staff'],
      ['//evil.example/', '/staff'],
      ['/\\evil.example', '/staff'],
    ];
    for (const [redirectTo, stored] of cases) {
      await resetMagicLinkRateLimits();
      await requestLink('officer@example.org', { redirectTo });
      const row = await db.loginToken.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
      expect(row.redirectTo).toBe(stored);
    }
  });
});

describe('/login/verify', () => {
  it('GET shows a confirm button and consumes nothing; POST signs in once', async () => {
    await requestLink('officer@example.org', { redirectTo: '/staff/audit' });
    const token = await latestToken('officer@example.org');

    const page = unwrap(await verifyLoader(args(get(`/login/verify?token=${token}`))));
    expect(page.data).toMatchObject({ valid: true, token });
    expect((await db.loginToken.findFirstOrThrow()).usedAt).toBeNull();

    const first = await verify(token);
    if (first.kind !== 'response') throw new Error('expected a redirect');
    expect(first.response.status).toBe(302);
    expect(first.response.headers.get('Location')).toBe('/staff/audit');
    const setCookie = first.response.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // http origin in tests
    const sessions = await db.session.findMany();
    expect(sessions).toHaveLength(1);
    expect(setCookie).not.toContain(sessions[0]?.tokenHash ?? '-');
    expect((await db.loginToken.findFirstOrThrow()).usedAt).not.toBeNull();

    const second = await verify(token);
    expect(second).toMatchObject({ kind: 'data', status: 400, data: { valid: false } });
    expect(await db.session.count()).toBe(1);
    const again = unwrap(await verifyLoader(args(get(`/login/verify?token=${token}`))));
    expect(again).toMatchObject({ status: 400, data: { valid: false } });
  });

  it('rejects expired and unknown tokens without changing anything', async () => {
    const user = await db.staffUser.findUniqueOrThrow({ where: { email: 'officer@example.org' } });
    const token = 'expired-token-0123456789abcdefghijklmnopqrstu';
    await db.loginToken.create({
      data: { tokenHash: sha256(token), email: user.email, staffUserId: user.id, expiresAt: new Date(Date.now() - 1000) },
    });
    expect(unwrap(await verifyLoader(args(get(`/login/verify?token=${token}`)))).data).toMatchObject({ valid: false });
    expect(await verify(token)).toMatchObject({ kind: 'data', status: 400 });
    expect(await verify('unknown-token-0123456789abcdefghijklmnopqrst')).toMatchObject({ kind: 'data', status: 400 });
    expect((await db.loginToken.findFirstOrThrow()).usedAt).toBeNull();
    expect(await db.session.count()).toBe(0);
  });

  it('lets exactly one of two concurrent confirmations through', async () => {
    await requestLink('officer@example.org');
    const token = await latestToken('officer@example.org');
    const results = await Promise.all([verify(token), verify(token), verify(token)]);
    expect(results.filter((r) => r.kind === 'response')).toHaveLength(1);
    expect(await db.session.count()).toBe(1);
  });

  it('refuses a cross-origin confirmation', async () => {
    await requestLink('officer@example.org');
    const token = await latestToken('officer@example.org');
    const response = await thrownResponse(() =>
      verifyAction(args(postForm('/login/verify', { token }, { origin: 'https://evil.example' }))),
    );
    expect(response.status).toBe(403);
    expect((await db.loginToken.findFirstOrThrow()).usedAt).toBeNull();
  });

  it('revokes the session the browser already had when signing in again', async () => {
    await requestLink('officer@example.org');
    const first = await verify(await latestToken('officer@example.org'));
    if (first.kind !== 'response') throw new Error('expected a redirect');
    const cookie = cookieFrom(first.response.headers.get('Set-Cookie'));
    await requestLink('officer@example.org');
    await verify(await latestToken('officer@example.org'), cookie);
    const sessions = await db.session.findMany({ orderBy: { createdAt: 'asc' } });
    expect(sessions).toHaveLength(2);
    expect(sessions[0]?.revokedAt).not.toBeNull();
    expect(sessions[1]?.revokedAt).toBeNull();
  });
});
