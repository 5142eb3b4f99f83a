// getDonorImpact (issue #13 item 1): the projects a donor's money reached, directly or through
// staff allocations of pools, their amounts and shares, the period's updates and indicator
// movements; and, over random gifts, allocations and refunds (fast-check, real PostgreSQL), that
// no minor unit is lost or invented and a refund removes its part. The ledger check runs after the file.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDonorImpact, loadProjectContributions } from '~/impact/donor-impact-queries.server.ts';
import { sharesInBasisPoints, WHOLE_IN_BASIS_POINTS } from '~/impact/attribution.ts';
import { recordPayment, recordReversal } from '~/ledger/payment-commands.server.ts';
import { allocatePoolMoney } from '~/ledger/pool-allocation-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const YEAR = 2026;
const EVER = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };
const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
const db = () => getPrisma();

let staffUserId: string;
let programmeId: string;
let counter = 0;

async function project(code: string) {
  const created = await db().project.create({
    data: {
      code,
      programmeId,
      title: title(`Project ${code}`),
      description: title(code),
      countryCode: 'KE',
      regionCode: '014',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2026-01-01T00:00:00Z'),
      endDate: new Date('2026-12-31T00:00:00Z'),
    },
  });
  await db().projectRequirement.create({ data: { projectId: created.id, year: YEAR, usdMinor: 10_000_000n } });
  await refreshFundingSummaries({ projectIds: [created.id] });
  return created.id;
}

const donor = async (name: string) => (await db().donor.create({ data: { type: 'INDIVIDUAL', displayName: name } })).id;

/** A paid USD gift through the ledger's own writer: project-earmarked gifts are allocated at once. */
async function gift(donorId: string, usdMinor: bigint, projectId?: string) {
  counter += 1;
  const pledge = await db().pledge.create({
    data: {
      reference: `IMP-${counter}`,
      donorId,
      frequency: 'ONCE',
      method: 'CARD',
      currency: 'USD',
      amountMinor: usdMinor,
      usdRate: '1',
      earmarkType: projectId ? 'PROJECT' : 'GENERAL_PURPOSE',
      projectId: projectId ?? null,
      programmeId: null,
    },
  });
  const { payment } = await db().$transaction((tx) =>
    recordPayment({
      db: tx,
      pledge,
      instalmentId: null,
      provider: 'MANUAL',
      providerPaymentId: `imp-${counter}`,
      currency: 'USD',
      amountMinor: usdMinor,
      receivedAt: new Date('2026-03-01T10:00:00Z'),
    }),
  );
  return payment;
}

async function refund(payment: Awaited<ReturnType<typeof gift>>, usdMinor: bigint) {
  counter += 1;
  await db().$transaction((tx) =>
    recordReversal({
      db: tx,
      payment,
      kind: 'REFUND',
      providerReversalId: `imp-refund-${counter}`,
      amountMinor: usdMinor,
      usdMinor,
      reason: 'test',
    }),
  );
}

const allocate = (projectId: string, usdMinor: bigint) =>
  allocatePoolMoney({ staffUserId, pool: 'GENERAL_PURPOSE', projectId, year: YEAR, usdMinor, note: 'gap' });

beforeAll(async () => {
  staffUserId = (await db().staffUser.create({ data: { email: 'finance-impact@example.org', name: 'Finance', roles: ['FINANCE'] } })).id;
  programmeId = (await db().programme.create({ data: { slug: 'imp', code: 'IMP', title: title('IMP'), mandate: title('IMP') } })).id;
  await refreshFundingSummaries();
});

