// Donor sign-in by emailed link and the signed-in donor (docs/decisions/041): the staff mechanism
// (hashed single-use tokens, a job that issues them, rotated sessions with timeouts) with a donor
// role and a cookie of its own.
import { redirect } from '@remix-run/node';
import { accountCookie } from './account-cookie.server.ts';
import {
  closeDonorSession,
  findActiveDonorSession,
  normaliseDonorEmail,
  openDonorSession,
  queueDonorSignInLink,
  rotateDonorSession,
} from './donor-session-commands.server.ts';
import { hitMagicLinkRateLimit } from '~/platform/rate-limit.server.ts';
import { isLastSeenStale, isRotationDue, touchSession } from '~/platform/sessions/session-commands.server.ts';

export interface SignedInDonor {
  id: string;
  displayName: string;
  email: string | null;
  locale: string;
}

export const ACCOUNT_SIGN_IN_PATH = '/account/sign-in';

// Rotation needs a new cookie, which only a response can carry: a full page load is redirected to
// itself with it; data requests and POSTs wait for the next page load (as for staff).
function canRotateOn(request: Request): boolean {
  return request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
}

/** The signed-in donor, or null. May throw a same-URL redirect that rotates the cookie. */
export async function getDonor(request: Request): Promise<SignedInDonor | null> {
  const secret = await accountCookie.read(request);
  if (!secret) return null;
  const now = new Date();
  const session = await findActiveDonorSession({ secret, now });
  if (!session) return null;
  if (isRotationDue(session, now) && canRotateOn(request)) {
    const rotated = await rotateDonorSession({ sessionId: session.id, now });
    if (rotated) {
      const url = new URL(request.url);
      throw redirect(`${url.pathname}${url.search}`, { headers: { 'Set-Cookie': await accountCookie.serialize(request, rotated.secret) } });
    }
  }
  if (isLastSeenStale(session, now)) await touchSession({ sessionId: session.id, now });
  const { id, displayName, email, locale } = session.donor;
  return { id, displayName, email, locale };
}

/** The signed-in donor; anyone else is sent to the sign-in page. */
export async function requireDonor(request: Request): Promise<SignedInDonor> {
  const donor = await getDonor(request);
  if (donor) return donor;
  throw redirect(ACCOUNT_SIGN_IN_PATH);
}

export type DonorSignInRequestResult = { status: 'sent' } | { status: 'rate-limited'; retryAfterSeconds: number };

/**
 * A sign-in link request: for every address, a donor's or not, the rate limits and one queued
 * job. The answer, the work and the time taken are the same either way (docs/decisions/021, 041).
 */
export async function requestDonorSignInLink({
  email,
  locale,
  ip,
}: {
  email: string;
  locale: string;
  ip: string;
}): Promise<DonorSignInRequestResult> {
  const limit = await hitMagicLinkRateLimit({ email, ip, kind: 'donor' });
  if (!limit.allowed) return { status: 'rate-limited', retryAfterSeconds: limit.retryAfterSeconds };
  await queueDonorSignInLink({ email: normaliseDonorEmail(email), locale });
  return { status: 'sent' };
}

/** Consumes a donor's sign-in token and opens a session; the Set-Cookie value, or null when the token does not sign anyone in. */
export async function completeDonorSignIn({ request, token }: { request: Request; token: string }): Promise<string | null> {
  const opened = await openDonorSession({ token, previousSecret: await accountCookie.read(request) });
  return opened ? accountCookie.serialize(request, opened.secret) : null;
}

/** Revokes the request's donor session (if any); returns the Set-Cookie value that clears the cookie. */
export async function signOutDonor(request: Request): Promise<string> {
  const secret = await accountCookie.read(request);
  if (secret) await closeDonorSession({ secret });
  return accountCookie.clear(request);
}
