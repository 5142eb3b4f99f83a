import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/platform/env.server.ts';

const productionEnv = {
  PORTAL_MODE: 'production',
  DATABASE_URL: 'postgresql://portal:secret@db.internal:5432/portal',
  SESSION_SECRET: 's'.repeat(40),
  APP_ORIGIN: 'https://funding.example.org',
  ADMIN_EMAIL: 'admin@example.org',
  RESEND_API_KEY: 're_live_key',
  RESEND_WEBHOOK_SECRET: 'whsec_c2VjcmV0LW9mLXRoZS1saXZlLWVuZHBvaW50',
  STRIPE_SECRET_KEY: 'sk_live_key',
  STRIPE_WEBHOOK_SECRET: 'whsec_key',
  BANK_ACCOUNT_NAME: 'UNODC Crime Programme',
  BANK_NAME: 'Example Bank',
  BANK_IBAN: 'AT61 1904 3002 3457 3201',
  BANK_BIC: 'EXAMATWWXXX',
  BANK_ADDRESS: 'Vienna, Austria',
};

describe('environment schema', () => {
  it('accepts an empty environment in demo mode with safe defaults', () => {
    const env = parseEnv({});
    expect(env.PORTAL_MODE).toBe('demo');
    expect(env.PORT).toBe(3000);
    expect(env.APP_ORIGIN).toBe('http://localhost:3000');
  });

  it('accepts a complete production environment', () => {
    expect(parseEnv(productionEnv).PORTAL_MODE).toBe('production');
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://nope' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORTAL_MODE', { PORTAL_MODE: 'staging' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['BANK_IBAN', { BANK_IBAN: 'not an iban' }],
    ['RESEND_WEBHOOK_SECRET', { RESEND_WEBHOOK_SECRET: 'not-a-svix-secret' }],
  ])('names %s when its value is wrong', (name, overrides) => {
    expect(() => parseEnv(overrides)).toThrow(new RegExp(`^Invalid environment variable ${name}: `));
  });

  it.each([
    'DATABASE_URL',
    'SESSION_SECRET',
    'STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'RESEND_API_KEY',
    'RESEND_WEBHOOK_SECRET',
    'APP_ORIGIN',
    'ADMIN_EMAIL',
    'BANK_IBAN',
    'BANK_BIC',
  ])('production mode requires %s', (name) => {
    const env: Record<string, string | undefined> = { ...productionEnv, [name]: undefined };
    expect(() => parseEnv(env)).toThrow(`Invalid environment variable ${name}: is required when PORTAL_MODE=production`);
  });

  it('production mode refuses provider base URLs that point at the local fakes, however the host is spelled', () => {
    for (const base of [
      'http://127.0.0.1:3026',
      'http://0.0.0.0:3026',
      'http://LOCALHOST:3026',
      'http://api.localhost',
      'http://127.1:3026',
      'http://2130706433:3026',
      'http://[::1]:3026',
      'http://[::]:3026',
      'http://[::ffff:127.0.0.1]:3026',
    ]) {
      expect(() => parseEnv({ ...productionEnv, STRIPE_API_BASE: base }), base).toThrow(/STRIPE_API_BASE: must not point at a local fake/);
      expect(() => parseEnv({ ...productionEnv, RESEND_BASE_URL: base }), base).toThrow(/RESEND_BASE_URL: must not point at a local fake/);
    }
    expect(parseEnv({ ...productionEnv, STRIPE_API_BASE: 'https://api.stripe.com' }).STRIPE_API_BASE).toBe('https://api.stripe.com');
    expect(parseEnv({ ...productionEnv, STRIPE_API_BASE: 'https://localhost.example.org' }).STRIPE_API_BASE).toBeTruthy();
  });

  it('production mode needs an https:// APP_ORIGIN; the demo accepts http', () => {
    expect(() => parseEnv({ ...productionEnv, APP_ORIGIN: 'http://funding.example.org' })).toThrow(
      'Invalid environment variable APP_ORIGIN: must be an https:// origin when PORTAL_MODE=production',
    );
    expect(parseEnv({ APP_ORIGIN: 'http://localhost:3000' }).APP_ORIGIN).toBe('http://localhost:3000');
  });

  it('never prints the secret it rejects', () => {
    try {
      parseEnv({ SESSION_SECRET: 'hunter2-secret' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });
});

describe('server start with a bad environment', () => {
  function start(env: Record<string, string>) {
    return spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('exits 1 with one clear line for a malformed DATABASE_URL', () => {
    const result = start({ DATABASE_URL: 'postgres//broken' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid environment variable DATABASE_URL: must be a postgresql:// URL with a host');
  });

  it('exits 1 with one clear line for a missing secret in production mode', () => {
    const { STRIPE_WEBHOOK_SECRET: _omitted, ...rest } = productionEnv;
    const result = start(rest);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid environment variable STRIPE_WEBHOOK_SECRET: is required when PORTAL_MODE=production');
    expect(result.stderr).not.toContain('sk_live_key');
  });
});
