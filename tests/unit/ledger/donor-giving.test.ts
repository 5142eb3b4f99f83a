// Contributions by donor and top donors against a plain recomputation from the donor summaries
// (which the ledger check holds equal to the facts after this file). Hundreds of donors, so the
// whole-portfolio contributions are found through the all-time order and must still be exact.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DonorType } from '~/generated/prisma/client.ts';
import {
  queryContributions,
  queryTopDonors,
  type ContributionFilter,
  type ContributionSort,
} from '~/ledger/donor-giving-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const DONORS = 600;
const types: DonorType[] = ['INDIVIDUAL', 'INDIVIDUAL', 'COMPANY', 'FOUNDATION', 'MEMBER_STATE'];
const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
let programmeId: string;
let projects: { id: string; regionCode: string }[];

beforeAll(async () => {
  const db = getPrisma();
  const programme = await db.programme.create({ data: { slug: 'giving', code: 'GIV', title: title('Giving'), mandate: title('Giving') } });
  const other = await db.programme.create({
    data: { slug: 'other', code: 'OTH', title: title('Other'), mandate: title('Other'), sortOrder: 1 },
  });
  programmeId = programme.id;
  projects = [];
  for (const [index, [owner, regionCode]] of (
    [
      [programme.id, '002'],
      [programme.id, '142'],
      [other.id, '002'],
    ] as const
  ).entries()) {
    projects.push(
      await db.project.create({
        data: {
          code: `GIV${index}`,
          programmeId: owner,
          title: title(`P${index}`),
          description: title(`P${index}`),
          regionCode,
          sectorCode: '15130',
          status: 'IMPLEMENTATION',
          startDate: new Date('2020-01-01T00:00:00Z'),
          endDate: new Date('2026-12-31T00:00:00Z'),
        },
      }),
    );
  }
  await db.donor.createMany({
    data: Array.from({ length: DONORS }, (_, i) => ({
      type: types[i % types.length]!,
      displayName: `Donor ${String(i).padStart(3, '0')}`,
      isAnonymous: i % 17 === 0,
    })),
  });
  const donors = await db.donor.findMany({ orderBy: { displayName: 'asc' } });
  // Skewed amounts (a few large givers, many small), one to four gifts each over 2021–2025,
  // earmarked to a project, to the programme or general-purpose; every fifth donor also promises.
  const payments = [];
  const pledges = [];
  for (const [i, donor] of donors.entries()) {
    for (let gift = 0; gift <= i % 4; gift++) {
      const usd = BigInt(((i * 7919 + gift * 104_729) % 9_973) * (i % 23 === 0 ? 1_000 : 10) + 100);
      const kind = (i + gift) % 5;
      const project = projects[(i + gift) % projects.length]!;
      payments.push({
        donorId: donor.id,
        method: 'BANK_TRANSFER' as const,
        provider: 'BANK' as const,
        currency: 'USD',
        amountMinor: usd,
        usdRate: '1',
        usdMinor: usd,
        earmarkType: kind === 0 ? ('GENERAL_PURPOSE' as const) : kind === 1 ? ('PROGRAMME' as const) : ('PROJECT' as const),
        programmeId: kind === 1 ? programme.id : null,
        projectId: kind >= 2 ? project.id : null,
        receivedAt: new Date(Date.UTC(2021 + ((i + gift) % 5), (i * 3 + gift) % 12, 1 + (i % 27))),
      });
    }
    if (i % 5 === 0) {
      pledges.push({
        reference: `GIV-${i}`,
        donorId: donor.id,
        frequency: 'ONCE' as const,
        method: 'BANK_TRANSFER' as const,
        currency: 'EUR',
        amountMinor: BigInt(1_000 + i * 37),
        usdRate: '1.1',
        earmarkType: 'PROJECT' as const,
        projectId: projects[i % 2]!.id,
        isAnonymous: i % 10 === 0,
        pledgedAt: new Date(Date.UTC(2022 + (i % 4), 2, 3)),
      });
    }
  }
  await db.payment.createMany({ data: payments });
  await db.pledge.createMany({ data: pledges });
  const created = await db.payment.findMany({
    where: { earmarkType: 'PROJECT' },
    select: { id: true, projectId: true, usdMinor: true, receivedAt: true },
  });
  await db.allocation.createMany({
    data: created.map((payment) => ({
      paymentId: payment.id,
      projectId: payment.projectId!,
      year: payment.receivedAt.getUTCFullYear(),
      source: 'EARMARKED' as const,
      usdMinor: payment.usdMinor,
    })),
  });
  await refreshFundingSummaries();
}, 60_000);

type Figures = { key: string; pledged: bigint; paid: bigint; gp: bigint };

