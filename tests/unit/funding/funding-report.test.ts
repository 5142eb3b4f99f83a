// The read models behind the public pages must give the ledger's own figures for the same scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { totalsFromYears } from '~/funding/dashboard-queries.server.ts';
import {
  fundingByRegionFromProjects,
  getFundingByRegion,
  getFundingByYear,
  getProjectFunding,
  listContributions,
  listFilterOptions,
  listProjectFunding,
  listTopDonors,
} from '~/funding/funding-report-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const year = new Date().getUTCFullYear();
const fromYear = year - 3;
const toYear = year + 1;
type Figures = Awaited<ReturnType<typeof getFundingFigures>>;
const withoutPool = ({ unallocatedUsdMinor: _pool, ...rest }: Figures) => rest;

function total<T>(rows: T[], pick: (row: T) => number) {
  return rows.reduce((sum, row) => sum + pick(row), 0);
}

let programmes: { id: string; slug: string }[];

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
  programmes = await getPrisma().programme.findMany({ select: { id: true, slug: true } });
});

describe('funding by year', () => {
  it('adds up to the ledger for each programme and for everything', async () => {
    for (const scope of [...programmes.map((p) => ({ programmeId: p.id })), {}]) {
      const years = await getFundingByYear({ fromYear, toYear, ...scope });
      expect(years.map((row) => row.year)).toEqual([fromYear, fromYear + 1, fromYear + 2, fromYear + 3, fromYear + 4]);
      const ledger = await getFundingFigures({ fromYear, toYear, ...scope });
      expect(total(years, (row) => row.requirementUsdMinor)).toBe(ledger.requirementUsdMinor);
      expect(total(years, (row) => row.fundedUsdMinor)).toBe(ledger.fundedUsdMinor);
      expect(total(years, (row) => row.fundedBySource.generalPurpose)).toBe(ledger.fundedBySource.generalPurpose);
      expect(total(years, (row) => row.pledgedUnpaidUsdMinor)).toBe(ledger.pledgedUnpaidUsdMinor);
      // Each single year is the ledger's figure for that year.
      const single = await getFundingFigures({ fromYear: year, toYear: year, ...scope });
      expect(years.find((row) => row.year === year)).toEqual({ year, ...withoutPool(single) });
    }
  });
});

describe('projects', () => {
  it('each project row equals the ledger for that project', async () => {
    const rows = await listProjectFunding({ fromYear: year, toYear: year });
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      const ledger = await getFundingFigures({ projectId: row.id, fromYear: year, toYear: year });
      expect({
        requirementUsdMinor: row.requirementUsdMinor,
        fundedUsdMinor: row.fundedUsdMinor,
        fundedBySource: row.fundedBySource,
        pledgedUnpaidUsdMinor: row.pledgedUnpaidUsdMinor,
        gapUsdMinor: row.gapUsdMinor,
        coverageBasisPoints: row.coverageBasisPoints,
      }).toEqual(withoutPool(ledger));
    }
    const one = await getProjectFunding({ code: rows[0]!.code, fromYear: year, toYear: year });
    expect(one).toEqual(rows[0]);
    expect(await getProjectFunding({ code: 'NOPE99', fromYear: year, toYear: year })).toBeNull();
  });

  it('filters by region, country and status', async () => {
    const all = await listProjectFunding({ fromYear: year, toYear: year });
    const region = all[0]!.regionCode;
    const inRegion = await listProjectFunding({ fromYear: year, toYear: year, regionCode: region });
    expect(inRegion.map((row) => row.code)).toEqual(all.filter((row) => row.regionCode === region).map((row) => row.code));
    const withCountry = all.find((row) => row.countryCode)!;
    const inCountry = await listProjectFunding({ fromYear: year, toYear: year, countryCode: withCountry.countryCode! });
    expect(inCountry.every((row) => row.countryCode === withCountry.countryCode)).toBe(true);
    const byStatus = await listProjectFunding({ fromYear: year, toYear: year, status: all[0]!.status });
    expect(byStatus.every((row) => row.status === all[0]!.status)).toBe(true);
  });

  it('regions add up to the programme total of its projects', async () => {
    const programmeId = programmes[0]!.id;
    const regions = await getFundingByRegion({ fromYear, toYear, programmeId });
    const projects = await listProjectFunding({ fromYear, toYear, programmeId });
    expect(total(regions, (row) => row.requirementUsdMinor)).toBe(total(projects, (row) => row.requirementUsdMinor));
    expect(total(regions, (row) => row.fundedUsdMinor)).toBe(total(projects, (row) => row.fundedUsdMinor));
    const options = await listFilterOptions();
    expect(options.regionCodes).toEqual(expect.arrayContaining(regions.map((row) => row.regionCode)));
    expect(options.years).toContain(year);
  });

  it('regions derived from the unfiltered project rows equal the regions query (the programme page uses either)', async () => {
    for (const programme of programmes) {
      for (const [from, to] of [
        [year, year],
        [fromYear, toYear],
      ] as const) {
        const projects = await listProjectFunding({ fromYear: from, toYear: to, programmeId: programme.id });
        expect(fundingByRegionFromProjects(projects)).toEqual(
          await getFundingByRegion({ fromYear: from, toYear: to, programmeId: programme.id }),
        );
      }
    }
  });

  it('the totals of a scope’s years equal its figures over the range (programme and project pages use them)', async () => {
    for (const programme of programmes) {
      const years = await getFundingByYear({ fromYear, toYear, programmeId: programme.id });
      expect(totalsFromYears(years)).toEqual(withoutPool(await getFundingFigures({ fromYear, toYear, programmeId: programme.id })));
    }
    for (const project of await listProjectFunding({ fromYear: year, toYear: year })) {
      const years = await getFundingByYear({ fromYear, toYear, projectId: project.id });
      expect(totalsFromYears(years)).toEqual(withoutPool(await getFundingFigures({ fromYear, toYear, projectId: project.id })));
    }
  });
});

