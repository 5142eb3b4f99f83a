// Links that act without a sign-in — an email's one-click unsubscribe, the web version of an
// impact report — carry their own authority: a few claims and an HMAC-SHA256 over them with a key
// derived from SESSION_SECRET for one purpose, so a link made for one thing opens nothing else.
// Nothing is stored; a link stays valid until it expires (when it has an expiry) or the secret
// changes. The claims are readable by whoever holds the link: never put a secret in them.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getEnv } from './env.server.ts';

export type LinkPurpose = 'unsubscribe' | 'impact-report' | 'email-preferences' | 'appeal-link';
export type LinkClaims = Record<string, string>;

const keyFor = (purpose: LinkPurpose, secret: string) => createHmac('sha256', secret).update(`signed-link:${purpose}`).digest();

function signature(purpose: LinkPurpose, body: string, secret: string): Buffer {
  return createHmac('sha256', keyFor(purpose, secret)).update(body).digest();
}

/** `<claims, base64url JSON>.<signature, base64url>`; `expiresAt` is checked by verifyLinkToken. */
export function signLinkToken({
  purpose,
  claims,
  expiresAt,
  secret = getEnv().SESSION_SECRET,
}: {
  purpose: LinkPurpose;
  claims: LinkClaims;
  expiresAt?: Date;
  secret?: string;
}): string {
  const payload = expiresAt ? { ...claims, exp: String(Math.floor(expiresAt.getTime() / 1000)) } : claims;
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${signature(purpose, body, secret).toString('base64url')}`;
}

/** The claims of a link made for `purpose`, or null when it was altered, made for another purpose or has expired. */
export function verifyLinkToken({
  purpose,
  token,
  now = new Date(),
  secret = getEnv().SESSION_SECRET,
}: {
  purpose: LinkPurpose;
  token: string;
  now?: Date;
  secret?: string;
}): LinkClaims | null {
  if (token.length > 2048) return null;
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const given = Buffer.from(mac, 'base64url');
  const expected = signature(purpose, body, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return null;
  const entries = Object.entries(claims);
  if (entries.some(([, value]) => typeof value !== 'string')) return null;
  const { exp, ...rest } = Object.fromEntries(entries) as LinkClaims;
  if (exp !== undefined && !(Number(exp) * 1000 > now.getTime())) return null;
  return rest;
}

/** The absolute address of a signed link on this portal, e.g. `/email/unsubscribe/<token>`. */
export function signedLinkUrl(path: string, token: string, appOrigin: string = getEnv().APP_ORIGIN): string {
  return new URL(`${path}/${token}`, appOrigin).toString();
}
