// The session cookie: a signed (SESSION_SECRET) cookie holding the session's random secret.
// HttpOnly so scripts cannot read it, SameSite=Lax so cross-site POSTs do not carry it, Secure
// whenever the portal is served over https.
import { createCookie, type Cookie } from '@remix-run/node';
import { SESSION_TTL_MS } from './session-commands.server.ts';
import { getEnv } from '~/platform/env.server.ts';

export const SESSION_COOKIE_NAME = 'portal_session';

const cookies = new Map<string, Cookie>();

function isHttps(request: Request): boolean {
  return getEnv().APP_ORIGIN.startsWith('https:') || new URL(request.url).protocol === 'https:';
}

function sessionCookie(request: Request): Cookie {
  const secure = isHttps(request);
  const key = secure ? 'secure' : 'plain';
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie(SESSION_COOKIE_NAME, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
      secrets: [getEnv().SESSION_SECRET],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

/** The session secret from the request's cookie, or null (absent, or signature invalid). */
export async function readSessionSecret(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get('cookie'));
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A Set-Cookie header value that stores the session secret. */
export async function serializeSessionCookie(request: Request, secret: string): Promise<string> {
  return sessionCookie(request).serialize(secret);
}

/** A Set-Cookie header value that removes the session cookie. */
export async function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie(request).serialize('', { maxAge: 0, expires: new Date(0) });
}
