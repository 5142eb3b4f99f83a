// Pledges of Member States, intergovernmental bodies, companies and foundations, recorded by
// finance from the pledge's document, and the transfers they send (issue #12 item 4, decision 029).
// Each write is one transaction: the facts, the scoped summary refresh (pledged-unpaid moves at
// once) and the audit entry commit together. A form's requestKey makes a double submit record once.
import { Prisma, type Donor, type DonorType } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { currencyExponent } from '~/platform/money.ts';
import { getUsdRate } from './fx-rate-commands.server.ts';
import { recordPayments, refreshAfterMoneyChange } from './payment-commands.server.ts';
import {
  insertPledge,
  isReferenceClash,
  latestPledgeEvent,
  lockPledge,
  pledgeTouch,
  type EarmarkTitles,
  type ResolvedEarmark,
} from './pledge-commands.server.ts';

/** The donor types finance records pledges for (individuals give through the public form). */
export const INSTITUTIONAL_DONOR_TYPES = [
  'MEMBER_STATE',
  'INTERGOVERNMENTAL',
  'COMPANY',
  'FOUNDATION',
] as const satisfies readonly DonorType[];
export type InstitutionalDonorType = (typeof INSTITUTIONAL_DONOR_TYPES)[number];

/** Why a pledge or transfer was refused; `code` names the message in `institutional-pledges:errors`. */
export class InstitutionalPledgeError extends Error {
  constructor(
    readonly code:
      | 'scheduleEmpty'
      | 'amountNotPositive'
      | 'datesNotAscending'
      | 'scheduleSumDiffers'
      | 'donorNotFound'
      | 'donorNotInstitutional'
      | 'emailTaken'
      | 'programmeNotFound'
      | 'projectNotFound'
      | 'pledgeNotFound'
      | 'pledgeNotLive'
      | 'currencyDiffers'
      | 'instalmentNotFound'
      | 'moreThanOwed'
      | 'moreThanOpen',
    message: string,
  ) {
    super(message);
    this.name = 'InstitutionalPledgeError';
  }
}

export interface ScheduleRow {
  dueOn: Date;
  amountMinor: bigint;
}

/** A schedule finance may record: at least one row, every amount positive, due dates strictly ascending, summing to the total. */
export function checkSchedule(schedule: readonly ScheduleRow[], totalMinor: bigint): void {
  if (schedule.length === 0) throw new InstitutionalPledgeError('scheduleEmpty', 'the schedule has no instalment');
  if (schedule.some((row) => row.amountMinor <= 0n))
    throw new InstitutionalPledgeError('amountNotPositive', 'every instalment must be more than zero');
  if (schedule.some((row, index) => index > 0 && row.dueOn.getTime() <= schedule[index - 1]!.dueOn.getTime()))
    throw new InstitutionalPledgeError('datesNotAscending', 'due dates must be ascending');
  const sum = schedule.reduce((total, row) => total + row.amountMinor, 0n);
  if (sum !== totalMinor) throw new InstitutionalPledgeError('scheduleSumDiffers', `the instalments add up to ${sum}, not ${totalMinor}`);
}

/** A donor finance creates with the pledge: an institution, often without a contact address. */
export interface NewInstitutionalDonor {
  type: InstitutionalDonorType;
  displayName: string;
  countryCode: string | null;
  organisationId: string | null;
  email: string | null;
}

export type EarmarkChoice =
  { earmarkType: 'GENERAL_PURPOSE' } | { earmarkType: 'PROGRAMME'; programmeId: string } | { earmarkType: 'PROJECT'; projectId: string };

export interface InstitutionalPledgeInput {
  donor: { donorId: string } | { create: NewInstitutionalDonor };
  currency: string;
  earmark: EarmarkChoice;
  /** The date of the pledge's document: the pledge date, and the month whose rate is pinned */
  documentDate: Date;
  documentReference: string;
  isAnonymous: boolean;
  method: 'BANK_TRANSFER' | 'OTHER';
  totalMinor: bigint;
  schedule: readonly ScheduleRow[];
  requestKey: string;
  staffId: string;
}

const TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/**
 * Records an institutional pledge with its instalment schedule, the USD rate of its document's
 * month pinned (FxRateMissingError when there is none), a CPJ reference for transfers to quote,
 * and the donor created when asked. Once per requestKey: a repeat returns the first pledge with
 * created: false. Throws InstitutionalPledgeError for a schedule, donor or earmark it refuses.
 */
export async function recordInstitutionalPledge({
  db = getPrisma(),
  newReference,
  ...input
}: InstitutionalPledgeInput & { db?: ReturnType<typeof getPrisma>; newReference?: () => string }): Promise<{
  pledge: { id: string; reference: string };
  created: boolean;
}> {
  const earlier = await db.pledge.findUnique({ where: { requestKey: input.requestKey }, select: { id: true, reference: true } });
  if (earlier) return { pledge: earlier, created: false };
  const currency = input.currency.toUpperCase();
  currencyExponent(currency); // refuses an unknown currency
  checkSchedule(input.schedule, input.totalMinor);
  const attempt = () =>
    db.$transaction(async (tx) => {
      const usdRate = await getUsdRate({ currency, on: input.documentDate, db: tx });
      const { earmark, titles } = await resolveEarmark(tx, input.earmark);
      const donor = await donorFor(tx, input.donor, input.isAnonymous);
      const created = await insertPledge({
        db: tx,
        donor,
        terms: {
          frequency: input.schedule.length === 1 ? 'ONCE' : 'INSTALMENTS',
          method: input.method,
          currency,
          amountMinor: input.totalMinor,
          isAnonymous: input.isAnonymous,
          dedication: null,
          coversFee: false,
          schedule: input.schedule.map((row, index) => ({ sequence: index + 1, ...row })),
        },
        earmark,
        titles,
        appealId: null,
        usdRate,
        now: input.documentDate,
        reference: newReference?.(),
        recordedBy: { createdById: input.staffId, requestKey: input.requestKey, documentReference: input.documentReference },
      });
      // A promise from now on: pledged-unpaid of its programme, project and donor moves at once.
      await refreshAfterMoneyChange({ db: tx, touch: pledgeTouch(created) });
      await recordAudit({
        db: tx,
        actorId: input.staffId,
        actorKind: 'staff',
        action: 'pledge.recorded',
        entityType: 'pledge',
        entityId: created.id,
        after: {
          reference: created.reference,
          donor: { id: donor.id, type: donor.type, name: donor.displayName, isNew: 'create' in input.donor },
          currency,
          amountMinor: created.amountMinor,
          usdRate,
          earmark,
          documentDate: input.documentDate.toISOString().slice(0, 10),
          documentReference: input.documentReference,
          method: created.method,
          frequency: created.frequency,
          schedule: created.instalments.map((row) => ({ dueOn: row.dueOn.toISOString().slice(0, 10), amountMinor: row.amountMinor })),
        },
      });
      return { id: created.id, reference: created.reference };
    }, TRANSACTION);
  try {
    return { pledge: await attempt(), created: true };
  } catch (error) {
    if (isReferenceClash(error)) return { pledge: await attempt(), created: true };
    // The same form submitted twice at once: the unique key let the first one in.
    if (isRequestKeyClash(error)) {
      const first = await db.pledge.findUnique({ where: { requestKey: input.requestKey }, select: { id: true, reference: true } });
      if (first) return { pledge: first, created: false };
    }
    throw error;
  }
}

function isRequestKeyClash(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  return JSON.stringify(error.meta ?? {}).includes('requestKey') || error.message.includes('requestKey');
}

