// Pledges: the donor record, consents, the pledge and its instalment schedule, written in the
// caller's transaction from terms the caller has worked out (giving/pledge-terms.ts for /give).
// The pledge exists before any payment session, so a Checkout session always has a pledge to
// point at (issue #4).
import { randomInt } from 'node:crypto';
import { refreshAfterMoneyChange, touchOf, type LedgerTouch, type SummaryRefresh } from './payment-commands.server.ts';
import { Prisma, type Donor, type PledgeFrequency, type PledgeInstalment } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/platform/db.server.ts';

// Crockford's base32 without I, L, O, U: no letter a donor can misread on a bank form.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A payment reference like "CPJ-7K3M-9Q2X": 40 random bits, quoted on transfers and receipts. */
export function generatePledgeReference(): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `CPJ-${group()}-${group()}`;
}

export interface ScheduleLine {
  sequence: number;
  dueOn: Date;
  amountMinor: bigint;
}

/**
 * Remembers the donor's Stripe customer, so their next Checkout reuses it; a customer already
 * linked to another donor is left where it is.
 */
export async function linkStripeCustomer({ db, donorId, customerId }: { db: DbClient; donorId: string; customerId: string }) {
  const taken = await db.donor.findUnique({ where: { stripeCustomerId: customerId }, select: { id: true } });
  if (!taken) await db.donor.update({ where: { id: donorId }, data: { stripeCustomerId: customerId } });
}

export interface ConsentToRecord {
  kind: 'IMPACT_REPORTS' | 'APPEALS';
  /** The exact words the donor was shown */
  wording: string | undefined;
}

/** Records consents given, each with the words the donor saw, where (`source`) and in which language. */
export async function recordConsents({
  db,
  donorId,
  consents,
  locale,
  source,
}: {
  db: DbClient;
  donorId: string;
  consents: ConsentToRecord[];
  locale: string;
  source: string;
}) {
  // A consent without the words the donor saw is worthless as a record: refuse to store it.
  if (consents.some((consent) => !consent.wording)) throw new Error('consent given without its wording');
  if (consents.length === 0) return;
  // Raw: Prisma compiles every createMany anew (its query plan cache skips them), which was a
  // measurable share of the pledge action's CPU.
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source)
    SELECT ${donorId}::uuid, c.kind::"ConsentKind", true, c.wording, ${locale}, ${source}
    FROM unnest(${consents.map((consent) => consent.kind)}::text[], ${consents.map((consent) => consent.wording!)}::text[]) AS c(kind, wording)`;
}

export interface ResolvedEarmark {
  earmarkType: 'GENERAL_PURPOSE' | 'PROGRAMME' | 'PROJECT';
  programmeId: string | null;
  projectId: string | null;
}

/** The earmark's titles, read when it was resolved: the pledge's details need them (emails, Checkout). */
export interface EarmarkTitles {
  programme: { title: Prisma.JsonValue } | null;
  project: { code: string; title: Prisma.JsonValue } | null;
}

/** What a new pledge promises: the total (any covered fee included) and its instalments. */
export interface NewPledgeTerms {
  frequency: PledgeFrequency;
  method: 'CARD' | 'BANK_TRANSFER' | 'OTHER';
  currency: string;
  amountMinor: bigint;
  isAnonymous: boolean;
  dedication: string | null;
  coversFee: boolean;
  /** Empty for a monthly gift */
  schedule: ScheduleLine[];
}

/**
 * Inserts the pledge and its schedule, and returns them with the details `pledgeDetails` would
 * read back (donor, schedule, earmark titles) from what the caller already holds: two statements
 * on the busiest write path instead of seven. The reference is random (40 bits); the unique index
 * refuses the rare clash, and the caller retries its transaction (`isReferenceClash`).
 */
export async function insertPledge({
  db,
  donor,
  terms,
  earmark,
  titles,
  appealId,
  appealRecipientId = null,
  usdRate,
  now,
  reference,
  recordedBy,
}: {
  db: DbClient;
  donor: Donor;
  terms: NewPledgeTerms;
  earmark: ResolvedEarmark;
  titles: EarmarkTitles;
  appealId: string | null;
  /** The appeal recipient whose tracked link led here (docs/decisions/050); null: none */
  appealRecipientId?: string | null;
  usdRate: string;
  /** The pledge date (pledgedAt) */
  now: Date;
  reference?: string;
  /** A pledge recorded by staff from a document (decision 029) */
  recordedBy?: { createdById: string; requestKey: string; documentReference: string };
}) {
  const { schedule } = terms;
  const pledge = await db.pledge.create({
    data: {
      reference: reference ?? generatePledgeReference(),
      donorId: donor.id,
      frequency: terms.frequency,
      method: terms.method,
      currency: terms.currency,
      amountMinor: terms.amountMinor,
      usdRate,
      earmarkType: earmark.earmarkType,
      programmeId: earmark.programmeId,
      projectId: earmark.projectId,
      appealId,
      appealRecipientId,
      isAnonymous: terms.isAnonymous,
      dedication: terms.dedication,
      coversFee: terms.coversFee,
      pledgedAt: now,
      ...recordedBy,
    },
  });
  // Raw for the same reason as the consents (createManyAndReturn is compiled on every call).
  const instalments =
    schedule.length === 0
      ? []
      : await db.$queryRaw<PledgeInstalment[]>`
          INSERT INTO pledge_instalments ("pledgeId", sequence, "dueOn", "amountMinor")
          SELECT ${pledge.id}::uuid, line.sequence, line.due_on, line.amount
          FROM unnest(${schedule.map((line) => line.sequence)}::int[], ${schedule.map((line) => line.dueOn)}::date[],
            ${schedule.map((line) => line.amountMinor)}::bigint[]) AS line(sequence, due_on, amount)
          RETURNING id, "pledgeId", sequence, "dueOn", "amountMinor"`.then((rows) => rows.sort((a, b) => a.sequence - b.sequence));
  return { ...pledge, donor, instalments, programme: titles.programme, project: titles.project };
}

/** A unique-index refusal of a new pledge's reference: the transaction may simply be tried again. */
export function isReferenceClash(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  return JSON.stringify(error.meta ?? {}).includes('reference') || error.message.includes('reference');
}

/**
 * A pledge with what its pages, emails and Checkout session show: donor, earmark titles and
 * schedule (insertPledge returns it all at once).
 */
export const pledgeDetails = {
  instalments: { orderBy: { sequence: 'asc' as const } },
  donor: true,
  programme: { select: { title: true } },
  project: { select: { code: true, title: true } },
};

/** Locks one pledge for the rest of the transaction: webhook effects on it run one at a time. */
export async function lockPledge({ db, pledgeId }: { db: DbClient; pledgeId: string }): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`pledge:${pledgeId}`}))`;
}