describe('getDonorImpact', () => {
  it('names every project the money reached, directly or through a pool, with shares of the project that add up', async () => {
    const [p1, p2, p3] = [await project('IMP1'), await project('IMP2'), await project('IMP3')];
    const dana = await donor('Dana');
    const emil = await donor('Emil');
    // The database stamps the facts, so the period starts by its clock, not this process's.
    const [{ now }] = await db().$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
    const start = new Date(now.getTime() - 1000);
    await gift(dana, 60_000n, p1);
    await gift(dana, 30_000n, p2);
    const danaPooled = await gift(dana, 100_000n);
    await gift(emil, 40_000n, p1);
    await gift(emil, 100_000n);
    // 500.00 of the 2,000.00 pool to IMP3: 250.00 from each donor's gift
    const decision = await allocate(p3, 50_000n);
    const update = await db().impactUpdate.create({
      data: { projectId: p3, title: title('Courts opened'), body: title('Two courts'), publishedAt: new Date('2026-05-01T00:00:00Z') },
    });
    const old = await db().impactUpdate.create({
      data: {
        projectId: p3,
        title: title('Recorded long ago'),
        body: title('x'),
        publishedAt: new Date('2019-05-01T00:00:00Z'),
        createdAt: new Date('2019-05-02T00:00:00Z'),
      },
    });
    const indicator = await db().indicator.create({
      data: { projectId: p3, code: 'PROS', name: title('Prosecutors trained'), unit: 'people', baseline: '0', target: '300' },
    });
    await db().indicatorValue.create({
      data: {
        indicatorId: indicator.id,
        measuredOn: new Date('2019-12-31T00:00:00Z'),
        value: '120',
        createdAt: new Date('2020-01-02T00:00:00Z'),
      },
    });
    await db().indicatorValue.create({
      data: { indicatorId: indicator.id, impactUpdateId: update.id, measuredOn: new Date('2026-04-30T00:00:00Z'), value: '185' },
    });

    const impact = await getDonorImpact({ donorId: dana, from: start, to: EVER.to });
    expect(
      impact.projects.map((row) => [row.code, row.donorUsdMinor, row.projectUsdMinor, row.shareBasisPoints, row.donorEarmarkedUsdMinor]),
    ).toEqual([
      ['IMP1', 60_000n, 100_000n, 6_000n, 60_000n],
      ['IMP2', 30_000n, 30_000n, 10_000n, 30_000n],
      ['IMP3', 25_000n, 50_000n, 5_000n, 0n],
    ]);
    expect(impact.givenInPeriod).toEqual([{ currency: 'USD', amountMinor: 190_000n, usdMinor: 190_000n }]);
    expect(impact.allocationNotices).toEqual([
      expect.objectContaining({ poolAllocationId: decision.poolAllocation.id, code: 'IMP3', usdMinor: 25_000n }),
    ]);
    const imp3 = impact.projects.find((row) => row.code === 'IMP3')!;
    expect(imp3.updates.map((row) => row.id)).toEqual([update.id]); // not the one recorded in 2019
    expect(imp3.updates.map((row) => row.id)).not.toContain(old.id);
    expect(imp3.indicators).toEqual([
      { code: 'PROS', name: title('Prosecutors trained'), unit: 'people', before: '120.0000', after: '185.0000', target: '300.0000' },
    ]);
    expect(imp3.coverage).toMatchObject({ requirementUsdMinor: 10_000_000, fundedUsdMinor: 50_000, coverageBasisPoints: 50 });
    expect(impact.hasNews).toBe(true);

    // A period that ended before any of it was recorded: nothing reached, nothing new.
    const before = await getDonorImpact({ donorId: dana, from: EVER.from, to: start });
    expect(before).toMatchObject({ projects: [], givenInPeriod: [], givenToDate: [], allocationNotices: [], hasNews: false });

    // Half of the IMP1 gift refunded; then the whole pooled gift: its IMP3 part is reversed and IMP3 leaves the report.
    const danaIMP1 = await db().payment.findFirstOrThrow({ where: { donorId: dana, projectId: p1 } });
    await refund(danaIMP1, 30_000n);
    await refund(danaPooled, 100_000n);
    const after = await getDonorImpact({ donorId: dana, ...EVER });
    expect(after.projects.map((row) => [row.code, row.donorUsdMinor, row.projectUsdMinor, row.shareBasisPoints])).toEqual([
      ['IMP1', 30_000n, 70_000n, 4_286n],
      ['IMP2', 30_000n, 30_000n, 10_000n],
    ]);
    expect(after.givenToDate).toEqual([{ currency: 'USD', amountMinor: 60_000n, usdMinor: 60_000n }]);
    const emilImpact = await getDonorImpact({ donorId: emil, ...EVER });
    expect(emilImpact.projects.map((row) => [row.code, row.shareBasisPoints])).toEqual([
      ['IMP1', 5_714n],
      ['IMP3', 10_000n],
    ]);
  });

  it('refuses a period that ends before it starts', async () => {
    await expect(getDonorImpact({ donorId: crypto.randomUUID(), from: EVER.to, to: EVER.from })).rejects.toThrow(RangeError);
  });
});