/** The contributions of a filter summed from donor_contribution_summaries in plain TypeScript, in the read model's order. */
async function expected(filter: ContributionFilter, sort: ContributionSort) {
  const db = getPrisma();
  const projectsOf = new Map((await db.project.findMany()).map((project) => [project.id, project]));
  const rows = await db.donorContributionSummary.findMany({ where: { year: { gte: filter.fromYear, lte: filter.toYear } } });
  const byKey = new Map<string, Figures>();
  for (const row of rows) {
    const project = row.earmarkType === 'PROJECT' ? projectsOf.get(row.scopeId) : undefined;
    if (filter.donorType && row.donorType !== filter.donorType) continue;
    if (filter.projectId && !(row.earmarkType === 'PROJECT' && row.scopeId === filter.projectId)) continue;
    if (filter.regionCode && project?.regionCode !== filter.regionCode) continue;
    if (
      filter.programmeId &&
      !(row.earmarkType === 'PROGRAMME' ? row.scopeId === filter.programmeId : project?.programmeId === filter.programmeId)
    )
      continue;
    const key = row.isAnonymous ? `anonymous:${row.donorType}` : row.donorId;
    const entry = byKey.get(key) ?? { key, pledged: 0n, paid: 0n, gp: 0n };
    entry.pledged += row.pledgedUsdMinor;
    entry.paid += row.paidUsdMinor;
    entry.gp += row.generalPurposeUsdMinor;
    byKey.set(key, entry);
  }
  const share = (row: Figures) => (row.paid > 0n ? (row.gp * 10_000n) / row.paid : 0n);
  const figure = (row: Figures) => (sort === 'paid' ? row.paid : sort === 'pledged' ? row.pledged : share(row));
  const desc = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);
  const all = [...byKey.values()].sort(
    (a, b) =>
      desc(figure(a), figure(b)) || desc(a.paid, b.paid) || desc(a.pledged, b.pledged) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const total = (pick: (row: Figures) => bigint) => all.reduce((sum, row) => sum + pick(row), 0n);
  return {
    all,
    sums: { count: all.length, pledged: total((r) => r.pledged), paid: total((r) => r.paid), generalPurpose: total((r) => r.gp) },
  };
}

async function check(filter: ContributionFilter, sort: ContributionSort, limit: number) {
  const want = await expected(filter, sort);
  const got = await queryContributions({ ...filter, sort, limit, db: getPrisma() });
  expect(got.sums).toEqual(want.sums);
  expect(
    got.rows.map((row) => [row.donorId ?? `anonymous:${row.donorType}`, row.pledgedUsdMinor, row.paidUsdMinor, row.generalPurposeUsdMinor]),
  ).toEqual(want.all.slice(0, limit).map((row) => [row.key, Number(row.pledged), Number(row.paid), Number(row.gp)]));
  return got;
}

describe('contributions by donor', () => {
  test.each([
    [2021, 2025],
    [2023, 2023],
    [2024, 2025],
    [2015, 2030],
    [2030, 2031],
  ])('whole portfolio %i–%i, by paid and by pledged: the largest donors, exactly, with count and sums of all', async (fromYear, toYear) => {
    expect(DONORS).toBeGreaterThan(2 * 100); // more donors than the first look takes, even for 100 rows
    for (const sort of ['paid', 'pledged'] as const) {
      for (const limit of [1, 10, 100]) await check({ fromYear, toYear }, sort, limit);
    }
  });

  test('one donor type, and the general-purpose share order', async () => {
    await check({ fromYear: 2021, toYear: 2025, donorType: 'INDIVIDUAL' }, 'paid', 20);
    await check({ fromYear: 2021, toYear: 2025, donorType: 'MEMBER_STATE' }, 'pledged', 20);
    await check({ fromYear: 2021, toYear: 2025 }, 'general-purpose-share', 30);
  });

  test('a programme, a region, a project', async () => {
    await check({ fromYear: 2021, toYear: 2025, programmeId }, 'paid', 25);
    await check({ fromYear: 2022, toYear: 2024, regionCode: '142' }, 'pledged', 25);
    await check({ fromYear: 2021, toYear: 2025, projectId: projects[2]!.id, donorType: 'COMPANY' }, 'paid', 25);
  });

  test('names named donors only; pools anonymous gifts per donor type', async () => {
    const { rows } = await check({ fromYear: 2021, toYear: 2025 }, 'paid', 600);
    const anonymous = rows.filter((row) => row.isAnonymous);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(new Set(anonymous.map((row) => row.donorType)).size).toBe(anonymous.length);
    for (const row of anonymous) expect([row.donorId, row.name, row.countryCode]).toEqual([null, null, null]);
    for (const row of rows.filter((candidate) => !candidate.isAnonymous)) expect(row.name).toMatch(/^Donor \d{3}$/);
  });
});

describe('top donors', () => {
  test('by allocated money to a programme and to a project, anonymous gifts pooled', async () => {
    const db = getPrisma();
    const rows = await db.donorAllocationSummary.findMany();
    for (const [scope, fromYear, toYear] of [
      [{ programmeId }, 2022, 2024],
      [{ programmeId }, 2023, 2023],
      [{ projectId: projects[1]!.id }, 2022, 2024],
    ] as const) {
      const inScope = rows.filter((row) =>
        'projectId' in scope ? row.projectId === scope.projectId : projects.some((p) => p.id === row.projectId && p.id !== projects[2]!.id),
      );
      const sums = new Map<string, bigint>();
      for (const row of inScope.filter((r) => r.year >= fromYear && r.year <= toYear)) {
        const key = row.isAnonymous ? `anonymous:${row.donorType}` : row.donorId;
        sums.set(key, (sums.get(key) ?? 0n) + row.allocatedUsdMinor);
      }
      const want = [...sums].sort((a, b) => (a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : a[0] < b[0] ? -1 : 1)).slice(0, 15);
      const got = await queryTopDonors({ fromYear, toYear, ...scope, limit: 15, db });
      expect(got.map((row) => [row.donorId ?? `anonymous:${row.donorType}`, row.allocatedUsdMinor])).toEqual(
        want.map(([key, usd]) => [key, Number(usd)]),
      );
    }
  });
});
