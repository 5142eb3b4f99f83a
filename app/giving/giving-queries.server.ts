// What the giving pages read: earmark choices, an appeal, the form to resume after Checkout, a
// pledge's schedule, bank-transfer instructions, and a Checkout session's status.
import { getTargetFigures } from '~/ledger/target-figure-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { minorToDecimalString } from '~/platform/money.ts';
import { giftBeforeFee } from './fee-cover.ts';
import { bankDetails } from './giving-email-queries.server.ts';
import type { BankTransferInstructions, CheckoutPayment, CheckoutStatus, PledgeOverview, ScheduledInstalment } from './giving-types.ts';

/** Programmes and open projects for the earmark choices, titles in the reader's language. */
export async function getGivingChoices({ locale, db = getPrisma() }: { locale: Locale; db?: DbClient }) {
  const [programmes, projects] = await Promise.all([
    db.programme.findMany({ orderBy: { sortOrder: 'asc' }, select: { slug: true, title: true } }),
    db.project.findMany({
      where: { status: { notIn: ['CLOSED', 'CANCELLED'] } },
      orderBy: { code: 'asc' },
      select: { code: true, title: true, programme: { select: { slug: true } } },
    }),
  ]);
  return {
    programmes: programmes.map((row) => ({ slug: row.slug, title: pickText(row.title, locale) })),
    projects: projects.map((row) => ({ code: row.code, title: pickText(row.title, locale), programmeSlug: row.programme.slug })),
  };
}

export async function getAppealForGiving({ slug, locale, db = getPrisma() }: { slug: string; locale: Locale; db?: DbClient }) {
  const appeal = await db.appeal.findUnique({
    where: { slug },
    select: { slug: true, title: true, programme: { select: { slug: true } }, project: { select: { code: true } } },
  });
  if (!appeal) return null;
  return {
    slug: appeal.slug,
    title: pickText(appeal.title, locale),
    ...(appeal.programme ? { programmeSlug: appeal.programme.slug } : {}),
    ...(appeal.project ? { projectCode: appeal.project.code } : {}),
  };
}

/**
 * The form as the donor filled it, for "Cancel and go back" from Checkout (cancel_url carries
 * our checkout row id, a random UUID). Only for a day, and only while nothing was paid.
 */
