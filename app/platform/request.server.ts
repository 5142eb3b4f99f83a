// Request helpers shared by the public forms: where a request comes from (for rate limits),
// whether a POST was sent by one of our own pages (CSRF defence on top of SameSite cookies),
// and which post-sign-in redirects are safe.
import { getEnv } from './env.server.ts';

/**
 * The client's IP address, as the server entry found it: Express's `req.ip` in the load context,
 * which believes X-Forwarded-For only from the proxies TRUST_PROXY names. The header itself is
 * never read here: any client can write it.
 */
export function getClientIp(context?: unknown): string {
  if (context && typeof context === 'object' && 'clientIp' in context) {
    const { clientIp } = context as { clientIp: unknown };
    if (typeof clientIp === 'string' && clientIp !== '') return clientIp;
  }
  return 'unknown';
}

function originOf(value: string | null): string | null {
  if (!value || value === 'null') return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * True when the request's Origin (or, failing that, Referer) is the portal's own origin:
 * APP_ORIGIN, or the origin the request was addressed to (a browser always sets Host to the
 * real target, so a cross-site form cannot fake it). A request carrying neither header fails:
 * browsers send Origin on every POST, so only non-browser clients lack it.
 */
export function isSameOriginRequest(request: Request, appOrigin: string = getEnv().APP_ORIGIN): boolean {
  const source = originOf(request.headers.get('origin')) ?? originOf(request.headers.get('referer'));
  if (!source) return false;
  const allowed = new Set([new URL(appOrigin).origin, new URL(request.url).origin]);
  return allowed.has(source);
}

/** Throws a 403 Response for a cross-origin (or origin-less) state-changing request. */
export function assertSameOrigin(request: Request, appOrigin?: string): void {
  if (!isSameOriginRequest(request, appOrigin)) {
    throw new Response('Cross-origin request refused', { status: 403 });
  }
}

/**
 * A redirect target that stays on this site: a path starting with a single "/". Absolute URLs,
 * protocol-relative "//host" and the "/\host" form some browsers normalise to "//" are refused.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to === '') return fallback;
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  return to;
}
