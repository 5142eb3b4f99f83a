// The send-email job drains the outbox in batches (send-email-batch.server.ts, decision 036).
// deliverOutboxEmail sends one row alone, with the row's own idempotency key. Both are safe to
// run any number of times: a crash between "sent" and "marked sent" leads to a retry that
// Resend (and the fake) answers with the same message id, unsent twice.
import type { Task } from 'graphile-worker';
import type { Prisma } from '~/generated/prisma/client.ts';
import { getOutboxEmail, holdsConsent, markEmailSent, markEmailSkipped, queueOutboxDrain, recordEmailFailure } from './outbox.server.ts';
import { suppressedAmong } from './email-suppression-queries.server.ts';
import { drainOutbox } from './send-email-batch.server.ts';
import type { EmailRenderer } from './templates.ts';
import { sendEmail as defaultSend, type OutgoingEmail } from './resend.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { getEnv } from '~/platform/env.server.ts';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing' | 'skipped-without-consent' | 'skipped-suppressed' | 'in-batch';

export interface DeliverOptions {
  emailId: string;
  renderer: EmailRenderer;
  db?: DbClient;
  /** True on the job's last attempt: a failure then marks the row FAILED. */
  isFinalAttempt?: boolean;
  send?: (email: OutgoingEmail) => Promise<{ id: string }>;
  markSent?: typeof markEmailSent;
}

/** Sends an outbox email unless it was already sent; records the failure and rethrows otherwise. */
export async function deliverOutboxEmail({
  emailId,
  renderer,
  db = getPrisma(),
  isFinalAttempt = false,
  send = defaultSend,
  markSent = markEmailSent,
}: DeliverOptions): Promise<DeliveryOutcome> {
  const email = await getOutboxEmail({ db, id: emailId });
  if (!email) return 'missing';
  if (email.status === 'SENT') return 'already-sent';
  // Claimed into a batch: only that batch's key may send it, or a crash could deliver it twice.
  if (email.status === 'PENDING' && email.batchId !== null) return 'in-batch';
  if (email.status === 'SKIPPED') return email.skipReason === 'SUPPRESSED' ? 'skipped-suppressed' : 'skipped-without-consent';
  if ((await suppressedAmong({ db, addresses: [email.toAddress] })).size > 0) {
    await markEmailSkipped({ db, id: email.id, reason: 'address suppressed (hard bounce or complaint)', skipReason: 'SUPPRESSED' });
    return 'skipped-suppressed';
  }
  // Marketing mail asks the consent log at send time, not at enqueue time: a donor who withdrew
  // an hour ago gets nothing (issue #13 item 6). Transactional mail has no consentKind.
  if (email.consentKind && !(await holdsConsent({ db, donorId: email.donorId, kind: email.consentKind }))) {
    await markEmailSkipped({ db, id: email.id, reason: `no ${email.consentKind} consent at send time`, skipReason: 'NO_CONSENT' });
    return 'skipped-without-consent';
  }
  try {
    const rendered = await renderer.render({ template: email.template, locale: email.locale, props: email.props });
    const { id } = await send({ to: email.toAddress, ...rendered, idempotencyKey: email.idempotencyKey });
    const props: Prisma.InputJsonObject | undefined = renderer.redactAfterSend({ template: email.template, props: email.props });
    await markSent({ db, id: email.id, providerMessageId: id, props });
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // Recording the failure is best effort: if the database is what failed, the rethrow below
    // still makes graphile-worker retry.
    await recordEmailFailure({ db, id: email.id, error: message, isFinal: isFinalAttempt }).catch(() => undefined);
    throw error;
  }
}

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
