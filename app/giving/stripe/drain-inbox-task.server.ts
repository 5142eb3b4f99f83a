// Job: apply the Stripe events waiting in one shard of the inbox (stripe-inbox.server.ts). The
// webhook adds this job (due now) whenever it writes to the shard, and a drain that left failed
// events schedules the shard's retry job (another key) for the earliest; a minute's cron run
// without a shard is the sweep: it wakes every shard with due rows, whatever was missed (a wake-up
// graphile-worker dropped, a crash). Safe to run any number of times, side by side.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { drainStripeInbox, handOverShard, STRIPE_INBOX_SHARDS, wakeDueShards } from './stripe-inbox-commands.server.ts';

const payloadSchema = z.object({
  shard: z
    .number()
    .int()
    .min(0)
    .max(STRIPE_INBOX_SHARDS - 1)
    .optional(),
});

export const drainStripeInboxTask: Task = async (payload, helpers) => {
  const parsed = payloadSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    helpers.logger.error(`drain-stripe-inbox: malformed payload, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return;
  }
  const { shard } = parsed.data;
  if (shard === undefined) return wakeDueShards();
  const result = await drainStripeInbox({ shard, log: (line) => helpers.logger.info(line) });
  if (result.failed > 0) helpers.logger.info(`drain-stripe-inbox ${shard}: ${result.applied} applied, ${result.failed} to retry`);
  await handOverShard({ shard, result });
};
