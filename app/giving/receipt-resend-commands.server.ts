// Staff resend a gift's receipt (issue #12 item 3): the same receipt as the first (built from
// the payment as it stands), as a new outbox email with its own idempotency key, so the first
// one's record stays and a double click within the same second does not mail twice. Audited.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { receiptEmail } from './giving-email-queries.server.ts';

/** Queues the receipt again; false when the payment is unknown or its donor has no address. */
export async function resendReceipt({
  db = getPrisma(),
  paymentId,
  staffUserId,
  at = new Date(),
}: {
  db?: ReturnType<typeof getPrisma>;
  paymentId: string;
  staffUserId: string;
  at?: Date;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const email = await receiptEmail({ db: tx, paymentId });
    if (!email) return false;
    const idempotencyKey = `${email.idempotencyKey}:resent:${at.toISOString().slice(0, 19)}`;
    const queued = await enqueueEmail({ db: tx, ...email, idempotencyKey });
    await recordAudit({
      db: tx,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'receipt.resend',
      entityType: 'Payment',
      entityId: paymentId,
      after: { emailId: queued.id, to: email.to },
    });
    return true;
  });
}
