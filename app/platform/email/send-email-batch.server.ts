// Drains the outbox through Resend's batch endpoint (docs/decisions/036): claim ≤ 100 rows, render
// them, send them in one call under the batch's idempotency key, record the provider ids; repeat.
// Calls are paced to the provider's rate limit; a 429 waits its retry-after; a 5xx or a network
// failure backs off exponentially; a refusal of the emails themselves (4xx) fails the rows.
import type { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type Db } from '~/platform/db.server.ts';
import {
  batchIdempotencyKey,
  claimEmailBatch,
  failEmailRows,
  markBatchSent,
  recordBatchFailure,
  type BatchRow,
} from './outbox-batch-commands.server.ts';
import { EmailBatchError, MAX_BATCH_SIZE, sendEmailBatch, type OutgoingBatchEmail } from './resend.server.ts';
import type { EmailRenderer, RenderBatchCache } from './templates.ts';

export interface DrainOptions {
  renderer: EmailRenderer;
  db?: Db;
  send?: typeof sendEmailBatch;
  markSent?: typeof markBatchSent;
  /** Waits (injectable so tests can record the waits). */
  sleep?: (ms: number) => Promise<void>;
  /** Provider calls per second allowed (Resend's team limit); calls are spaced to stay under it. */
  ratePerSecond?: number;
  /** Stop claiming new batches after this long (the job then queues itself again). */
  maxDurationMs?: number;
  /** Retries of one batch after a 5xx or network failure before the attempt is given up. */
  maxTransientRetries?: number;
  /** Waits for a 429 before the attempt is given up. */
  maxRateLimitWaits?: number;
  batchSize?: number;
  now?: () => Date;
}

export interface DrainResult {
  batches: number;
  sent: number;
  skipped: number;
  failed: number;
  /** True when it stopped for time with rows still waiting. */
  hasMore: boolean;
}

/** An address the provider will accept the shape of (it checks more; this only keeps one typo from failing 99 others). */
const PLAUSIBLE_ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// The time slot of this process's last provider call: consecutive drains (jobs) share the pacing.
// Slots are spaced from the previous slot, not from when the timer actually fired, so a late
// timer or a slow batch does not push every later call back (the provider's window counts calls
// per second; it does not mind one call coming early after a late one, as long as the slots keep
// their spacing).
let lastSlotAt = 0;

function isTransient(error: unknown): boolean {
  if (!(error instanceof EmailBatchError)) return true; // a thrown fetch or bug: retry, never fail rows for it
  return error.statusCode === null || error.statusCode >= 500 || error.code === 'concurrent_idempotent_requests';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Sends every PENDING outbox row, a batch at a time, until none is left or `maxDurationMs` has
 * passed. Throws when a batch could not be sent after its retries (the job is then retried later
 * and resumes that same batch), or when recording a sent batch failed.
 */
export async function drainOutbox({
  renderer,
  db = getPrisma(),
  send = sendEmailBatch,
  markSent = markBatchSent,
  sleep = realSleep,
  ratePerSecond = 2,
  maxDurationMs = Number.POSITIVE_INFINITY,
  maxTransientRetries = 4,
  maxRateLimitWaits = 10,
  batchSize = MAX_BATCH_SIZE,
  now = () => new Date(),
}: DrainOptions): Promise<DrainResult> {
  const result: DrainResult = { batches: 0, sent: 0, skipped: 0, failed: 0, hasMore: false };
  // 5 % under the limit: the provider counts arrivals, and arrivals jitter (a 429 costs a second).
  const minIntervalMs = Math.ceil((1000 / ratePerSecond) * 1.05);
  // And never more calls in a second than the limit, counted from when the earlier calls were
  // answered: a call arrives before its answer does, so however late the provider counted an
  // earlier call, this one cannot share its second (a slow arrival under load once cost a 429).
  const callsPerWindow = Math.max(1, Math.floor(ratePerSecond));
  const answeredAt: number[] = [];
  const noteAnswer = () => {
    answeredAt.push(Date.now());
    if (answeredAt.length > callsPerWindow) answeredAt.shift();
  };
  const startedAt = Date.now();
  for (;;) {
    if (Date.now() - startedAt >= maxDurationMs) {
      result.hasMore = true;
      return result;
    }
    const batch = await claimEmailBatch({ db, limit: batchSize });
    if (!batch) return result;
    result.skipped += batch.skipped;
    const ready: { row: BatchRow; email: OutgoingBatchEmail }[] = [];
    // What the batch's rows share (an appeal read and rendered once): for this batch only.
    const cache: RenderBatchCache = new Map();
    for (const row of batch.rows) {
      if (!PLAUSIBLE_ADDRESS.test(row.toAddress)) {
        // Resend refuses a whole batch for one bad address: such a row fails alone, before the call.
        result.failed += await failEmailRows({ db, ids: [row.id], error: `invalid recipient address: ${row.toAddress}` });
        continue;
      }
      try {
        const rendered = await renderer.render({ template: row.template, locale: row.locale, props: row.props, cache });
        ready.push({ row, email: { to: row.toAddress, ...rendered } });
      } catch (error) {
        // A template that cannot render these props will not render them on a retry either.
        result.failed += await failEmailRows({ db, ids: [row.id], error: describe(error) });
      }
    }
    if (ready.length === 0) continue;

    let ids: string[] | null = null;
    let transientRetries = 0;
    let rateLimitWaits = 0;
    while (ids === null) {
      const windowOpensAt = answeredAt.length === callsPerWindow ? answeredAt[0]! + 1000 : 0;
      const slot = Math.max(Date.now(), lastSlotAt + minIntervalMs, windowOpensAt);
      lastSlotAt = slot;
      if (slot > Date.now()) await sleep(slot - Date.now());
      try {
        ids = await send({ emails: ready.map((item) => item.email), idempotencyKey: batchIdempotencyKey(batch.batchId) });
        noteAnswer();
      } catch (error) {
        noteAnswer();
        if (error instanceof EmailBatchError && error.statusCode === 429 && rateLimitWaits < maxRateLimitWaits) {
          rateLimitWaits += 1;
          await sleep((error.retryAfterSeconds ?? 1) * 1000);
        } else if (isTransient(error) && transientRetries < maxTransientRetries) {
          await sleep(250 * 2 ** transientRetries);
          transientRetries += 1;
        } else if (isTransient(error) || (error instanceof EmailBatchError && error.statusCode === 429)) {
          // Counted on the rows; the job's own retry resumes this batch later.
          await recordBatchFailure({ db, batchId: batch.batchId, error: describe(error) }).catch(() => undefined);
          throw error;
        } else {
          // The provider refused the emails themselves (validation, auth): retrying cannot help.
          result.failed += await failEmailRows({ db, ids: ready.map((item) => item.row.id), error: describe(error) });
          break;
        }
      }
    }
    if (ids === null) continue;
    const sentIds = ids;
    const sent = ready.map(({ row }, index) => {
      const props: Prisma.InputJsonObject | undefined = renderer.redactAfterSend({ template: row.template, props: row.props });
      return { id: row.id, providerMessageId: sentIds[index]!, ...(props ? { props } : {}) };
    });
    try {
      await markSent({ db, sent, now: now() });
    } catch (error) {
      await recordBatchFailure({ db, batchId: batch.batchId, error: describe(error) }).catch(() => undefined);
      throw error;
    }
    result.batches += 1;
    result.sent += sent.length;
  }
}
