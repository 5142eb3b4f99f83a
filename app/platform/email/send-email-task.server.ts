// Delivers one outbox email. Safe to run any number of times: a SENT row is skipped, and the
// provider receives the row's idempotency key, so a crash between "sent" and "marked sent"
// leads to a retry that Resend (and the fake) answers with the same message id, unsent twice.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Prisma } from '~/generated/prisma/client.ts';
import {
  getOutboxEmail,
  holdsConsent,
  markEmailSent,
  markEmailSkipped,
  recordEmailFailure,
  SEND_EMAIL_MAX_ATTEMPTS,
} from './outbox.server.ts';
import type { EmailRenderer } from './templates.ts';
import { sendEmail as defaultSend, type OutgoingEmail } from './resend.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

const payloadSchema = z.object({ emailId: z.uuid() });

export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing' | 'skipped-without-consent';

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
  if (email.status === 'SKIPPED') return 'skipped-without-consent';
  // Marketing mail asks the consent log at send time, not at enqueue time: a donor who withdrew
  // an hour ago gets nothing (issue #13 item 6). Transactional mail has no consentKind.
  if (email.consentKind && !(await holdsConsent({ db, donorId: email.donorId, kind: email.consentKind }))) {
    await markEmailSkipped({ db, id: email.id, reason: `no ${email.consentKind} consent at send time` });
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

/** The graphile-worker task "send-email" ({ emailId }), rendering with `renderer`; retried with exponential backoff. */
export function createSendEmailTask(renderer: EmailRenderer): Task {
  return async (payload, helpers) => {
    const { emailId } = payloadSchema.parse(payload);
    const maxAttempts = helpers.job.max_attempts || SEND_EMAIL_MAX_ATTEMPTS;
    const outcome = await deliverOutboxEmail({ emailId, renderer, isFinalAttempt: helpers.job.attempts >= maxAttempts });
    if (outcome === 'missing') helpers.logger.warn(`send-email: outbox row ${emailId} not found; nothing to send`);
  };
}
