// express-rate-limit's counter store on PostgreSQL (rate-limit.server.ts): the per-IP ceiling on
// writes in server.ts then holds across every web process (docs/decisions/024).
import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import { resetRateLimits, takeRateLimits } from './rate-limit.server.ts';

export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;
  private limit = 1;

  /** `prefix` names the limit (keys are stored as `prefix:client`). */
  constructor(readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    // server.ts passes a number; a per-request limit would have to be counted here instead.
    this.limit = typeof options.limit === 'number' ? options.limit : Number.MAX_SAFE_INTEGER;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = Date.now();
    const take = await takeRateLimits({ checks: [{ key: `${this.prefix}:${key}`, limit: this.limit, windowMs: this.windowMs }], now });
    // A refused request is not counted (it would only lengthen the lock-out); it is over the limit.
    return { totalHits: take.allowed ? take.hits : this.limit + 1, resetTime: new Date(now + take.resetInMs) };
  }

  // Requests are counted on arrival and never taken back (skipFailedRequests and skipSuccessfulRequests are off).
  async decrement(): Promise<void> {}

  async resetKey(key: string): Promise<void> {
    await resetRateLimits({ key: `${this.prefix}:${key}` });
  }
}
