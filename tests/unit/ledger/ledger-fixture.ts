// Hand-made money facts with figures worked out by hand (see the expected values in
// funding.test.ts). Inserts only: the fact tables are append-only.
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { toUsdMinor } from '~/platform/money.ts';

type EarmarkType = 'GENERAL_PURPOSE' | 'PROGRAMME' | 'PROJECT';
type Frequency = 'ONCE' | 'MONTHLY' | 'INSTALMENTS';

const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function buildLedgerFixture(db: PrismaClient) {
  let counter = 0;
  const programme = (code: string, sortOrder: number) =>
    db.programme.create({ data: { slug: code.toLowerCase(), code, title: title(code), mandate: title(code), sortOrder } });
  const progA = await programme('PRGA', 1);
  const progB = await programme('PRGB', 2);
  // A1 is in a country, so the country tables (decision 062) follow every writer these tests run.
  const project = (code: string, programmeId: string, countryCode?: string) =>
    db.project.create({
      data: {
        code,
        programmeId,
        title: title(code),
        description: title(code),
        countryCode: countryCode ?? null,
        regionCode: countryCode ? '014' : '001',
        sectorCode: '15130',
        status: 'IMPLEMENTATION',
        startDate: day('2024-01-01'),
        endDate: day('2026-12-31'),
      },
    });
  const a1 = await project('A1', progA.id, 'KE');
  const a2 = await project('A2', progA.id);
  const b1 = await project('B1', progB.id);
  await db.projectRequirement.createMany({
    data: [
      { projectId: a1.id, year: 2025, usdMinor: 10_000_000n },
      { projectId: a2.id, year: 2025, usdMinor: 5_000_000n },
      { projectId: b1.id, year: 2025, usdMinor: 2_000_000n },
      { projectId: a1.id, year: 2024, usdMinor: 1_000_000n },
    ],
  });
  const donor = await db.donor.create({ data: { type: 'MEMBER_STATE', displayName: 'Ruritania' } });

  async function pledge(args: {
    frequency?: Frequency;
    currency: string;
    amountMinor: bigint;
    usdRate: string;
    earmarkType: EarmarkType;
    programmeId?: string;
    projectId?: string;
    instalments?: [string, bigint][];
  }) {
    const created = await db.pledge.create({
      data: {
        reference: `T-${++counter}`,
        donorId: donor.id,
        frequency: args.frequency ?? 'INSTALMENTS',
        method: 'BANK_TRANSFER',
        currency: args.currency,
        amountMinor: args.amountMinor,
        usdRate: args.usdRate,
        earmarkType: args.earmarkType,
        programmeId: args.programmeId ?? null,
        projectId: args.projectId ?? null,
      },
    });
    const instalments = [];
    for (const [index, [dueOn, amountMinor]] of (args.instalments ?? []).entries()) {
      instalments.push(
        await db.pledgeInstalment.create({ data: { pledgeId: created.id, sequence: index + 1, dueOn: day(dueOn), amountMinor } }),
      );
    }
    return { ...created, instalments };
  }

  async function pay(args: {
    pledge?: Awaited<ReturnType<typeof pledge>>;
    instalmentId?: string;
    currency: string;
    amountMinor: bigint;
    usdRate: string;
    earmarkType: EarmarkType;
    programmeId?: string;
    projectId?: string;
    receivedAt?: string;
  }) {
    return db.payment.create({
      data: {
        donorId: donor.id,
        pledgeId: args.pledge?.id ?? null,
        instalmentId: args.instalmentId ?? null,
        method: 'BANK_TRANSFER',
        provider: 'BANK',
        providerPaymentId: `bank-${++counter}`,
        currency: args.currency,
        amountMinor: args.amountMinor,
        usdRate: args.usdRate,
        usdMinor: toUsdMinor(args),
        earmarkType: args.earmarkType,
        programmeId: args.programmeId ?? null,
        projectId: args.projectId ?? null,
        receivedAt: day(args.receivedAt ?? '2025-04-01'),
      },
    });
  }

  const allocate = (data: {
    projectId: string;
    year: number;
    source: 'REGULAR_BUDGET' | 'GENERAL_PURPOSE' | 'EARMARKED';
    usdMinor: bigint;
    paymentId?: string;
    regularBudgetEntryId?: string;
    reversalId?: string;
  }) => db.allocation.create({ data });

  // Regular budget: 15,000.00 for programme A in 2025, 10,000.00 allocated to A1.
  const rb = await db.regularBudgetEntry.create({ data: { programmeId: progA.id, year: 2025, usdMinor: 1_500_000n } });
  await allocate({ projectId: a1.id, year: 2025, source: 'REGULAR_BUDGET', usdMinor: 1_000_000n, regularBudgetEntryId: rb.id });

  // General-purpose: 3,000.00 received, 2,000.00 allocated to A2.
  const gp = await pay({ currency: 'USD', amountMinor: 300_000n, usdRate: '1', earmarkType: 'GENERAL_PURPOSE' });
  await allocate({ projectId: a2.id, year: 2025, source: 'GENERAL_PURPOSE', usdMinor: 200_000n, paymentId: gp.id });

  // JPY project pledge to A1 at 0.0067; first instalment paid at 0.0068 (¥500,000 → $3,400.00).
  const jpy = await pledge({
    currency: 'JPY',
    amountMinor: 1_250_000n,
    usdRate: '0.0067',
    earmarkType: 'PROJECT',
    projectId: a1.id,
    programmeId: progA.id,
    instalments: [
      ['2025-03-01', 500_000n],
      ['2025-09-01', 500_000n],
      ['2026-02-01', 250_000n],
    ],
  });
  const jpyPaid = await pay({
    pledge: jpy,
    instalmentId: jpy.instalments[0]?.id,
    currency: 'JPY',
    amountMinor: 500_000n,
    usdRate: '0.0068',
    earmarkType: 'PROJECT',
    projectId: a1.id,
    programmeId: progA.id,
  });
  await allocate({ projectId: a1.id, year: 2025, source: 'EARMARKED', usdMinor: jpyPaid.usdMinor, paymentId: jpyPaid.id });

  // KWD programme pledge to A: 1.500 KWD at 3.25; 1.000 KWD paid at 3.2543 ($3.25), $2.00 allocated to A2.
  const kwd = await pledge({
    frequency: 'ONCE',
    currency: 'KWD',
    amountMinor: 1_500n,
    usdRate: '3.25',
    earmarkType: 'PROGRAMME',
    programmeId: progA.id,
    instalments: [['2025-05-01', 1_500n]],
  });
  const kwdPaid = await pay({
    pledge: kwd,
    instalmentId: kwd.instalments[0]?.id,
    currency: 'KWD',
    amountMinor: 1_000n,
    usdRate: '3.2543',
    earmarkType: 'PROGRAMME',
    programmeId: progA.id,
  });
  await allocate({ projectId: a2.id, year: 2025, source: 'EARMARKED', usdMinor: 200n, paymentId: kwdPaid.id });

  // USD project pledge to A2: first instalment over-paid (150.00 for 100.00), second open.
  const over = await pledge({
    currency: 'USD',
    amountMinor: 20_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: a2.id,
    instalments: [
      ['2025-02-01', 10_000n],
      ['2025-08-01', 10_000n],
    ],
  });
  const overPaid = await pay({
    pledge: over,
    instalmentId: over.instalments[0]?.id,
    currency: 'USD',
    amountMinor: 15_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: a2.id,
  });
  await allocate({ projectId: a2.id, year: 2025, source: 'EARMARKED', usdMinor: 15_000n, paymentId: overPaid.id });

  // GBP programme pledge to A, written off.
  const writtenOff = await pledge({
    frequency: 'ONCE',
    currency: 'GBP',
    amountMinor: 10_000n,
    usdRate: '1.27',
    earmarkType: 'PROGRAMME',
    programmeId: progA.id,
    instalments: [['2025-01-15', 10_000n]],
  });
  await db.pledgeEvent.create({ data: { pledgeId: writtenOff.id, kind: 'WRITTEN_OFF', reason: 'test' } });

  // USD project pledge to B1: 1,000.00 paid and allocated, then 400.00 refunded with a reversing allocation.
  const refunded = await pledge({
    frequency: 'ONCE',
    currency: 'USD',
    amountMinor: 100_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: b1.id,
    instalments: [['2025-02-01', 100_000n]],
  });
  const refundedPaid = await pay({
    pledge: refunded,
    instalmentId: refunded.instalments[0]?.id,
    currency: 'USD',
    amountMinor: 100_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: b1.id,
  });
  await allocate({ projectId: b1.id, year: 2025, source: 'EARMARKED', usdMinor: 100_000n, paymentId: refundedPaid.id });
  const reversal = await db.reversal.create({
    data: { paymentId: refundedPaid.id, kind: 'REFUND', amountMinor: 40_000n, usdMinor: 40_000n, reason: 'partial refund' },
  });
  await allocate({
    projectId: b1.id,
    year: 2025,
    source: 'EARMARKED',
    usdMinor: -40_000n,
    paymentId: refundedPaid.id,
    reversalId: reversal.id,
  });

  // Cancelled (no longer pledged) and cancelled-then-reinstated (pledged again) pledges to B1.
  const cancelled = await pledge({
    frequency: 'ONCE',
    currency: 'USD',
    amountMinor: 500_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: b1.id,
    instalments: [['2025-06-01', 500_000n]],
  });
  await db.pledgeEvent.create({ data: { pledgeId: cancelled.id, kind: 'CANCELLED' } });
  const reinstated = await pledge({
    frequency: 'ONCE',
    currency: 'USD',
    amountMinor: 70_000n,
    usdRate: '1',
    earmarkType: 'PROJECT',
    projectId: b1.id,
    instalments: [['2025-07-01', 70_000n]],
  });
  await db.pledgeEvent.create({ data: { pledgeId: reinstated.id, kind: 'CANCELLED', createdAt: new Date('2025-07-02T00:00:00Z') } });
  await db.pledgeEvent.create({ data: { pledgeId: reinstated.id, kind: 'REINSTATED', createdAt: new Date('2025-07-03T00:00:00Z') } });

  // Monthly EUR 25.00 to programme B: two gifts, unallocated; a monthly pledge is never "unpaid".
  const monthly = await pledge({
    frequency: 'MONTHLY',
    currency: 'EUR',
    amountMinor: 2_500n,
    usdRate: '1.1',
    earmarkType: 'PROGRAMME',
    programmeId: progB.id,
  });
  for (const receivedAt of ['2025-01-05', '2025-02-05']) {
    await pay({
      pledge: monthly,
      currency: 'EUR',
      amountMinor: 2_500n,
      usdRate: '1.1',
      earmarkType: 'PROGRAMME',
      programmeId: progB.id,
      receivedAt,
    });
  }

  return { progA, progB, a1, a2, b1, donor, gp, jpyPaid, refundedPaid, rb };
}
