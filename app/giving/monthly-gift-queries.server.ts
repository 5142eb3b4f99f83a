// A donor's own monthly gift, as we last heard it from Stripe (docs/decisions/043): the pledge, its
// subscription, the current amount (the latest AMOUNT_CHANGED fact, else the pledge's), whether
// collection is paused (the latest PAUSED/RESUMED fact) and whether it has ended. Every read is
// bounded by the donor's id from the session: another donor's reference finds nothing.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export type MonthlyGiftState = 'active' | 'paused' | 'past_due' | 'cancelled' | 'incomplete';

export interface DonorMonthlyGift {
  pledgeId: string;
  reference: string;
  currency: string;
  coversFee: boolean;
  /** The monthly amount Stripe collects now (minor units) */
  amountMinor: bigint;
  state: MonthlyGiftState;
  subscriptionId: string | null;
  /** How many changes are recorded: part of the idempotency keys of the next request */
  changeCount: number;
  startedAt: Date;
  earmark: { kind: string; programmeTitle: unknown; projectTitle: unknown; projectCode: string | null };
}

const REFERENCE = /^[A-Z0-9-]{3,64}$/i;

export async function findDonorMonthlyGift({
  db = getPrisma(),
  donorId,
  reference,
}: {
  db?: DbClient;
  donorId: string;
  reference: string;
}): Promise<DonorMonthlyGift | null> {
  if (!REFERENCE.test(reference)) return null;
  const pledge = await db.pledge.findFirst({
    where: { reference: reference.toUpperCase(), donorId, frequency: 'MONTHLY', method: 'CARD' },
    select: {
      id: true,
      reference: true,
      currency: true,
      coversFee: true,
      amountMinor: true,
      pledgedAt: true,
      earmarkType: true,
      programme: { select: { title: true } },
      project: { select: { title: true, code: true } },
      checkouts: {
        where: { stripeSubscriptionId: { not: null } },
        select: { stripeSubscriptionId: true, subscriptionStatus: true },
        orderBy: { createdAt: 'desc' },
        take: 1,
      },
      events: { select: { kind: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
      monthlyChanges: { select: { kind: true, amountMinor: true }, orderBy: [{ at: 'desc' }, { recordedAt: 'desc' }] },
    },
  });
  if (!pledge) return null;
  const checkout = pledge.checkouts[0] ?? null;
  const latestAmount = pledge.monthlyChanges.find((change) => change.kind === 'AMOUNT_CHANGED');
  const latestPause = pledge.monthlyChanges.find((change) => change.kind === 'PAUSED' || change.kind === 'RESUMED');
  const ended =
    pledge.events[0]?.kind === 'CANCELLED' ||
    pledge.monthlyChanges.some((change) => change.kind === 'CANCELLED') ||
    checkout?.subscriptionStatus === 'canceled' ||
    checkout?.subscriptionStatus === 'incomplete_expired';
  const state: MonthlyGiftState = ended
    ? 'cancelled'
    : !checkout
      ? 'incomplete'
      : latestPause?.kind === 'PAUSED'
        ? 'paused'
        : checkout.subscriptionStatus === 'past_due' || checkout.subscriptionStatus === 'unpaid'
          ? 'past_due'
          : 'active';
  return {
    pledgeId: pledge.id,
    reference: pledge.reference,
    currency: pledge.currency,
    coversFee: pledge.coversFee,
    amountMinor: latestAmount?.amountMinor ?? pledge.amountMinor,
    state,
    subscriptionId: checkout?.stripeSubscriptionId ?? null,
    changeCount: pledge.monthlyChanges.length,
    startedAt: pledge.pledgedAt,
    earmark: {
      kind: pledge.earmarkType,
      programmeTitle: pledge.programme?.title ?? null,
      projectTitle: pledge.project?.title ?? null,
      projectCode: pledge.project?.code ?? null,
    },
  };
}
