// Job (daily cron): queues the allocation notices of the last complete UTC days. Yesterday is the
// day that matters; the two before it are read again so a day the worker was down is caught up
// (a day already queued costs one read: its notices' outbox keys exist).
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { completeDaysBefore, queueAllocationNotices } from './allocation-notice-commands.server.ts';

const LOOKBACK_DAYS = 3;

// { "day": "2026-12-06" } runs one day by hand (graphile_worker.add_job); the cron's payload has
// only graphile-worker's own _cron field. A malformed day fails the job rather than guessing.
const payloadSchema = z.object({ day: z.iso.date().optional() });

export const sendAllocationNoticesTask: Task = async (payload, helpers) => {
  const { day } = payloadSchema.parse(payload ?? {});
  for (const each of day ? [day] : completeDaysBefore(new Date(), LOOKBACK_DAYS)) {
    const queued = await queueAllocationNotices({ day: each });
    helpers.logger.info(`allocation notices for ${each}: ${queued} queued`);
  }
};
