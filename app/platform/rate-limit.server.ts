// Sliding-window rate limits kept in PostgreSQL (table rate_limit_hits, function rate_limit_take),
// so a limit holds for a client whichever web process answers it (WEB_CONCURRENCY > 1,
// docs/decisions/024). Sign-in links count known and unknown addresses alike, so a refusal never
// reveals whether an account exists.
import { getPrisma, type DbClient } from './db.server.ts';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the oldest counted attempt leaves the window (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimitCheck {
  /** The limit's name and the client's key, e.g. "give:203.0.113.9" */
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitTake extends RateLimitResult {
  /** Attempts counted on the first key in its window, this one included when allowed */
  hits: number;
  /** Milliseconds until the limiting (or, when allowed, the first) key's oldest hit leaves its window */
  resetInMs: number;
}

/**
 * Counts one attempt against every check at once, atomically across processes: counted on all
 * keys only when each is under its limit, so a refused attempt does not extend a lock-out.
 */
export async function takeRateLimits({
  checks,
  now = Date.now(),
  db = getPrisma(),
}: {
  checks: RateLimitCheck[];
  now?: number;
  db?: DbClient;
}): Promise<RateLimitTake> {
  const [row] = await db.$queryRaw<{ allowed: boolean; hits: number; retry_after_ms: bigint }[]>`
    SELECT allowed, hits, retry_after_ms FROM rate_limit_take(
      ${checks.map((check) => check.key)}::text[], ${checks.map((check) => check.limit)}::int[],
      ${checks.map((check) => check.windowMs)}::int[], ${new Date(now)}::timestamptz)`;
  const resetInMs = Math.max(0, Number(row?.retry_after_ms ?? 0));
  const allowed = row?.allowed ?? false;
  return { allowed, hits: row?.hits ?? 0, resetInMs, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(resetInMs / 1000)) };
}

/** Forgets the counted attempts of one `key`, or of every key starting with `prefix` (tests, and an admin "unlock" later). */
export async function resetRateLimits({ key, prefix, db = getPrisma() }: { key?: string; prefix?: string; db?: DbClient }): Promise<void> {
  if (key !== undefined) await db.$executeRaw`DELETE FROM rate_limit_hits WHERE key = ${key}`;
  if (prefix !== undefined) await db.$executeRaw`DELETE FROM rate_limit_hits WHERE starts_with(key, ${prefix})`;
}

/** Deletes hits older than `olderThanMs` (the longest window in use): the hourly prune job. */
export async function pruneRateLimitHits({ olderThanMs = 24 * 60 * 60 * 1000, now = Date.now(), db = getPrisma() } = {}): Promise<number> {
  return db.$executeRaw`DELETE FROM rate_limit_hits WHERE at < ${new Date(now - olderThanMs)}::timestamptz`;
}

export interface RateLimiter {
  /** Counts one attempt for `key` if it is within the limit. */
  hit(key: string, now?: number): Promise<RateLimitResult>;
  /** Forgets every attempt counted by this limiter. */
  reset(): Promise<void>;
}

/** A named limit: keys are stored as `name:key`, so limiters with different names never share counts. */
export function createRateLimiter({ name, limit, windowMs }: { name: string; limit: number; windowMs: number }): RateLimiter {
  return {
    hit: async (key, now) => {
      const { allowed, retryAfterSeconds } = await takeRateLimits({ checks: [{ key: `${name}:${key}`, limit, windowMs }], now });
      return { allowed, retryAfterSeconds };
    },
    reset: () => resetRateLimits({ prefix: `${name}:` }),
  };
}

const WINDOW_MS = 15 * 60 * 1000;
export const MAGIC_LINK_LIMIT_PER_EMAIL = 5;
export const MAGIC_LINK_LIMIT_PER_IP = 20;

/**
 * Counts one sign-in link request against both the address and the client IP. An attempt is
 * counted only when both allow it, so a refused request does not extend the lock-out. Staff
 * (/login) and donors (/account/sign-in) count separately, so neither form locks the other out.
 */
export async function hitMagicLinkRateLimit({
  email,
  ip,
  now,
  kind = 'staff',
}: {
  email: string;
  ip: string;
  now?: number;
  kind?: 'staff' | 'donor';
}): Promise<RateLimitResult> {
  const prefix = kind === 'staff' ? 'magic-link' : 'magic-link-donor';
  const { allowed, retryAfterSeconds } = await takeRateLimits({
    checks: [
      { key: `${prefix}-email:${email.trim().toLowerCase()}`, limit: MAGIC_LINK_LIMIT_PER_EMAIL, windowMs: WINDOW_MS },
      { key: `${prefix}-ip:${ip}`, limit: MAGIC_LINK_LIMIT_PER_IP, windowMs: WINDOW_MS },
    ],
    now,
  });
  return { allowed, retryAfterSeconds };
}

/** Forgets every counted sign-in link request (tests, and an admin "unlock" later). */
export async function resetMagicLinkRateLimits(): Promise<void> {
  await resetRateLimits({ prefix: 'magic-link-' });
}
