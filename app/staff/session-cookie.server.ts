// The session cookie: a signed (SESSION_SECRET) cookie holding the session's random secret.
// HttpOnly so scripts cannot read it, SameSite=Lax so cross-site POSTs do not carry it, Secure
// whenever the portal is served over https. Over https (always in production) its name carries the
// `__Host-` prefix: browsers then accept it only with Secure, Path=/ and no Domain, so neither a
// sibling subdomain nor a plain-http page can plant or overwrite it. Demo/dev over http keeps the
// plain name (browsers refuse a `__Host-` cookie without Secure).
import { createCookie, type Cookie } from '@remix-run/node';
import { staffSessionTimeouts } from './session-commands.server.ts';
import { getEnv } from '~/platform/env.server.ts';

export const SESSION_COOKIE_NAME = 'portal_session';
export const SECURE_SESSION_COOKIE_NAME = `__Host-${SESSION_COOKIE_NAME}`;

const cookies = new Map<string, Cookie>();

function isHttps(request: Request): boolean {
  return getEnv().APP_ORIGIN.startsWith('https:') || new URL(request.url).protocol === 'https:';
}

function sessionCookie(request: Request): Cookie {
  const secure = isHttps(request);
  const key = secure ? 'secure' : 'plain';
  let cookie = cookies.get(key);
  if (!cookie) {
    // No Domain attribute: the cookie belongs to this exact host.
    cookie = createCookie(secure ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      // The browser may drop it at the absolute timeout; the database ends it either way.
      maxAge: Math.floor(staffSessionTimeouts().absoluteMs / 1000),
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
