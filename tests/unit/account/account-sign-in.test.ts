// Donor sign-in by emailed link (issue #14 item 1, docs/decisions/041), through the real route
// actions and loaders on a real database: hashed single-use tokens of at most 10 minutes, the same
// answer and the same work for every address, rate limits, a cookie of its own, revocation.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDonor } from '~/account/account-auth.server.ts';
import { issueDonorSignInLinkTask } from '~/account/issue-donor-sign-in-link-task.server.ts';
import { issueDonorSignInLink } from '~/account/donor-session-commands.server.ts';
import { action as signInAction, loader as signInLoader } from '~/routes/account.sign-in.tsx';
import { action as verifyAction, loader as verifyLoader } from '~/routes/account.verify.tsx';
import { action as signOutAction, loader as signOutLoader } from '~/routes/account.sign-out.tsx';
import { action as staffVerifyAction } from '~/routes/login_.verify.tsx';
import { getStaffUser } from '~/staff/auth.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { issueStaffSignInLink } from '~/staff/sign-in-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { resetMagicLinkRateLimits } from '~/platform/rate-limit.server.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie } from './account-fixture.ts';
import { runJobsOnce } from '../run-jobs-once.ts';

const db = getPrisma();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

async function postSignIn(email: string, extra: Record<string, string> = {}, ip = '203.0.113.1') {
  return unwrap(await signInAction(args(postForm('/account/sign-in', { email, ...extra }, { ip }))));
}

async function runSignInJobs() {
  expect(await runJobsOnce({ 'issue-donor-sign-in-link': issueDonorSignInLinkTask })).toEqual([]);
}

async function requestLink(email: string, extra: Record<string, string> = {}, ip = '203.0.113.1') {
  const result = await postSignIn(email, extra, ip);
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
  return new URL((row.props as { url: string }).url).searchParams.get('token') ?? '';
}

async function verify(token: string, cookie?: string) {
  return thrownResponse(() => verifyAction(args(postForm('/account/verify', { token }, { cookie })))).catch(async () =>
    unwrap(await verifyAction(args(postForm('/account/verify', { token }, { cookie })))),
  );
}

async function signInCookie(email: string): Promise<string> {
  await requestLink(email);
  const response = await verify(await latestToken(email));
  if (!(response instanceof Response)) throw new Error('expected a redirect');
  return cookieFrom(response.headers.get('Set-Cookie'));
}

let donorId = '';

beforeEach(async () => {
  await resetMagicLinkRateLimits();
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, email_outbox, audit_log, staff_users CASCADE');
  await db.$executeRawUnsafe('DELETE FROM graphile_worker._private_jobs');
  await db.$executeRawUnsafe('DELETE FROM donors');
  donorId = (await createDonor(db, 'amina@example.org', { displayName: 'Amina Haddad' })).id;
  await createDonor(db, 'erased@example.org', { erasedAt: new Date() });
});

