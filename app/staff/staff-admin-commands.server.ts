// What an admin does to staff accounts on /staff/users: invite someone (an account and an emailed
// link that signs them in on first use), set a person's roles, disable or enable an account.
// Each is one transaction with its audit entry. An admin cannot take away their own ADMIN role or
// disable themselves, so the portal never loses its last administrator through this page.
import { Prisma, type StaffRole } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { createLoginToken, voidLoginTokens } from '~/platform/sessions/login-token-commands.server.ts';
import { revokeStaffSessions } from './session-commands.server.ts';
import { normaliseEmail } from './staff-user-commands.server.ts';

/** An invitation link works this long (a person may be away for days; docs/decisions/027), once. */
export const INVITATION_TTL_DAYS = 7;

export type StaffAdminRefusal = 'email-taken' | 'not-found' | 'own-admin-role' | 'own-account';
export type StaffAdminResult = { ok: true; staffUserId: string } | { ok: false; reason: StaffAdminRefusal };

/** Sorted and without duplicates, so the audit's before/after compare as sets. */
function normaliseRoles(roles: readonly StaffRole[]): StaffRole[] {
  const order: StaffRole[] = ['ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE'];
  return order.filter((role) => roles.includes(role));
}

/** Creates an active account with `roles` and queues its invitation email (link valid INVITATION_TTL_DAYS). */
export async function inviteStaff({
  adminId,
  name,
  email,
  roles,
  locale,
  now = new Date(),
}: {
  adminId: string;
  name: string;
  email: string;
  roles: readonly StaffRole[];
  locale: string;
  now?: Date;
}): Promise<StaffAdminResult> {
  const address = normaliseEmail(email);
  try {
    return await createInvitation({ adminId, name, address, roles, locale, now });
  } catch (error) {
    // Two admins inviting the same address at once: the unique email decides, the loser is told.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, reason: 'email-taken' };
    throw error;
  }
}

async function createInvitation({
  adminId,
  name,
  address,
  roles,
  locale,
  now,
}: {
  adminId: string;
  name: string;
  address: string;
  roles: readonly StaffRole[];
  locale: string;
  now: Date;
}): Promise<StaffAdminResult> {
  return getPrisma().$transaction(async (tx) => {
    if (await tx.staffUser.findUnique({ where: { email: address } })) return { ok: false, reason: 'email-taken' };
    const admin = await tx.staffUser.findUniqueOrThrow({ where: { id: adminId }, select: { name: true } });
    const user = await tx.staffUser.create({ data: { email: address, name, roles: normaliseRoles(roles), locale } });
    const { token, loginToken } = await createLoginToken({
      db: tx,
      email: address,
      staffUserId: user.id,
      redirectTo: '/staff',
      now,
      ttlMinutes: INVITATION_TTL_DAYS * 24 * 60,
    });
    const url = new URL('/login/verify', getEnv().APP_ORIGIN);
    url.searchParams.set('token', token);
    await enqueueEmail({
      db: tx,
      template: 'staff-invitation',
      to: address,
      locale,
      props: { url: url.toString(), expiresInDays: INVITATION_TTL_DAYS, inviterName: admin.name, roles: user.roles },
      idempotencyKey: `staff-invitation:${loginToken.id}`,
    });
    await recordAudit({
      db: tx,
      actorId: adminId,
      actorKind: 'staff',
      action: 'staff.invite',
      entityType: 'StaffUser',
      entityId: user.id,
      after: { email: user.email, name: user.name, roles: user.roles, isActive: true, invitationExpiresAt: loginToken.expiresAt },
    });
    return { ok: true, staffUserId: user.id };
  });
}

/** Replaces a person's roles. Refused when an admin would remove ADMIN from themselves. */
export async function setStaffRoles({
  adminId,
  staffUserId,
  roles,
}: {
  adminId: string;
  staffUserId: string;
  roles: readonly StaffRole[];
}): Promise<StaffAdminResult> {
  const next = normaliseRoles(roles);
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { id: staffUserId } });
    if (!user) return { ok: false, reason: 'not-found' };
    if (user.id === adminId && !next.includes('ADMIN')) return { ok: false, reason: 'own-admin-role' };
    const before = normaliseRoles(user.roles);
    if (before.join() === next.join()) return { ok: true, staffUserId };
    await tx.staffUser.update({ where: { id: staffUserId }, data: { roles: next } });
    await recordAudit({
      db: tx,
      actorId: adminId,
      actorKind: 'staff',
      action: 'staff.roles_set',
      entityType: 'StaffUser',
      entityId: staffUserId,
      before: { email: user.email, roles: before },
      after: { email: user.email, roles: next },
    });
    return { ok: true, staffUserId };
  });
}

/**
 * Disables an account (its sessions end and its unused links stop working at once) or enables it
 * again. Refused for the admin's own account.
 */
export async function setStaffActive({
  adminId,
  staffUserId,
  active,
  now = new Date(),
}: {
  adminId: string;
  staffUserId: string;
  active: boolean;
  now?: Date;
}): Promise<StaffAdminResult> {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { id: staffUserId } });
    if (!user) return { ok: false, reason: 'not-found' };
    if (user.id === adminId) return { ok: false, reason: 'own-account' };
    if (user.isActive === active) return { ok: true, staffUserId };
    await tx.staffUser.update({ where: { id: staffUserId }, data: { isActive: active } });
    const endedSessions = active ? 0 : await revokeStaffSessions({ db: tx, staffUserId, now });
    if (!active) await voidLoginTokens({ db: tx, owner: { staffUserId }, now });
    await recordAudit({
      db: tx,
      actorId: adminId,
      actorKind: 'staff',
      action: active ? 'staff.enable' : 'staff.disable',
      entityType: 'StaffUser',
      entityId: staffUserId,
      before: { email: user.email, isActive: user.isActive },
      after: { email: user.email, isActive: active, ...(active ? {} : { endedSessions }) },
    });
    return { ok: true, staffUserId };
  });
}
