// Money received and given back: payments, their automatic allocations, reversals (refunds,
// disputes). Each function runs inside the caller's transaction and keeps the funding summaries
// in step (docs/decisions/005), so a commit carries the facts and the figures together.
import type { DbClient } from '~/platform/db.server.ts';
import type { ReversalKind } from '~/generated/prisma/enums.ts';
import { getUsdRate } from './fx-rate-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { toUsdMinor } from '~/platform/money.ts';
import { confirmPledgeDonorDetails } from './donor-profile-commands.server.ts';
import { splitByLargestRemainder } from './largest-remainder.ts';

/** Who and what a money change touched, so the derived figures of exactly those are refreshed. */
export interface LedgerTouch {
  projectIds: (string | null)[];
  programmeIds: (string | null)[];
  donorIds: (string | null)[];
  pledgeIds: (string | null)[];
}

/** The touch of one money fact (payment, pledge): its donor, pledge, programme and project, where set. */
export function touchOf(fact: {
  donorId: string;
  pledgeId: string | null;
  programmeId: string | null;
  projectId: string | null;
}): LedgerTouch {
  return { projectIds: [fact.projectId], programmeIds: [fact.programmeId], donorIds: [fact.donorId], pledgeIds: [fact.pledgeId] };
}

/** Refreshes the summaries a money change affects, inside the writer's transaction. */
export async function refreshAfterMoneyChange({ db, touch }: { db: DbClient; touch: LedgerTouch }): Promise<void> {
  const unique = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];
  await refreshFundingSummaries({
    db,
    projectIds: unique(touch.projectIds),
    programmeIds: unique(touch.programmeIds),
    donorIds: unique(touch.donorIds),
    pledgeIds: unique(touch.pledgeIds),
  });
}

/** How a writer keeps the summaries in step: refresh at once (the default) or hand the touch on. */
export type SummaryRefresh = (args: { db: DbClient; touch: LedgerTouch }) => Promise<void>;

/**
 * Collects the touches of several writes (of one event, or of a whole batch of events) for one
 * refresh just before commit. The refresh takes a lock that every money writer needs; doing it
 * last, once, keeps that lock for milliseconds only.
 */
export function deferredRefresh() {
  const touches: LedgerTouch[] = [];
  return {
    touches: touches as readonly LedgerTouch[],
    refresh: (async ({ touch }) => void touches.push(touch)) as SummaryRefresh,
    /** Takes on another collection's touches (an event of a batch that committed its savepoint). */
    add(other: { touches: readonly LedgerTouch[] }): void {
      touches.push(...other.touches);
    },
    async flush(db: DbClient): Promise<boolean> {
      if (touches.length === 0) return false;
      await refreshAfterMoneyChange({
        db,
        touch: {
          projectIds: touches.flatMap((touch) => touch.projectIds),
          programmeIds: touches.flatMap((touch) => touch.programmeIds),
          donorIds: touches.flatMap((touch) => touch.donorIds),
          pledgeIds: touches.flatMap((touch) => touch.pledgeIds),
        },
      });
      return true;
    },
  };
}

/**
 * The year a project-earmarked payment is allocated to: the year it arrived, kept within the
 * years the project has requirements for (money for a finished project counts in its last year).
 */
export async function allocationYear({
  db,
  projectId,
  receivedAt,
}: {
  db: DbClient;
  projectId: string;
  receivedAt: Date;
}): Promise<number> {
  const year = receivedAt.getUTCFullYear();
  const [range] = await db.$queryRaw<{ min: number | null; max: number | null }[]>`
    SELECT MIN(year) AS min, MAX(year) AS max FROM project_requirements WHERE "projectId" = ${projectId}::uuid`;
  if (!range || range.min === null || range.max === null) return year;
  return Math.min(Math.max(year, range.min), range.max);
}

export interface PledgeForPayment {
  id: string;
  donorId: string;
  method: 'CARD' | 'BANK_TRANSFER' | 'DIRECT_DEBIT' | 'OTHER';
  earmarkType: 'GENERAL_PURPOSE' | 'PROGRAMME' | 'PROJECT';
  programmeId: string | null;
  projectId: string | null;
}

export interface ReceivedMoney {
  pledge: PledgeForPayment;
  instalmentId: string | null;
  provider: 'STRIPE' | 'BANK' | 'MANUAL';
  /** The provider's id of this money (a PaymentIntent id for Stripe): one payment per id. */
  providerPaymentId: string;
  providerInvoiceId?: string | null;
  currency: string;
  amountMinor: bigint;
  receivedAt: Date;
}

/**
 * Records money received for a pledge, once per providerPaymentId: converts it at the operational
 * rate of its date, copies the earmark, allocates project-earmarked money to the project at once.
 * Returns the existing payment (created: false) when this money was already recorded.
 */