export async function getResumeValues({
  checkoutRowId,
  db = getPrisma(),
}: {
  checkoutRowId: string;
  db?: DbClient;
}): Promise<Record<string, string> | null> {
  if (!/^[0-9a-f-]{36}$/i.test(checkoutRowId)) return null;
  const row = await db.checkoutSession.findUnique({
    where: { id: checkoutRowId },
    include: {
      pledge: {
        include: {
          donor: true,
          donorDetails: true,
          programme: { select: { slug: true } },
          project: { select: { code: true } },
          appeal: { select: { slug: true } },
          payments: { select: { id: true } },
        },
      },
    },
  });
  if (!row || row.createdAt.getTime() < Date.now() - 24 * 60 * 60 * 1000 || row.pledge.payments.length > 0) return null;
  const { pledge } = row;
  // The form as it was sent: its own details, never the profile of the donor the email belongs to
  // (decision 022); a pledge recorded without them (seed, staff) resumes with its donor's.
  const donor = pledge.donorDetails ?? pledge.donor;
  const values: Record<string, string> = {
    amount: minorToDecimalString(
      pledge.coversFee ? giftBeforeFee(pledge.amountMinor, pledge.currency) : pledge.amountMinor,
      pledge.currency,
    ),
    currency: pledge.currency,
    frequency: pledge.frequency.toLowerCase(),
    method: 'card',
    earmark: pledge.earmarkType === 'PROJECT' ? 'project' : pledge.earmarkType === 'PROGRAMME' ? 'programme' : 'general',
    donorType: donor.type === 'COMPANY' ? 'company' : donor.type === 'FOUNDATION' ? 'foundation' : 'individual',
    givenName: donor.givenName ?? '',
    familyName: donor.familyName ?? '',
    email: pledge.donor.email ?? '',
  };
  if (pledge.programme) values.programme = pledge.programme.slug;
  if (pledge.project) values.project = pledge.project.code;
  if (pledge.appeal) values.appeal = pledge.appeal.slug;
  if (donor.countryCode) values.countryCode = donor.countryCode;
  if (donor.organisationName) values.organisationName = donor.organisationName;
  if (donor.organisationId) values.organisationId = donor.organisationId;
  if (pledge.isAnonymous) values.isAnonymous = 'on';
  if (pledge.coversFee) values.coversFee = 'on';
  if (pledge.dedication) values.dedication = pledge.dedication;
  return values;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The pledge as its donor sees it: schedule with what each instalment has received. */
export async function getPledgeOverview({
  reference,
  locale,
  db = getPrisma(),
}: {
  reference: string;
  locale: Locale;
  db?: DbClient;
}): Promise<PledgeOverview | null> {
  const pledge = await db.pledge.findUnique({
    where: { reference },
    include: {
      donor: { select: { displayName: true } },
      donorDetails: { select: { displayName: true } },
      programme: { select: { slug: true, title: true } },
      project: { select: { code: true, title: true } },
      instalments: { orderBy: { sequence: 'asc' }, include: { writeOff: { select: { id: true } } } },
      events: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
    },
  });
  if (!pledge) return null;
  const paidRows = await db.$queryRaw<{ instalmentId: string; paid: bigint }[]>`
    SELECT p."instalmentId"::text AS "instalmentId",
           SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))::bigint AS paid
    FROM payments p WHERE p."pledgeId" = ${pledge.id}::uuid AND p."instalmentId" IS NOT NULL GROUP BY p."instalmentId"`;
  const paidBy = new Map(paidRows.map((row) => [row.instalmentId, row.paid]));
  const today = isoDate(new Date());
  const instalments: ScheduledInstalment[] = pledge.instalments.map((row) => {
    const paid = paidBy.get(row.id) ?? 0n;
    const dueOn = isoDate(row.dueOn);
    // Paid in full stays "paid"; otherwise what staff wrote off is no longer asked for (decision 030).
    const status =
      paid >= row.amountMinor ? 'paid' : row.writeOff ? 'written-off' : paid > 0n ? 'partly-paid' : dueOn < today ? 'overdue' : 'due';
    return { id: row.id, sequence: row.sequence, dueOn, amountMinor: row.amountMinor.toString(), paidMinor: paid.toString(), status };
  });
  const earmark: PledgeOverview['earmark'] =
    pledge.earmarkType === 'PROJECT' && pledge.project
      ? { kind: 'project', key: pledge.project.code, title: pickText(pledge.project.title, locale) }
      : pledge.earmarkType === 'PROGRAMME' && pledge.programme
        ? { kind: 'programme', key: pledge.programme.slug, title: pickText(pledge.programme.title, locale) }
        : { kind: 'general' };
  const latest = pledge.events[0]?.kind;
  return {
    reference: pledge.reference,
    frequency: pledge.frequency.toLowerCase() as PledgeOverview['frequency'],
    method: pledge.method === 'CARD' ? 'card' : 'bank_transfer',
    currency: pledge.currency,
    amountMinor: pledge.amountMinor.toString(),
    earmark,
    // The name typed for this pledge: whoever holds its link sees what they typed, not the profile
    // of the donor whose email it used (decision 022).
    donorDisplayName: pledge.isAnonymous ? '' : (pledge.donorDetails?.displayName ?? pledge.donor.displayName),
    pledgedAt: pledge.pledgedAt.toISOString(),
    instalments,
    cancelled: latest === 'CANCELLED' || latest === 'WRITTEN_OFF',
  };
}

/** Whether `reference` names a pledge of this donor (the donor account's pages show no one else's). */
export async function isPledgeOfDonor({
  reference,
  donorId,
  db = getPrisma(),
}: {
  reference: string;
  donorId: string;
  db?: DbClient;
}): Promise<boolean> {
  return (await db.pledge.count({ where: { reference, donorId } })) === 1;
}

export async function getBankTransferInstructions({
  reference,
  locale,
  db = getPrisma(),
}: {
  reference: string;
  locale: Locale;
  db?: DbClient;
}): Promise<BankTransferInstructions | null> {
  const pledge = await getPledgeOverview({ reference, locale, db });
  if (!pledge || pledge.method !== 'bank_transfer') return null;
  return { pledge, bank: bankDetails() };
}

/**
 * What the thank-you page shows for a Checkout session. "paid" only once a verified webhook has
 * recorded the money; the return from Checkout itself proves nothing.
 */
export async function getCheckoutStatus({
  stripeSessionId,
  locale,
  db = getPrisma(),
}: {
  stripeSessionId: string;
  locale: Locale;
  db?: DbClient;
}): Promise<CheckoutStatus> {
  if (!/^cs_[A-Za-z0-9_]{4,200}$/.test(stripeSessionId)) return { status: 'unknown', pledge: null };
  const row = await db.checkoutSession.findUnique({ where: { stripeSessionId }, include: { pledge: { select: { reference: true } } } });
  if (!row) return { status: 'unknown', pledge: null };
  const payments = await db.payment.findMany({
    where: row.instalmentId ? { instalmentId: row.instalmentId } : { pledgeId: row.pledgeId },
    orderBy: { receivedAt: 'asc' },
    take: 1,
    select: { amountMinor: true },
  });
  const pledge = await getPledgeOverview({ reference: row.pledge.reference, locale, db });
  const payment = pledge ? checkoutPayment(pledge, row.instalmentId, payments[0]?.amountMinor) : null;
  if (payments.length > 0) return { status: 'paid', pledge, payment };
  if (row.status === 'expired' || row.status === 'failed') return { status: row.status, pledge, payment };
  return { status: 'processing', pledge, payment };
}

/**
 * What one Checkout session is about: its instalment's amount (a pledge in instalments pays one at
 * a time), the pledge's amount for a one-off or monthly gift, or what was received once paid.
 */
function checkoutPayment(pledge: PledgeOverview, instalmentId: string | null, receivedMinor: bigint | undefined): CheckoutPayment {
  const instalment = instalmentId ? pledge.instalments.find((row) => row.id === instalmentId) : undefined;
  const chargedMinor = instalment?.amountMinor ?? pledge.amountMinor;
  return {
    amountMinor: receivedMinor === undefined ? chargedMinor : receivedMinor.toString(),
    ...(instalment && pledge.frequency === 'instalments'
      ? { instalment: { sequence: instalment.sequence, count: pledge.instalments.length } }
      : {}),
  };
}

/**
 * What a gift that came for one programme or project goes to (issue #16 item 2): its title and
 * its funding figures, read as its own page reads them — a programme for the current UTC year, a
 * project over its whole life — so the page beside the form and the programme page agree.
 */
export async function getGiveFocus({
  kind,
  key,
  locale,
  now = new Date(),
  db = getPrisma(),
}: {
  kind: 'programme' | 'project';
  key: string;
  locale: Locale;
  now?: Date;
  db?: DbClient;
}) {
  if (kind === 'programme') {
    const programme = await db.programme.findUnique({ where: { slug: key }, select: { id: true, slug: true, title: true } });
    if (!programme) return null;
    const { figures } = await getTargetFigures({ target: { kind, id: programme.id }, year: now.getUTCFullYear(), db });
    return { kind, title: pickText(programme.title, locale), href: `/programmes/${programme.slug}`, figures };
  }
  const project = await db.project.findUnique({
    where: { code: key },
    select: { id: true, code: true, title: true, startDate: true, endDate: true },
  });
  if (!project) return null;
  const { figures } = await getTargetFigures({ target: { kind, ...project }, year: now.getUTCFullYear(), db });
  return { kind, title: pickText(project.title, locale), href: `/projects/${project.code}`, figures };
}
