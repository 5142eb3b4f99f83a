// Pledges made by donors on /give: the donor record, consents, the pledge and its instalment
// schedule, written in one transaction. The pledge exists before any payment session, so a
// Checkout session always has a pledge to point at (issue #4).
import { randomInt } from 'node:crypto';
import { refreshAfterMoneyChange, touchOf, type LedgerTouch, type SummaryRefresh } from './payment-commands.server.ts';
import { Prisma, type Donor, type PledgeInstalment } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/platform/db.server.ts';
import type { GiveRequest } from '~/giving/give-schema.ts';
import { cardAmountStep, processingFeeMinor } from '~/giving/give-schema.ts';

// Crockford's base32 without I, L, O, U: no letter a donor can misread on a bank form.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A payment reference like "CPJ-7K3M-9Q2X": 40 random bits, quoted on transfers and receipts. */
export function generatePledgeReference(): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const group = () => Array.from({ length: 4 }, pick).join('');
  return `CPJ-${group()}-${group()}`;
}

/** Adds whole months to a date (UTC), keeping the day or the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/**
 * Splits a total into `count` instalments in minor units: equal parts (multiples of `step`), the
 * remainder on the first, so the parts always add up to the total exactly.
 */
export function splitIntoInstalments(totalMinor: bigint, count: number, step = 1n): bigint[] {
  const part = (totalMinor / BigInt(count) / step) * step;
  const remainder = totalMinor - part * BigInt(count);
  return Array.from({ length: count }, (_, index) => (index === 0 ? part + remainder : part));
}

export interface ScheduleLine {
  sequence: number;
  dueOn: Date;
  amountMinor: bigint;
}

/** The instalments a request implies: one due today for a one-off gift, none for monthly. */
export function instalmentSchedule(request: GiveRequest, totalMinor: bigint, today: Date, step = 1n): ScheduleLine[] {
  if (request.frequency === 'monthly') return [];
  if (request.frequency === 'once') return [{ sequence: 1, dueOn: today, amountMinor: totalMinor }];
  const first = new Date(`${request.firstDueOn}T00:00:00Z`);
  const interval = request.intervalMonths ?? 1;
  return splitIntoInstalments(totalMinor, request.instalmentCount ?? 2, step).map((amountMinor, index) => ({
    sequence: index + 1,
    dueOn: addMonths(first, index * interval),
    amountMinor,
  }));
}

export function donorDisplayName(request: Pick<GiveRequest, 'donorType' | 'givenName' | 'familyName' | 'organisationName'>): string {
  if (request.donorType !== 'individual' && request.organisationName) return request.organisationName;
  return `${request.givenName} ${request.familyName}`.trim();
}

const donorTypeColumn = { individual: 'INDIVIDUAL', company: 'COMPANY', foundation: 'FOUNDATION' } as const;

/**
 * Finds the donor by email or creates one; the latest gift's details (name, organisation,
 * language) replace older ones, because the donor just typed them.
 */
export async function upsertDonor(db: DbClient, request: GiveRequest) {
  const email = request.email.trim().toLowerCase();
  const details = {
    type: donorTypeColumn[request.donorType],
    displayName: donorDisplayName(request),
    givenName: request.givenName,
    familyName: request.familyName,
    organisationName: request.organisationName ?? null,
    organisationId: request.organisationId ?? null,
    countryCode: request.countryCode ?? null,
    locale: request.locale,
  };
  return db.donor.upsert({ where: { email }, create: { email, ...details, isAnonymous: request.isAnonymous }, update: details });
}

