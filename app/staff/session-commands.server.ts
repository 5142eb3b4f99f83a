// Signed-in browsers. The cookie holds a random secret; the row holds its SHA-256. Rotation
// revokes the old row and creates a new one, so a stolen old cookie stops working.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { generateSecretToken, hashSecretToken } from '~/platform/token.server.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_ROTATE_AFTER_MS = 24 * 60 * 60 * 1000;

type Owner = { staffUserId: string; donorId?: undefined } | { donorId: string; staffUserId?: undefined };

/** Creates a session for a staff user or a donor; returns the raw secret for the cookie. */
export async function createSession({ db = getPrisma(), now = new Date(), ...owner }: Owner & { db?: DbClient; now?: Date }) {
  const secret = generateSecretToken();
  const session = await db.session.create({
    data: {
      tokenHash: hashSecretToken(secret),
      staffUserId: owner.staffUserId ?? null,
      donorId: owner.donorId ?? null,
      createdAt: now,
      rotatedAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    },
  });
  return { secret, session };
}

/** The live (unrevoked, unexpired) session for a cookie secret, with its staff user. */
export async function findActiveSession({ db = getPrisma(), secret, now = new Date() }: { db?: DbClient; secret: string; now?: Date }) {
  return db.session.findFirst({
    where: { tokenHash: hashSecretToken(secret), revokedAt: null, expiresAt: { gt: now } },
    include: { staffUser: true },
  });
}

export function isRotationDue(session: { rotatedAt: Date }, now: Date = new Date()): boolean {
  return now.getTime() - session.rotatedAt.getTime() >= SESSION_ROTATE_AFTER_MS;
}

/**
 * Replaces a session by a new one for the same owner. Returns null when another request already
 * rotated or revoked it (the conditional UPDATE decides), so only one new cookie is issued.
 */
export async function rotateSession({ sessionId, now = new Date() }: { sessionId: string; now?: Date }) {
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
    if (count !== 1) return null;
    const old = await tx.session.findUniqueOrThrow({ where: { id: sessionId } });
    if (old.staffUserId) return createSession({ db: tx, now, staffUserId: old.staffUserId });
    if (old.donorId) return createSession({ db: tx, now, donorId: old.donorId });
    return null;
  });
}

/** Revokes the session a cookie secret belongs to (sign-out); a no-op for unknown secrets. */
export async function revokeSessionBySecret({ db = getPrisma(), secret, now = new Date() }: { db?: DbClient; secret: string; now?: Date }) {
  const { count } = await db.session.updateMany({
    where: { tokenHash: hashSecretToken(secret), revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}

/** Revokes every session of a staff user (deactivation, role removal). */
export async function revokeStaffSessions({
  db = getPrisma(),
  staffUserId,
  now = new Date(),
}: {
  db?: DbClient;
  staffUserId: string;
  now?: Date;
}) {
  const { count } = await db.session.updateMany({ where: { staffUserId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
