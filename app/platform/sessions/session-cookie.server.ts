// Session cookies: a signed (SESSION_SECRET) cookie holding a session's random secret. Staff and
// donors each have their own cookie name (docs/decisions/041), made here the same way: HttpOnly
// so scripts cannot read it, SameSite=Lax so cross-site POSTs do not carry it, Secure whenever the
// portal is served over https. Over https (always in production) its name carries the `__Host-`
// prefix: browsers then accept it only with Secure, Path=/ and no Domain, so neither a sibling
// subdomain nor a plain-http page can plant or overwrite it. Demo/dev over http keeps the plain
// name (browsers refuse a `__Host-` cookie without Secure).
import { createCookie, type Cookie } from '@remix-run/node';
import { getEnv } from '~/platform/env.server.ts';

export interface SessionCookieJar {
  /** The session secret from the request's cookie, or null (absent, or signature invalid). */
  read(request: Request): Promise<string | null>;
  /** A Set-Cookie header value that stores the session secret. */
  serialize(request: Request, secret: string): Promise<string>;
  /** A Set-Cookie header value that removes the cookie. */
  clear(request: Request): Promise<string>;
}

function isHttps(request: Request): boolean {
  return getEnv().APP_ORIGIN.startsWith('https:') || new URL(request.url).protocol === 'https:';
}

/** The cookie named `name` (`__Host-<name>` over https), kept by the browser for at most `maxAgeMs()`. */
export function sessionCookieJar({ name, maxAgeMs }: { name: string; maxAgeMs: () => number }): SessionCookieJar {
  const cookies = new Map<string, Cookie>();
  function cookieFor(request: Request): Cookie {
    const secure = isHttps(request);
    const key = secure ? 'secure' : 'plain';
    let cookie = cookies.get(key);
    if (!cookie) {
      // No Domain attribute: the cookie belongs to this exact host.
      cookie = createCookie(secure ? `__Host-${name}` : name, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        // The browser may drop it at the absolute timeout; the database ends it either way.
        maxAge: Math.floor(maxAgeMs() / 1000),
        secrets: [getEnv().SESSION_SECRET],
      });
      cookies.set(key, cookie);
    }
    return cookie;
  }
  return {
    async read(request) {
      const value: unknown = await cookieFor(request).parse(request.headers.get('cookie'));
      return typeof value === 'string' && value !== '' ? value : null;
    },
    serialize: (request, secret) => cookieFor(request).serialize(secret),
    clear: (request) => cookieFor(request).serialize('', { maxAge: 0, expires: new Date(0) }),
  };
}
