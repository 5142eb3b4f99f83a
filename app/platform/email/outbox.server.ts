// The email outbox. A message is a row written in the same transaction as the fact it reports,
// plus a wake-up of the one send-email job (same transaction, same database) that drains the
// outbox in batches (docs/decisions/036). If the transaction rolls back, neither exists; if it
// commits, the job will run and send it.
import type { ConsentKind, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export const SEND_EMAIL_MAX_ATTEMPTS = 10;

export interface EnqueueEmailInput {
  /** Pass the transaction of the fact the email reports. */
  db: DbClient;
  /** A template id known to app/email-templates.server.ts, e.g. "sign-in-link". */
  template: string;
  to: string;
  locale: string;
  props: Prisma.InputJsonObject;
  /** Unique per message; also sent to Resend so a retried send is delivered once. */
  idempotencyKey: string;
  donorId?: string;
  /** Marketing mail: the consent the donor must still hold when it is sent. Omit for transactional mail. */
  consentKind?: ConsentKind;
}

/** The send-email job's key and queue: one job waits at a time and one runs at a time, in every process. */
export const SEND_EMAIL_JOB = 'send-email';

/**
 * Wakes the send-email job now: it is added, or the waiting one is moved to now (a job key keeps
 * one waiting); its named queue lets only one run at a time, so batches are paced in one place.
 */
export async function queueOutboxDrain({ db = getPrisma() }: { db?: DbClient } = {}) {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${SEND_EMAIL_JOB},
    '{}'::json,
    queue_name := ${SEND_EMAIL_JOB},
    job_key := ${SEND_EMAIL_JOB},
    max_attempts := ${SEND_EMAIL_MAX_ATTEMPTS}::int
  )`;
}

/**
 * Inserts the outbox row and wakes the send-email job. Enqueueing the same idempotencyKey
 * again returns the existing row without waking it again.
 */
export async function enqueueEmail({ db, template, to, locale, props, idempotencyKey, donorId, consentKind }: EnqueueEmailInput) {
  const existing = await db.emailOutbox.findUnique({ where: { idempotencyKey } });
  if (existing) return existing;
  const email = await db.emailOutbox.create({
    data: { template, toAddress: to, locale, props, idempotencyKey, donorId: donorId ?? null, consentKind: consentKind ?? null },
  });
  await queueOutboxDrain({ db });
  return email;
}

/**
 * enqueueEmail for many messages in one statement (a page of impact reports): rows whose
 * idempotencyKey is new are inserted and the send-email job woken once; keys already in the
 * outbox are left as they are. Returns every given key's outbox id.
 */
export async function enqueueEmails({
  db,
  emails,
}: {
  db: DbClient;
  emails: Omit<EnqueueEmailInput, 'db'>[];
}): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const column = <T>(pick: (email: Omit<EnqueueEmailInput, 'db'>) => T) => emails.map(pick);
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO email_outbox (template, "toAddress", locale, props, "idempotencyKey", "donorId", "consentKind")
    SELECT template, "toAddress", locale, props::jsonb, key, donor::uuid, kind::"ConsentKind"
    FROM unnest(${column((email) => email.template)}::text[], ${column((email) => email.to)}::text[],
                ${column((email) => email.locale)}::text[], ${column((email) => JSON.stringify(email.props))}::text[],
                ${column((email) => email.idempotencyKey)}::text[], ${column((email) => email.donorId ?? null)}::text[],
                ${column((email) => email.consentKind ?? null)}::text[])
         AS e(template, "toAddress", locale, props, key, donor, kind)
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING id::text AS id`;
  // One wake-up of the send-email job drains them all in batches (decision 036).
  if (inserted.length > 0) await queueOutboxDrain({ db });
  const rows = await db.emailOutbox.findMany({
    where: { idempotencyKey: { in: column((email) => email.idempotencyKey) } },
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((row) => [row.idempotencyKey, row.id]));
}
