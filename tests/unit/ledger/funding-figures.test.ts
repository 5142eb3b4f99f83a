import { beforeAll, describe, expect, test } from 'vitest';
import { getFundingFigures, getGeneralPurposePool, listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
  // Writers of money facts keep the summaries in step (docs/decisions/005); so does this fixture.
  await refreshFundingSummaries({ db: getPrisma() });
});

describe('ledger queries on hand-made facts', () => {
  test('programme A, 2025: RB + general-purpose + JPY/KWD/USD earmarked; written-off pledge ignored', async () => {
    const figures = await getFundingFigures({ programmeId: fixture.progA.id, fromYear: 2025, toYear: 2025 });
    expect(figures).toEqual({
      requirementUsdMinor: 15_000_000,
      // RB 10,000.00 + GP 2,000.00 + (JPY 3,400.00 + KWD 2.00 + USD 150.00)
      fundedUsdMinor: 1_555_200,
      fundedBySource: { regularBudget: 1_000_000, generalPurpose: 200_000, earmarked: 355_200 },
      // JPY ¥500,000 × 0.0067 = 3,350.00; KWD 0.500 × 3.25 = 1.625 → 1.63 (half-up);
      // the over-paid first USD instalment does not offset the open second one (100.00)
      pledgedUnpaidUsdMinor: 335_000 + 163 + 10_000,
      gapUsdMinor: 13_444_800,
      coverageBasisPoints: 1036, // 10.368 % floored
      // RB 5,000.00 left + KWD 3.25 received − 2.00 allocated
      unallocatedUsdMinor: 500_125,
    });
  });

  test('programme B, 2025: partial refund reverses funding and reopens the instalment; cancelled, reinstated, monthly', async () => {
    const figures = await getFundingFigures({ programmeId: fixture.progB.id, fromYear: 2025, toYear: 2025 });
    expect(figures).toEqual({
      requirementUsdMinor: 2_000_000,
      fundedUsdMinor: 60_000,
      fundedBySource: { regularBudget: 0, generalPurpose: 0, earmarked: 60_000 },
      // 400.00 refunded (instalment open again) + 700.00 reinstated; cancelled 5,000.00 not counted
      pledgedUnpaidUsdMinor: 110_000,
      gapUsdMinor: 1_940_000,
      coverageBasisPoints: 300,
      unallocatedUsdMinor: 5_500, // two monthly EUR 25.00 gifts at 1.1
    });
  });

  test('project and year-range scopes', async () => {
    const a1 = await getFundingFigures({ projectId: fixture.a1.id, fromYear: 2025, toYear: 2026 });
    expect(a1).toMatchObject({
      requirementUsdMinor: 10_000_000,
      fundedUsdMinor: 1_340_000,
      fundedBySource: { regularBudget: 1_000_000, generalPurpose: 0, earmarked: 340_000 },
      pledgedUnpaidUsdMinor: 335_000 + 167_500, // 2025 and 2026 instalments
      unallocatedUsdMinor: 0,
    });
    const a1In2024 = await getFundingFigures({ projectId: fixture.a1.id, fromYear: 2024, toYear: 2024 });
    expect(a1In2024).toEqual({
      requirementUsdMinor: 1_000_000,
      fundedUsdMinor: 0,
      fundedBySource: { regularBudget: 0, generalPurpose: 0, earmarked: 0 },
      pledgedUnpaidUsdMinor: 0,
      gapUsdMinor: 1_000_000,
      coverageBasisPoints: 0,
      unallocatedUsdMinor: 0,
    });
    const aBothYears = await getFundingFigures({ programmeId: fixture.progA.id, fromYear: 2024, toYear: 2025 });
    expect(aBothYears.requirementUsdMinor).toBe(16_000_000);
    expect(aBothYears.coverageBasisPoints).toBe(972); // 1,555,200 × 10000 ÷ 16,000,000 = 972.0
  });

  test('whole portfolio and pools', async () => {
    const portfolio = await getFundingFigures({ fromYear: 2025, toYear: 2025 });
    expect(portfolio).toMatchObject({
      requirementUsdMinor: 17_000_000,
      fundedUsdMinor: 1_615_200,
      pledgedUnpaidUsdMinor: 345_163 + 110_000,
      gapUsdMinor: 15_384_800,
      unallocatedUsdMinor: 100_000 + 500_125 + 5_500,
    });
    expect(await getGeneralPurposePool({})).toBe(100_000);
  });

  test('listProgrammeFunding gives every programme in order with the same numbers', async () => {
    const list = await listProgrammeFunding({ year: 2025 });
    expect(list.map((programme) => programme.code)).toEqual(['PRGA', 'PRGB']);
    const [a, b] = list;
    expect(a).toMatchObject({ slug: 'prga', fundedUsdMinor: 1_555_200, gapUsdMinor: 13_444_800, unallocatedUsdMinor: 500_125 });
    expect(a?.title.en).toBe('PRGA');
    expect(b).toMatchObject({ pledgedUnpaidUsdMinor: 110_000, coverageBasisPoints: 300, unallocatedUsdMinor: 5_500 });
    const empty = await listProgrammeFunding({ year: 2030 });
    expect(empty.every((programme) => programme.requirementUsdMinor === 0 && programme.coverageBasisPoints === 0)).toBe(true);
  });

  test('gap is floored at zero and coverage may exceed 100 % when over-funded', async () => {
    const db = getPrisma();
    await db.projectRequirement.create({ data: { projectId: fixture.b1.id, year: 2023, usdMinor: 50_000n } });
    const payment = await db.payment.create({
      data: {
        donorId: fixture.donor.id,
        method: 'BANK_TRANSFER',
        provider: 'BANK',
        currency: 'USD',
        amountMinor: 80_000n,
        usdRate: '1',
        usdMinor: 80_000n,
        earmarkType: 'PROJECT',
        projectId: fixture.b1.id,
        receivedAt: new Date('2023-03-01T00:00:00Z'),
      },
    });
    await db.allocation.create({
      data: { projectId: fixture.b1.id, year: 2023, source: 'EARMARKED', usdMinor: 80_000n, paymentId: payment.id },
    });
    await refreshFundingSummaries({ db, projectIds: [fixture.b1.id], donorIds: [fixture.donor.id] });
    const figures = await getFundingFigures({ projectId: fixture.b1.id, fromYear: 2023, toYear: 2023 });
    expect(figures.gapUsdMinor).toBe(0);
    expect(figures.coverageBasisPoints).toBe(16_000);
  });

  test('an inverted year range is refused', async () => {
    await expect(getFundingFigures({ fromYear: 2026, toYear: 2025 })).rejects.toThrow(RangeError);
  });
});
