// Sliding-window limits for sign-in link requests, kept in this process's memory. Known and
// unknown addresses are counted alike, so a refusal never reveals whether an account exists.
// With several server processes each keeps its own count: the effective limit is then N times
// higher, which is still a hard ceiling on mail sent per address.

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the oldest counted attempt leaves the window (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one attempt for `key` if it is within the limit. */
  hit(key: string, now?: number): RateLimitResult;
  /** Reports whether one more attempt would be allowed, without counting it. */
  peek(key: string, now?: number): RateLimitResult;
  reset(): void;
}

// Bounds memory under a flood of distinct keys: the oldest keys are forgotten first.
const MAX_KEYS = 50_000;

export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const hits = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (hits.get(key) ?? []).filter((at) => at > now - windowMs);
    if (kept.length === 0) hits.delete(key);
    else hits.set(key, kept);
    return kept;
  }

  function check(key: string, now: number): RateLimitResult {
    const kept = recent(key, now);
    if (kept.length < limit) return { allowed: true, retryAfterSeconds: 0 };
    const oldest = kept[0] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
  }

  return {
    peek: (key, now = Date.now()) => check(key, now),
    hit(key, now = Date.now()) {
      const result = check(key, now);
      if (!result.allowed) return result;
      const list = hits.get(key) ?? [];
      list.push(now);
      hits.delete(key); // re-insert so Map order is least-recently-used first
      hits.set(key, list);
      if (hits.size > MAX_KEYS) {
        const oldestKey = hits.keys().next().value;
        if (oldestKey !== undefined) hits.delete(oldestKey);
      }
      return result;
    },
    reset: () => hits.clear(),
  };
}

const WINDOW_MS = 15 * 60 * 1000;
export const MAGIC_LINK_LIMIT_PER_EMAIL = 5;
export const MAGIC_LINK_LIMIT_PER_IP = 20;

const perEmail = createRateLimiter({ limit: MAGIC_LINK_LIMIT_PER_EMAIL, windowMs: WINDOW_MS });
const perIp = createRateLimiter({ limit: MAGIC_LINK_LIMIT_PER_IP, windowMs: WINDOW_MS });

/**
 * Counts one sign-in link request against both the address and the client IP. An attempt is
 * counted only when both allow it, so a refused request does not extend the lock-out.
 */
export function hitMagicLinkRateLimit({ email, ip, now = Date.now() }: { email: string; ip: string; now?: number }): RateLimitResult {
  const emailKey = email.trim().toLowerCase();
  for (const [limiter, key] of [
    [perEmail, emailKey],
    [perIp, ip],
  ] as const) {
    const result = limiter.peek(key, now);
    if (!result.allowed) return result;
  }
  perEmail.hit(emailKey, now);
  perIp.hit(ip, now);
  return { allowed: true, retryAfterSeconds: 0 };
}

/** Forgets every counted attempt (tests, and an admin "unlock" later). */
export function resetMagicLinkRateLimits(): void {
  perEmail.reset();
  perIp.reset();
}
