// Staff sessions: the shared session rows (app/platform/sessions/session-commands.server.ts) with
// the staff timeouts (docs/decisions/021) and the staff user joined.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import {
  createOwnedSession,
  liveSessionConditions,
  rotateOwnedSession,
  type SessionOwner,
  type SessionTimeouts,
} from '~/platform/sessions/session-commands.server.ts';
import { hashSecretToken } from '~/platform/token.server.ts';

export type { SessionTimeouts };

/** The staff session timeouts of this process (STAFF_SESSION_IDLE_MINUTES, STAFF_SESSION_ABSOLUTE_HOURS). */
export function staffSessionTimeouts(env = getEnv()): SessionTimeouts {
  return { idleMs: env.STAFF_SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.STAFF_SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/** Creates a staff session (the staff timeouts unless given); returns the raw secret for the cookie. */
export async function createSession({
  timeouts = staffSessionTimeouts(),
  ...rest
}: SessionOwner & { db?: DbClient; now?: Date; signedInAt?: Date; timeouts?: SessionTimeouts }) {
  return createOwnedSession({ ...rest, timeouts });
}

/** The conditions of a live staff session at `now`: unrevoked, and within both timeouts. */
export function liveSessionWhere({ now = new Date(), timeouts = staffSessionTimeouts() }: { now?: Date; timeouts?: SessionTimeouts } = {}) {
  return liveSessionConditions({ now, timeouts });
}

/** The live session for a cookie secret, with its staff user; null when unknown, revoked, idle too long or too old. */
export async function findActiveSession({
  db = getPrisma(),
  secret,
  now = new Date(),
  timeouts = staffSessionTimeouts(),
}: {
  db?: DbClient;
  secret: string;
  now?: Date;
  timeouts?: SessionTimeouts;
}) {
  return db.session.findFirst({
    where: { tokenHash: hashSecretToken(secret), ...liveSessionConditions({ now, timeouts }) },
    include: { staffUser: true },
  });
}

/** Rotates a staff session with the staff timeouts (see rotateOwnedSession). */
export async function rotateSession({ sessionId, now = new Date() }: { sessionId: string; now?: Date }) {
  return rotateOwnedSession({ sessionId, now, timeouts: staffSessionTimeouts() });
}

/** Revokes every session of a staff user (an admin ending them, deactivation, role removal); returns how many were open. */
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