export async function recordPayment({
  db,
  refresh = refreshAfterMoneyChange,
  ...money
}: ReceivedMoney & { db: DbClient; refresh?: SummaryRefresh }) {
  const [result] = await recordPayments({ db, refresh, payments: [money] });
  if (!result) throw new Error('recordPayments returned nothing for one payment');
  return result;
}

type CreatedPayment = Awaited<ReturnType<DbClient['payment']['create']>>;

/**
 * recordPayment for many payments at once (a bank statement of thousands of credits): the same
 * rules, with a handful of statements in all instead of several per payment, and one summary
 * refresh for the whole batch. Results are in the order given; a providerPaymentId already
 * recorded (or given twice) returns that payment with created: false.
 */
export async function recordPayments({
  db,
  refresh = refreshAfterMoneyChange,
  payments,
}: {
  db: DbClient;
  refresh?: SummaryRefresh;
  payments: ReceivedMoney[];
}): Promise<{ payment: CreatedPayment; created: boolean }[]> {
  const ids = payments.map((money) => money.providerPaymentId);
  const known = new Map(
    (await db.payment.findMany({ where: { providerPaymentId: { in: ids } } })).map((row) => [row.providerPaymentId, row]),
  );
  const fresh = payments.filter((money, index) => !known.has(money.providerPaymentId) && ids.indexOf(money.providerPaymentId) === index);
  const rates = new Map<string, string>();
  const rateOf = async (currency: string, on: Date) => {
    const key = `${currency}|${on.getUTCFullYear()}-${on.getUTCMonth()}`;
    const rate = rates.get(key) ?? (await getUsdRate({ currency, on, db }));
    rates.set(key, rate);
    return rate;
  };
  const rows = [];
  for (const money of fresh) {
    const usdRate = await rateOf(money.currency, money.receivedAt);
    const { pledge } = money;
    rows.push({
      donorId: pledge.donorId,
      pledgeId: pledge.id,
      instalmentId: money.instalmentId,
      method: pledge.method,
      provider: money.provider,
      providerPaymentId: money.providerPaymentId,
      providerInvoiceId: money.providerInvoiceId ?? null,
      currency: money.currency,
      amountMinor: money.amountMinor,
      usdRate,
      usdMinor: toUsdMinor({ amountMinor: money.amountMinor, currency: money.currency, usdRate }),
      earmarkType: pledge.earmarkType,
      programmeId: pledge.programmeId,
      projectId: pledge.projectId,
      receivedAt: money.receivedAt,
    });
  }
  const created = rows.length === 1 ? [await db.payment.create({ data: rows[0]! })] : rows.length ? await insertPayments(db, rows) : [];
  const years = new Map<string, number>();
  const allocations = [];
  for (const payment of created) {
    if (payment.earmarkType !== 'PROJECT' || !payment.projectId) continue;
    const key = `${payment.projectId}|${payment.receivedAt.getUTCFullYear()}`;
    const year = years.get(key) ?? (await allocationYear({ db, projectId: payment.projectId, receivedAt: payment.receivedAt }));
    years.set(key, year);
    allocations.push({
      projectId: payment.projectId,
      year,
      source: 'EARMARKED' as const,
      usdMinor: payment.usdMinor,
      paymentId: payment.id,
      note: 'Automatic: project earmark',
    });
  }
  await insertAllocations(db, allocations);
  // A paid gift confirms the details typed for it (decision 022); the refresh below covers the donor.
  const pledgeIds = [...new Set(created.map((payment) => payment.pledgeId).filter((id): id is string => id !== null))];
  const withDetails =
    pledgeIds.length > 1
      ? await db.pledgeDonorDetails.findMany({ where: { pledgeId: { in: pledgeIds } }, select: { pledgeId: true } })
      : pledgeIds.map((pledgeId) => ({ pledgeId }));
  for (const { pledgeId } of withDetails) await confirmPledgeDonorDetails({ db, pledgeId });
  if (created.length) {
    await refresh({
      db,
      touch: {
        projectIds: created.map((payment) => payment.projectId),
        programmeIds: created.map((payment) => payment.programmeId),
        donorIds: created.map((payment) => payment.donorId),
        pledgeIds: created.map((payment) => payment.pledgeId),
      },
    });
  }
  const byId = new Map([...known, ...created.map((payment) => [payment.providerPaymentId, payment] as const)]);
  const isNew = new Set(created.map((payment) => payment.id));
  const seen = new Set<string>();
  return ids.map((id) => {
    const payment = byId.get(id);
    if (!payment) throw new Error(`payment ${id} was neither found nor recorded`);
    const first = isNew.has(payment.id) && !seen.has(payment.id);
    seen.add(payment.id);
    return { payment, created: first };
  });
}

