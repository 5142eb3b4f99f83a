// Signed links (one-click unsubscribe, a report's web version): the claims come back only from an
// unaltered link made for the same purpose, before it expires, with the same secret.
import { describe, expect, it } from 'vitest';
import { signedLinkUrl, signLinkToken, verifyLinkToken } from '~/platform/signed-link.server.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const claims = { donorId: '6f1c1c84-9d2a-4d0b-9a51-2f0a3f3c1e11', kind: 'IMPACT_REPORTS' };

describe('signed links', () => {
  it('gives back the claims of an unaltered link', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', claims, secret });
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(verifyLinkToken({ purpose: 'unsubscribe', token, secret })).toEqual(claims);
  });

  it('refuses an altered claim, another purpose, another secret and rubbish', () => {
    const token = signLinkToken({ purpose: 'unsubscribe', claims, secret });
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...claims, kind: 'APPEALS' })).toString('base64url')}.${mac}`;
    expect(verifyLinkToken({ purpose: 'unsubscribe', token: forged, secret })).toBeNull();
    expect(verifyLinkToken({ purpose: 'impact-report', token, secret })).toBeNull();
    expect(verifyLinkToken({ purpose: 'unsubscribe', token, secret: `${secret}!` })).toBeNull();
    for (const rubbish of ['', '.', 'abc', `${token}.x`, `${token.slice(0, -2)}`, 'e30.AAAA', 'x'.repeat(3000)]) {
      expect(verifyLinkToken({ purpose: 'unsubscribe', token: rubbish, secret })).toBeNull();
    }
  });

  it('stops working when it expires', () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const token = signLinkToken({ purpose: 'impact-report', claims, secret, expiresAt });
    expect(verifyLinkToken({ purpose: 'impact-report', token, secret, now: new Date('2029-12-31T23:59:59Z') })).toEqual(claims);
    expect(verifyLinkToken({ purpose: 'impact-report', token, secret, now: expiresAt })).toBeNull();
  });

  it('makes an absolute address on the portal', () => {
    expect(signedLinkUrl('/email/unsubscribe', 'abc.def', 'https://funding.example.org')).toBe(
      'https://funding.example.org/email/unsubscribe/abc.def',
    );
  });
});
