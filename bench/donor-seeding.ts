// Bulk seeding of donors for the benches (impact reports, allocation notices) and the tests that
// need thousands of them (tests/unit/impact/impact-run-worker-kill.test.ts): one INSERT … SELECT
// over generate_series per table, written as the ledger writes these rows, without paying for the
// ledger's writer per row. Donor n is "Donor n" <donorn@example.org>; donors are numbered in the
// order of their display names wherever a rule picks every k-th one.
import type { PrismaClient } from '../app/generated/prisma/client.ts';
import { refreshFundingSummaries } from '../app/ledger/summaries/summary-commands.server.ts';

const benchTitle = { en: 'Bench project', fr: 'Projet', es: 'Proyecto', ru: 'Проект', zh: '项目', ar: 'مشروع' };

/** A programme "bench" and one project per code (Kenya, 2025–2026, a 2025 requirement of $1bn); returns their ids in order. */
export async function createBenchProjects(db: PrismaClient, codes: readonly string[]): Promise<string[]> {
  const programme = await db.programme.create({ data: { slug: 'bench', code: 'BENCH', title: benchTitle, mandate: benchTitle } });
  const ids: string[] = [];
  for (const code of codes) {
    const project = await db.project.create({
      data: {
        code,
        programmeId: programme.id,
        title: benchTitle,
        description: benchTitle,
        countryCode: 'KE',
        regionCode: '014',
        sectorCode: '15130',
        status: 'IMPLEMENTATION',
        startDate: new Date('2025-01-01T00:00:00Z'),
        endDate: new Date('2026-12-31T00:00:00Z'),
      },
    });
    await db.projectRequirement.create({ data: { projectId: project.id, year: 2025, usdMinor: 100_000_000_000n } });
    ids.push(project.id);
  }
  return ids;
}

export interface DonorSeed {
  count: number;
  /**
   * Six languages in turn and all four report frequencies (one in twenty none, one in ten yearly,
   * one in ten half-yearly, the rest quarterly). Otherwise every donor is English and quarterly.
   */
  isMixed?: boolean;
  /** Every tenth donor's latest word on impact reports is no; otherwise every donor said yes. */
  isEveryTenthRefusing?: boolean;
}

/** `count` individual donors, each with an IMPACT_REPORTS consent entry of 2025-01-01. */
export async function seedDonors(db: PrismaClient, { count, isMixed = false, isEveryTenthRefusing = false }: DonorSeed): Promise<void> {
  await db.$executeRaw`
    INSERT INTO donors (type, "displayName", email, locale, "impactReportFrequency")
    SELECT 'INDIVIDUAL', 'Donor ' || n, 'donor' || n || '@example.org',
           CASE WHEN ${isMixed}::boolean THEN (ARRAY['en','fr','es','ru','zh','ar'])[1 + n % 6] ELSE 'en' END,
           (CASE WHEN NOT ${isMixed}::boolean THEN 'QUARTERLY' WHEN n % 20 = 0 THEN 'NONE' WHEN n % 10 = 1 THEN 'ANNUAL'
                 WHEN n % 10 = 2 THEN 'SEMIANNUAL' ELSE 'QUARTERLY' END)::"ImpactReportFrequency"
    FROM generate_series(1, ${count}::int) n`;
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source, "recordedAt")
    SELECT id, 'IMPACT_REPORTS', NOT (${isEveryTenthRefusing}::boolean AND (row_number() OVER (ORDER BY "displayName")) % 10 = 7),
           'Email me impact reports', 'en', 'bench', '2025-01-01'::timestamptz
    FROM donors`;
}

/**
 * One gift per donor, earmarked to one of `projectIds` in turn and allocated to it at once (as
 * recordPayment does), recorded in November 2025 — or, for every tenth donor when
 * `isEveryTenthQuiet`, in May 2025 (nothing new in 2025-Q4). Then the funding summaries are
 * rebuilt and the database analysed (a bulk-loaded database has no statistics until then).
 */
export async function seedProjectGifts(
  db: PrismaClient,
  { projectIds, isEveryTenthQuiet = false }: { projectIds: readonly string[]; isEveryTenthQuiet?: boolean },
): Promise<void> {
  await db.$executeRaw`
    WITH d AS (SELECT id, row_number() OVER (ORDER BY "displayName") AS n FROM donors),
         p AS (SELECT id, ordinality - 1 AS k FROM unnest(${[...projectIds]}::uuid[]) WITH ORDINALITY AS p(id, ordinality)),
         paid AS (
           INSERT INTO payments ("donorId", method, provider, "providerPaymentId", currency, "amountMinor", "usdRate", "usdMinor",
                                 "earmarkType", "projectId", "receivedAt", "createdAt")
           SELECT d.id, 'CARD', 'MANUAL', 'bench-' || d.n, 'USD', 1000 + (d.n * 7919) % 99000, 1, 1000 + (d.n * 7919) % 99000,
                  'PROJECT', p.id, at, at
           FROM d JOIN p ON p.k = d.n % ${projectIds.length}::int
           CROSS JOIN LATERAL (SELECT CASE WHEN ${isEveryTenthQuiet}::boolean AND d.n % 10 = 5 THEN '2025-05-10'::timestamptz
                                           ELSE '2025-11-10'::timestamptz END + d.n * interval '1 second' AS at) t
           RETURNING id, "projectId", "usdMinor", "createdAt")
    INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId", "createdAt")
    SELECT "projectId", 2025, 'EARMARKED', "usdMinor", id, "createdAt" FROM paid`;
  await refreshFundingSummaries({ db });
  await db.$executeRaw`ANALYZE`;
}