describe('attribution over random gifts, allocations and refunds', () => {
  it('loses and invents no minor unit: every donor’s projects plus what is still pooled equal what they gave, net', async () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('gift' as const),
        donor: fc.nat({ max: 3 }),
        project: fc.option(fc.nat({ max: 2 })),
        usdMinor: fc.bigInt({ min: 1n, max: 500_000n }),
      }),
      fc.record({ kind: fc.constant('allocate' as const), project: fc.nat({ max: 2 }), perMille: fc.integer({ min: 1, max: 1000 }) }),
      fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(), perMille: fc.integer({ min: 1, max: 1000 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        run += 1;
        const projects = [await project(`R${run}A`), await project(`R${run}B`), await project(`R${run}C`)];
        const donors = [await donor(`r${run}-0`), await donor(`r${run}-1`), await donor(`r${run}-2`), await donor(`r${run}-3`)];
        const payments: { payment: Awaited<ReturnType<typeof gift>>; left: bigint }[] = [];
        for (const entry of steps) {
          if (entry.kind === 'gift') {
            const projectId = entry.project === null ? undefined : projects[entry.project];
            payments.push({ payment: await gift(donors[entry.donor]!, entry.usdMinor, projectId), left: entry.usdMinor });
          } else if (entry.kind === 'allocate') {
            const pool = await db().unallocatedBalance.aggregate({ where: { pool: 'GENERAL_PURPOSE' }, _sum: { usdMinor: true } });
            const usdMinor = ((pool._sum.usdMinor ?? 0n) * BigInt(entry.perMille)) / 1000n;
            if (usdMinor > 0n) await allocate(projects[entry.project]!, usdMinor);
          } else if (payments.length > 0) {
            const target = payments[entry.payment % payments.length]!;
            const usdMinor = (target.left * BigInt(entry.perMille)) / 1000n;
            if (usdMinor > 0n) {
              await refund(target.payment, usdMinor);
              target.left -= usdMinor;
            }
          }
        }
        const contributions = await loadProjectContributions({ projectIds: projects, to: EVER.to });
        for (const donorId of donors) {
          const impact = await getDonorImpact({ donorId, ...EVER, contributions });
          const mine = payments.filter((entry) => entry.payment.donorId === donorId);
          const net = mine.reduce((sum, entry) => sum + entry.left, 0n);
          const pooled = await db().unallocatedBalance.aggregate({
            where: { originId: { in: mine.map((entry) => entry.payment.id) } },
            _sum: { usdMinor: true },
          });
          const reached = impact.projects.reduce((sum, row) => sum + row.donorUsdMinor, 0n);
          expect(reached + (pooled._sum.usdMinor ?? 0n)).toBe(net);
          expect(impact.givenToDate.reduce((sum, row) => sum + row.usdMinor, 0n)).toBe(net);
        }
        // The pool also holds earlier donors' money: every contributor of a project is asked.
        for (const projectId of projects) {
          const all = contributions.get(projectId)!;
          const total = all.reduce((sum, entry) => sum + entry.usdMinor, 0n);
          let told = 0n;
          for (const { contributorId } of all) {
            const row = (await getDonorImpact({ donorId: contributorId, ...EVER, contributions })).projects.find(
              (entry) => entry.projectId === projectId,
            );
            if (!row) continue; // everything this contributor gave the project was refunded
            expect(row.donorUsdMinor > 0n && row.donorUsdMinor <= row.projectUsdMinor).toBe(true);
            expect(row.projectUsdMinor).toBe(total);
            told += row.donorUsdMinor;
          }
          expect(told).toBe(total); // the donors' amounts are all the project received
          const shares = [...sharesInBasisPoints(all).values()].reduce((sum, share) => sum + share, 0n);
          expect(shares).toBe(total > 0n ? WHOLE_IN_BASIS_POINTS : 0n);
        }
        // a donor whose every gift was refunded in full is told of no project
        for (const donorId of donors) {
          const mine = payments.filter((entry) => entry.payment.donorId === donorId);
          if (mine.length > 0 && mine.every((entry) => entry.left === 0n)) {
            expect((await getDonorImpact({ donorId, ...EVER })).projects).toEqual([]);
          }
        }
      }),
      { numRuns: 6, seed: 1313 },
    );
  });
});
