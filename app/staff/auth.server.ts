// Staff sign-in by magic link, the signed-in user, and role guards. Donors will sign in through
// the same token and session models (they carry staffUserId or donorId).
import { redirect } from '@remix-run/node';
import type { StaffRole, StaffUser } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { consumeLoginToken, createLoginToken, LOGIN_TOKEN_TTL_MINUTES } from './login-token-commands.server.ts';
import { createSession, findActiveSession, isRotationDue, revokeSessionBySecret, rotateSession } from './session-commands.server.ts';
import { findActiveStaffByEmail, normaliseEmail } from './staff-user-commands.server.ts';
import { hitMagicLinkRateLimit } from '~/platform/rate-limit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { safeRedirect } from '~/platform/request.server.ts';
import { clearSessionCookie, readSessionSecret, serializeSessionCookie } from './session-cookie.server.ts';

export type { StaffRole, StaffUser };

/** ADMIN passes every role check. */
export function hasRole(user: Pick<StaffUser, 'roles'>, roles: readonly StaffRole[]): boolean {
  return user.roles.includes('ADMIN') || roles.some((role) => user.roles.includes(role));
}

// Rotation needs a new cookie, which a loader can only hand out through its response. A full
// page load is redirected to itself with the new cookie; data requests and POSTs skip rotation
// until the next page load, so no fetch or form submission is ever interrupted.
function canRotateOn(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** The signed-in, active staff user, or null. May throw a same-URL redirect that rotates the cookie. */
export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const secret = await readSessionSecret(request);
  if (!secret) return null;
  const session = await findActiveSession({ secret });
  const user = session?.staffUser;
  if (!session || !user || !user.isActive) return null;
  if (isRotationDue(session) && canRotateOn(request)) {
    const rotated = await rotateSession({ sessionId: session.id });
    if (rotated) {
      const url = new URL(request.url);
      throw redirect(`${url.pathname}${url.search}`, {
        headers: { 'Set-Cookie': await serializeSessionCookie(request, rotated.secret) },
      });
    }
  }
  return user;
}

/** The signed-in staff user; otherwise redirects to /login, coming back here afterwards. */
export async function requireStaff(request: Request): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/login?${params.toString()}`);
}

/** The signed-in staff user holding one of `roles` (ADMIN always); 403 for anyone else signed in. */
export async function requireRole(request: Request, roles: readonly StaffRole[]): Promise<StaffUser> {
  const user = await requireStaff(request);
  if (!hasRole(user, roles)) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  return user;
}

export type SignInRequestResult = { status: 'sent' } | { status: 'rate-limited'; retryAfterSeconds: number };

/**
 * Handles a sign-in link request. For an active staff address it creates the token and queues
 * the email in one transaction; for any other address it does nothing. Both give the same
 * result, so the answer never tells whether an account exists.
 */
export async function requestStaffSignInLink({
  email,
  redirectTo,
  locale,
  ip,
}: {
  email: string;
  redirectTo?: string | null;
  locale: string;
  ip: string;
}): Promise<SignInRequestResult> {
  const limit = hitMagicLinkRateLimit({ email, ip });
  if (!limit.allowed) return { status: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
  const address = normaliseEmail(email);
  await getPrisma().$transaction(async (tx) => {
    const user = await findActiveStaffByEmail({ db: tx, email: address });
    if (!user) return;
    const { token, loginToken } = await createLoginToken({
      db: tx,
      email: address,
      staffUserId: user.id,
      redirectTo: safeRedirect(redirectTo, '/staff'),
    });
    const url = new URL('/login/verify', getEnv().APP_ORIGIN);
    url.searchParams.set('token', token);
    await enqueueEmail({
      db: tx,
      template: 'sign-in-link',
      to: address,
      locale,
      props: { url: url.toString(), expiresInMinutes: LOGIN_TOKEN_TTL_MINUTES },
      idempotencyKey: `sign-in-link:${loginToken.id}`,
    });
  });
  return { status: 'sent' };
}

export type SignInResult = { ok: true; redirectTo: string; setCookie: string } | { ok: false };

/**
 * Consumes a sign-in token and opens a session. Any session the browser already had is revoked
 * (a fresh secret at every sign-in). Unknown, used or expired tokens change nothing.
 */
export async function completeStaffSignIn({ request, token }: { request: Request; token: string }): Promise<SignInResult> {
  const previousSecret = await readSessionSecret(request);
  const opened = await getPrisma().$transaction(async (tx) => {
    const loginToken = await consumeLoginToken({ db: tx, token });
    if (!loginToken?.staffUserId) return null;
    const user = await tx.staffUser.findUnique({ where: { id: loginToken.staffUserId } });
    if (!user?.isActive) return null;
    if (previousSecret) await revokeSessionBySecret({ db: tx, secret: previousSecret });
    const { secret } = await createSession({ db: tx, staffUserId: user.id });
    await recordAudit({ db: tx, actorId: user.id, actorKind: 'staff', action: 'auth.sign_in', entityType: 'StaffUser', entityId: user.id });
    return { secret, redirectTo: safeRedirect(loginToken.redirectTo, '/staff') };
  });
  if (!opened) return { ok: false };
  return { ok: true, redirectTo: opened.redirectTo, setCookie: await serializeSessionCookie(request, opened.secret) };
}

/** Revokes the request's session (if any); returns the Set-Cookie value that clears the cookie. */
export async function signOut(request: Request): Promise<string> {
  const secret = await readSessionSecret(request);
  if (secret) {
    const db = getPrisma();
    const session = await findActiveSession({ db, secret });
    await revokeSessionBySecret({ db, secret });
    if (session?.staffUserId) {
      await recordAudit({ db, actorId: session.staffUserId, actorKind: 'staff', action: 'auth.sign_out', entityType: 'StaffUser', entityId: session.staffUserId });
    }
  }
  return clearSessionCookie(request);
}
