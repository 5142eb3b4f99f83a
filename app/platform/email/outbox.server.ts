// The email outbox. A message is a row written in the same transaction as the fact it reports,
// plus a graphile-worker job (same transaction, same database) that delivers it. If the
// transaction rolls back, neither exists; if it commits, the job will run until it succeeds.
import type { ConsentKind, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { latestConsentWord } from '~/platform/consent-queries.server.ts';

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

/**
 * Inserts the outbox row and queues its send-email job. Enqueueing the same idempotencyKey
 * again returns the existing row without a second job.
 */
export async function enqueueEmail({ db, template, to, locale, props, idempotencyKey, donorId, consentKind }: EnqueueEmailInput) {
  const existing = await db.emailOutbox.findUnique({ where: { idempotencyKey } });
  if (existing) return existing;
  const email = await db.emailOutbox.create({
    data: { template, toAddress: to, locale, props, idempotencyKey, donorId: donorId ?? null, consentKind: consentKind ?? null },
  });
  await db.$executeRaw`SELECT graphile_worker.add_job(
    'send-email',
    json_build_object('emailId', ${email.id}::text),
    job_key := ${`send-email:${email.id}`},
    max_attempts := ${SEND_EMAIL_MAX_ATTEMPTS}::int
  )`;
  return email;
}

/**
 * enqueueEmail for many messages in one statement each (a page of impact reports): rows whose
 * idempotencyKey is new are inserted with their send-email jobs; keys already in the outbox are
 * left as they are, without a second job. Returns every given key's outbox id.
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
  if (inserted.length > 0) {
    await db.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW('send-email', json_build_object('emailId', id), NULL, NULL, ${SEND_EMAIL_MAX_ATTEMPTS}::int, 'send-email:' || id, NULL, NULL)::graphile_worker.job_spec
      FROM unnest(${inserted.map((row) => row.id)}::text[]) AS id))`;
  }
  const rows = await db.emailOutbox.findMany({
    where: { idempotencyKey: { in: column((email) => email.idempotencyKey) } },
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((row) => [row.idempotencyKey, row.id]));
}

export async function getOutboxEmail({ db = getPrisma(), id }: { db?: DbClient; id: string }) {
  return db.emailOutbox.findUnique({ where: { id } });
}

/**
 * Records delivery. `props` replaces the stored props when given: templates whose props hold a
 * secret (a sign-in link) have it scrubbed once it has been sent.
 */
export async function markEmailSent({
  db = getPrisma(),
  id,
  providerMessageId,
  props,
  now = new Date(),
}: {
  db?: DbClient;
  id: string;
  providerMessageId: string;
  props?: Prisma.InputJsonObject;
  now?: Date;
}) {
  return db.emailOutbox.update({
    where: { id },
    data: { status: 'SENT', providerMessageId, sentAt: now, lastError: null, ...(props ? { props } : {}) },
  });
}

/** Marketing mail may go only while the donor's latest word in the consent log grants it; no donor or no word means no. */
export async function holdsConsent({ db = getPrisma(), donorId, kind }: { db?: DbClient; donorId: string | null; kind: ConsentKind }) {
  return donorId !== null && (await latestConsentWord({ db, donorId, kind })) === true;
}

/** Closes a message that will not be sent, keeping the reason. */
export async function markEmailSkipped({ db = getPrisma(), id, reason }: { db?: DbClient; id: string; reason: string }) {
  return db.emailOutbox.update({ where: { id }, data: { status: 'SKIPPED', lastError: reason } });
}

/** Counts a failed attempt; `isFinal` marks the message FAILED (no more retries). */
export async function recordEmailFailure({
  db = getPrisma(),
  id,
  error,
  isFinal,
}: {
  db?: DbClient;
  id: string;
  error: string;
  isFinal: boolean;
}) {
  return db.emailOutbox.update({
    where: { id },
    data: { attempts: { increment: 1 }, lastError: error.slice(0, 2000), ...(isFinal ? { status: 'FAILED' as const } : {}) },
  });
}

/** Newest messages first (staff views, the demo). */
export async function listOutboxEmails({ db = getPrisma(), limit = 50 }: { db?: DbClient; limit?: number } = {}) {
  return db.emailOutbox.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
}
