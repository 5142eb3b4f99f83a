// /staff/users for an admin: invite by emailed link (signs in on first use, for 7 days), set
// roles, disable/enable accounts; every change audited, bad input refused with nothing changed.
import { beforeEach, describe, expect, it } from 'vitest';
import { renderEmail } from '~/email-templates.server.ts';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as verifyAction } from '~/routes/login_.verify.tsx';
import { action as usersAction, loader as usersLoader } from '~/routes/staff.users.tsx';
import { getStaffUser } from '~/staff/auth.server.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { inviteStaff } from '~/staff/staff-admin-commands.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, postForm, unwrap } from './helpers.ts';

const db = getPrisma();

async function signedIn(roles: StaffRole[], email: string) {
  const user = await createStaff({ email, name: email.split('@')[0] ?? email, roles });
  const { secret } = await createSession({ staffUserId: user.id });
  const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
  return { user, cookie };
}

async function post(cookie: string, fields: Record<string, string | string[]>, lng = 'en') {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
  const request = postForm(`/staff/users?lng=${lng}`, {}, { cookie });
  const withBody = new Request(request, { body: body.toString() });
  try {
    const result = await usersAction(args(withBody));
    return result instanceof Response
      ? { status: result.status, location: result.headers.get('Location'), data: null }
      : { ...unwrap(result), location: null };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get('Location'), data: null };
    throw error;
  }
}

beforeEach(async () => {
  await db.$executeRawUnsafe('TRUNCATE sessions, login_tokens, audit_log, email_outbox, staff_users CASCADE');
});

describe('inviting staff', () => {
  it('creates the account, mails a 7-day link that signs the person in once, and audits it', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const before = Date.now();
    const answer = await post(admin.cookie, {
      intent: 'invite',
      name: 'Nadia Haddad',
      email: ' Nadia@Example.org ',
      roles: ['FINANCE', 'PROGRAMME_OFFICER'],
      locale: 'ar',
    });
    const invited = await db.staffUser.findUniqueOrThrow({ where: { email: 'nadia@example.org' } });
    expect(answer).toMatchObject({ status: 302, location: `/staff/users?invited=${invited.id}` });
    expect(invited).toMatchObject({ name: 'Nadia Haddad', roles: ['PROGRAMME_OFFICER', 'FINANCE'], isActive: true, locale: 'ar' });
    const token = await db.loginToken.findFirstOrThrow({ where: { staffUserId: invited.id } });
    const days = (token.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const email = await db.emailOutbox.findFirstOrThrow({ where: { template: 'staff-invitation' } });
    expect(email).toMatchObject({ toAddress: 'nadia@example.org', locale: 'ar' });
    const rendered = await renderEmail({ template: email.template, locale: email.locale, props: email.props });
    expect(rendered.html).toContain('dir="rtl"');
    expect(rendered.text).toContain('admin');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'staff.invite' } });
    expect(audit).toMatchObject({
      actorId: admin.user.id,
      entityId: invited.id,
      after: expect.objectContaining({ email: 'nadia@example.org', roles: ['PROGRAMME_OFFICER', 'FINANCE'] }),
    });
    const page = unwrap(await usersLoader(args(get(`/staff/users?invited=${invited.id}`, { cookie: admin.cookie }))));
    expect((page.data as { status: string }).status).toContain('nadia@example.org');
    const listed = (page.data as { users: { email: string; status: string }[] }).users.find((user) => user.email === 'nadia@example.org');
    expect(listed?.status).toMatch(/^Invited, link valid until .+ \(UTC\)$/);

    const url = new URL((email.props as { url: string }).url);
    const tokenValue = url.searchParams.get('token') ?? '';
    const signIn = await verifyAction(args(postForm('/login/verify', { token: tokenValue }))).catch((error: unknown) => error as Response);
    expect(signIn).toBeInstanceOf(Response);
    expect((signIn as Response).headers.get('Location')).toBe('/staff');
    const cookie = cookieFrom((signIn as Response).headers.get('Set-Cookie'));
    expect((await getStaffUser(get('/staff', { cookie })))?.id).toBe(invited.id);
    const again = await verifyAction(args(postForm('/login/verify', { token: tokenValue })));
    expect(unwrap(again).status).toBe(400);
    const afterSignIn = unwrap(await usersLoader(args(get('/staff/users', { cookie: admin.cookie })))).data as {
      users: { email: string; status: string }[];
    };
    expect(afterSignIn.users.find((user) => user.email === 'nadia@example.org')?.status).toBe('Active');
  });

  it('refuses bad fields and a taken address with clear messages, creating and mailing nothing', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const bad = await post(admin.cookie, { intent: 'invite', name: ' ', email: 'not-an-email', locale: 'xx' }, 'fr');
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      error: 'L’invitation n’a pas été envoyée : corrigez les champs signalés ci-dessous.',
      fieldErrors: {
        name: 'Saisissez le nom de la personne.',
        email: 'Saisissez une adresse électronique valide, par exemple nom@example.org.',
        roles: 'Choisissez au moins un rôle.',
        locale: 'Choisissez une langue dans la liste.',
      },
    });
    const taken = await post(admin.cookie, { intent: 'invite', name: 'Again', email: 'ADMIN@example.org', roles: 'FINANCE', locale: 'en' });
    expect(taken).toMatchObject({ status: 400, data: { error: 'A staff account with this email address already exists.' } });
    expect(await db.staffUser.count()).toBe(1);
    expect(await db.emailOutbox.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: { startsWith: 'staff.' } } })).toBe(0);
  });
});