/**
 * Many payments in one INSERT from one JSON parameter: Prisma's createManyAndReturn (and long
 * array parameters) cost a millisecond or more a row through the driver adapter, which a
 * 10,000-credit bank statement cannot afford.
 */
async function insertPayments(db: DbClient, rows: Parameters<DbClient['payment']['create']>[0]['data'][]) {
  const json = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  // RETURNING * comes back with Prisma's types for raw rows (bigint, Decimal, Date), as payment.create's would.
  return db.$queryRaw<CreatedPayment[]>`
    INSERT INTO payments ("donorId", "pledgeId", "instalmentId", method, provider, "providerPaymentId", "providerInvoiceId",
      currency, "amountMinor", "usdRate", "usdMinor", "earmarkType", "programmeId", "projectId", "receivedAt")
    SELECT t."donorId", t."pledgeId", t."instalmentId", t.method::"PaymentMethod", t.provider::"PaymentProvider", t."providerPaymentId",
           t."providerInvoiceId", t.currency, t."amountMinor", t."usdRate", t."usdMinor", t."earmarkType"::"EarmarkType",
           t."programmeId", t."projectId", t."receivedAt"
    FROM jsonb_to_recordset(${json}::jsonb) AS t("donorId" uuid, "pledgeId" uuid, "instalmentId" uuid, method text, provider text,
      "providerPaymentId" text, "providerInvoiceId" text, currency text, "amountMinor" bigint, "usdRate" numeric, "usdMinor" bigint,
      "earmarkType" text, "programmeId" uuid, "projectId" uuid, "receivedAt" timestamptz)
    RETURNING *`;
}

/** Many rows of the allocations table in one INSERT (see insertPayments for why not createMany). */
async function insertAllocations(
  db: DbClient,
  rows: { projectId: string; year: number; source: 'EARMARKED'; usdMinor: bigint; paymentId: string; note: string }[],
) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  await db.$executeRaw`
    INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId", note)
    SELECT t."projectId", t.year, t.source::"FundingSource", t."usdMinor", t."paymentId", t.note
    FROM jsonb_to_recordset(${json}::jsonb) AS t("projectId" uuid, year int, source text, "usdMinor" bigint, "paymentId" uuid, note text)`;
}

type PaymentRow = NonNullable<Awaited<ReturnType<DbClient['payment']['findUnique']>>>;

/** Net amounts still held from a payment (after all reversals so far), in its currency and USD. */
export async function netOfPayment({ db, paymentId }: { db: DbClient; paymentId: string }) {
  const [sums] = await db.$queryRaw<{ amount: bigint | null; usd: bigint | null }[]>`
    SELECT SUM("amountMinor")::bigint AS amount, SUM("usdMinor")::bigint AS usd FROM reversals WHERE "paymentId" = ${paymentId}::uuid`;
  return { reversedMinor: sums?.amount ?? 0n, reversedUsdMinor: sums?.usd ?? 0n };
}

export interface ReversalInput {
  payment: PaymentRow;
  kind: ReversalKind;
  /** Unique id of this reversal at the provider; recording it twice does nothing. */
  providerReversalId: string;
  /** Positive: money taken back; negative: money given back (a won dispute); zero: a lost dispute's record. */
  amountMinor: bigint;
  usdMinor: bigint;
  reason: string;
}

/**
 * Records a reversal once per providerReversalId and mirrors it on the payment's automatic
 * project allocation (a negative allocation row, or a positive one when money comes back).
 * Pooled money (general-purpose, programme-level) that leaves is taken from what is still pooled
 * and from the payment's staff allocations in proportion (reversePooledAllocations); money given
 * back re-enters the pool (decision 025).
 */
