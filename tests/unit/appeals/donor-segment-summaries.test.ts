// donor_funded_scopes and donor_giving_modes (decision 051): after each kind of fact the triggers
// follow — a payment, a refund in part and in full, an allocation of pooled money, a pledge and its
// cancellation, write-off and reinstatement, a monthly gift's cancellation at Stripe — the rows
// equal the facts, and the ledger check agrees (it runs again after the file).
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDonorFundedScopes, checkDonorGivingModes } from '~/ledger/check/donor-segment-check-queries.server.ts';
import { recordReversal } from '~/ledger/payment-commands.server.ts';
import { allocatePoolMoney } from '~/ledger/pool-allocation-commands.server.ts';
import { cancelPledge } from '~/ledger/pledge-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createBenchProjects, seedDonors, seedProjectGifts } from '../../../bench/donor-seeding.ts';
import { createDonor, createProgramme, createProject, refreshSummaries, type GiftSpec } from './segment-fixture.ts';

const db = () => getPrisma();
const ids: Record<string, string> = {};

async function scopesOf(donorId: string): Promise<string[]> {
  const rows = await db().donorFundedScope.findMany({ where: { donorId }, select: { scopeId: true } });
  return rows.map((row) => row.scopeId).sort();
}

async function modesOf(donorId: string) {
  return db().donorGivingMode.findUnique({ where: { donorId }, select: { runningMonthly: true, runningInstalments: true } });
}

async function expectChecked() {
  expect(await checkDonorFundedScopes({ db: db() })).toEqual([]);
  expect(await checkDonorGivingModes({ db: db() })).toEqual([]);
}

async function donorWith(name: string, gifts: GiftSpec[]) {
  const donor = await createDonor({ name, gifts });
  return { donor, pledges: await db().pledge.findMany({ where: { donorId: donor.id }, orderBy: { reference: 'asc' } }) };
}

async function refund(donorId: string, usdMinor: bigint, key: string) {
  const payment = await db().payment.findFirstOrThrow({ where: { donorId }, orderBy: { receivedAt: 'desc' } });
  await db().$transaction((tx) =>
    recordReversal({ db: tx, payment, kind: 'REFUND', providerReversalId: key, amountMinor: usdMinor, usdMinor, reason: 'test' }),
  );
}

beforeAll(async () => {
  const corruption = await createProgramme('corruption');
  const c1 = await createProject('COR1', corruption.id);
  const c2 = await createProject('COR2', corruption.id);
  Object.assign(ids, { corruption: corruption.id, c1: c1.id, c2: c2.id });
});

describe('donor funded scopes', () => {
  it('a gift earmarked to a project or a programme funds it; a general-purpose gift funds nothing yet', async () => {
    const { donor } = await donorWith('Earmarks', [
      { on: '2025-03-01', usdMinor: 10_000n, projectId: ids.c1 },
      { on: '2025-04-01', usdMinor: 10_000n, programmeId: ids.corruption },
    ]);
    expect(await scopesOf(donor.id)).toEqual([ids.c1, ids.corruption].sort());
    const general = await createDonor({ name: 'General', gifts: [{ on: '2025-03-01', usdMinor: 10_000n }] });
    expect(await scopesOf(general.id)).toEqual([]);
    await expectChecked();
  });

  it('a partial refund leaves the project funded; a full refund takes it out', async () => {
    const { donor } = await donorWith('Refunded', [{ on: '2025-03-01', usdMinor: 10_000n, projectId: ids.c2 }]);
    await refund(donor.id, 4_000n, 'seg-sum-part');
    expect(await scopesOf(donor.id)).toEqual([ids.c2]);
    await expectChecked();
    await refund(donor.id, 6_000n, 'seg-sum-rest');
    expect(await scopesOf(donor.id)).toEqual([]);
    await expectChecked();
  });

  it('pooled money allocated to a project funds it, until the gift is refunded', async () => {
    // The only general-purpose money of this file besides "General" above: both are allocated.
    const { donor } = await donorWith('Pooled', [{ on: '2025-05-01', usdMinor: 30_000n }]);
    const staff = await db().staffUser.create({ data: { email: 'finance@example.org', name: 'Fin Ance', roles: ['FINANCE'] } });
    await allocatePoolMoney({ staffUserId: staff.id, pool: 'GENERAL_PURPOSE', projectId: ids.c1!, year: 2025, usdMinor: 40_000n });
    expect(await scopesOf(donor.id)).toEqual([ids.c1]);
    await expectChecked();
    await refund(donor.id, 30_000n, 'seg-sum-pooled');
    expect(await scopesOf(donor.id)).toEqual([]);
    await expectChecked();
  });
});

