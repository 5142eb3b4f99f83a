// The staff session cookie, `portal_session` (`__Host-portal_session` over https): made as every
// session cookie is (app/platform/sessions/session-cookie.server.ts), kept at most the staff
// absolute timeout.
import { staffSessionTimeouts } from './session-commands.server.ts';
import { sessionCookieJar } from '~/platform/sessions/session-cookie.server.ts';

export const SESSION_COOKIE_NAME = 'portal_session';
export const SECURE_SESSION_COOKIE_NAME = `__Host-${SESSION_COOKIE_NAME}`;

const jar = sessionCookieJar({ name: SESSION_COOKIE_NAME, maxAgeMs: () => staffSessionTimeouts().absoluteMs });

/** The session secret from the request's cookie, or null (absent, or signature invalid). */
export async function readSessionSecret(request: Request): Promise<string | null> {
  return jar.read(request);
}

/** A Set-Cookie header value that stores the session secret. */
export async function serializeSessionCookie(request: Request, secret: string): Promise<string> {
  return jar.serialize(request, secret);
}

/** A Set-Cookie header value that removes the session cookie. */
export async function clearSessionCookie(request: Request): Promise<string> {
  return jar.clear(request);
}
