// Pages reached by a link with a token in its URL, whose own form posts back (sign-in links for
// donors and staff, email preferences, unsubscribe): the token never goes to another site as a
// Referer, yet the page's form still names our origin when it posts before its script has run or
// without script. Under 'no-referrer' the browser sends `Origin: null` and the origin check
// refuses the post (tests/e2e/account.spec.ts signs in without JavaScript).
import type { HeadersFunction } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

const routes = ['account.verify.tsx', 'login_.verify.tsx', 'email.preferences.$token.tsx', 'email.unsubscribe.$token.tsx'];

describe('token pages with a form', () => {
  it.each(routes)('%s: no cache, and a Referer only to this site', async (file) => {
    const { headers } = (await import(`~/routes/${file}`)) as { headers: HeadersFunction };
    // These headers read nothing of the request: empty arguments, and the plain object they return.
    const sent = headers({} as Parameters<HeadersFunction>[0]) as Record<string, string>;
    expect(sent).toMatchObject({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
  });
});