/**
 * A promise counts in pledged-unpaid: INSTALMENTS (any method), or ONCE not paid by card. Card and
 * monthly gifts count only through their payments (funding.server.ts definitions, decision 008;
 * isPromiseSql there is the same rule in SQL).
 */
export function isPromise(pledge: { frequency: string; method: string }): boolean {
  return pledge.frequency === 'INSTALMENTS' || (pledge.frequency === 'ONCE' && pledge.method !== 'CARD');
}

/** Who a pledge's figures belong to, for refreshing the summaries after it changes. */
export function pledgeTouch(pledge: { id: string; donorId: string; programmeId: string | null; projectId: string | null }): LedgerTouch {
  return touchOf({ ...pledge, pledgeId: pledge.id });
}

/**
 * Cancels a pledge (an append-only event) unless it is already cancelled or written off, and
 * refreshes the figures its promise was part of, in the caller's transaction.
 */
export async function cancelPledge({
  db,
  pledge,
  reason,
  refresh = refreshAfterMoneyChange,
}: {
  db: DbClient;
  pledge: { id: string; donorId: string; programmeId: string | null; projectId: string | null };
  reason: string;
  refresh?: SummaryRefresh;
}): Promise<boolean> {
  const latest = await latestPledgeEvent({ db, pledgeId: pledge.id });
  if (latest?.kind === 'CANCELLED' || latest?.kind === 'WRITTEN_OFF') return false;
  await db.pledgeEvent.create({ data: { pledgeId: pledge.id, kind: 'CANCELLED', reason } });
  await refresh({ db, touch: pledgeTouch(pledge) });
  return true;
}

/** The latest status event of a pledge (cancelled, written off, reinstated), if any. */
export async function latestPledgeEvent({ db, pledgeId }: { db: DbClient; pledgeId: string }) {
  return db.pledgeEvent.findFirst({ where: { pledgeId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}
