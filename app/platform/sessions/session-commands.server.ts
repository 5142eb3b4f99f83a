// Signed-in browsers, for staff and donors alike (one `sessions` table; each row belongs to a
// staff user or a donor). The cookie holds a random secret; the row holds its SHA-256. Rotation
// revokes the old row and creates a new one, so a stolen old cookie stops working. A session ends
// after an idle and an absolute timeout (docs/decisions/021, 041): the query that finds a session
// asks PostgreSQL for both, so a session past either is never found, whatever the cookie says.
// Each kind of session brings its own timeouts; the staff and donor modules supply them.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { generateSecretToken, hashSecretToken } from '~/platform/token.server.ts';

/** Rotation replaces the cookie's secret at most this often (on a page load). */
export const SESSION_ROTATE_AFTER_MS = 60 * 60 * 1000;
/** `lastSeenAt` is written at most once a minute per session: the idle timeout is exact to a minute. */
export const LAST_SEEN_PRECISION_MS = 60 * 1000;

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export type SessionOwner = { staffUserId: string; donorId?: undefined } | { donorId: string; staffUserId?: undefined };

/**
 * Creates a session for a staff user or a donor; returns the raw secret for the cookie. A rotation
 * passes the original `signedInAt`, so the absolute timeout still counts from the sign-in.
 */
export async function createOwnedSession({
  db = getPrisma(),
  now = new Date(),
  signedInAt = now,
  timeouts,
  ...owner
}: SessionOwner & { db?: DbClient; now?: Date; signedInAt?: Date; timeouts: SessionTimeouts }) {
  const secret = generateSecretToken();
  const session = await db.session.create({
    data: {
      tokenHash: hashSecretToken(secret),
      staffUserId: owner.staffUserId ?? null,
      donorId: owner.donorId ?? null,
      createdAt: now,
      rotatedAt: now,
      signedInAt,
      lastSeenAt: now,
      expiresAt: new Date(signedInAt.getTime() + timeouts.absoluteMs),
    },
  });
  return { secret, session };
}

/** The conditions of a live session at `now`: unrevoked, and within both timeouts. */
export function liveSessionConditions({ now = new Date(), timeouts }: { now?: Date; timeouts: SessionTimeouts }) {
  return {
    revokedAt: null,
    expiresAt: { gt: now },
    signedInAt: { gt: new Date(now.getTime() - timeouts.absoluteMs) },
    lastSeenAt: { gt: new Date(now.getTime() - timeouts.idleMs) },
  };
}

export function isRotationDue(session: { rotatedAt: Date }, now: Date = new Date()): boolean {
  return now.getTime() - session.rotatedAt.getTime() >= SESSION_ROTATE_AFTER_MS;
}

export function isLastSeenStale(session: { lastSeenAt: Date }, now: Date = new Date()): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS;
}

/** Records a request made with the session (moves the idle timeout on); a no-op for a revoked one. */
export async function touchSession({ db = getPrisma(), sessionId, now = new Date() }: { db?: DbClient; sessionId: string; now?: Date }) {
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
}

/**
 * Replaces a session by a new one for the same owner and sign-in time. Returns null when another
 * request already rotated or revoked it (the conditional UPDATE decides), so only one new cookie is issued.
 */
export async function rotateOwnedSession({
  sessionId,
  now = new Date(),
  timeouts,
}: {
  sessionId: string;
  now?: Date;
  timeouts: SessionTimeouts;
}) {
  return getPrisma().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
    if (count !== 1) return null;
    const old = await tx.session.findUniqueOrThrow({ where: { id: sessionId } });
    const signedInAt = old.signedInAt;
    if (old.staffUserId) return createOwnedSession({ db: tx, now, signedInAt, timeouts, staffUserId: old.staffUserId });
    if (old.donorId) return createOwnedSession({ db: tx, now, signedInAt, timeouts, donorId: old.donorId });
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
