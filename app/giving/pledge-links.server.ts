// Links to a donor's own pledge pages. A pledge reference is printed on bank statements and
// receipts, so it is not a secret by itself: the pages also need an HMAC of the reference made
// with SESSION_SECRET, which only the links we send (redirects, emails) carry.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getEnv } from '~/platform/env.server.ts';

export function pledgeAccessToken(reference: string): string {
  return createHmac('sha256', getEnv().SESSION_SECRET).update(`pledge:${reference}`).digest('base64url').slice(0, 32);
}

export function verifyPledgeAccess(reference: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(pledgeAccessToken(reference));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const withToken = (path: string, reference: string) => `${path}?t=${pledgeAccessToken(reference)}`;

/** The pledge's schedule page (instalments, pay buttons). */
export function pledgePath(reference: string): string {
  return withToken(`/give/pledge/${encodeURIComponent(reference)}`, reference);
}

/** The bank-transfer instructions page. */
export function transferPath(reference: string): string {
  return withToken(`/give/transfer/${encodeURIComponent(reference)}`, reference);
}

/** A monthly gift's page in the donor's account (sign-in first; no token: the session says whose it is). */
export function monthlyGiftPath(reference: string): string {
  return `/account/monthly/${encodeURIComponent(reference)}`;
}

/** Absolute form of a path, for emails. */
export function absoluteUrl(path: string): string {
  return new URL(path, getEnv().APP_ORIGIN).toString();
}
