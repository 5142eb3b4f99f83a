// A signed-in donor's own giving (issue #14 item 2): every pledge (one-off gift, monthly gift,
// pledge in instalments, bank transfer) with its instalments and payments, and every payment
// recorded without a pledge, newest first, a page at a time. Every query is bounded by the donor's
// id, passed in from the session, never taken from the request: this module is what keeps a donor
// to their own rows (tests/unit/account/account-idor.test.ts).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export type EarmarkSummary = { kind: 'general' } | { kind: 'programme' | 'project'; code?: string; title: unknown };

export interface HistoryPayment {
  id: string;
  receivedAt: string;
  currency: string;
  amountMinor: bigint;
  /** What refunds and disputes took back, net of disputes won (never more than the amount). */
  reversedMinor: bigint;
  method: string;
  instalmentSequence: number | null;
}

export interface HistoryInstalment {
  sequence: number;
  dueOn: string;
  amountMinor: bigint;
  paidMinor: bigint;
  status: 'paid' | 'written-off' | 'partly-paid' | 'overdue' | 'due';
}

export type HistoryEntry =
  | {
      kind: 'pledge';
      id: string;
      reference: string;
      frequency: 'ONCE' | 'MONTHLY' | 'INSTALMENTS';
      method: string;
      currency: string;
      amountMinor: bigint;
      at: string;
      earmark: EarmarkSummary;
      cancelled: boolean;
      /** A monthly gift's subscription as Stripe last reported it (active, past_due, canceled…), or null. */
      subscriptionStatus: string | null;
      instalments: HistoryInstalment[];
      payments: HistoryPayment[];
    }
  | { kind: 'payment'; id: string; at: string; earmark: EarmarkSummary; payment: HistoryPayment };

export interface GivingHistory {
  entries: HistoryEntry[];
  total: number;
}

type TitledScope = { programme: { title: unknown } | null; project: { code: string; title: unknown } | null; earmarkType: string };

function earmarkOf(row: TitledScope): EarmarkSummary {
  if (row.earmarkType === 'PROJECT' && row.project) return { kind: 'project', code: row.project.code, title: row.project.title };
  if (row.earmarkType === 'PROGRAMME' && row.programme) return { kind: 'programme', title: row.programme.title };
  return { kind: 'general' };
}

const paymentInclude = { reversals: { select: { amountMinor: true } }, instalment: { select: { sequence: true } } } as const;

function toHistoryPayment(row: {
  id: string;
  receivedAt: Date;
  currency: string;
  amountMinor: bigint;
  method: string;
  reversals: { amountMinor: bigint }[];
  instalment: { sequence: number } | null;
}): HistoryPayment {
  const reversed = row.reversals.reduce((sum, reversal) => sum + reversal.amountMinor, 0n);
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    currency: row.currency,
    amountMinor: row.amountMinor,
    reversedMinor: reversed < 0n ? 0n : reversed > row.amountMinor ? row.amountMinor : reversed,
    method: row.method,
    instalmentSequence: row.instalment?.sequence ?? null,
  };
}

/**
 * One page of the donor's giving, newest first (a pledge by when it was made, a payment without a
 * pledge by when it was received). `today` is the database's date, for overdue instalments.
 */
