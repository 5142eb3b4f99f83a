// The database side of staff sign-in: a sign-in link (token + email in one transaction), a
// session opened from a token, and a session closed; each audited where a person acts.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import {
  consumeLoginToken,
  createLoginToken,
  LOGIN_TOKEN_TTL_MINUTES,
  voidLoginTokens,
} from '~/platform/sessions/login-token-commands.server.ts';
import { createSession, findActiveSession } from './session-commands.server.ts';
import { revokeSessionBySecret } from '~/platform/sessions/session-commands.server.ts';
import { findActiveStaffByEmail } from './staff-user-commands.server.ts';

/**
 * For an active staff address: creates the token and queues the email in one transaction. For
 * any other address: nothing. It runs in the issue-staff-sign-in-link job, never in the request
 * (docs/decisions/021), and `requestId` (the job's id) makes a retried job send one link only.
 */
export async function issueStaffSignInLink({
  requestId,
  email,
  redirectTo,
  locale,
}: {
  requestId: string;
  email: string;
  redirectTo: string;
  locale: string;
}): Promise<'issued' | 'no-account' | 'already-issued'> {
  const idempotencyKey = `sign-in-link:request:${requestId}`;
  return getPrisma().$transaction(async (tx) => {
    if (await tx.emailOutbox.findUnique({ where: { idempotencyKey } })) return 'already-issued';
    const user = await findActiveStaffByEmail({ db: tx, email });
    if (!user) return 'no-account';
    const { token } = await createLoginToken({ db: tx, email, staffUserId: user.id, redirectTo });
    const url = new URL('/login/verify', getEnv().APP_ORIGIN);
    url.searchParams.set('token', token);
    await enqueueEmail({
      db: tx,
      template: 'sign-in-link',
      to: email,
      locale,
      props: { url: url.toString(), expiresInMinutes: LOGIN_TOKEN_TTL_MINUTES },
      idempotencyKey,
    });
    return 'issued';
  });
}

/**
 * Consumes a sign-in token and opens a session for its active staff user, revoking the session
 * the browser had (`previousSecret`). Null for an unknown, used or expired token.
 */
export async function openStaffSession({ token, previousSecret }: { token: string; previousSecret: string | null }) {
  return getPrisma().$transaction(async (tx) => {
    const loginToken = await consumeLoginToken({ db: tx, token, kind: 'staff' });
    if (!loginToken?.staffUserId) return null;
    const user = await tx.staffUser.findUnique({ where: { id: loginToken.staffUserId } });
    if (!user?.isActive) return null;
    await voidLoginTokens({ db: tx, owner: { staffUserId: user.id } });
    if (previousSecret) await revokeSessionBySecret({ db: tx, secret: previousSecret });
    const { secret } = await createSession({ db: tx, staffUserId: user.id });
    await recordAudit({ db: tx, actorId: user.id, actorKind: 'staff', action: 'auth.sign_in', entityType: 'StaffUser', entityId: user.id });
    return { secret, redirectTo: loginToken.redirectTo };
  });
}

/** Revokes the session with this secret and records the sign-out of its staff user. */
export async function closeStaffSession({ secret }: { secret: string }): Promise<void> {
  const db = getPrisma();
  const session = await findActiveSession({ db, secret });
  await revokeSessionBySecret({ db, secret });
  if (session?.staffUserId) {
    await recordAudit({
      db,
      actorId: session.staffUserId,
      actorKind: 'staff',
      action: 'auth.sign_out',
      entityType: 'StaffUser',
      entityId: session.staffUserId,
    });
  }
}
