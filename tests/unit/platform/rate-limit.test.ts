// Rate limits live in PostgreSQL: two clients of one database (as two web processes are) share
// one count, and concurrent attempts never overrun the limit.
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient, getPrisma } from '~/platform/db.server.ts';
import { PostgresRateLimitStore } from '~/platform/rate-limit-store.server.ts';
import { hitMagicLinkRateLimit, pruneRateLimitHits, takeRateLimits } from '~/platform/rate-limit.server.ts';

// A second connection pool stands for a second web process.
const otherProcess = createPrismaClient(process.env.DATABASE_URL!);
afterAll(() => otherProcess.$disconnect());

describe('rate limits in PostgreSQL', () => {
  it('lets exactly `limit` of many concurrent attempts from two processes through', async () => {
    const check = { key: 'test:concurrent', limit: 5, windowMs: 60_000 };
    const now = Date.UTC(2030, 0, 1);
    const attempts = Array.from({ length: 24 }, (_, index) =>
      takeRateLimits({ checks: [check], now, db: index % 2 === 0 ? getPrisma() : otherProcess }),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    const refused = results.find((result) => !result.allowed);
    expect(refused).toMatchObject({ allowed: false, hits: 5, retryAfterSeconds: 60 });
  });

  it('counts a sign-in link request on both keys only when both allow it', async () => {
    const now = Date.UTC(2030, 0, 2);
    for (let i = 0; i < 5; i++)
      expect((await hitMagicLinkRateLimit({ email: 'A@example.org', ip: '203.0.113.1', now })).allowed).toBe(true);
    expect(await hitMagicLinkRateLimit({ email: ' a@example.org', ip: '203.0.113.2', now: now + 1000 })).toEqual({
      allowed: false,
      retryAfterSeconds: 899,
    });
    // The refused request was not counted against its IP.
    const counted = await getPrisma().rateLimitHit.count({ where: { key: 'magic-link-ip:203.0.113.2' } });
    expect(counted).toBe(0);
  });

  it('gives express-rate-limit one count across stores (one per process)', async () => {
    const [first, second] = [new PostgresRateLimitStore('writes-test'), new PostgresRateLimitStore('writes-test')];
    for (const store of [first, second]) store.init({ windowMs: 60_000, limit: 3 } as Parameters<PostgresRateLimitStore['init']>[0]);
    const totals = [];
    for (const store of [first, second, first, second]) totals.push((await store.increment('198.51.100.7')).totalHits);
    expect(totals).toEqual([1, 2, 3, 4]); // the fourth is over the limit of 3: express-rate-limit answers 429
    await second.resetKey('198.51.100.7');
    expect((await first.increment('198.51.100.7')).totalHits).toBe(1);
  });

  it('prunes hits older than the longest window', async () => {
    const now = Date.UTC(2031, 0, 1);
    await takeRateLimits({ checks: [{ key: 'test:old', limit: 1, windowMs: 1000 }], now: now - 2 * 86_400_000 });
    expect(await pruneRateLimitHits({ now })).toBeGreaterThanOrEqual(1);
    expect(await getPrisma().rateLimitHit.count({ where: { key: 'test:old' } })).toBe(0);
  });
});
