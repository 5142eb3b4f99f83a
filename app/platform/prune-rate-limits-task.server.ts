// Job: delete rate-limit hits older than the longest window (hourly, app/tasks.server.ts). A key's
// own old hits go at its next attempt; this catches the keys that never come back.
import type { Task } from 'graphile-worker';
import { pruneRateLimitHits } from './rate-limit.server.ts';

export const pruneRateLimitHitsTask: Task = async (_payload, helpers) => {
  const deleted = await pruneRateLimitHits();
  if (deleted > 0) helpers.logger.info(`rate limits: ${deleted} expired hits deleted`);
};