describe('concurrent invitations', () => {
  it('two admins inviting one address at once: one account, one email, the other told the address is taken', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const invite = () => inviteStaff({ adminId: admin.user.id, name: 'Same', email: 'same@example.org', roles: ['FINANCE'], locale: 'en' });
    const results = await Promise.all([invite(), invite()]);
    expect(results.map((result) => (result.ok ? 'ok' : result.reason)).sort()).toEqual(['email-taken', 'ok']);
    expect(await db.staffUser.count({ where: { email: 'same@example.org' } })).toBe(1);
    expect(await db.emailOutbox.count()).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'staff.invite' } })).toBe(1);
  });
});

describe('roles and accounts', () => {
  it('sets roles (audited before → after); an admin cannot remove their own ADMIN role', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    const set = await post(admin.cookie, {
      intent: 'set-roles',
      staffUserId: finance.user.id,
      roles: ['FINANCE', 'RESOURCE_MOBILIZATION'],
    });
    expect(set).toMatchObject({ status: 302, location: `/staff/users?roles=${finance.user.id}` });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: finance.user.id } })).roles).toEqual(['RESOURCE_MOBILIZATION', 'FINANCE']);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'staff.roles_set' } })).toMatchObject({
      actorId: admin.user.id,
      before: { roles: ['FINANCE'] },
      after: { roles: ['RESOURCE_MOBILIZATION', 'FINANCE'] },
    });
    const own = await post(admin.cookie, { intent: 'set-roles', staffUserId: admin.user.id, roles: 'FINANCE' });
    expect(own).toMatchObject({
      status: 400,
      data: { error: 'You cannot remove your own Administrator role. Ask another administrator.' },
    });
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: admin.user.id } })).roles).toEqual(['ADMIN']);
    expect(await db.auditLog.count({ where: { action: 'staff.roles_set' } })).toBe(1);
    const badRole = await post(admin.cookie, { intent: 'set-roles', staffUserId: finance.user.id, roles: 'OWNER' });
    expect(badRole.status).toBe(400);
  });

  it('disabling ends the sessions and unused links of the person; enabling lets them sign in again; not oneself', async () => {
    const admin = await signedIn(['ADMIN'], 'admin@example.org');
    const finance = await signedIn(['FINANCE'], 'finance@example.org');
    const disabled = await post(admin.cookie, { intent: 'disable', staffUserId: finance.user.id });
    expect(disabled).toMatchObject({ status: 302, location: `/staff/users?disabled=${finance.user.id}` });
    expect(await getStaffUser(get('/staff', { cookie: finance.cookie }))).toBeNull();
    expect(await db.session.count({ where: { staffUserId: finance.user.id, revokedAt: null } })).toBe(0);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'staff.disable' } })).toMatchObject({
      before: { isActive: true },
      after: { isActive: false, endedSessions: 1 },
    });
    const enabled = await post(admin.cookie, { intent: 'enable', staffUserId: finance.user.id });
    expect(enabled.status).toBe(302);
    expect((await db.staffUser.findUniqueOrThrow({ where: { id: finance.user.id } })).isActive).toBe(true);
    const self = await post(admin.cookie, { intent: 'disable', staffUserId: admin.user.id });
    expect(self).toMatchObject({ status: 400, data: { error: 'You cannot disable your own account.' } });
    expect(await getStaffUser(get('/staff', { cookie: admin.cookie }))).not.toBeNull();
    const nobody = await post(admin.cookie, { intent: 'disable', staffUserId: crypto.randomUUID() });
    expect(nobody.status).toBe(404);
    const byFinance = await post(finance.cookie, { intent: 'disable', staffUserId: admin.user.id });
    expect(byFinance.status).toBe(302); // the disabled person's old cookie: back to the sign-in page
    expect(byFinance.location).toMatch(/^\/login/);
  });
});