export async function listGivingHistory({
  db = getPrisma(),
  donorId,
  offset,
  limit,
}: {
  db?: DbClient;
  donorId: string;
  offset: number;
  limit: number;
}): Promise<GivingHistory> {
  const rows = await db.$queryRaw<{ kind: 'pledge' | 'payment'; id: string; total: bigint; today: string }[]>`
    WITH entries AS (
      SELECT 'pledge' AS kind, id, "pledgedAt" AS at FROM pledges WHERE "donorId" = ${donorId}::uuid
      UNION ALL
      SELECT 'payment', id, "receivedAt" FROM payments WHERE "donorId" = ${donorId}::uuid AND "pledgeId" IS NULL
    )
    SELECT kind, id::text AS id, COUNT(*) OVER ()::bigint AS total, CURRENT_DATE::text AS today
    FROM entries ORDER BY at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`;
  const total = Number(rows[0]?.total ?? (offset > 0 ? await countEntries(db, donorId) : 0));
  const today = rows[0]?.today ?? '';
  const pledgeIds = rows.filter((row) => row.kind === 'pledge').map((row) => row.id);
  const paymentIds = rows.filter((row) => row.kind === 'payment').map((row) => row.id);
  const [pledges, payments] = await Promise.all([
    db.pledge.findMany({
      where: { id: { in: pledgeIds }, donorId },
      include: {
        programme: { select: { title: true } },
        project: { select: { code: true, title: true } },
        instalments: { orderBy: { sequence: 'asc' }, include: { writeOff: { select: { id: true } } } },
        events: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { kind: true } },
        checkouts: {
          where: { subscriptionStatus: { not: null } },
          orderBy: { updatedAt: 'desc' },
          take: 1,
          select: { subscriptionStatus: true },
        },
        payments: { where: { donorId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], include: paymentInclude },
        // A monthly gift's amount now: its latest recorded change (decision 043), else the pledge's.
        monthlyChanges: {
          where: { kind: 'AMOUNT_CHANGED' },
          orderBy: [{ at: 'desc' }, { recordedAt: 'desc' }],
          take: 1,
          select: { amountMinor: true },
        },
      },
    }),
    db.payment.findMany({
      where: { id: { in: paymentIds }, donorId },
      include: { ...paymentInclude, programme: { select: { title: true } }, project: { select: { code: true, title: true } } },
    }),
  ]);
  const pledgeById = new Map(pledges.map((pledge) => [pledge.id, pledge]));
  const paymentById = new Map(payments.map((payment) => [payment.id, payment]));
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    if (row.kind === 'payment') {
      const payment = paymentById.get(row.id);
      if (payment)
        entries.push({
          kind: 'payment',
          id: payment.id,
          at: payment.receivedAt.toISOString(),
          earmark: earmarkOf(payment),
          payment: toHistoryPayment(payment),
        });
      continue;
    }
    const pledge = pledgeById.get(row.id);
    if (!pledge) continue;
    const historyPayments = pledge.payments.map(toHistoryPayment);
    const paidByInstalment = new Map<number, bigint>();
    for (const payment of historyPayments) {
      if (payment.instalmentSequence === null) continue;
      const net = payment.amountMinor - payment.reversedMinor;
      paidByInstalment.set(payment.instalmentSequence, (paidByInstalment.get(payment.instalmentSequence) ?? 0n) + net);
    }
    const latest = pledge.events[0]?.kind;
    entries.push({
      kind: 'pledge',
      id: pledge.id,
      reference: pledge.reference,
      frequency: pledge.frequency,
      method: pledge.method,
      currency: pledge.currency,
      amountMinor: pledge.monthlyChanges[0]?.amountMinor ?? pledge.amountMinor,
      at: pledge.pledgedAt.toISOString(),
      earmark: earmarkOf(pledge),
      cancelled: latest === 'CANCELLED' || latest === 'WRITTEN_OFF',
      subscriptionStatus: pledge.checkouts[0]?.subscriptionStatus ?? null,
      payments: historyPayments,
      instalments: pledge.instalments.map((instalment) => {
        const paid = paidByInstalment.get(instalment.sequence) ?? 0n;
        const dueOn = instalment.dueOn.toISOString().slice(0, 10);
        // As the pledge page says it (decision 030): paid in full stays paid; a write-off is no longer asked for.
        const status: HistoryInstalment['status'] =
          paid >= instalment.amountMinor
            ? 'paid'
            : instalment.writeOff
              ? 'written-off'
              : paid > 0n
                ? 'partly-paid'
                : dueOn < today
                  ? 'overdue'
                  : 'due';
        return { sequence: instalment.sequence, dueOn, amountMinor: instalment.amountMinor, paidMinor: paid, status };
      }),
    });
  }
  return { entries, total };
}

async function countEntries(db: DbClient, donorId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT COUNT(*) FROM pledges WHERE "donorId" = ${donorId}::uuid)
         + (SELECT COUNT(*) FROM payments WHERE "donorId" = ${donorId}::uuid AND "pledgeId" IS NULL) AS n`;
  return Number(row?.n ?? 0n);
}

export interface DonorReceipt {
  payment: HistoryPayment & { providerPaymentId: string | null; usdMinor: bigint; usdRate: string };
  earmark: EarmarkSummary;
  pledge: {
    reference: string;
    frequency: 'ONCE' | 'MONTHLY' | 'INSTALMENTS';
    instalmentCount: number;
    dedication: string | null;
    coversFee: boolean;
    amountMinor: bigint;
  } | null;
  donor: {
    displayName: string;
    type: string;
    organisationName: string | null;
    organisationId: string | null;
    givenName: string | null;
    familyName: string | null;
  };
}

/** The receipt of one of the donor's payments; null when the payment is not theirs (or does not exist). */
export async function getDonorReceipt({ db = getPrisma(), donorId, paymentId }: { db?: DbClient; donorId: string; paymentId: string }) {
  const payment = await db.payment.findFirst({
    where: { id: paymentId, donorId },
    include: {
      ...paymentInclude,
      programme: { select: { title: true } },
      project: { select: { code: true, title: true } },
      donor: { select: { displayName: true, type: true, organisationName: true, organisationId: true, givenName: true, familyName: true } },
      pledge: {
        select: {
          reference: true,
          frequency: true,
          dedication: true,
          coversFee: true,
          amountMinor: true,
          _count: { select: { instalments: true } },
        },
      },
    },
  });
  if (!payment) return null;
  const receipt: DonorReceipt = {
    payment: {
      ...toHistoryPayment(payment),
      providerPaymentId: payment.providerPaymentId,
      usdMinor: payment.usdMinor,
      usdRate: payment.usdRate.toFixed(),
    },
    earmark: earmarkOf(payment),
    pledge: payment.pledge
      ? {
          reference: payment.pledge.reference,
          frequency: payment.pledge.frequency,
          instalmentCount: payment.pledge._count.instalments,
          dedication: payment.pledge.dedication,
          coversFee: payment.pledge.coversFee,
          amountMinor: payment.pledge.amountMinor,
        }
      : null,
    donor: payment.donor,
  };
  return receipt;
}