async function resolveEarmark(db: DbClient, choice: EarmarkChoice): Promise<{ earmark: ResolvedEarmark; titles: EarmarkTitles }> {
  if (choice.earmarkType === 'PROJECT') {
    const project = await db.project.findUnique({
      where: { id: choice.projectId },
      select: { id: true, code: true, title: true, programmeId: true, programme: { select: { title: true } } },
    });
    if (!project) throw new InstitutionalPledgeError('projectNotFound', `project ${choice.projectId} not found`);
    return {
      earmark: { earmarkType: 'PROJECT', programmeId: project.programmeId, projectId: project.id },
      titles: { programme: project.programme, project: { code: project.code, title: project.title } },
    };
  }
  if (choice.earmarkType === 'PROGRAMME') {
    const programme = await db.programme.findUnique({ where: { id: choice.programmeId }, select: { id: true, title: true } });
    if (!programme) throw new InstitutionalPledgeError('programmeNotFound', `programme ${choice.programmeId} not found`);
    return { earmark: { earmarkType: 'PROGRAMME', programmeId: programme.id, projectId: null }, titles: { programme, project: null } };
  }
  return { earmark: { earmarkType: 'GENERAL_PURPOSE', programmeId: null, projectId: null }, titles: { programme: null, project: null } };
}

/** The pledge's donor: an existing institution, or a new one finance records (confirmed, not pending). */
async function donorFor(db: DbClient, choice: InstitutionalPledgeInput['donor'], isAnonymous: boolean): Promise<Donor> {
  if ('donorId' in choice) {
    const donor = await db.donor.findUnique({ where: { id: choice.donorId } });
    if (!donor || donor.erasedAt) throw new InstitutionalPledgeError('donorNotFound', `donor ${choice.donorId} not found`);
    if (!(INSTITUTIONAL_DONOR_TYPES as readonly string[]).includes(donor.type))
      throw new InstitutionalPledgeError('donorNotInstitutional', `donor ${donor.id} is ${donor.type}`);
    return donor;
  }
  const { create } = choice;
  const email = create.email ? create.email.trim().toLowerCase() : null;
  if (email && (await db.donor.findUnique({ where: { email }, select: { id: true } })))
    throw new InstitutionalPledgeError('emailTaken', 'another donor has this address');
  return db.donor.create({
    data: {
      type: create.type,
      email,
      displayName: create.displayName,
      organisationName: create.displayName,
      organisationId: create.organisationId,
      countryCode: create.countryCode,
      isAnonymous,
    },
  });
}

/** What one instalment of a pledge still owes, in the pledge's currency (payments net of reversals). */
export interface InstalmentOpen {
  id: string;
  sequence: number;
  dueOn: Date;
  amountMinor: bigint;
  openMinor: bigint;
}

/** The instalments of one pledge in due order, each with what is still owed on it. */
export async function listPledgeInstalmentsOpen({ db, pledgeId }: { db: DbClient; pledgeId: string }): Promise<InstalmentOpen[]> {
  return db.$queryRaw<InstalmentOpen[]>`
    SELECT i.id::text AS id, i.sequence, i."dueOn", i."amountMinor",
           i."amountMinor" - COALESCE((
             SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))
             FROM payments p WHERE p."instalmentId" = i.id), 0)::bigint AS "openMinor"
    FROM pledge_instalments i WHERE i."pledgeId" = ${pledgeId}::uuid
    ORDER BY i."dueOn", i.sequence`;
}

export interface TransferInput {
  reference: string;
  currency: string;
  amountMinor: bigint;
  receivedAt: Date;
  /** The instalment it pays; none: spread over the open instalments in due order */
  instalmentSequence: number | null;
  /** The bank's reference or a note, kept in the audit entry */
  note: string;
  requestKey: string;
  staffId: string;
}

/**
 * Records a transfer received for a pledge (provider MANUAL), settling one instalment or, when
 * none is named, the open instalments in due order, like bank matching. Refuses another currency,
 * a cancelled or written-off pledge, and more than is owed. Each part's providerPaymentId is
 * derived from the requestKey, so a double submit records once (created: false).
 */
