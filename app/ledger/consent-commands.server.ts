// Withdrawing a consent (an email's unsubscribe link, a preferences page): a new row of the
// append-only consent log with isGranted = false and the words the donor acted on. The latest row
// per kind wins, so sending code reads the log at send time (issue #13 item 6).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { latestConsentWord } from '~/platform/consent-queries.server.ts';

export type ConsentKind = 'IMPACT_REPORTS' | 'APPEALS';

export type WithdrawalOutcome = 'withdrawn' | 'already-withdrawn' | 'unknown-donor';

export interface ConsentWithdrawal {
  donorId: string;
  kind: ConsentKind;
  /** The words the donor acted on */
  wording: string;
  locale: string;
  source: string;
}

/**
 * Records that `donorId` withdrew `kind`, unless their latest word on it already says so (a second
 * click, or a mail provider's retried one-click POST, adds nothing). The donor row is locked first,
 * so two concurrent clicks write one row. Without `db`, it runs in a transaction of its own.
 */
export async function withdrawConsent({ db, ...input }: ConsentWithdrawal & { db?: DbClient }): Promise<WithdrawalOutcome> {
  if (!db) return getPrisma().$transaction((tx) => withdrawConsentIn({ db: tx, ...input }));
  return withdrawConsentIn({ db, ...input });
}

async function withdrawConsentIn({
  db,
  donorId,
  kind,
  wording,
  locale,
  source,
}: ConsentWithdrawal & { db: DbClient }): Promise<WithdrawalOutcome> {
  const [donor] = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM donors WHERE id = ${donorId}::uuid FOR UPDATE`;
  if (!donor) return 'unknown-donor';
  if ((await latestConsentWord({ db, donorId, kind })) === false) return 'already-withdrawn';
  // The database's clock, as grants take it (recordConsents): the latest word is the latest
  // recordedAt, so every row of the log must be timed by the same clock — Prisma's default would
  // take the app server's.
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source)
    VALUES (${donorId}::uuid, ${kind}::"ConsentKind", false, ${wording}, ${locale}, ${source})`;
  return 'withdrawn';
}
