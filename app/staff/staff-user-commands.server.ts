// Staff users and their roles. Emails are stored lower-case so look-ups are exact.
import type { StaffRole } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates the first admin (roles [ADMIN]) unless a staff user already has this email; an
 * existing user is returned unchanged. Safe to call at every boot.
 */
export async function ensureAdmin({ email, db = getPrisma() }: { email: string; db?: DbClient }) {
  const address = normaliseEmail(email);
  const existing = await db.staffUser.findUnique({ where: { email: address } });
  if (existing) return existing;
  // upsert rather than create: two processes booting at once must not fail on the unique email.
  const admin = await db.staffUser.upsert({
    where: { email: address },
    create: { email: address, name: address.split('@')[0] ?? address, roles: ['ADMIN'] },
    update: {},
  });
  await recordAudit({
    db,
    actorKind: 'system',
    action: 'staff.create',
    entityType: 'StaffUser',
    entityId: admin.id,
    after: { email: admin.email, roles: admin.roles },
  });
  return admin;
}

/** The active staff user with this email, or null. */
export async function findActiveStaffByEmail({ email, db = getPrisma() }: { email: string; db?: DbClient }) {
  return db.staffUser.findFirst({ where: { email: normaliseEmail(email), isActive: true } });
}

export async function getStaffById({ id, db = getPrisma() }: { id: string; db?: DbClient }) {
  return db.staffUser.findUnique({ where: { id } });
}

/** Every staff user, active first, then by email. */
export async function listStaff({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.staffUser.findMany({ orderBy: [{ isActive: 'desc' }, { email: 'asc' }] });
}

/** Test and admin helper: creates a staff user with the given roles. */
export async function createStaff({
  email,
  name,
  roles,
  locale = 'en',
  isActive = true,
  db = getPrisma(),
}: {
  email: string;
  name: string;
  roles: StaffRole[];
  locale?: string;
  isActive?: boolean;
  db?: DbClient;
}) {
  return db.staffUser.create({ data: { email: normaliseEmail(email), name, roles, locale, isActive } });
}
