// The appeal attribution cookie (docs/decisions/050): a tracked link of an appeal email sets it to
// the recipient it was sent to; the give action reads it and names that recipient on a pledge of
// the same appeal. Signed (SESSION_SECRET), HttpOnly, SameSite=Lax, 30 days; it holds a row id only.
import { sessionCookieJar } from './session-cookie.server.ts';

export const APPEAL_ATTRIBUTION_DAYS = 30;

export const appealAttributionCookie = sessionCookieJar({
  name: 'appeal_ref',
  maxAgeMs: () => APPEAL_ATTRIBUTION_DAYS * 24 * 60 * 60 * 1000,
});
