import { beforeAll, describe, expect, test } from 'vitest';
import { buildDemoRows, seedDemoData } from '../../prisma/seed.ts';
import { getFundingFigures, getGeneralPurposePool, listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { verifyFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const currentYear = new Date().getUTCFullYear();

async function rowCounts() {
  const db = getPrisma();
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

let firstCounts: Awaited<ReturnType<typeof rowCounts>>;

beforeAll(async () => {
  expect(await seedDemoData({ db: getPrisma() })).toEqual({ created: true });
  firstCounts = await rowCounts();
});

describe('demo seed', () => {
  test('is idempotent: a second run (even concurrent) adds nothing', async () => {
    const results = await Promise.all([seedDemoData({ db: getPrisma() }), seedDemoData({ db: getPrisma() })]);
    expect(results).toEqual([{ created: false }, { created: false }]);
    expect(await rowCounts()).toEqual(firstCounts);
  });

  test('passes the ledger check and leaves fresh summaries', async () => {
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
    expect(await verifyFundingSummaries()).toEqual([]);
  });

  test('is rich enough for every page', async () => {
    const db = getPrisma();
    expect(firstCounts.programmes).toBe(4);
    expect(firstCounts.projects).toBeGreaterThanOrEqual(16);
    expect(firstCounts.reversals).toBe(1);
    expect(firstCounts.updates).toBeGreaterThanOrEqual(20);
    const programmes = await db.programme.findMany({ orderBy: { sortOrder: 'asc' } });
    expect(programmes.map((p) => p.slug)).toEqual(['trafficking-in-persons', 'corruption', 'organized-crime', 'terrorism-prevention']);
    for (const programme of programmes) {
      for (const field of [programme.title, programme.mandate]) {
        const text = field as Record<string, string>;
        expect(Object.keys(text).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
        expect(new Set(Object.values(text)).size).toBe(6); // real translations, not copies
      }
    }
    const currencies = (await db.pledge.findMany({ distinct: ['currency'], select: { currency: true } })).map((row) => row.currency).sort();
    expect(currencies).toEqual(['CHF', 'EUR', 'GBP', 'JPY', 'KWD', 'NOK', 'SEK', 'USD']);
    const donorTypes = (await db.donor.findMany({ distinct: ['type'], select: { type: true } })).map((row) => row.type).sort();
    expect(donorTypes).toEqual(['COMPANY', 'FOUNDATION', 'INDIVIDUAL', 'INTERGOVERNMENTAL', 'MEMBER_STATE', 'OTHER']);
    expect(await db.donor.count({ where: { isAnonymous: true } })).toBeGreaterThan(0);
    expect(await db.pledge.count({ where: { frequency: 'MONTHLY' } })).toBeGreaterThanOrEqual(3);
    expect(await db.payment.count({ where: { pledge: { frequency: 'MONTHLY' } } })).toBeGreaterThanOrEqual(20);
    const kinds = (await db.pledgeEvent.findMany({ distinct: ['kind'], select: { kind: true } })).map((row) => row.kind).sort();
    expect(kinds).toEqual(['CANCELLED', 'REINSTATED', 'WRITTEN_OFF']);
    const overdue = await db.pledgeInstalment.count({ where: { dueOn: { lt: new Date() }, payments: { none: {} }, pledge: { events: { none: {} } } } });
    expect(overdue).toBeGreaterThan(0);
    const appeal = await db.appeal.findFirstOrThrow({ include: { _count: { select: { recipients: true, pledges: true } } } });
    expect(appeal.status).toBe('SENT');
    expect(appeal._count.recipients).toBeGreaterThan(5);
    expect(appeal._count.pledges).toBeGreaterThan(5);
    expect(await db.allocation.count({ where: { reversalId: { not: null }, usdMinor: { lt: 0 } } })).toBe(1);
  });

  test('has realistic proportions: mostly earmarked, small general-purpose, visible gaps this year', async () => {
    const programmes = await listProgrammeFunding({ year: currentYear });
    for (const programme of programmes) {
      expect(programme.coverageBasisPoints, programme.slug).toBeGreaterThanOrEqual(2_500);
      expect(programme.coverageBasisPoints, programme.slug).toBeLessThanOrEqual(8_000);
      expect(programme.gapUsdMinor).toBeGreaterThan(0);
    }
    const all = await getFundingFigures({ fromYear: currentYear - 3, toYear: currentYear });
    const { earmarked, generalPurpose, regularBudget } = all.fundedBySource;
    expect(earmarked / all.fundedUsdMinor).toBeGreaterThan(0.7);
    expect(generalPurpose / all.fundedUsdMinor).toBeLessThan(0.06);
    expect(regularBudget / all.fundedUsdMinor).toBeGreaterThan(0.08);
    expect(all.pledgedUnpaidUsdMinor).toBeGreaterThan(0);
    expect(await getGeneralPurposePool({})).toBeGreaterThan(0);
    expect(programmes.some((programme) => programme.unallocatedUsdMinor > 0)).toBe(true);
  });

  test('is deterministic for a given date', () => {
    const now = new Date(Date.UTC(2026, 4, 20, 12));
    const money = (rows: ReturnType<typeof buildDemoRows>) => rows.payments.map((p) => `${p.currency} ${p.amountMinor} ${p.usdMinor} ${String(p.receivedAt)}`);
    expect(money(buildDemoRows(now))).toEqual(money(buildDemoRows(now)));
  });
});
