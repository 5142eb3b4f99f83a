// Job: apply the Stripe events waiting in one shard of the inbox (stripe-inbox.server.ts). The
// webhook adds or brings forward this job whenever it writes to the shard; a minute's cron run
// without a shard is the sweep: it wakes every shard with due rows, whatever was missed (a wake-up
// graphile-worker dropped, a crash). Safe to run any number of times, side by side.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { drainStripeInbox, STRIPE_INBOX_SHARDS, wakeDrainJobs } from './stripe-inbox-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const payloadSchema = z.object({ shard: z.number().int().min(0).max(STRIPE_INBOX_SHARDS - 1).optional() });

export const drainStripeInboxTask: Task = async (payload, helpers) => {
  const parsed = payloadSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    helpers.logger.error(`drain-stripe-inbox: malformed payload, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return;
  }
  const db = getPrisma();
  const { shard } = parsed.data;
  if (shard === undefined) {
    const due = await db.$queryRaw<{ shard: number }[]>`
      SELECT DISTINCT shard FROM stripe_event_inbox WHERE "availableAt" <= now()`;
    if (due.length > 0) await wakeDrainJobs(db, due.map((row) => row.shard));
    return;
  }
  const result = await drainStripeInbox({ shard, db, log: (line) => helpers.logger.info(line) });
  if (result.failed > 0) helpers.logger.info(`drain-stripe-inbox ${shard}: ${result.applied} applied, ${result.failed} to retry`);
  // Hand over: due rows left (this job had its share of rounds) go to a fresh job now; otherwise
  // the shard's next retry gets a job at its time. This job holds the key, so graphile-worker
  // adds a new job (or keeps an earlier one a webhook added meanwhile).
  if (result.more) await wakeDrainJobs(db, [shard]);
  else if (result.nextTryAt) await wakeDrainJobs(db, [shard], result.nextTryAt);
};
