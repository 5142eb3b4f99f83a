// The outbox side of batch sending (docs/decisions/036). A batch is a set of PENDING rows that
// share a batchId, chosen once in one transaction together with the consent and suppression
// checks. Until every row of it is SENT or FAILED, the next send resumes that same set under the
// same idempotency key (batch:<batchId>), so a crash between "sent" and "marked" never doubles.
import { randomUUID } from 'node:crypto';
import type { ConsentKind, EmailSkipReason, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type Db, type DbClient } from '~/platform/db.server.ts';
import { latestConsentWords } from '~/platform/consent-queries.server.ts';
import { normalizeAddress, suppressedAmong } from './email-suppression-queries.server.ts';
import { SEND_EMAIL_MAX_ATTEMPTS } from './outbox.server.ts';

export interface BatchRow {
  id: string;
  template: string;
  toAddress: string;
  locale: string;
  props: Prisma.JsonValue;
  donorId: string | null;
  consentKind: ConsentKind | null;
}

export interface ClaimedBatch {
  batchId: string;
  /** True when the rows were claimed by an earlier attempt that did not finish. */
  isResumed: boolean;
  rows: BatchRow[];
  skipped: number;
}

const rowColumns = `id::text AS id, template, "toAddress", locale, props, "donorId"::text AS "donorId", "consentKind"`;

/** The key the provider receives for a batch: same rows, same key, same ids. */
export function batchIdempotencyKey(batchId: string): string {
  return `batch:${batchId}`;
}

/**
 * The next batch to send: an unfinished one if there is any (sent again as it was), otherwise up
 * to `limit` PENDING rows, transactional mail first, oldest first. Rows another sender holds are
 * skipped (FOR UPDATE SKIP LOCKED). Marketing rows without consent and rows to a suppressed
 * address become SKIPPED here and leave the batch before anything is sent. Null: nothing to send.
 */
export async function claimEmailBatch({ db = getPrisma(), limit }: { db?: Db; limit: number }): Promise<ClaimedBatch | null> {
  const unfinished = await db.$queryRawUnsafe<{ batchId: string }[]>(
    `SELECT "batchId"::text AS "batchId" FROM email_outbox WHERE status = 'PENDING' AND "batchId" IS NOT NULL ORDER BY "createdAt" LIMIT 1`,
  );
  const resumeId = unfinished[0]?.batchId;
  if (resumeId) {
    const rows = await db.$queryRawUnsafe<BatchRow[]>(
      `SELECT ${rowColumns} FROM email_outbox WHERE "batchId" = $1::uuid AND status = 'PENDING' ORDER BY "createdAt", id`,
      resumeId,
    );
    return { batchId: resumeId, isResumed: true, rows, skipped: 0 };
  }
  return db.$transaction(async (tx) => {
    const candidates = await tx.$queryRawUnsafe<BatchRow[]>(
      `SELECT ${rowColumns} FROM email_outbox
        WHERE status = 'PENDING' AND "batchId" IS NULL
        ORDER BY ("consentKind" IS NOT NULL), "createdAt", id
        LIMIT $1 FOR UPDATE SKIP LOCKED`,
      limit,
    );
    if (candidates.length === 0) return null;
    const marketingDonors = candidates.filter((row) => row.consentKind && row.donorId).map((row) => row.donorId!);
    const consent = await latestConsentWords({ db: tx, donorIds: [...new Set(marketingDonors)] });
    const suppressed = await suppressedAmong({ db: tx, addresses: candidates.map((row) => row.toAddress) });
    const skips: { id: string; reason: EmailSkipReason; message: string }[] = [];
    const rows: BatchRow[] = [];
    for (const row of candidates) {
      if (suppressed.has(normalizeAddress(row.toAddress))) {
        skips.push({ id: row.id, reason: 'SUPPRESSED', message: 'address suppressed (hard bounce or complaint)' });
      } else if (row.consentKind && !(row.donorId && consent.get(`${row.donorId}:${row.consentKind}`) === true)) {
        skips.push({ id: row.id, reason: 'NO_CONSENT', message: `no ${row.consentKind} consent at send time` });
      } else {
        rows.push(row);
      }
    }
    for (const reason of ['SUPPRESSED', 'NO_CONSENT'] as const) {
      const group = skips.filter((skip) => skip.reason === reason);
      if (group.length === 0) continue;
      await tx.emailOutbox.updateMany({
        where: { id: { in: group.map((skip) => skip.id) } },
        data: { status: 'SKIPPED', skipReason: reason, lastError: group[0]!.message },
      });
    }
    const batchId = randomUUID();
    if (rows.length > 0) await tx.emailOutbox.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { batchId } });
    return { batchId, isResumed: false, rows, skipped: skips.length };
  });
}

/** Records the provider ids of a sent batch in one statement; `props` replaces a row's props (scrubbed secrets). */
export async function markBatchSent({
  db = getPrisma(),
  sent,
  now = new Date(),
}: {
  db?: DbClient;
  sent: { id: string; providerMessageId: string; props?: Prisma.InputJsonObject }[];
  now?: Date;
}) {
  if (sent.length === 0) return 0;
  return db.$executeRaw`
    UPDATE email_outbox e
       SET status = 'SENT', "providerMessageId" = v.pid, "sentAt" = ${now}, "lastError" = NULL,
           props = COALESCE(v.props::jsonb, e.props)
      FROM unnest(${sent.map((row) => row.id)}::uuid[], ${sent.map((row) => row.providerMessageId)}::text[],
                  ${sent.map((row) => (row.props ? JSON.stringify(row.props) : null))}::text[]) AS v(id, pid, props)
     WHERE e.id = v.id AND e.status = 'PENDING'`;
}

/** Closes rows that can never be sent (the provider refused them, or they cannot be rendered). */
export async function failEmailRows({ db = getPrisma(), ids, error }: { db?: DbClient; ids: string[]; error: string }) {
  if (ids.length === 0) return 0;
  const { count } = await db.emailOutbox.updateMany({
    where: { id: { in: ids }, status: 'PENDING' },
    data: { status: 'FAILED', attempts: { increment: 1 }, lastError: error.slice(0, 2000) },
  });
  return count;
}

/**
 * Counts a failed attempt of a whole batch (provider down, rate limit never lifted, recording
 * failed); rows that reach the attempt limit become FAILED and leave the batch for good.
 */
export async function recordBatchFailure({ db = getPrisma(), batchId, error }: { db?: DbClient; batchId: string; error: string }) {
  return db.$executeRaw`
    UPDATE email_outbox
       SET attempts = attempts + 1, "lastError" = ${error.slice(0, 2000)},
           status = CASE WHEN attempts + 1 >= ${SEND_EMAIL_MAX_ATTEMPTS}::int THEN 'FAILED'::"EmailStatus" ELSE status END
     WHERE "batchId" = ${batchId}::uuid AND status = 'PENDING'`;
}