describe('donor giving modes', () => {
  it('a monthly gift runs once it has paid, and stops when cancelled', async () => {
    const unpaid = await createDonor({
      name: 'Monthly unpaid',
      gifts: [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY', isUnpaid: true }],
    });
    expect(await modesOf(unpaid.id)).toBeNull();
    const { donor, pledges } = await donorWith('Monthly', [
      { on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY' },
      { on: '2026-04-01', usdMinor: 3_000n, frequency: 'MONTHLY' },
    ]);
    expect(await modesOf(donor.id)).toEqual({ runningMonthly: 2, runningInstalments: 0 });
    await db().$transaction((tx) => cancelPledge({ db: tx, pledge: pledges[0]!, reason: 'test' }));
    expect(await modesOf(donor.id)).toEqual({ runningMonthly: 1, runningInstalments: 0 });
    await expectChecked();
  });

  it('a monthly gift stops when the donor cancels it at Stripe, or Stripe ends the subscription', async () => {
    const changed = await donorWith('Cancelled at Stripe', [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY' }]);
    await db().monthlyGiftChange.create({
      data: {
        pledgeId: changed.pledges[0]!.id,
        kind: 'CANCELLED',
        amountMinor: 2_500n,
        stripeEventId: 'evt_seg_1',
        at: new Date('2026-05-01'),
      },
    });
    expect(await modesOf(changed.donor.id)).toBeNull();

    const ended = await donorWith('Subscription ended', [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY' }]);
    const session = await db().checkoutSession.create({
      data: { pledgeId: ended.pledges[0]!.id, stripeSessionId: 'cs_seg_1', status: 'complete', subscriptionStatus: 'active' },
    });
    expect(await modesOf(ended.donor.id)).toEqual({ runningMonthly: 1, runningInstalments: 0 });
    await db().checkoutSession.update({ where: { id: session.id }, data: { subscriptionStatus: 'canceled' } });
    expect(await modesOf(ended.donor.id)).toBeNull();
    await expectChecked();
  });

  it('a monthly gift whose only payment was refunded in full has not paid', async () => {
    const { donor } = await donorWith('Monthly refunded', [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY' }]);
    await refund(donor.id, 2_500n, 'seg-sum-monthly');
    expect(await modesOf(donor.id)).toBeNull();
    await expectChecked();
  });

  it('instalments run from the promise; a write-off ends them and a reinstatement opens them again', async () => {
    const { donor, pledges } = await donorWith('Instalments', [
      { on: '2026-03-01', usdMinor: 90_000n, frequency: 'INSTALMENTS', isUnpaid: true },
    ]);
    expect(await modesOf(donor.id)).toEqual({ runningMonthly: 0, runningInstalments: 1 });
    const pledgeId = pledges[0]!.id;
    await db().pledgeEvent.create({ data: { pledgeId, kind: 'WRITTEN_OFF', createdAt: new Date('2026-05-01') } });
    expect(await modesOf(donor.id)).toBeNull();
    await db().pledgeEvent.create({ data: { pledgeId, kind: 'REINSTATED', createdAt: new Date('2026-06-01') } });
    expect(await modesOf(donor.id)).toEqual({ runningMonthly: 0, runningInstalments: 1 });
    await refreshSummaries();
    await expectChecked();
  });
});

describe('the ledger check', () => {
  it('names a funded scope or a giving mode that drifted from the facts', async () => {
    const donor = await createDonor({ name: 'Drift', gifts: [{ on: '2025-03-01', usdMinor: 1_000n, projectId: ids.c2 }] });
    await db().donorFundedScope.delete({ where: { donorId_scopeId: { donorId: donor.id, scopeId: ids.c2! } } });
    await db().donorGivingMode.create({ data: { donorId: donor.id, runningMonthly: 1, runningInstalments: 0 } });
    try {
      expect(await checkDonorFundedScopes({ db: db() })).toEqual([`donor funded scope ${donor.id} ${ids.c2}: facts give it, not stored`]);
      expect(await checkDonorGivingModes({ db: db() })).toEqual([
        `donor giving modes ${donor.id}: stored 1 0, facts give nothing (running monthly, instalments)`,
      ]);
    } finally {
      await db().donorFundedScope.create({ data: { donorId: donor.id, scopeId: ids.c2! } });
      await db().donorGivingMode.delete({ where: { donorId: donor.id } });
    }
  });

  it('one statement of gifts for 1,500 donors (the bulk path) leaves every summary equal to the facts', async () => {
    const projectIds = await createBenchProjects(db(), ['BULK1', 'BULK2']);
    await seedDonors(db(), { count: 1_500 });
    await seedProjectGifts(db(), { projectIds });
    expect(await db().donorFundedScope.count({ where: { scopeId: { in: projectIds } } })).toBeGreaterThanOrEqual(1_500);
    await expectChecked();
  });
});