describe('donors', () => {
  it('contributions account for every payment received in the range, net of reversals', async () => {
    const rows = await listContributions({ fromYear, toYear });
    const [expected] = await getPrisma().$queryRaw<{ net: bigint }[]>`
      SELECT (SUM(p."usdMinor") - COALESCE((SELECT SUM(r."usdMinor") FROM reversals r JOIN payments q ON q.id = r."paymentId"
               WHERE q."receivedAt" >= make_date(${fromYear}::int, 1, 1) AND q."receivedAt" < make_date(${toYear + 1}::int, 1, 1)), 0))::bigint AS net
      FROM payments p WHERE p."receivedAt" >= make_date(${fromYear}::int, 1, 1) AND p."receivedAt" < make_date(${toYear + 1}::int, 1, 1)`;
    expect(total(rows, (row) => row.paidUsdMinor)).toBe(Number(expected!.net));
    for (const row of rows) {
      expect(row.generalPurposeUsdMinor + row.earmarkedUsdMinor).toBe(row.paidUsdMinor);
      if (row.isAnonymous) expect([row.donorId, row.name]).toEqual([null, null]);
      else expect(row.name).toBeTruthy();
    }
    expect(rows.some((row) => row.isAnonymous)).toBe(true);
    expect(rows.some((row) => row.generalPurposeUsdMinor > 0)).toBe(true);
  });

  it('never names a donor who asked to stay anonymous', async () => {
    const anonymous = await getPrisma().donor.findMany({ where: { isAnonymous: true }, select: { id: true, displayName: true } });
    expect(anonymous.length).toBeGreaterThan(0);
    const rows = [...(await listContributions({ fromYear, toYear })), ...(await listTopDonors({ fromYear, toYear, limit: 1000 }))];
    for (const donor of anonymous) {
      expect(rows.some((row) => row.donorId === donor.id || row.name === donor.displayName)).toBe(false);
    }
  });

  it('top donors of a programme are attributed from its allocations', async () => {
    const programmeId = programmes[0]!.id;
    const donors = await listTopDonors({ fromYear, toYear, programmeId, limit: 1000 });
    const ledger = await getFundingFigures({ fromYear, toYear, programmeId });
    // Everything allocated except the regular budget comes from some donor's payment.
    expect(total(donors, (row) => row.allocatedUsdMinor)).toBe(ledger.fundedUsdMinor - ledger.fundedBySource.regularBudget);
    const sorted = [...donors].sort((a, b) => b.allocatedUsdMinor - a.allocatedUsdMinor);
    expect(donors).toEqual(sorted);
  });
});
