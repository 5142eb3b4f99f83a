// The security headers every response carries: the CSP's directives as a browser reads them.
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '~/platform/security-headers.server.ts';
import { listen } from './edge-harness.ts';

let origin = '';
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.locals.cspNonce = 'test-nonce';
    next();
  });
  app.use(securityHeaders({ origin: 'https://funding.example.org', isDev: false, formTargets: ['https://checkout.stripe.com'] }));
  app.get('/', (_req, res) => res.type('html').end('<p>ok</p>'));
  app.get('/staff/impact/preview', (_req, res) => res.type('html').end('<p style="color:red">email</p>'));
  app.get('/staff/appeals/preview', (_req, res) => res.type('html').end('<p style="color:red">appeal</p>'));
  const server = await listen(app);
  origin = `http://127.0.0.1:${server.port}`;
  close = server.close;
});

afterAll(() => close());

function directives(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(' ')[0]!, part.split(' ').slice(1).join(' ')]),
  );
}

describe('security headers', () => {
  it("sends a strict CSP: nonce scripts, no inline styles, no framing, no <base> (base-uri 'none')", async () => {
    const response = await fetch(origin);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'strict-dynamic' 'nonce-test-nonce'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'self' https://checkout.stripe.com");
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/staff/impact/preview', '/staff/appeals/preview?appeal=x&lang=ar'])(
    'gives an email preview (%s) a policy of its own: inline styles, no scripts, a sandbox, framed by our pages only',
    async (path) => {
      const response = await fetch(`${origin}${path}`);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.get('style-src')).toBe("'unsafe-inline'");
      expect(csp.has('script-src')).toBe(false);
      expect(csp.has('sandbox')).toBe(true);
      expect(csp.get('frame-ancestors')).toBe("'self'");
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    },
  );
});