/** Records the consents the donor ticked, with the exact words they were shown. */
export async function recordConsents(db: DbClient, { donorId, request }: { donorId: string; request: GiveRequest }) {
  const given = [
    request.consentImpactReports ? ({ kind: 'IMPACT_REPORTS', wording: request.consentWording?.impactReports } as const) : null,
    request.consentAppeals ? ({ kind: 'APPEALS', wording: request.consentWording?.appeals } as const) : null,
  ].filter((consent) => consent !== null);
  // A consent without the words the donor saw is worthless as a record: refuse to store it.
  if (given.some((consent) => !consent.wording)) throw new Error('consent given without its wording');
  if (given.length === 0) return;
  // Raw: Prisma compiles every createMany anew (its query plan cache skips them), which was a
  // measurable share of the pledge action's CPU.
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source)
    SELECT ${donorId}::uuid, c.kind::"ConsentKind", true, c.wording, ${request.locale}, 'give-form'
    FROM unnest(${given.map((consent) => consent.kind)}::text[], ${given.map((consent) => consent.wording!)}::text[]) AS c(kind, wording)`;
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

/**
 * Inserts the pledge and its schedule, and returns them with the details `pledgeDetails` would
 * read back (donor, schedule, earmark titles) from what the caller already holds: two statements
 * on the busiest write path instead of seven. The reference is random (40 bits); the unique index
 * refuses the rare clash, and the caller retries its transaction (`isReferenceClash`).
 */
export async function insertPledge(
  db: DbClient,
  args: {
    donor: Donor;
    request: GiveRequest;
    earmark: ResolvedEarmark;
    titles: EarmarkTitles;
    appealId: string | null;
    usdRate: string;
    now: Date;
    reference?: string;
  },
) {
  const { request } = args;
  const method = request.method === 'card' ? 'CARD' : 'BANK_TRANSFER';
  // Covering the fee only makes sense for card payments; a transfer has no card fee to cover.
  const coversFee = method === 'CARD' && request.coversFee;
  // Card amounts of three-decimal currencies move in steps of 10 (Stripe): round the fee up to one.
  const step = method === 'CARD' ? cardAmountStep(request.currency) : 1n;
  const fee = coversFee ? ((processingFeeMinor(request.amountMinor) + step - 1n) / step) * step : 0n;
  const totalMinor = request.amountMinor + fee;
  const today = new Date(Date.UTC(args.now.getUTCFullYear(), args.now.getUTCMonth(), args.now.getUTCDate()));
  const schedule = instalmentSchedule(request, totalMinor, today, step);
  const pledge = await db.pledge.create({
    data: {
      reference: args.reference ?? generatePledgeReference(),
      donorId: args.donor.id,
      frequency: request.frequency === 'once' ? 'ONCE' : request.frequency === 'monthly' ? 'MONTHLY' : 'INSTALMENTS',
      method,
      currency: request.currency,
      amountMinor: totalMinor,
      usdRate: args.usdRate,
      earmarkType: args.earmark.earmarkType,
      programmeId: args.earmark.programmeId,
      projectId: args.earmark.projectId,
      appealId: args.appealId,
      isAnonymous: request.isAnonymous,
      dedication: request.dedication ?? null,
      coversFee,
      pledgedAt: args.now,
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
  return { ...pledge, donor: args.donor, instalments, programme: args.titles.programme, project: args.titles.project };
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
export async function lockPledge(db: DbClient, pledgeId: string): Promise<void> {
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
export async function cancelPledge(
  db: DbClient,
  pledge: { id: string; donorId: string; programmeId: string | null; projectId: string | null },
  reason: string,
  refresh: SummaryRefresh = refreshAfterMoneyChange,
): Promise<boolean> {
  const latest = await latestPledgeEvent(db, pledge.id);
  if (latest?.kind === 'CANCELLED' || latest?.kind === 'WRITTEN_OFF') return false;
  await db.pledgeEvent.create({ data: { pledgeId: pledge.id, kind: 'CANCELLED', reason } });
  await refresh(db, pledgeTouch(pledge));
  return true;
}

/** The latest status event of a pledge (cancelled, written off, reinstated), if any. */
export async function latestPledgeEvent(db: DbClient, pledgeId: string) {
  return db.pledgeEvent.findFirst({ where: { pledgeId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}
