// The demo seed: idempotent, passes the ledger check, and rich and realistic enough for every page
// on whatever date it is seeded (its data is drawn relative to "now"): today, and the dates where
// "this year" or "so far" are degenerate (first minute and day of a year, leap day, last evening).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildDemoRows, seedDemoData } from '../../prisma/seed.ts';
import { getFundingFigures, getGeneralPurposePool, listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { verifyFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { createPrismaClient, getPrisma, type DbClient } from '~/platform/db.server.ts';
import { getDonorImpact } from '~/impact/donor-impact-queries.server.ts';
import { lastEndedQuarter, reportPeriodsOfRun } from '~/impact/report-periods.ts';
import { createScratchDatabase } from '../setup/scratch-database.ts';
import { countSegmentDonors, listSegmentDonors } from '~/appeals/appeals-segment-queries.server.ts';
import { segmentDefinitionSchema } from '~/appeals/segment-definition.ts';
import { lapsedCorruptionDonors } from '../../prisma/seed-data/donors.ts';

async function rowCounts(db: DbClient = getPrisma()) {
  return {
    programmes: await db.programme.count(),
    projects: await db.project.count(),
    requirements: await db.projectRequirement.count(),
    donors: await db.donor.count(),
    consents: await db.donorConsent.count(),
    fxRates: await db.fxRate.count(),
    pledges: await db.pledge.count(),
    instalments: await db.pledgeInstalment.count(),
    events: await db.pledgeEvent.count(),
    payments: await db.payment.count(),
    paymentFees: await db.paymentFee.count(),
    reversals: await db.reversal.count(),
    allocations: await db.allocation.count(),
    regularBudget: await db.regularBudgetEntry.count(),
    updates: await db.impactUpdate.count(),
    indicatorValues: await db.indicatorValue.count(),
    appeals: await db.appeal.count(),
    recipients: await db.appealRecipient.count(),
    summaries: await db.fundingSummary.count(),
  };
}

async function expectSound(db: DbClient) {
  expect(await checkLedger({ db })).toEqual([]);
  expect(await verifyFundingSummaries({ db })).toEqual([]);
}

async function expectRich(db: DbClient, now: Date, counts: Awaited<ReturnType<typeof rowCounts>>) {
  expect(counts.programmes).toBe(4);
  expect(counts.projects).toBeGreaterThanOrEqual(16);
  expect(counts.reversals).toBe(1);
  expect(counts.updates).toBeGreaterThanOrEqual(20);
  const programmes = await db.programme.findMany({ orderBy: { sortOrder: 'asc' } });
  expect(programmes.map((p) => p.slug)).toEqual(['trafficking-in-persons', 'corruption', 'organized-crime', 'terrorism-prevention']);
  for (const programme of programmes) {
    for (const field of [programme.title, programme.mandate]) {
      const text = field as Record<string, string>;
      expect(Object.keys(text).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
      expect(new Set(Object.values(text)).size).toBe(6); // real translations, not copies
    }
  }
  // Suggested amounts on /give (decision 057): the three global programmes of the resolution, in
  // USD and EUR, four each with one preselected, every text in the six languages.
  const suggested = await db.suggestedAmount.findMany({ include: { programme: { select: { slug: true } } } });
  expect(new Set(suggested.map((row) => row.programme.slug))).toEqual(new Set(['trafficking-in-persons', 'corruption', 'organized-crime']));
  expect(suggested).toHaveLength(3 * 2 * 4);
  expect(suggested.filter((row) => row.isPreselected)).toHaveLength(3 * 2);
  for (const row of suggested) expect(Object.keys(row.text as object).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  const currencies = (await db.pledge.findMany({ distinct: ['currency'], select: { currency: true } })).map((row) => row.currency).sort();
  expect(currencies).toEqual(['CHF', 'EUR', 'GBP', 'JPY', 'KWD', 'NOK', 'SEK', 'USD']);
  const donorTypes = (await db.donor.findMany({ distinct: ['type'], select: { type: true } })).map((row) => row.type).sort();
  expect(donorTypes).toEqual(['COMPANY', 'FOUNDATION', 'INDIVIDUAL', 'INTERGOVERNMENTAL', 'MEMBER_STATE', 'OTHER']);
  expect(await db.donor.count({ where: { isAnonymous: true } })).toBeGreaterThan(0);
  expect(await db.pledge.count({ where: { frequency: 'MONTHLY' } })).toBeGreaterThanOrEqual(3);
  expect(await db.payment.count({ where: { pledge: { frequency: 'MONTHLY' } } })).toBeGreaterThanOrEqual(20);
  // Finance sees Stripe's fee on every card payment (and on nothing else): gross − fee = net.
  expect(counts.paymentFees).toBe(await db.payment.count({ where: { method: 'CARD' } }));
  expect(await db.paymentFee.count({ where: { payment: { method: { not: 'CARD' } } } })).toBe(0);
  const [unbalanced] = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT COUNT(*)::bigint AS n FROM payment_fees WHERE "grossMinor" - "feeMinor" <> "netMinor"`;
  expect(unbalanced?.n).toBe(0n);
  const kinds = (await db.pledgeEvent.findMany({ distinct: ['kind'], select: { kind: true } })).map((row) => row.kind).sort();
  expect(kinds).toEqual(['CANCELLED', 'REINSTATED', 'WRITTEN_OFF']);
  // Overdue: due before today (a DATE column: compared by day), unpaid and not cancelled.
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const overdue = await db.pledgeInstalment.count({
    where: { dueOn: { lt: today }, payments: { none: {} }, pledge: { events: { none: {} } } },
  });
  expect(overdue).toBeGreaterThan(0);
  // ... but not every open instalment: most are paid on time.
  expect(overdue).toBeLessThan(5);
  const appeal = await db.appeal.findFirstOrThrow({ include: { _count: { select: { recipients: true, pledges: true } } } });
  expect(appeal.status).toBe('SENT');
  expect(appeal._count.recipients).toBeGreaterThan(5);
  expect(appeal._count.pledges).toBeGreaterThan(5);
  expect(await db.allocation.count({ where: { reversalId: { not: null }, usdMinor: { lt: 0 } } })).toBe(1);
  // This year has money already, dated this year and not after now.
  const yearStart = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  expect(await db.payment.count({ where: { receivedAt: { gte: yearStart, lte: now } } })).toBeGreaterThan(10);
  expect(await db.payment.count({ where: { receivedAt: { gt: now } } })).toBe(0);
  await expectReportStory(db, now);
  await expectLapsedCorruptionDonors(db, now);
}

/** Issue #15's walk: the saved segment of lapsed corruption donors takes in the seeded ones, save the withdrawn and the bounced. */
async function expectLapsedCorruptionDonors(db: DbClient, now: Date) {
  const saved = await db.appealSegment.findUniqueOrThrow({ where: { name: 'Lapsed donors to the corruption programme' } });
  const segment = segmentDefinitionSchema.parse(saved.definition);
  const listed = (await listSegmentDonors({ db, segment, asOf: now })).map((donor) => donor.email);
  expect(await countSegmentDonors({ db, segment, asOf: now })).toBe(listed.length);
  const lapsed = lapsedCorruptionDonors.map((donor) => donor.email!);
  const unreachable = ['lapsed.peter.novak@example.org', 'bounced+lapsed-appeal@resend.dev'];
  expect(lapsed.filter((email) => !listed.includes(email))).toEqual(unreachable);
  expect(new Set(lapsedCorruptionDonors.map((donor) => donor.locale)).size).toBe(6);
  expect(await db.emailSuppression.count({ where: { address: unreachable[1] } })).toBe(1);
}

/** The impact-report story: in the last ended quarter, two projects funded directly and a third through a staff decision. */
async function expectReportStory(db: DbClient, now: Date) {
  const last = reportPeriodsOfRun(lastEndedQuarter(now)).QUARTERLY!;
  const earlier = reportPeriodsOfRun(lastEndedQuarter(last.from)).QUARTERLY!;
  const rosa = await db.donor.findFirstOrThrow({ where: { email: 'report-story@example.org' } });
  const impact = await getDonorImpact({ donorId: rosa.id, ...last, db });
  expect(impact.projects).toHaveLength(3);
  const [decision] = await db.poolAllocation.findMany({ where: { createdAt: { gte: last.from, lt: last.to } } });
  expect(decision?.pool).toBe('GENERAL_PURPOSE');
  expect(impact.allocationNotices).toEqual([expect.objectContaining({ poolAllocationId: decision!.id, projectId: decision!.projectId })]);
  const pooled = impact.projects.find((project) => project.projectId === decision!.projectId)!;
  expect(pooled.donorEarmarkedUsdMinor).toBe(0n);
  expect(pooled.donorUsdMinor).toBe(impact.allocationNotices[0]!.usdMinor);
  expect(impact.projects.filter((project) => project.donorEarmarkedUsdMinor > 0n)).toHaveLength(2);
  // (the field report, and any of the seed's other updates recorded in the quarter)
  for (const project of impact.projects) {
    expect(project.updates.map((update) => update.title.en)).toContain(`Field report: ${lastEndedQuarter(now)}`);
    expect(project.indicators.length).toBeGreaterThan(0);
  }
  expect(impact.givenInPeriod).toEqual([{ currency: 'USD', amountMinor: 195_000n, usdMinor: 195_000n }]);
  // The quarter before: the general-purpose gift, news for a report of that quarter too.
  const before = await getDonorImpact({ donorId: rosa.id, ...earlier, db });
  expect(before.hasNews).toBe(true);
  expect(before.givenInPeriod).toEqual([{ currency: 'USD', amountMinor: 240_000n, usdMinor: 240_000n }]);
  const layla = await db.donor.findFirstOrThrow({ where: { email: 'bounced+report-story@resend.dev' } });
  expect(layla.locale).toBe('ar');
  for (const period of [last, earlier]) expect((await getDonorImpact({ donorId: layla.id, ...period, db })).hasNews).toBe(true);
}

async function expectRealistic(db: DbClient, year: number) {
  const programmes = await listProgrammeFunding({ year, db });
  for (const programme of programmes) {
    expect(programme.coverageBasisPoints, programme.slug).toBeGreaterThanOrEqual(2_500);
    expect(programme.coverageBasisPoints, programme.slug).toBeLessThanOrEqual(8_000);
    expect(programme.gapUsdMinor).toBeGreaterThan(0);
  }
  const all = await getFundingFigures({ fromYear: year - 3, toYear: year, db });
  const { earmarked, generalPurpose, regularBudget } = all.fundedBySource;
  expect(earmarked / all.fundedUsdMinor).toBeGreaterThan(0.7);
  expect(generalPurpose / all.fundedUsdMinor).toBeLessThan(0.06);
  expect(regularBudget / all.fundedUsdMinor).toBeGreaterThan(0.08);
  expect(all.pledgedUnpaidUsdMinor).toBeGreaterThan(0);
  expect(await getGeneralPurposePool({ db })).toBeGreaterThan(0);
  expect(programmes.some((programme) => programme.unallocatedUsdMinor > 0)).toBe(true);
}

let firstCounts: Awaited<ReturnType<typeof rowCounts>>;
/** The seed's "now" (a test reading the clock later could be on the other side of midnight). */
let seededAt: Date;

beforeAll(async () => {
  seededAt = new Date();
  expect(await seedDemoData({ db: getPrisma(), now: seededAt })).toEqual({ created: true });
  firstCounts = await rowCounts();
});

describe('demo seed', () => {
  test('is idempotent: a second run (even concurrent) adds nothing', async () => {
    const results = await Promise.all([seedDemoData({ db: getPrisma() }), seedDemoData({ db: getPrisma() })]);
    expect(results).toEqual([{ created: false }, { created: false }]);
    expect(await rowCounts()).toEqual(firstCounts);
  });

  test('passes the ledger check and leaves fresh summaries', async () => {
    await expectSound(getPrisma());
  });

  test('is rich enough for every page', async () => {
    await expectRich(getPrisma(), seededAt, firstCounts);
  });

  test('has realistic proportions: mostly earmarked, small general-purpose, visible gaps this year', async () => {
    await expectRealistic(getPrisma(), seededAt.getUTCFullYear());
  });

  test('is deterministic for a given date', () => {
    const now = new Date(Date.UTC(2026, 4, 20, 12));
    const money = (rows: ReturnType<typeof buildDemoRows>) =>
      rows.payments.map((p) => `${p.currency} ${p.amountMinor} ${p.usdMinor} ${String(p.receivedAt)}`);
    expect(money(buildDemoRows(now))).toEqual(money(buildDemoRows(now)));
  });
});

// Dates on which "now", "this year" or "so far" are at an edge: seeded there, the demo must be as
// sound, rich and realistic as on an ordinary day (each in a database of its own).
describe.each([
  ['the first minute of a year', '2027-01-01T00:00:30Z'],
  ['1 January', '2027-01-01T09:00:00Z'],
  ['a leap day', '2028-02-29T12:00:00Z'],
  ['the last evening of a year', '2027-12-31T23:30:00Z'],
  ['mid-year', '2027-07-01T12:00:00Z'],
])('demo seed on %s (%s)', (_label, iso) => {
  const now = new Date(iso);
  let db: ReturnType<typeof createPrismaClient>;
  let counts: Awaited<ReturnType<typeof rowCounts>>;

  beforeAll(async () => {
    db = createPrismaClient(await createScratchDatabase({ migrated: true }));
    expect(await seedDemoData({ db, now })).toEqual({ created: true });
    counts = await rowCounts(db);
  }, 120_000);
  afterAll(async () => {
    await db?.$disconnect();
  });

  test('passes the ledger check and leaves fresh summaries', async () => {
    await expectSound(db);
  });

  test('is rich enough for every page', async () => {
    await expectRich(db, now, counts);
  });

  test('has realistic proportions this year', async () => {
    await expectRealistic(db, now.getUTCFullYear());
  });
});