describe('POST /account/sign-in', () => {
  it('for a donor: a hashed token valid at most 10 minutes, and a transactional email in the outbox', async () => {
    const before = Date.now();
    const { status } = await requestLink(' Amina@Example.org ');
    expect(status).toBe(200);
    const token = await latestToken('amina@example.org');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.loginToken.findMany();
    expect(row).toMatchObject({ tokenHash: sha256(token), donorId, staffUserId: null, usedAt: null });
    expect(JSON.stringify(await db.loginToken.findMany())).not.toContain(token);
    const ttl = (row?.expiresAt.getTime() ?? 0) - before;
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);
    const email = await db.emailOutbox.findFirstOrThrow();
    expect(email).toMatchObject({ template: 'account-sign-in-link', toAddress: 'amina@example.org', donorId, consentKind: null });
    expect((email.props as { url: string }).url).toMatch(/\/account\/verify\?token=/);
  });

  it('answers and works alike for a donor, a stranger, an erased donor and a staff member: one job each, one link in all', async () => {
    await createStaff({ email: 'officer@example.org', name: 'Olga', roles: ['FINANCE'] });
    const answers: Awaited<ReturnType<typeof postSignIn>>[] = [];
    for (const email of ['amina@example.org', 'nobody@example.org', 'erased@example.org', 'officer@example.org']) {
      answers.push(await postSignIn(email));
      expect(await jobCounts()).toEqual({ 'issue-donor-sign-in-link': answers.length });
      expect(await db.loginToken.count()).toBe(0);
      expect(await db.emailOutbox.count()).toBe(0);
    }
    const shape = (r: (typeof answers)[number]) => ({ status: r.status, data: { ...(r.data as object), sentTo: 'x' } });
    expect(new Set(answers.map((answer) => JSON.stringify(shape(answer)))).size).toBe(1);
    await runSignInJobs();
    expect(await db.loginToken.count()).toBe(1);
    expect(await db.emailOutbox.count()).toBe(1);
  });

  it('a retried job sends one link only', async () => {
    const request = { requestId: '7', email: 'amina@example.org', locale: 'fr' };
    expect(await issueDonorSignInLink(request)).toBe('issued');
    expect(await issueDonorSignInLink(request)).toBe('already-issued');
    expect(await issueDonorSignInLink({ ...request, requestId: '8', email: 'erased@example.org' })).toBe('no-account');
    expect(await db.emailOutbox.count()).toBe(1);
  });

  it('rejects a bad address with 400; a filled honeypot gets the ordinary answer and no email', async () => {
    const bad = await requestLink('not-an-email');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain('signIn.errors.emailInvalid');
    expect((await requestLink('amina@example.org', { website: 'http://spam.example' })).status).toBe(200);
    expect(await db.loginToken.count()).toBe(0);
  });

  it('limits requests per address (5 per 15 minutes, known or not) and per IP (20), apart from the staff limits', async () => {
    for (const email of ['amina@example.org', 'nobody@example.org']) {
      for (let i = 0; i < 5; i += 1) expect((await requestLink(email, {}, `198.51.100.${i}`)).status).toBe(200);
      const refused = await requestLink(email, {}, '198.51.100.99');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    for (let i = 0; i < 20; i += 1) expect((await postSignIn(`person${i}@example.org`, {}, '192.0.2.7')).status).toBe(200);
    expect((await postSignIn('someone@example.org', {}, '192.0.2.7')).status).toBe(429);
    expect(await db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM rate_limit_hits WHERE key LIKE 'magic-link-email:%'")).toHaveLength(0);
  });

  it('refuses a cross-origin POST', async () => {
    const response = await thrownResponse(() =>
      signInAction(args(postForm('/account/sign-in', { email: 'amina@example.org' }, { origin: 'https://evil.example' }))),
    );
    expect(response.status).toBe(403);
  });
});

describe('/account/verify', () => {
  it('GET consumes nothing; POST signs in once with an HttpOnly, SameSite=Lax account cookie and voids the other links', async () => {
    await requestLink('amina@example.org');
    await resetMagicLinkRateLimits();
    const older = await latestToken('amina@example.org');
    await db.emailOutbox.deleteMany();
    await requestLink('amina@example.org');
    const token = await latestToken('amina@example.org');
    expect(unwrap(await verifyLoader(args(get(`/account/verify?token=${token}`)))).data).toMatchObject({ valid: true, token });
    expect(await db.loginToken.count({ where: { usedAt: null } })).toBe(2);

    const response = await verify(token);
    if (!(response instanceof Response)) throw new Error('expected a redirect');
    expect(response.headers.get('Location')).toBe('/account');
    const setCookie = response.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^portal_account=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect((await getDonor(get('/account', { cookie: cookieFrom(setCookie) })))?.id).toBe(donorId);
    // Used once; the older link was voided by the sign-in.
    expect(await verify(token)).toMatchObject({ status: 400 });
    expect(await verify(older)).toMatchObject({ status: 400 });
    expect(await db.auditLog.count({ where: { action: 'account.sign_in', entityId: donorId } })).toBe(1);
  });

  it('refuses an expired token, and keeps staff and donor links apart both ways', async () => {
    await requestLink('amina@example.org');
    const token = await latestToken('amina@example.org');
    // A donor's link does not open a staff session (and is not used up by trying).
    const atStaff = unwrap(await staffVerifyAction(args(postForm('/login/verify', { token }))));
    expect(atStaff.status).toBe(400);
    expect(await db.loginToken.count({ where: { usedAt: null } })).toBe(1);
    const staff = await createStaff({ email: 'officer@example.org', name: 'Olga', roles: ['FINANCE'] });
    await issueStaffSignInLink({ requestId: '1', email: staff.email, redirectTo: '/staff', locale: 'en' });
    const staffToken = await latestToken('officer@example.org');
    expect(unwrap(await verifyLoader(args(get(`/account/verify?token=${staffToken}`)))).status).toBe(400);
    expect(await verify(staffToken)).toMatchObject({ status: 400 });
    await db.loginToken.updateMany({ where: { donorId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await verify(token)).toMatchObject({ status: 400 });
  });

  it('an erased donor cannot sign in, even with a link issued before the erasure, and an erased donor’s session ends', async () => {
    await requestLink('amina@example.org');
    const token = await latestToken('amina@example.org');
    const { cookie } = await donorCookie(donorId);
    await db.donor.update({ where: { id: donorId }, data: { erasedAt: new Date() } });
    expect(await verify(token)).toMatchObject({ status: 400 });
    expect(await getDonor(get('/account', { cookie }))).toBeNull();
  });
});

describe('donor sessions', () => {
  it('are not staff sessions, and a staff cookie is no donor session', async () => {
    const cookie = await signInCookie('amina@example.org');
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
    expect(await getStaffUser(get('/staff', { cookie: cookie.replace('portal_account', 'portal_session') }))).toBeNull();
    expect(await getDonor(get('/account', { cookie: cookie.replace('portal_account', 'portal_session') }))).toBeNull();
  });

  it('end after 30 idle minutes and 12 hours after sign-in; rotate hourly on a page load', async () => {
    const { cookie, sessionId } = await donorCookie(donorId);
    expect((await getDonor(get('/account', { cookie })))?.id).toBe(donorId);
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await getDonor(get('/account', { cookie }))).toBeNull();

    const second = await donorCookie(donorId);
    await db.session.update({ where: { id: second.sessionId }, data: { signedInAt: new Date(Date.now() - 12 * 3_600_000 - 1000) } });
    expect(await getDonor(get('/account', { cookie: second.cookie }))).toBeNull();

    const third = await donorCookie(donorId);
    await db.session.update({ where: { id: third.sessionId }, data: { rotatedAt: new Date(Date.now() - 2 * 3_600_000) } });
    const rotation = await thrownResponse(() => getDonor(get('/account?page=2', { cookie: third.cookie })));
    expect(rotation.headers.get('Location')).toBe('/account?page=2');
    const rotated = cookieFrom(rotation.headers.get('Set-Cookie'));
    expect((await getDonor(get('/account', { cookie: rotated })))?.id).toBe(donorId);
    expect(await getDonor(get('/account', { cookie: third.cookie }))).toBeNull();
  });

  it('over https the cookie is __Host-portal_account and Secure', async () => {
    await requestLink('amina@example.org');
    const token = await latestToken('amina@example.org');
    const request = new Request('https://funding.example.org/account/verify', {
      method: 'POST',
      headers: { Origin: 'http://localhost:3000', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    const response = await thrownResponse(() => verifyAction(args(request)));
    expect(response.headers.get('Set-Cookie')).toMatch(/^__Host-portal_account=.*Secure/i);
  });

  it('sign-out revokes the session on the server: the old cookie stops working, and GET signs nobody out', async () => {
    const cookie = await signInCookie('amina@example.org');
    expect((await signOutLoader()).headers.get('Location')).toBe('/account');
    expect((await getDonor(get('/account', { cookie })))?.id).toBe(donorId);
    const response = await signOutAction(args(postForm('/account/sign-out', {}, { cookie })));
    expect(response.headers.get('Location')).toBe('/account/sign-in?signedOut=1');
    expect(response.headers.get('Set-Cookie')).toMatch(/portal_account=;.*Max-Age=0/i);
    expect(await getDonor(get('/account', { cookie }))).toBeNull();
    expect(await db.session.count({ where: { donorId, revokedAt: null } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'account.sign_out' } })).toBe(1);
    const signedOutPage = unwrap(await signInLoader(args(get('/account/sign-in?signedOut=1'))));
    expect(signedOutPage.data).toMatchObject({ notice: 'signedOut' });
  });
});
