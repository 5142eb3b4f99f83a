// Staff sessions end after an idle and an absolute timeout (issue #11 item 6), checked in the
// database query; rotation keeps the sign-in time; the cookie is `__Host-` over https; sign-in
// links work for 10 minutes and once, and using one voids the others.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { parseEnv } from '~/platform/env.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getStaffUser } from '~/staff/auth.server.ts';
import { createLoginToken, LOGIN_TOKEN_TTL_MINUTES } from '~/platform/sessions/login-token-commands.server.ts';
import { createSession, findActiveSession, rotateSession, staffSessionTimeouts } from '~/staff/session-commands.server.ts';
import { readSessionSecret, serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { openStaffSession } from '~/staff/sign-in-commands.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { cookieFrom, get, thrownResponse } from './helpers.ts';

const db = getPrisma();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function signedIn(roles: StaffRole[] = ['FINANCE'], email = 'finance@example.org') {
  const user = await createStaff({ email, name: email, roles });
  const { secret, session } = await createSession({ staffUserId: user.id });
  const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
  return { user, session, secret, cookie };
}

const ago = (ms: number) => new Date(Date.now() - ms);

beforeEach(async () => {
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, audit_log, staff_users CASCADE');
});

describe('staff session timeouts', () => {
  it('default to 30 minutes idle and 12 hours absolute, and are configurable', () => {
    expect(staffSessionTimeouts(parseEnv({}))).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR });
    const env = parseEnv({ STAFF_SESSION_IDLE_MINUTES: '5', STAFF_SESSION_ABSOLUTE_HOURS: '2' });
    expect(staffSessionTimeouts(env)).toEqual({ idleMs: 5 * MINUTE, absoluteMs: 2 * HOUR });
    expect(() => parseEnv({ STAFF_SESSION_IDLE_MINUTES: '0' })).toThrow(/STAFF_SESSION_IDLE_MINUTES/);
  });

  it('end a session left idle for more than 30 minutes; use within them moves the idle clock on', async () => {
    const { user, session, cookie } = await signedIn();
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: ago(29 * MINUTE) } });
    expect((await getStaffUser(get('/staff', { cookie })))?.id).toBe(user.id);
    const touched = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(MINUTE);

    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: ago(31 * MINUTE) } });
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
  });

  it('end a session 12 hours after sign-in however active, rotation included', async () => {
    const { user, session, cookie } = await signedIn();
    // Signed in 11 h ago, last rotated 2 h ago: the next page load rotates the cookie...
    await db.session.update({ where: { id: session.id }, data: { signedInAt: ago(11 * HOUR), rotatedAt: ago(2 * HOUR) } });
    const response = await thrownResponse(() => getStaffUser(get('/staff', { cookie })));
    const rotatedCookie = cookieFrom(response.headers.get('Set-Cookie'));
    const rotated = await db.session.findFirstOrThrow({ where: { staffUserId: user.id, revokedAt: null } });
    // ...and the new session keeps the sign-in time, so it does not start a new 12 hours.
    const signedInAt = (await db.session.findUniqueOrThrow({ where: { id: session.id } })).signedInAt;
    expect(rotated.signedInAt).toEqual(signedInAt);
    expect(rotated.expiresAt.getTime()).toBe(signedInAt.getTime() + 12 * HOUR);
    expect((await getStaffUser(get('/staff', { cookie: rotatedCookie })))?.id).toBe(user.id);

    // Active a second ago, but 12 h and a minute since sign-in: ended.
    await db.session.update({ where: { id: rotated.id }, data: { signedInAt: ago(12 * HOUR + MINUTE), lastSeenAt: ago(1000) } });
    expect(await getStaffUser(get('/staff', { cookie: rotatedCookie }))).toBeNull();
  });

  it('are enforced by the query itself, whatever expiresAt says', async () => {
    const { secret, session } = await signedIn();
    const farFuture = new Date(Date.now() + 30 * 24 * HOUR);
    await db.session.update({ where: { id: session.id }, data: { expiresAt: farFuture, lastSeenAt: ago(HOUR) } });
    expect(await findActiveSession({ secret })).toBeNull();
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(), signedInAt: ago(13 * HOUR) } });
    expect(await findActiveSession({ secret })).toBeNull();
    expect(await findActiveSession({ secret, timeouts: { idleMs: 30 * MINUTE, absoluteMs: 24 * HOUR } })).not.toBeNull();
  });

  it('a rotation of a revoked session issues nothing', async () => {
    const { session } = await signedIn();
    await db.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    expect(await rotateSession({ sessionId: session.id })).toBeNull();
  });
});

describe('session cookie', () => {
  it('is named __Host-portal_session over https: Secure, Path=/, no Domain, lasting the absolute timeout', async () => {
    const request = new Request('https://funding.example.org/staff');
    const setCookie = await serializeSessionCookie(request, 'secret-value');
    expect(setCookie).toMatch(/^__Host-portal_session=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const back = new Request('https://funding.example.org/staff', { headers: { Cookie: cookieFrom(setCookie) } });
    expect(await readSessionSecret(back)).toBe('secret-value');
    // The same value under the plain name is not read over https.
    const plain = new Request('https://funding.example.org/staff', { headers: { Cookie: cookieFrom(setCookie).replace('__Host-', '') } });
    expect(await readSessionSecret(plain)).toBeNull();
  });

  it('keeps the plain name without Secure over http (demo, dev)', async () => {
    const setCookie = await serializeSessionCookie(get('/staff'), 'secret-value');
    expect(setCookie).toMatch(/^portal_session=/);
    expect(setCookie).not.toMatch(/Secure/i);
  });
});

describe('sign-in links', () => {
  it('work for 10 minutes at most', async () => {
    expect(LOGIN_TOKEN_TTL_MINUTES).toBeLessThanOrEqual(10);
    const user = await createStaff({ email: 'officer@example.org', name: 'Officer', roles: ['PROGRAMME_OFFICER'] });
    const issuedAt = ago(10 * MINUTE + 1000);
    const { token } = await createLoginToken({ email: user.email, staffUserId: user.id, now: issuedAt });
    expect(await openStaffSession({ token, previousSecret: null })).toBeNull();
  });

  it('work once, and using one voids the other links still in the mailbox', async () => {
    const user = await createStaff({ email: 'officer@example.org', name: 'Officer', roles: ['PROGRAMME_OFFICER'] });
    const first = await createLoginToken({ email: user.email, staffUserId: user.id });
    const second = await createLoginToken({ email: user.email, staffUserId: user.id });
    expect(await openStaffSession({ token: second.token, previousSecret: null })).not.toBeNull();
    expect(await openStaffSession({ token: second.token, previousSecret: null })).toBeNull();
    expect(await openStaffSession({ token: first.token, previousSecret: null })).toBeNull();
    expect(await db.session.count()).toBe(1);
  });
});
