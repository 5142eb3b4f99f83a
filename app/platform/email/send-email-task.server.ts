// The send-email job drains the outbox in batches (send-email-batch.server.ts, decision 036). It is
// safe to run any number of times: a crash between "sent" and "marked sent" leads to a retry of
// the same batch under the same idempotency key, which Resend (and the fake) answers with the same
// message ids, sending nothing twice.
import type { Task } from 'graphile-worker';
import { queueOutboxDrain } from './outbox.server.ts';
import { drainOutbox } from './send-email-batch.server.ts';
import type { EmailRenderer } from './templates.ts';
import { getEnv } from '~/platform/env.server.ts';

/** One job runs this long at most, so a worker stops promptly; it queues itself again when rows remain. */
const DRAIN_SLICE_MS = 20_000;

/**
 * The graphile-worker task "send-email": drains the outbox in batches, rendering with `renderer`.
 * A failed batch fails the job, which graphile-worker retries with exponential backoff; the
 * retry resumes the same batch under the same key.
 */
export function createSendEmailTask(renderer: EmailRenderer): Task {
  return async (_payload, helpers) => {
    const result = await drainOutbox({
      renderer,
      ratePerSecond: getEnv().RESEND_RATE_LIMIT_PER_SECOND,
      maxDurationMs: DRAIN_SLICE_MS,
    });
    if (result.hasMore) await queueOutboxDrain();
    if (result.batches > 0 || result.failed > 0) {
      helpers.logger.info(
        `send-email: ${result.sent} sent in ${result.batches} batch(es), ${result.skipped} skipped, ${result.failed} failed`,
      );
    }
  };
}
