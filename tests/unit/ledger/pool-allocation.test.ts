// Staff allocations of pool money (decision 025): proportional parts, refusals, refunds that
// follow the allocations, and two writers at once. The ledger check runs after this file.
import { beforeAll, describe, expect, it } from 'vitest';
import { allocatePoolMoney, PoolAllocationError } from '~/ledger/pool-allocation-commands.server.ts';
import { recordReversal } from '~/ledger/payment-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { listAllocationParts, listDonorAllocationParts } from '~/finance/allocation/allocation-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let staffUserId: string;
let counter = 0;

const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });

function projectIn(programmeId: string, code: string) {
  return getPrisma().project.create({
    data: {
      code,
      programmeId,
      title: title(code),
      description: title(code),
      regionCode: '001',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2025-01-01T00:00:00Z'),
      endDate: new Date('2025-12-31T00:00:00Z'),
    },
  });
}

/** A programme with one project (requirement 2025) and, per amount, a programme gift of a new donor. */
async function programmeWithGifts(amounts: bigint[]) {
  const db = getPrisma();
  const code = `PP${++counter}`;
  const programme = await db.programme.create({ data: { slug: code.toLowerCase(), code, title: title(code), mandate: title(code) } });
  const project = await projectIn(programme.id, `${code}P`);
  await db.projectRequirement.create({ data: { projectId: project.id, year: 2025, usdMinor: 100_000_000n } });
  const payments = [];
  for (const [index, usdMinor] of amounts.entries()) {
    const donor = await db.donor.create({ data: { type: 'COMPANY', displayName: `${code} donor ${index}` } });
    payments.push(
      await db.payment.create({
        data: {
          donorId: donor.id,
          method: 'BANK_TRANSFER',
          provider: 'BANK',
          providerPaymentId: `${code}-${index}`,
          currency: 'USD',
          amountMinor: usdMinor,
          usdRate: '1',
          usdMinor,
          earmarkType: 'PROGRAMME',
          programmeId: programme.id,
          receivedAt: new Date(Date.UTC(2025, 0, 1 + index)),
        },
      }),
    );
  }
  await refreshFundingSummaries({ donorIds: payments.map((payment) => payment.donorId), projectIds: [project.id] });
  return { programme, project, payments };
}

async function balanceOf(originId: string): Promise<bigint> {
  const row = await getPrisma().unallocatedBalance.findUnique({ where: { originId } });
  return row?.usdMinor ?? 0n;
}

beforeAll(async () => {
  const db = getPrisma();
  fixture = await buildLedgerFixture(db);
  await refreshFundingSummaries();
  staffUserId = (await db.staffUser.create({ data: { email: 'finance@example.org', name: 'Fin Ance', roles: ['FINANCE'] } })).id;
});