export async function recordPledgeTransfer({
  db = getPrisma(),
  ...input
}: TransferInput & { db?: ReturnType<typeof getPrisma> }): Promise<{ created: boolean; openMinor: bigint }> {
  if (input.amountMinor <= 0n) throw new InstitutionalPledgeError('amountNotPositive', 'the amount must be more than zero');
  const idOf = (part: number) => `manual:${input.requestKey}:${part}`;
  return db.$transaction(async (tx) => {
    const pledge = await tx.pledge.findUnique({ where: { reference: input.reference } });
    if (!pledge) throw new InstitutionalPledgeError('pledgeNotFound', `pledge ${input.reference} not found`);
    await lockPledge({ db: tx, pledgeId: pledge.id });
    const owed = await listPledgeInstalmentsOpen({ db: tx, pledgeId: pledge.id });
    const openBefore = owed.reduce((sum, row) => sum + (row.openMinor > 0n ? row.openMinor : 0n), 0n);
    if (await tx.payment.findUnique({ where: { providerPaymentId: idOf(1) }, select: { id: true } }))
      return { created: false, openMinor: openBefore };
    const latest = await latestPledgeEvent({ db: tx, pledgeId: pledge.id });
    if (latest && latest.kind !== 'REINSTATED')
      throw new InstitutionalPledgeError('pledgeNotLive', `pledge ${pledge.reference} is ${latest.kind}`);
    if (pledge.currency.trim() !== input.currency.toUpperCase())
      throw new InstitutionalPledgeError('currencyDiffers', `the pledge is in ${pledge.currency}, the transfer in ${input.currency}`);
    const parts = partsOf(owed, input.amountMinor, input.instalmentSequence);
    await recordPayments({
      db: tx,
      payments: parts.map((part, index) => ({
        pledge,
        instalmentId: part.instalment.id,
        provider: 'MANUAL' as const,
        providerPaymentId: idOf(index + 1),
        currency: pledge.currency.trim(),
        amountMinor: part.amountMinor,
        receivedAt: input.receivedAt,
      })),
    });
    const openMinor = openBefore - input.amountMinor;
    await recordAudit({
      db: tx,
      actorId: input.staffId,
      actorKind: 'staff',
      action: 'pledge.transfer.recorded',
      entityType: 'pledge',
      entityId: pledge.id,
      before: { openMinor: openBefore, currency: pledge.currency.trim() },
      after: {
        openMinor,
        amountMinor: input.amountMinor,
        receivedOn: input.receivedAt.toISOString().slice(0, 10),
        parts: parts.map((part) => ({ instalment: part.instalment.sequence, amountMinor: part.amountMinor })),
        note: input.note,
      },
    });
    return { created: true, openMinor };
  }, TRANSACTION);
}

/** Where the amount goes: the named instalment (within what it owes) or the open ones in due order. */
function partsOf(
  owed: InstalmentOpen[],
  amountMinor: bigint,
  sequence: number | null,
): { instalment: InstalmentOpen; amountMinor: bigint }[] {
  if (sequence !== null) {
    const instalment = owed.find((row) => row.sequence === sequence);
    if (!instalment) throw new InstitutionalPledgeError('instalmentNotFound', `instalment ${sequence} not found`);
    if (amountMinor > instalment.openMinor)
      throw new InstitutionalPledgeError('moreThanOwed', `instalment ${sequence} owes ${instalment.openMinor}`);
    return [{ instalment, amountMinor }];
  }
  const parts = [];
  let left = amountMinor;
  for (const instalment of owed) {
    if (left === 0n) break;
    if (instalment.openMinor <= 0n) continue;
    const take = left < instalment.openMinor ? left : instalment.openMinor;
    parts.push({ instalment, amountMinor: take });
    left -= take;
  }
  if (left > 0n) throw new InstitutionalPledgeError('moreThanOpen', `${left} more than the pledge has open`);
  return parts;
}
