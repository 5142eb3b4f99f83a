// Issue #12's "done when": allocating $100,000 of general-purpose money to two projects moves both
// gaps by exactly the amounts, empties the pool by that much, and the per-donor parts add up
// exactly — over random pools (fast-check, real PostgreSQL). The ledger check runs after the file.
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { allocatePoolMoney } from '~/ledger/pool-allocation-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { listAllocationParts, listPoolBalances, listProjectGaps } from '~/finance/allocation/allocation-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const TOTAL = 10_000_000n; // $100,000.00
const YEAR = 2025;
const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });

let staffUserId: string;
let projectIds: [string, string];
let run = 0;

beforeAll(async () => {
  const db = getPrisma();
  staffUserId = (await db.staffUser.create({ data: { email: 'finance@example.org', name: 'Finance', roles: ['FINANCE'] } })).id;
  const programme = await db.programme.create({ data: { slug: 'gpp', code: 'GPP', title: title('GPP'), mandate: title('GPP') } });
  const project = async (code: string) => {
    const created = await db.project.create({
      data: {
        code,
        programmeId: programme.id,
        title: title(code),
        description: title(code),
        regionCode: '001',
        sectorCode: '15130',
        status: 'IMPLEMENTATION',
        startDate: new Date('2025-01-01T00:00:00Z'),
        endDate: new Date('2025-12-31T00:00:00Z'),
      },
    });
    // A requirement no run can fill: the gap moves by exactly what is allocated (never clamped at 0).
    await db.projectRequirement.create({ data: { projectId: created.id, year: YEAR, usdMinor: 1_000_000_000_000n } });
    return created.id;
  };
  projectIds = [await project('GPP1'), await project('GPP2')];
  await refreshFundingSummaries();
});

/** Adds general-purpose gifts: donor index (donors repeat) and USD minor units each. */
async function addGifts(gifts: { donor: number; usdMinor: bigint }[]) {
  const db = getPrisma();
  run += 1;
  const donors = new Map<number, string>();
  for (const gift of gifts) {
    if (!donors.has(gift.donor)) {
      donors.set(gift.donor, (await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: `Run ${run} donor ${gift.donor}` } })).id);
    }
  }
  for (const [index, gift] of gifts.entries()) {
    await db.payment.create({
      data: {
        donorId: donors.get(gift.donor)!,
        method: 'CARD',
        provider: 'MANUAL',
        providerPaymentId: `gp-${run}-${index}`,
        currency: 'USD',
        amountMinor: gift.usdMinor,
        usdRate: '1',
        usdMinor: gift.usdMinor,
        earmarkType: 'GENERAL_PURPOSE',
        receivedAt: new Date(Date.UTC(2025, 2, 1 + index)),
      },
    });
  }
  await refreshFundingSummaries({ donorIds: [...donors.values()] });
}

const generalPurpose = async () => (await listPoolBalances()).find((pool) => pool.pool === 'GENERAL_PURPOSE')?.usdMinor ?? 0n;
const gapOf = async (projectId: string) => (await listProjectGaps({ year: YEAR })).find((row) => row.projectId === projectId)!.gapUsdMinor;
const originBalances = async () =>
  new Map(
    (await getPrisma().unallocatedBalance.findMany({ where: { pool: 'GENERAL_PURPOSE' } })).map((row) => [row.originId, row.usdMinor]),
  );

it('moves both gaps and the pool by exactly the amounts; per-donor parts add up to the cent', async () => {
  const gifts = fc.array(fc.record({ donor: fc.nat({ max: 5 }), usdMinor: fc.bigInt({ min: 1n, max: 4_000_000n }) }), {
    minLength: 1,
    maxLength: 12,
  });
  await fc.assert(
    fc.asyncProperty(gifts, fc.bigInt({ min: 1n, max: TOTAL - 1n }), async (randomGifts, first) => {
      // top the pool up so it holds at least $100,000 (the property is about what moves, not refusals)
      const sum = randomGifts.reduce((acc, gift) => acc + gift.usdMinor, 0n);
      await addGifts(sum >= TOTAL ? randomGifts : [...randomGifts, { donor: 0, usdMinor: TOTAL - sum }]);

      const poolBefore = await generalPurpose();
      const gapsBefore = [await gapOf(projectIds[0]), await gapOf(projectIds[1])];
      const amounts = [first, TOTAL - first];
      const decisions = [];
      for (const [index, usdMinor] of amounts.entries()) {
        const balances = await originBalances();
        const weightSum = [...balances.values()].reduce((acc, value) => acc + value, 0n);
        const decision = await allocatePoolMoney({
          staffUserId,
          pool: 'GENERAL_PURPOSE',
          projectId: projectIds[index]!,
          year: YEAR,
          usdMinor,
        });
        for (const part of decision.parts) {
          const balance = balances.get(part.originId)!;
          expect(part.usdMinor <= balance).toBe(true);
          const diff = part.usdMinor * weightSum - usdMinor * balance; // within one unit of the exact share
          expect((diff < 0n ? -diff : diff) < weightSum).toBe(true);
        }
        decisions.push(decision);
      }

      expect(poolBefore - (await generalPurpose())).toBe(TOTAL);
      expect(gapsBefore[0]! - (await gapOf(projectIds[0]))).toBe(amounts[0]);
      expect(gapsBefore[1]! - (await gapOf(projectIds[1]))).toBe(amounts[1]);
      for (const [index, decision] of decisions.entries()) {
        const parts = await listAllocationParts({ poolAllocationId: decision.poolAllocation.id });
        expect(parts.reduce((acc, part) => acc + part.usdMinor, 0n)).toBe(amounts[index]);
        const perDonor = new Map<string, bigint>();
        for (const part of parts) perDonor.set(part.donorId!, (perDonor.get(part.donorId!) ?? 0n) + part.usdMinor);
        expect([...perDonor.values()].reduce((acc, value) => acc + value, 0n)).toBe(amounts[index]);
      }
    }),
    { numRuns: 8, seed: 1202 },
  );
});
