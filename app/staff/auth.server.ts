// Staff sign-in by magic link, the signed-in user, and role guards. Donors sign in through the
// same token and session models with their own cookie (app/account, docs/decisions/041).
import { redirect } from '@remix-run/node';
import type { StaffRole, StaffUser } from '~/generated/prisma/client.ts';
import { recordStaffAccessDenied } from './access-audit-commands.server.ts';
import { findActiveSession, rotateSession } from './session-commands.server.ts';
import { isLastSeenStale, isRotationDue, touchSession } from '~/platform/sessions/session-commands.server.ts';
import { closeStaffSession, openStaffSession } from './sign-in-commands.server.ts';
import { queueStaffSignInLink } from './sign-in-request-commands.server.ts';
import { normaliseEmail } from './staff-user-commands.server.ts';
import { hitMagicLinkRateLimit } from '~/platform/rate-limit.server.ts';
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

type StaffLookup = { user: StaffUser; reason?: undefined } | { user: null; reason: 'no-session' | 'session-ended' };

async function lookUpStaff(request: Request): Promise<StaffLookup> {
  const secret = await readSessionSecret(request);
  if (!secret) return { user: null, reason: 'no-session' };
  const now = new Date();
  const session = await findActiveSession({ secret, now });
  const user = session?.staffUser;
  if (!session || !user || !user.isActive) return { user: null, reason: 'session-ended' };
  if (isRotationDue(session, now) && canRotateOn(request)) {
    const rotated = await rotateSession({ sessionId: session.id, now });
    if (rotated) {
      const url = new URL(request.url);
      throw redirect(`${url.pathname}${url.search}`, {
        headers: { 'Set-Cookie': await serializeSessionCookie(request, rotated.secret) },
      });
    }
  }
  // Every request counts as activity for the idle timeout (written at most once a minute).
  if (isLastSeenStale(session, now)) await touchSession({ sessionId: session.id, now });
  return { user };
}

/** The signed-in, active staff user, or null. May throw a same-URL redirect that rotates the cookie. */
export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  return (await lookUpStaff(request)).user;
}

/** The signed-in staff user; otherwise records the refusal and redirects to /login, coming back here afterwards. */
export async function requireStaff(request: Request): Promise<StaffUser> {
  const { user, reason } = await lookUpStaff(request);
  if (user) return user;
  await recordStaffAccessDenied({ request, reason });
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  throw redirect(`/login?${params.toString()}`);
}

/** The signed-in staff user holding one of `roles` (ADMIN always); 403 (recorded) for anyone else signed in. */
export async function requireRole(request: Request, roles: readonly StaffRole[]): Promise<StaffUser> {
  const user = await requireStaff(request);
  if (!hasRole(user, roles)) {
    await recordStaffAccessDenied({ request, reason: 'role', staffUserId: user.id, requiredRoles: roles });
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
  }
  return user;
}

export type SignInRequestResult = { status: 'sent' } | { status: 'rate-limited'; retryAfterSeconds: number };

/**
 * Handles a sign-in link request: for every address, known or not, it queues one job that issues
 * the link if the address is an active staff account. The answer, the work and the time taken are
 * the same either way, so neither tells whether an account exists (docs/decisions/021).
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
  const limit = await hitMagicLinkRateLimit({ email, ip });
  if (!limit.allowed) return { status: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
  await queueStaffSignInLink({ email: normaliseEmail(email), redirectTo: safeRedirect(redirectTo, '/staff'), locale });
  return { status: 'sent' };
}

export type SignInResult = { ok: true; redirectTo: string; setCookie: string } | { ok: false };

/**
 * Consumes a sign-in token and opens a session. Any session the browser already had is revoked
 * (a fresh secret at every sign-in). Unknown, used or expired tokens change nothing.
 */
export async function completeStaffSignIn({ request, token }: { request: Request; token: string }): Promise<SignInResult> {
  const previousSecret = await readSessionSecret(request);
  const opened = await openStaffSession({ token, previousSecret });
  if (!opened) return { ok: false };
  return {
    ok: true,
    redirectTo: safeRedirect(opened.redirectTo, '/staff'),
    setCookie: await serializeSessionCookie(request, opened.secret),
  };
}

/** Revokes the request's session (if any); returns the Set-Cookie value that clears the cookie. */
export async function signOut(request: Request): Promise<string> {
  const secret = await readSessionSecret(request);
  if (secret) await closeStaffSession({ secret });
  return clearSessionCookie(request);
}
