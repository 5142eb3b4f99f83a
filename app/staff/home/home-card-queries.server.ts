// The counts behind the staff home's cards. Each reads a summary table or an indexed column, so
// the home page stays cheap however large the ledger grows.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { HomeCardCount, HomeCardProvider } from './home-cards.ts';

/** A project without an impact update for this long needs its officer's attention. */
export const STALE_UPDATE_DAYS = 90;
/** After this many tries the Stripe inbox stops retrying an event and leaves it to staff (docs/decisions/011). */
const STRIPE_INBOX_GIVEN_UP_ATTEMPTS = 12;
const DAY_MS = 86_400_000;

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Unpaid instalments whose due date has passed (open_instalments holds only unpaid ones). */
export async function countOverdueInstalments({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<HomeCardCount> {
  const [row] = await db.$queryRaw<{ count: bigint; usd: bigint | null }[]>`
    SELECT count(*) AS count, sum(o."openUsdMinor")::bigint AS usd
    FROM open_instalments o WHERE o."dueOn" < ${startOfUtcDay(now)}::date`;
  return { count: Number(row?.count ?? 0n), usdMinor: row?.usd ?? 0n };
}

/** Pools that hold unallocated money: the general-purpose pool and each programme's pool. */
export async function countPoolsWithMoney({ db = getPrisma() }: { db?: DbClient; now?: Date }): Promise<HomeCardCount> {
  const pools = await db.unallocatedBalance.groupBy({
    by: ['pool', 'programmeId'],
    where: { pool: { in: ['GENERAL_PURPOSE', 'PROGRAMME'] } },
    _sum: { usdMinor: true },
  });
  const withMoney = pools.filter((pool) => (pool._sum.usdMinor ?? 0n) > 0n);
  return { count: withMoney.length, usdMinor: withMoney.reduce((sum, pool) => sum + (pool._sum.usdMinor ?? 0n), 0n) };
}

/** Stripe events the inbox gave up on: money Stripe moved that the ledger may not show. */
export async function countFailedStripeEvents({ db = getPrisma() }: { db?: DbClient; now?: Date }): Promise<HomeCardCount> {
  return { count: await db.stripeEventInbox.count({ where: { attempts: { gte: STRIPE_INBOX_GIVEN_UP_ATTEMPTS } } }) };
}

/** Projects under way (not closed or cancelled) with no impact update published in the last 90 days. */
export async function countProjectsWithoutRecentUpdate({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<HomeCardCount> {
  const since = new Date(now.getTime() - STALE_UPDATE_DAYS * DAY_MS);
  const count = await db.project.count({
    where: { status: { notIn: ['CLOSED', 'CANCELLED'] }, updates: { none: { publishedAt: { gte: since, lte: now } } } },
  });
  return { count };
}

/** Indicators of projects under way with no value measured in the current calendar year (UTC). */
export async function countIndicatorsWithoutValueThisYear({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<HomeCardCount> {
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  const count = await db.indicator.count({
    where: { project: { status: { notIn: ['CLOSED', 'CANCELLED'] } }, values: { none: { measuredOn: { gte: yearStart } } } },
  });
  return { count };
}

export async function countAppeals({ db = getPrisma(), status }: { db?: DbClient; status: 'DRAFT' | 'SENDING' }): Promise<HomeCardCount> {
  return { count: await db.appeal.count({ where: { status } }) };
}

export async function countActiveStaff({ db = getPrisma() }: { db?: DbClient; now?: Date }): Promise<HomeCardCount> {
  return { count: await db.staffUser.count({ where: { isActive: true } }) };
}

/**
 * Invitations not yet used: active staff who have never had a session and hold a sign-in link
 * that still works (an invitation is such a link, valid for days: docs/decisions/027).
 */
export async function countPendingInvitations({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<HomeCardCount> {
  const count = await db.staffUser.count({
    where: { isActive: true, sessions: { none: {} }, loginTokens: { some: { usedAt: null, expiresAt: { gt: now } } } },
  });
  return { count };
}

/** The cards this capability knows of; the bank-import card comes from app/finance when it lands. */
export const staffHomeCardProviders: readonly HomeCardProvider[] = [
  { key: 'overdueInstalments', roles: ['FINANCE'], href: '/staff/finance/instalments', count: countOverdueInstalments },
  { key: 'poolsWithMoney', roles: ['FINANCE'], href: '/staff/finance/allocations', count: countPoolsWithMoney },
  { key: 'failedStripeEvents', roles: ['FINANCE'], href: '/staff/finance/stripe-events', count: countFailedStripeEvents },
  { key: 'projectsWithoutUpdate', roles: ['PROGRAMME_OFFICER'], href: '/staff/programmes', count: countProjectsWithoutRecentUpdate },
  { key: 'indicatorsWithoutValue', roles: ['PROGRAMME_OFFICER'], href: '/staff/programmes', count: countIndicatorsWithoutValueThisYear },
  { key: 'draftAppeals', roles: ['RESOURCE_MOBILIZATION'], count: () => countAppeals({ status: 'DRAFT' }) },
  { key: 'sendingAppeals', roles: ['RESOURCE_MOBILIZATION'], count: () => countAppeals({ status: 'SENDING' }) },
  { key: 'activeStaff', roles: ['ADMIN'], href: '/staff/users', count: countActiveStaff },
  { key: 'pendingInvitations', roles: ['ADMIN'], href: '/staff/users', count: countPendingInvitations },
];