export async function recordReversal({
  db,
  refresh = refreshAfterMoneyChange,
  ...input
}: ReversalInput & { db: DbClient; refresh?: SummaryRefresh }) {
  // Locked before anything is read: an allocation of pool money (allocatePoolMoney) locks the same
  // row, so it never spends what this reversal takes, nor this reversal misses its rows.
  await db.$queryRaw`SELECT id FROM payments WHERE id = ${input.payment.id}::uuid FOR UPDATE`;
  const existing = await db.reversal.findUnique({ where: { providerReversalId: input.providerReversalId } });
  if (existing) return { reversal: existing, created: false as const };
  const { payment } = input;
  const reversal = await db.reversal.create({
    data: {
      paymentId: payment.id,
      kind: input.kind,
      providerReversalId: input.providerReversalId,
      amountMinor: input.amountMinor,
      usdMinor: input.usdMinor,
      reason: input.reason,
    },
  });
  const automatic = await db.allocation.findFirst({
    where: { paymentId: payment.id, reversalId: null, source: 'EARMARKED', projectId: payment.projectId ?? undefined },
    orderBy: { createdAt: 'asc' },
  });
  if (payment.earmarkType === 'PROJECT' && automatic && input.usdMinor !== 0n) {
    await db.allocation.create({
      data: {
        projectId: automatic.projectId,
        year: automatic.year,
        source: 'EARMARKED',
        usdMinor: -input.usdMinor,
        paymentId: payment.id,
        reversalId: reversal.id,
        note: `Automatic: ${input.kind.toLowerCase().replace('_', ' ')}`,
      },
    });
  }
  const reversedProjects =
    payment.earmarkType !== 'PROJECT' && input.usdMinor > 0n
      ? await reversePooledAllocations({ db, payment, reversalId: reversal.id, kind: input.kind, usdMinor: input.usdMinor })
      : [];
  const touch = touchOf(payment);
  await refresh({ db, touch: { ...touch, projectIds: [...touch.projectIds, ...reversedProjects] } });
  return { reversal, created: true as const };
}

/**
 * USD for a cumulative refund: the share of the payment's USD for `reversedMinor` of its amount,
 * with a full refund returning exactly the payment's USD (no rounding remainder left behind).
 */
export function usdForCumulativeAmount(payment: Pick<PaymentRow, 'amountMinor' | 'usdMinor'>, cumulativeMinor: bigint): bigint {
  if (cumulativeMinor >= payment.amountMinor) return payment.usdMinor;
  if (payment.amountMinor === 0n) return 0n;
  // half away from zero, as toUsdMinor rounds
  const numerator = payment.usdMinor * cumulativeMinor * 2n + payment.amountMinor;
  return numerator / (payment.amountMinor * 2n);
}

/**
 * Decision 025: `usdMinor` leaving a pooled payment is split, largest remainder, over what the
 * payment still holds: its unallocated remainder and each group (decision, project, year) of its
 * allocations, by their net amounts. Each group's part becomes a negative allocation row, so a
 * refund of 40 % of a gift takes 40 % from every project it funded and from the pool. Returns the
 * projects whose figures changed.
 */
async function reversePooledAllocations({
  db,
  payment,
  reversalId,
  kind,
  usdMinor,
}: {
  db: DbClient;
  payment: PaymentRow;
  reversalId: string;
  kind: ReversalKind;
  usdMinor: bigint;
}): Promise<string[]> {
  const groups = await db.$queryRaw<
    { poolAllocationId: string | null; projectId: string; year: number; source: 'GENERAL_PURPOSE' | 'EARMARKED'; net: bigint }[]
  >`
    SELECT "poolAllocationId"::text AS "poolAllocationId", "projectId"::text AS "projectId", year, source::text AS source,
           SUM("usdMinor")::bigint AS net
    FROM allocations WHERE "paymentId" = ${payment.id}::uuid
    GROUP BY "poolAllocationId", "projectId", year, source
    HAVING SUM("usdMinor") > 0
    ORDER BY MIN("createdAt"), "poolAllocationId", "projectId", year`;
  if (groups.length === 0) return [];
  // What the payment held before this reversal (it is already recorded, so add it back).
  const { reversedUsdMinor } = await netOfPayment({ db, paymentId: payment.id });
  const heldBefore = payment.usdMinor - reversedUsdMinor + usdMinor;
  const allocated = groups.reduce((sum, group) => sum + group.net, 0n);
  const pooled = heldBefore > allocated ? heldBefore - allocated : 0n;
  const weights = [
    // First in the list: on an exact tie the unit leaves the pool before a project's figure.
    { id: 'pool', weight: pooled },
    ...groups.map((group, index) => ({ id: String(index), weight: group.net })),
  ];
  const parts =
    usdMinor >= pooled + allocated ? weights.map(({ id, weight }) => ({ id, part: weight })) : splitByLargestRemainder(usdMinor, weights);
  const rows = parts.flatMap(({ id, part }) => {
    const group = id === 'pool' ? undefined : groups[Number(id)];
    return group && part > 0n ? [{ group, part }] : [];
  });
  await db.allocation.createMany({
    data: rows.map(({ group, part }) => ({
      projectId: group.projectId,
      year: group.year,
      source: group.source,
      usdMinor: -part,
      paymentId: payment.id,
      reversalId,
      poolAllocationId: group.poolAllocationId,
      note: `Automatic: ${kind.toLowerCase().replace('_', ' ')}, in proportion (decision 025)`,
    })),
  });
  return rows.map(({ group }) => group.projectId);
}
