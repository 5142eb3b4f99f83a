// The first admin, the audit helper, and the small request/rate-limit helpers.
import { describe, expect, it } from 'vitest';
import { Prisma } from '~/generated/prisma/client.ts';
import { recordAudit, toAuditJson } from '~/platform/audit.server.ts';
import { ensureAdmin, findActiveStaffByEmail, listStaff } from '~/staff/staff-user-commands.server.ts';
import { createRateLimiter } from '~/platform/rate-limit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getClientIp, isSameOriginRequest, safeRedirect } from '~/platform/request.server.ts';

const db = getPrisma();

describe('ensureAdmin', () => {
  it('creates the first admin once, whatever the case of the address, and leaves existing users alone', async () => {
    const first = await ensureAdmin({ email: 'Chief@Example.org' });
    const again = await ensureAdmin({ email: 'chief@example.org' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ email: 'chief@example.org', roles: ['ADMIN'], isActive: true });
    expect(await db.staffUser.count({ where: { email: 'chief@example.org' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'staff.create', entityId: first.id } })).toBe(1);

    await db.staffUser.create({ data: { email: 'finance.lead@example.org', name: 'F', roles: ['FINANCE'] } });
    const existing = await ensureAdmin({ email: 'finance.lead@example.org' });
    expect(existing.roles).toEqual(['FINANCE']);
    expect((await findActiveStaffByEmail({ email: ' CHIEF@example.org ' }))?.id).toBe(first.id);
    expect((await listStaff()).map((s) => s.email)).toEqual(expect.arrayContaining(['chief@example.org', 'finance.lead@example.org']));
  });
});

describe('recordAudit', () => {
  it('stores bigint, Decimal and Date exactly as JSON', async () => {
    const entry = await recordAudit({
      db,
      actorKind: 'system',
      action: 'payment.record',
      entityType: 'Payment',
      entityId: 'pay_1',
      before: null,
      after: {
        amountMinor: 9007199254740993n,
        rate: new Prisma.Decimal('0.918273645'),
        at: new Date('2026-01-02T03:04:05.000Z'),
        skipped: undefined,
        list: [1n, 'x'],
      },
    });
    const stored = await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } });
    expect(stored.after).toEqual({
      amountMinor: '9007199254740993',
      rate: '0.918273645',
      at: '2026-01-02T03:04:05.000Z',
      list: ['1', 'x'],
    });
    expect(stored.before).toBeNull();
    expect(toAuditJson(new Map([['a', 1n]]))).toEqual({ a: '1' });
  });

  it('commits and rolls back with the transaction it is given', async () => {
    const before = await db.auditLog.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit({ db: tx, actorKind: 'system', action: 'test.rollback', entityType: 'X', entityId: '1' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.auditLog.count()).toBe(before);
    await db.$transaction((tx) => recordAudit({ db: tx, actorKind: 'system', action: 'test.commit', entityType: 'X', entityId: '1' }));
    expect(await db.auditLog.count()).toBe(before + 1);
  });
});

describe('request helpers', () => {
  const post = (headers: Record<string, string>, url = 'http://localhost:3000/login') => new Request(url, { method: 'POST', headers });

  it('accepts only same-origin POSTs', () => {
    const app = 'https://funding.example.org';
    expect(isSameOriginRequest(post({ Origin: app }), app)).toBe(true);
    expect(isSameOriginRequest(post({ Origin: 'http://localhost:3000' }), app)).toBe(true); // the request's own origin
    expect(isSameOriginRequest(post({ Referer: `${app}/login?x=1` }), app)).toBe(true);
    expect(isSameOriginRequest(post({ Origin: 'https://funding.example.org.evil.example' }), app)).toBe(false);
    expect(isSameOriginRequest(post({ Origin: 'null' }), app)).toBe(false);
    expect(isSameOriginRequest(post({}), app)).toBe(false);
    expect(isSameOriginRequest(post({ Origin: 'https://evil.example', Referer: `${app}/` }), app)).toBe(false);
  });

  it('keeps redirects on this site', () => {
    expect(safeRedirect('/staff?x=1#y')).toBe('/staff?x=1#y');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'staff', '', null, undefined, '/a\nb']) {
      expect(safeRedirect(bad, '/fallback')).toBe('/fallback');
    }
  });

  it('takes the client IP only from the load context (Express, per TRUST_PROXY), never from a header', () => {
    expect(getClientIp({ clientIp: '203.0.113.9' })).toBe('203.0.113.9');
    expect(getClientIp({ cspNonce: 'n' })).toBe('unknown');
    expect(getClientIp(undefined)).toBe('unknown');
  });
});

describe('rate limiter', () => {
  it('allows `limit` hits per sliding window and recovers when the window passes', async () => {
    const limiter = createRateLimiter({ name: 'test', limit: 2, windowMs: 1000 });
    expect((await limiter.hit('k', 0)).allowed).toBe(true);
    expect((await limiter.hit('k', 100)).allowed).toBe(true);
    const refused = await limiter.hit('k', 200);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await limiter.hit('other', 200)).allowed).toBe(true);
    expect((await limiter.hit('k', 1001)).allowed).toBe(true); // the hit at 0 left the window
    expect((await limiter.hit('k', 1050)).allowed).toBe(false);
  });
});
