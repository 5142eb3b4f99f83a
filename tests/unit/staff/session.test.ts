// Sessions (rotation, sign-out), guards (requireStaff, requireRole) and the staff pages.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { action as logoutAction } from '~/routes/logout.tsx';
import { loader as staffAuditLoader } from '~/routes/staff.audit.tsx';
import { loader as staffHomeLoader } from '~/routes/staff._index.tsx';
import { getStaffUser, hasRole, requireRole, requireStaff } from '~/staff/auth.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from './helpers.ts';

const db = getPrisma();

async function signedIn(roles: StaffRole[], email = `${roles.join('-').toLowerCase() || 'none'}@example.org`) {
  const user = await createStaff({ email, name: email, roles });
  const { secret, session } = await createSession({ staffUserId: user.id });
  const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
  return { user, session, cookie };
}

beforeEach(async () => {
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, audit_log, staff_users CASCADE');
});

describe('sessions', () => {
  it('recognises a valid cookie and ignores forged, unsigned or revoked ones', async () => {
    const { user, session, cookie } = await signedIn(['FINANCE']);
    expect((await getStaffUser(get('/staff', { cookie })))?.id).toBe(user.id);
    const value = cookie.split('=')[1] ?? '';
    expect(await getStaffUser(get('/staff', { cookie: `portal_session=${value.slice(0, -2)}xx` }))).toBeNull();
    expect(await getStaffUser(get('/staff', { cookie: 'portal_session=' + Buffer.from('"forged"').toString('base64') }))).toBeNull();
    await db.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
  });

  it('expires 12 hours after sign-in (not 30 days) and ignores deactivated staff', async () => {
    const { user, session, cookie } = await signedIn(['FINANCE']);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 60 * 60 * 1000);
    await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
    const other = await signedIn(['FINANCE'], 'other@example.org');
    await db.staffUser.update({ where: { id: other.user.id }, data: { isActive: false } });
    expect(await getStaffUser(get('/staff', { cookie: other.cookie }))).toBeNull();
    expect(user.isActive).toBe(true);
  });

  it('rotates a session older than an hour on the next page load: new cookie works, old one does not', async () => {
    const { user, session, cookie } = await signedIn(['FINANCE']);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await db.session.update({ where: { id: session.id }, data: { rotatedAt: twoDaysAgo } });

    // A form POST or data request is not interrupted: it proceeds on the old session.
    expect((await getStaffUser(postForm('/staff', {}, { cookie })))?.id).toBe(user.id);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();

    const response = await thrownResponse(() => getStaffUser(get('/staff?tab=1', { cookie })));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff?tab=1');
    const newCookie = cookieFrom(response.headers.get('Set-Cookie'));
    expect(newCookie).not.toBe(cookie);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect((await getStaffUser(get('/staff', { cookie: newCookie })))?.id).toBe(user.id);
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
    expect(await db.session.count({ where: { staffUserId: user.id, revokedAt: null } })).toBe(1);
  });

  it('sign-out (POST /logout) revokes the session and clears the cookie', async () => {
    const { session, cookie } = await signedIn(['FINANCE']);
    const response = await logoutAction(args(postForm('/logout', {}, { cookie })));
    expect(response.status).toBe(302);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await getStaffUser(get('/staff', { cookie }))).toBeNull();
    expect(await db.auditLog.count({ where: { action: 'auth.sign_out' } })).toBe(1);
  });

  it('refuses a cross-origin sign-out', async () => {
    const { session, cookie } = await signedIn(['FINANCE']);
    const response = await thrownResponse(() => logoutAction(args(postForm('/logout', {}, { cookie, origin: 'https://evil.example' }))));
    expect(response.status).toBe(403);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeNull();
  });
});

describe('guards', () => {
  it('requireStaff redirects an anonymous visitor to /login, coming back afterwards', async () => {
    const response = await thrownResponse(() => requireStaff(get('/staff/audit?page=2')));
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Fstaff%2Faudit%3Fpage%3D2');
  });

  it('requireRole gives 403 to staff without the role, lets holders and admins through', async () => {
    const finance = await signedIn(['FINANCE']);
    const admin = await signedIn(['ADMIN']);
    const officer = await signedIn(['PROGRAMME_OFFICER', 'RESOURCE_MOBILIZATION']);
    expect((await thrownResponse(() => requireRole(get('/x', { cookie: finance.cookie }), ['ADMIN']))).status).toBe(403);
    expect((await thrownResponse(() => requireRole(get('/x', { cookie: officer.cookie }), ['FINANCE']))).status).toBe(403);
    expect((await requireRole(get('/x', { cookie: finance.cookie }), ['FINANCE'])).id).toBe(finance.user.id);
    expect((await requireRole(get('/x', { cookie: admin.cookie }), ['FINANCE'])).id).toBe(admin.user.id);
    expect((await requireRole(get('/x', { cookie: officer.cookie }), ['FINANCE', 'RESOURCE_MOBILIZATION'])).id).toBe(officer.user.id);
    expect((await thrownResponse(() => requireRole(get('/x'), ['FINANCE']))).status).toBe(302);
    expect(hasRole({ roles: [] }, ['FINANCE'])).toBe(false);
  });

  it('the staff home shows the user and translated roles; the audit page is for admins only', async () => {
    const finance = await signedIn(['FINANCE']);
    const home = unwrap(await staffHomeLoader(args(get('/staff?lng=fr', { cookie: finance.cookie }))));
    expect(home.data).toMatchObject({ email: 'finance@example.org', roles: [{ role: 'FINANCE', label: 'Finances' }] });
    expect((home.data as { tools: { href: string }[] }).tools.map((tool) => tool.href)).not.toContain('/staff/audit');
    expect((await thrownResponse(() => staffAuditLoader(args(get('/staff/audit', { cookie: finance.cookie }))))).status).toBe(403);

    const admin = await signedIn(['ADMIN']);
    await db.auditLog.create({
      data: {
        actorId: admin.user.id,
        actorKind: 'staff',
        action: 'pledge.cancel',
        entityType: 'Pledge',
        entityId: 'p1',
        after: { amountMinor: '100' },
      },
    });
    const audit = unwrap(await staffAuditLoader(args(get('/staff/audit', { cookie: admin.cookie }))));
    const entries = (audit.data as { entries: { actionCode: string; actor: string; changes: unknown[] }[] }).entries;
    expect(entries[0]).toMatchObject({ actionCode: 'pledge.cancel', actor: 'admin@example.org' });
    expect(entries[0]?.changes).toEqual([{ field: 'Amount (minor units)', before: '(empty)', after: '100' }]);
  });
});
