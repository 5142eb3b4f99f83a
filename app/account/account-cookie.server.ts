// The donor session cookie, `portal_account` (`__Host-portal_account` over https): a cookie of its
// own, never the staff one, so a donor session is never read as a staff session nor the reverse
// (docs/decisions/041). Made as every session cookie is (HttpOnly, SameSite=Lax, Secure over https).
import { DONOR_SESSION_TIMEOUTS } from './donor-session-commands.server.ts';
import { sessionCookieJar } from '~/platform/sessions/session-cookie.server.ts';

export const ACCOUNT_COOKIE_NAME = 'portal_account';

export const accountCookie = sessionCookieJar({ name: ACCOUNT_COOKIE_NAME, maxAgeMs: () => DONOR_SESSION_TIMEOUTS.absoluteMs });
