// How many tracked-link clicks one client address may have recorded (docs/decisions/050): generous
// for an office behind one address, low enough that a script replaying a link cannot inflate an
// appeal's clicks. Over the limit the reader is still sent on to /give; only the click is not kept.
import { createRateLimiter, type RateLimiter } from '~/platform/rate-limit.server.ts';

export const CLICK_LIMIT_PER_IP = 60;
const CLICK_WINDOW_MS = 10 * 60 * 1000;

let limiter: RateLimiter | undefined;
export const clickLimiter = (): RateLimiter =>
  (limiter ??= createRateLimiter({ name: 'appeal-click', limit: CLICK_LIMIT_PER_IP, windowMs: CLICK_WINDOW_MS }));
