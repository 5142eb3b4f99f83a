// /staff/users: an admin ends a person's sessions (same-origin POST, audited); nobody else can.
// And every refused staff access (no session, ended session, missing role) is in the audit log.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as usersAction, loader as usersLoader } from '~/routes/staff.users.tsx';
import { loader as staffHomeLoader } from '~/routes/staff._index.tsx';
import { getStaffUser } from '~/staff/auth.server.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';

const db = getPrisma();

async function signedIn(roles: StaffRole[], email: string) {
  const user = await createStaff({ email, name: email.split('@')[0] ?? email, roles });
  const { secret, session } = await createSession({ staffUserId: user.id });
  const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
  return { user, session, cookie };
}

async function denials() {
  return db.auditLog.findMany({ where: { action: 'auth.access_denied' }, orderBy: { id: 'asc' } });
}

beforeEach(async () => {
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, audit_log, staff_users CASCADE');
});

describe('/staff/users', () => {
  it('lists staff with their open sessions for an admin, in the reader’s language', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    await createSession({ staffUserId: finance.user.id });
    const page = unwrap(await usersLoader(args(get('/staff/users?lng=fr', { cookie: admin.cookie }))));
    expect((page.data as { users: unknown[] }).users).toEqual([
      expect.objectContaining({ email: 'admin@example.org', roles: 'Administrateur', status: 'Actif', liveSessions: 1 }),
      expect.objectContaining({ email: 'finance@example.org', roles: 'Finances', liveSessions: 2 }),
    ]);
  });

  it('an admin ends every session of a person: their browsers are signed out, the audit log says who did it', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    await createSession({ staffUserId: finance.user.id });
    const response = (await usersAction(
      args(postForm('/staff/users', { intent: 'end-sessions', staffUserId: finance.user.id }, { cookie: admin.cookie })),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/staff/users?ended=${finance.user.id}`);
    expect(await getStaffUser(get('/staff', { cookie: finance.cookie }))).toBeNull();
    expect(await db.session.count({ where: { staffUserId: finance.user.id, revokedAt: null } })).toBe(0);
    expect(await getStaffUser(get('/staff', { cookie: admin.cookie }))).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'staff.sessions_end' } });
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      actorKind: 'staff',
      entityType: 'StaffUser',
      entityId: finance.user.id,
      before: { email: 'finance@example.org', liveSessions: 2 },
      after: { email: 'finance@example.org', liveSessions: 0 },
    });
    const page = unwrap(await usersLoader(args(get(`/staff/users?ended=${finance.user.id}`, { cookie: admin.cookie }))));
    expect(page.data).toMatchObject({ ended: 'All sessions of finance have been ended.' });
  });

  it('refuses non-admins (403, audited), cross-origin posts (403) and malformed ones (400), ending nothing', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    const fields = { intent: 'end-sessions', staffUserId: admin.user.id };
    const byFinance = await thrownResponse(() => usersAction(args(postForm('/staff/users', fields, { cookie: finance.cookie }))));
    expect(byFinance.status).toBe(403);
    expect((await thrownResponse(() => usersLoader(args(get('/staff/users', { cookie: finance.cookie }))))).status).toBe(403);
    const crossSite = await thrownResponse(() =>
      usersAction(args(postForm('/staff/users', fields, { cookie: admin.cookie, origin: 'https://evil.example' }))),
    );
    expect(crossSite.status).toBe(403);
    const malformed = await thrownResponse(() =>
      usersAction(args(postForm('/staff/users', { intent: 'end-sessions', staffUserId: 'x' }, { cookie: admin.cookie }))),
    );
    expect(malformed.status).toBe(400);
    const unknown = await thrownResponse(() =>
      usersAction(args(postForm('/staff/users', { intent: 'end-sessions', staffUserId: crypto.randomUUID() }, { cookie: admin.cookie }))),
    );
    expect(unknown.status).toBe(404);
    expect(await db.session.count({ where: { revokedAt: { not: null } } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'staff.sessions_end' } })).toBe(0);
    expect((await denials()).map((entry) => [entry.actorId, entry.entityId, entry.after])).toEqual([
      [finance.user.id, '/staff/users', { method: 'POST', reason: 'role', requiredRoles: ['ADMIN'] }],
      [finance.user.id, '/staff/users', { method: 'GET', reason: 'role', requiredRoles: ['ADMIN'] }],
    ]);
  });
});

describe('denied staff access', () => {
  it('is audited for a visitor without a session and for an ended session, with the path only', async () => {
    const anonymous = await thrownResponse(() => staffHomeLoader(args(get('/staff?secret=query'))));
    expect(anonymous.status).toBe(302);
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    await db.session.update({ where: { id: finance.session.id }, data: { revokedAt: new Date() } });
    const ended = await thrownResponse(() => staffHomeLoader(args(get('/staff', { cookie: finance.cookie }))));
    expect(ended.headers.get('Location')).toBe('/login?redirectTo=%2Fstaff');
    expect((await denials()).map((entry) => [entry.actorKind, entry.actorId, entry.entityType, entry.entityId, entry.after])).toEqual([
      ['anonymous', null, 'Page', '/staff', { method: 'GET', reason: 'no-session' }],
      ['anonymous', null, 'Page', '/staff', { method: 'GET', reason: 'session-ended' }],
    ]);
  });

  it('writes identical anonymous refusals once a minute (a GET flood cannot flood the log); a signed-in person’s every time', async () => {
    for (let hit = 0; hit < 50; hit += 1) await thrownResponse(() => staffHomeLoader(args(get('/staff/audit-flood'))));
    await thrownResponse(() => staffHomeLoader(args(get('/staff/audit-flood-2'))));
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    for (let hit = 0; hit < 3; hit += 1) await thrownResponse(() => usersLoader(args(get('/staff/users', { cookie: finance.cookie }))));
    expect((await denials()).map((entry) => [entry.actorKind, entry.entityId])).toEqual([
      ['anonymous', '/staff/audit-flood'],
      ['anonymous', '/staff/audit-flood-2'],
      ['staff', '/staff/users'],
      ['staff', '/staff/users'],
      ['staff', '/staff/users'],
    ]);
  });

  it('is not recorded for staff who get in, nor for pages that only look (the sign-in page)', async () => {
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    await staffHomeLoader(args(get('/staff', { cookie: finance.cookie })));
    expect(await getStaffUser(get('/login'))).toBeNull();
    expect(await denials()).toEqual([]);
  });
});