describe('allocatePoolMoney', () => {
  it('takes from every gift in proportion to its balance, to the cent, and records one decision', async () => {
    // balances 100.00, 200.00, 300.00; 100.00 allocated: exact shares 16.666…, 33.333…, 50.00
    const { programme, project, payments } = await programmeWithGifts([10_000n, 20_000n, 30_000n]);
    const { poolAllocation, parts } = await allocatePoolMoney({
      staffUserId,
      pool: 'PROGRAMME',
      programmeId: programme.id,
      projectId: project.id,
      year: 2025,
      usdMinor: 10_000n,
      note: 'gap in 2025',
    });
    expect(parts.map((part) => part.usdMinor)).toEqual([1_667n, 3_333n, 5_000n]);
    expect(parts.map((part) => part.originId)).toEqual(payments.map((payment) => payment.id));
    expect(await balanceOf(payments[0]!.id)).toBe(8_333n);
    const summary = await getPrisma().fundingSummary.findUnique({ where: { projectId_year: { projectId: project.id, year: 2025 } } });
    expect(summary?.earmarkedUsdMinor).toBe(10_000n);
    const listed = await listAllocationParts({ poolAllocationId: poolAllocation.id });
    expect(listed.reduce((sum, part) => sum + part.usdMinor, 0n)).toBe(10_000n);
    expect(listed[0]).toMatchObject({ originKind: 'PAYMENT', donorName: `${programme.code} donor 2`, usdMinor: 5_000n });
    // a decision is a money fact: the database refuses to change it
    await expect(
      getPrisma().$executeRaw`UPDATE pool_allocations SET note = 'changed' WHERE id = ${poolAllocation.id}::uuid`,
    ).rejects.toThrow(/append-only/);
    const audit = await getPrisma().auditLog.findFirst({ where: { entityId: poolAllocation.id } });
    expect(audit).toMatchObject({ actorId: staffUserId, action: 'allocation.pool_allocate' });
    expect(JSON.stringify(audit?.before)).toContain('$600.00');
    expect(JSON.stringify(audit?.after)).toContain('$500.00');
  });

  it('refuses more than the pool holds, a project of another programme and a zero amount, writing nothing', async () => {
    const { programme, project } = await programmeWithGifts([5_000n]);
    const before = await getPrisma().poolAllocation.count();
    const attempt = (overrides: Partial<Parameters<typeof allocatePoolMoney>[0]>) =>
      allocatePoolMoney({
        staffUserId,
        pool: 'PROGRAMME',
        programmeId: programme.id,
        projectId: project.id,
        year: 2025,
        usdMinor: 1n,
        ...overrides,
      });
    await expect(attempt({ usdMinor: 5_001n })).rejects.toMatchObject({ problem: 'EXCEEDS_POOL', availableUsdMinor: 5_000n });
    await expect(attempt({ usdMinor: 5_001n })).rejects.toThrow('The programme pool holds $50.00; $50.01 cannot be allocated from it.');
    await expect(attempt({ projectId: fixture.a1.id })).rejects.toMatchObject({ problem: 'PROJECT_OUTSIDE_PROGRAMME' });
    await expect(attempt({ usdMinor: 0n })).rejects.toBeInstanceOf(PoolAllocationError);
    expect(await getPrisma().poolAllocation.count()).toBe(before);
    expect(await balanceOf((await getPrisma().payment.findFirstOrThrow({ where: { programmeId: programme.id } })).id)).toBe(5_000n);
  });

  it('allocates general-purpose and regular-budget money with their own sources', async () => {
    const gp = await allocatePoolMoney({ staffUserId, pool: 'GENERAL_PURPOSE', projectId: fixture.b1.id, year: 2025, usdMinor: 50_000n });
    expect(gp.parts).toEqual([{ originId: fixture.gp.id, donorId: fixture.donor.id, usdMinor: 50_000n }]);
    const rb = await allocatePoolMoney({
      staffUserId,
      pool: 'REGULAR_BUDGET',
      programmeId: fixture.progA.id,
      projectId: fixture.a2.id,
      year: 2025,
      usdMinor: 100_000n,
    });
    expect(rb.parts).toEqual([{ originId: fixture.rb.id, donorId: null, usdMinor: 100_000n }]);
    const rows = await getPrisma().allocation.findMany({
      where: { poolAllocationId: { in: [gp.poolAllocation.id, rb.poolAllocation.id] } },
    });
    expect(rows.map((row) => row.source).sort()).toEqual(['GENERAL_PURPOSE', 'REGULAR_BUDGET']);
  });
});

describe('a refund of allocated pool money', () => {
  it('takes from the pool and from each allocation in proportion, so neither goes negative', async () => {
    const { programme, project, payments } = await programmeWithGifts([100_000n, 100_000n]);
    const second = await projectIn(programme.id, `${project.code}2`);
    // 1,000.00 held by each gift: 600.00 to project (300 each), 200.00 to the second (100 each); 600.00 stays pooled
    const one = await allocatePoolMoney({
      staffUserId,
      pool: 'PROGRAMME',
      programmeId: programme.id,
      projectId: project.id,
      year: 2025,
      usdMinor: 60_000n,
    });
    await allocatePoolMoney({
      staffUserId,
      pool: 'PROGRAMME',
      programmeId: programme.id,
      projectId: second.id,
      year: 2025,
      usdMinor: 20_000n,
    });
    const payment = payments[0]!;
    // refund 40 % of the first gift (400.00): 120.00 from project, 40.00 from the second, 240.00 from the pool
    const { reversal } = await recordReversal({
      db: getPrisma(),
      payment,
      kind: 'REFUND',
      providerReversalId: `refund-${payment.id}`,
      amountMinor: 40_000n,
      usdMinor: 40_000n,
      reason: 'donor asked',
    });
    const mirrored = await getPrisma().allocation.findMany({ where: { reversalId: reversal.id }, orderBy: { usdMinor: 'asc' } });
    expect(mirrored.map((row) => [row.projectId, row.usdMinor, row.poolAllocationId !== null])).toEqual([
      [project.id, -12_000n, true],
      [second.id, -4_000n, true],
    ]);
    expect(await balanceOf(payment.id)).toBe(36_000n);
    const parts = await listAllocationParts({ poolAllocationId: one.poolAllocation.id });
    expect(parts.find((part) => part.originId === payment.id)).toMatchObject({ usdMinor: 30_000n, reversedUsdMinor: 12_000n });
    const donorParts = await listDonorAllocationParts({ donorId: payment.donorId });
    expect(donorParts.map((part) => part.usdMinor).sort()).toEqual([18_000n, 6_000n].sort());

    // the rest of the gift leaves: every allocation of it is reversed in full, the pool keeps nothing of it
    await recordReversal({
      db: getPrisma(),
      payment,
      kind: 'REFUND',
      providerReversalId: `refund-rest-${payment.id}`,
      amountMinor: 60_000n,
      usdMinor: 60_000n,
      reason: 'the rest',
    });
    expect(await balanceOf(payment.id)).toBe(0n);
    const held = await getPrisma().allocation.aggregate({ where: { paymentId: payment.id }, _sum: { usdMinor: true } });
    expect(held._sum.usdMinor).toBe(0n);
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
  });
});

