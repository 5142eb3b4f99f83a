// The staff home: each role sees the cards of its work, counted from the real tables; ADMIN sees all.
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { formatUsd } from '~/platform/money.ts';
import { loader as staffHomeLoader } from '~/routes/staff._index.tsx';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { staffHomeCardProviders } from '~/staff/home/home-card-queries.server.ts';
import { buildStaffHomePage } from '~/staff/home/staff-home-page.server.ts';
import { createLoginToken } from '~/platform/sessions/login-token-commands.server.ts';
import { buildLedgerFixture } from '../ledger/ledger-fixture.ts';
import { args, cookieFrom, get, unwrap } from './helpers.ts';

const db = getPrisma();
const NOW = new Date('2025-10-01T12:00:00Z');
let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;

beforeAll(async () => {
  fixture = await buildLedgerFixture(db);
  await refreshFundingSummaries();
  // A1 had an update 30 days ago; A2 and B1 none in 90 days (A2's is older). A1 has a value this year.
  const update = (projectId: string, publishedAt: string) =>
    db.impactUpdate.create({ data: { projectId, title: { en: 'U' }, body: { en: 'B' }, publishedAt: new Date(publishedAt) } });
  await update(fixture.a1.id, '2025-09-01T00:00:00Z');
  await update(fixture.a2.id, '2025-05-01T00:00:00Z');
  const indicator = (projectId: string, code: string) =>
    db.indicator.create({ data: { projectId, code, name: { en: code }, unit: 'people', baseline: '0', target: '10' } });
  const i1 = await indicator(fixture.a1.id, 'I1');
  await indicator(fixture.a1.id, 'I2');
  await db.indicatorValue.create({ data: { indicatorId: i1.id, measuredOn: new Date('2025-03-01'), value: '4' } });
  const appeal = (slug: string, status: 'DRAFT' | 'SENDING' | 'SENT') =>
    db.appeal.create({ data: { slug, title: {}, subject: {}, body: {}, goalUsdMinor: 1n, segment: {}, status } });
  await appeal('a', 'DRAFT');
  await appeal('b', 'DRAFT');
  await appeal('c', 'SENDING');
  await appeal('d', 'SENT');
  await db.stripeEventInbox.createMany({
    data: [
      { id: 'evt_given_up', type: 'charge.refunded', shard: 1, payload: '{}', attempts: 12, availableAt: new Date('9999-01-01') },
      { id: 'evt_retrying', type: 'charge.refunded', shard: 1, payload: '{}', attempts: 3 },
    ],
  });
  await createStaff({ email: 'gone@example.org', name: 'Gone', roles: ['FINANCE'], isActive: false });
  const invited = await createStaff({ email: 'invited@example.org', name: 'Invited', roles: ['FINANCE'] });
  await createLoginToken({ email: invited.email, staffUserId: invited.id, now: NOW });
});

async function home(roles: StaffRole[]) {
  const page = await buildStaffHomePage({
    user: { name: 'X', email: 'x@example.org', roles },
    locale: 'en',
    providers: staffHomeCardProviders,
    now: NOW,
  });
  return Object.fromEntries(page.cards.map((card) => [card.key, card]));
}

describe('staff home cards', () => {
  it('finance sees overdue instalments, pools with money and failed Stripe events, counted', async () => {
    const cards = await home(['FINANCE']);
    expect(Object.keys(cards)).toEqual(['overdueInstalments', 'poolsWithMoney', 'failedStripeEvents']);
    const [expected] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM open_instalments o JOIN pledge_instalments i ON i.id = o."instalmentId" WHERE i."dueOn" < '2025-10-01'`;
    expect(cards.overdueInstalments?.count).toBe(Number(expected?.count));
    expect(cards.overdueInstalments?.count).toBeGreaterThan(0);
    const pools = await db.$queryRaw<{ pool: string; usd: bigint }[]>`
      SELECT pool::text, sum("usdMinor")::bigint AS usd FROM unallocated_balances
      WHERE pool IN ('GENERAL_PURPOSE', 'PROGRAMME') GROUP BY pool, "programmeId" HAVING sum("usdMinor") > 0`;
    expect(pools.map((pool) => pool.pool)).toContain('GENERAL_PURPOSE');
    expect(cards.poolsWithMoney?.count).toBe(pools.length);
    const total = pools.reduce((sum, pool) => sum + pool.usd, 0n);
    expect(cards.poolsWithMoney?.amount).toBe(`${formatUsd(total, 'en')} in all`);
    expect(cards.failedStripeEvents).toMatchObject({
      count: 1,
      countText: 'Events the inbox stopped retrying: 1',
      href: '/staff/finance/stripe-events',
    });
    expect(cards.poolsWithMoney).toMatchObject({ href: '/staff/finance/allocations', linkText: 'Allocate pool money' });
  });

  it('programme officers see projects without a recent update and indicators without a value this year', async () => {
    const cards = await home(['PROGRAMME_OFFICER']);
    expect(cards.projectsWithoutUpdate?.count).toBe(2);
    expect(cards.indicatorsWithoutValue?.count).toBe(1);
    expect(Object.keys(cards)).toEqual(['projectsWithoutUpdate', 'indicatorsWithoutValue']);
  });

  it('resource mobilization sees appeals in draft and being sent; an admin sees every card, staff counts included', async () => {
    const rm = await home(['RESOURCE_MOBILIZATION']);
    expect([rm.draftAppeals?.count, rm.sendingAppeals?.count]).toEqual([2, 1]);
    const admin = await home(['ADMIN']);
    expect(Object.keys(admin)).toHaveLength(staffHomeCardProviders.length);
    expect([admin.activeStaff?.count, admin.pendingInvitations?.count]).toEqual([1, 1]);
  });

  it('the page is translated, and a person with two roles gets both sets of cards', async () => {
    const user = await createStaff({ email: 'two@example.org', name: 'Two', roles: ['FINANCE', 'PROGRAMME_OFFICER'] });
    const { secret } = await createSession({ staffUserId: user.id });
    const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
    const page = unwrap(await staffHomeLoader(args(get('/staff?lng=fr', { cookie })))).data as Awaited<
      ReturnType<typeof buildStaffHomePage>
    >;
    expect(page.cards.map((card) => card.key)).toEqual([
      'unmatchedBankLines',
      'overdueInstalments',
      'poolsWithMoney',
      'failedStripeEvents',
      'projectsWithoutUpdate',
      'indicatorsWithoutValue',
    ]);
    expect(page.cards[2]?.title).toBe('Fonds non alloués');
    expect(page.tools.find((tool) => tool.key === 'pledges')?.label).toBe('Annonces de contributions institutionnelles');
    expect(page.tools.map((tool) => tool.href)).toEqual([
      '/staff/finance/payments',
      '/staff/finance/bank',
      '/staff/finance/pledges',
      '/staff/finance/allocations',
      '/staff/programmes',
      '/staff/donors',
      '/staff/finance/stripe-events',
      '/staff/finance/fx-rates',
      '/staff/finance/exports',
    ]);
  });
});