describe('a dispute of allocated pool money', () => {
  it('withdrawn: its allocations are reversed; won: the money comes back to the pool, not to the projects', async () => {
    const { programme, project, payments } = await programmeWithGifts([20_000n]);
    await allocatePoolMoney({
      staffUserId,
      pool: 'PROGRAMME',
      programmeId: programme.id,
      projectId: project.id,
      year: 2025,
      usdMinor: 15_000n,
    });
    const payment = payments[0]!;
    const step = (kind: 'DISPUTE_WITHDRAWN' | 'DISPUTE_REINSTATED', sign: bigint) =>
      recordReversal({
        db: getPrisma(),
        payment,
        kind,
        providerReversalId: `dp_${payment.id}:${kind === 'DISPUTE_WITHDRAWN' ? 'withdrawn' : 'reinstated'}`,
        amountMinor: sign * 20_000n,
        usdMinor: sign * 20_000n,
        reason: 'dispute',
      });
    await step('DISPUTE_WITHDRAWN', 1n);
    const funded = async () =>
      (await getPrisma().fundingSummary.findUnique({ where: { projectId_year: { projectId: project.id, year: 2025 } } }))
        ?.earmarkedUsdMinor;
    expect(await funded()).toBe(0n);
    expect(await balanceOf(payment.id)).toBe(0n);
    await step('DISPUTE_REINSTATED', -1n);
    expect(await funded()).toBe(0n);
    expect(await balanceOf(payment.id)).toBe(20_000n);
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
  });
});

describe('two writers at once', () => {
  it('two allocations that together exceed the pool: one is refused, nothing is overdrawn', async () => {
    const { programme, project, payments } = await programmeWithGifts([30_000n, 30_000n, 40_000n]);
    const attempt = () =>
      allocatePoolMoney({
        staffUserId,
        pool: 'PROGRAMME',
        programmeId: programme.id,
        projectId: project.id,
        year: 2025,
        usdMinor: 60_000n,
      });
    const results = await Promise.allSettled([attempt(), attempt()]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ problem: 'EXCEEDS_POOL', availableUsdMinor: 40_000n });
    let left = 0n;
    for (const payment of payments) left += await balanceOf(payment.id);
    expect(left).toBe(40_000n);
  });

  it('an allocation and a refund of one of its gifts at once: whichever runs second sees the first', async () => {
    const { programme, project, payments } = await programmeWithGifts([50_000n, 50_000n]);
    const payment = payments[1]!;
    await Promise.all([
      allocatePoolMoney({
        staffUserId,
        pool: 'PROGRAMME',
        programmeId: programme.id,
        projectId: project.id,
        year: 2025,
        usdMinor: 50_000n,
      }).catch((error: unknown) => error),
      getPrisma().$transaction((tx) =>
        recordReversal({
          db: tx,
          payment,
          kind: 'REFUND',
          providerReversalId: `race-${payment.id}`,
          amountMinor: 50_000n,
          usdMinor: 50_000n,
          reason: 'race',
        }),
      ),
    ]);
    const held = await getPrisma().allocation.aggregate({ where: { paymentId: payment.id }, _sum: { usdMinor: true } });
    expect(held._sum.usdMinor ?? 0n).toBe(0n);
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
  });
});
