// Read models for the public funding pages, the Member State dashboard and the open data API.
// Project-year figures come from funding_summaries, promises above projects from
// open_instalments, donor-level figures from the donor summaries (donor-giving.server.ts): all
// kept in step with the facts by the writers (docs/decisions/009). USD minor units (integers).
// Definitions follow funding.server.ts (requirement, funded by source, pledged-unpaid, gap, coverage).
import { Prisma, type ProjectStatus } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { toProjectBasics, type ProjectBasics } from './project-basics.server.ts';
import {
  queryContributions,
  queryPlaceDonors,
  queryTopDonors,
  type ContributionFilter,
  type ContributionSort,
  type DonorContribution,
  type PlaceDonor,
  type TopDonor,
} from '~/ledger/donor-giving-queries.server.ts';
import { projectInRegionSql } from '~/ledger/region-sql.server.ts';
import { aboveProjectsSql, figuresFromSums, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';

export type { ContributionFilter, DonorContribution, PlaceDonor, TopDonor };

export interface ProjectFundingFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
  countryCode?: string;
  status?: ProjectStatus;
}

export interface ProjectFundingRow extends FundingFigures, ProjectBasics {
  id: string;
  programmeId: string;
  programmeSlug: string;
  programmeCode: string;
}

export interface YearFunding extends FundingFigures {
  year: number;
}

export interface RegionFunding extends FundingFigures {
  regionCode: string;
}

interface SummarySums {
  requirement: bigint;
  rb: bigint;
  gp: bigint;
  em: bigint;
  unpaid: bigint;
}

function figures(row: SummarySums, extraUnpaid = 0n): FundingFigures {
  return figuresFromSums({
    requirement: BigInt(row.requirement),
    regularBudget: BigInt(row.rb),
    generalPurpose: BigInt(row.gp),
    earmarked: BigInt(row.em),
    pledgedUnpaid: BigInt(row.unpaid) + extraUnpaid,
  });
}

const summarySelect = Prisma.sql`
  COALESCE(SUM(s."requirementUsdMinor"), 0)::bigint AS requirement,
  COALESCE(SUM(s."regularBudgetUsdMinor"), 0)::bigint AS rb,
  COALESCE(SUM(s."generalPurposeUsdMinor"), 0)::bigint AS gp,
  COALESCE(SUM(s."earmarkedUsdMinor"), 0)::bigint AS em,
  COALESCE(SUM(s."pledgedUnpaidUsdMinor"), 0)::bigint AS unpaid`;

function projectWhere(filter: Partial<ProjectFundingFilter> & { projectId?: string; code?: string }): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.programmeId) conditions.push(Prisma.sql`p."programmeId" = ${filter.programmeId}::uuid`);
  if (filter.projectId) conditions.push(Prisma.sql`p.id = ${filter.projectId}::uuid`);
  if (filter.code) conditions.push(Prisma.sql`p.code = ${filter.code}`);
  if (filter.regionCode) conditions.push(projectInRegionSql('p', filter.regionCode));
  if (filter.countryCode) conditions.push(Prisma.sql`p."countryCode" = ${filter.countryCode}`);
  if (filter.status) conditions.push(Prisma.sql`p.status = ${filter.status}::"ProjectStatus"`);
  return Prisma.join(conditions, ' AND ');
}

function assertYears(fromYear: number, toYear: number): void {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear || toYear - fromYear > 200) {
    throw new RangeError(`invalid year range ${fromYear}–${toYear}`);
  }
}

type ProjectRowRaw = SummarySums & {
  id: string;
  code: string;
  title: unknown;
  description: unknown;
  programmeId: string;
  programmeSlug: string;
  programmeCode: string;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: ProjectStatus;
  startDate: Date;
  endDate: Date;
};

async function queryProjects(db: DbClient, where: Prisma.Sql, fromYear: number, toYear: number): Promise<ProjectFundingRow[]> {
  const rows = await db.$queryRaw<ProjectRowRaw[]>`
    SELECT p.id::text AS id, p.code, p.title, p.description, p."programmeId"::text AS "programmeId",
           pg.slug AS "programmeSlug", pg.code AS "programmeCode", p."countryCode", p."regionCode",
           p."sectorCode", p.status::text AS status, p."startDate", p."endDate", ${summarySelect}
    FROM projects p
    JOIN programmes pg ON pg.id = p."programmeId"
    LEFT JOIN funding_summaries s ON s."projectId" = p.id AND s.year BETWEEN ${fromYear} AND ${toYear}
    WHERE ${where}
    GROUP BY p.id, pg.id
    ORDER BY pg."sortOrder", p.code`;
  return rows.map((row) => ({
    id: row.id,
    ...toProjectBasics(row),
    programmeId: row.programmeId,
    programmeSlug: row.programmeSlug,
    programmeCode: row.programmeCode,
    ...figures(row),
  }));
}

/** Every project matching the filter with its figures over the year range (programme, then code order). */
async function listProjectFundingUncached(args: ProjectFundingFilter & { db?: DbClient }): Promise<ProjectFundingRow[]> {
  assertYears(args.fromYear, args.toYear);
  return queryProjects(args.db ?? getPrisma(), projectWhere(args), args.fromYear, args.toYear);
}

/** One project by code with its figures over the year range; null when there is no such project. */
async function getProjectFundingUncached(args: {
  code: string;
  fromYear: number;
  toYear: number;
  db?: DbClient;
}): Promise<ProjectFundingRow | null> {
  assertYears(args.fromYear, args.toYear);
  const [row] = await queryProjects(args.db ?? getPrisma(), projectWhere({ code: args.code }), args.fromYear, args.toYear);
  return row ?? null;
}

/** Figures per year (every year of the range, zeros included) for a programme, a project, a region or everything. */
async function getFundingByYearUncached(
  args: Omit<ProjectFundingFilter, 'status'> & { projectId?: string; db?: DbClient },
): Promise<YearFunding[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  // Promises above projects (programme-level, general-purpose) count only when the scope is not
  // narrowed to projects, so totals equal getFundingFigures for the same scope.
  const narrowed = Boolean(args.projectId || args.regionCode || args.countryCode);
  const above = narrowed ? Prisma.sql`FALSE` : aboveProjectsSql(args.programmeId);
  // The whole portfolio needs no project columns: every summary row counts (as in getFundingFigures).
  const projects =
    narrowed || args.programmeId ? Prisma.sql`JOIN projects p ON p.id = s."projectId" AND ${projectWhere(args)}` : Prisma.empty;
  const rows = await db.$queryRaw<(SummarySums & { year: number; above: bigint })[]>`
    SELECT y.year, COALESCE(s.requirement, 0)::bigint AS requirement, COALESCE(s.rb, 0)::bigint AS rb, COALESCE(s.gp, 0)::bigint AS gp,
           COALESCE(s.em, 0)::bigint AS em, COALESCE(s.unpaid, 0)::bigint AS unpaid, COALESCE(o.v, 0)::bigint AS above
    FROM generate_series(${args.fromYear}::int, ${args.toYear}::int) AS y(year)
    LEFT JOIN (
      SELECT s.year, ${summarySelect}
      FROM funding_summaries s ${projects}
      WHERE s.year BETWEEN ${args.fromYear} AND ${args.toYear}
      GROUP BY s.year
    ) s ON s.year = y.year
    LEFT JOIN (
      SELECT o.year, SUM(o."openUsdMinor") AS v FROM open_instalments o
      WHERE ${above} AND o.year BETWEEN ${args.fromYear} AND ${args.toYear}
      GROUP BY o.year
    ) o ON o.year = y.year
    ORDER BY y.year`;
  return rows.map((row) => ({ year: row.year, ...figures(row, BigInt(row.above)) }));
}

/** Figures per region (regions that have projects in the scope), largest gap first. */
async function getFundingByRegionUncached(
  args: Omit<ProjectFundingFilter, 'regionCode' | 'countryCode' | 'status'> & { db?: DbClient },
): Promise<RegionFunding[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const rows = await db.$queryRaw<(SummarySums & { regionCode: string })[]>`
    SELECT p."regionCode", ${summarySelect}
    FROM projects p
    LEFT JOIN funding_summaries s ON s."projectId" = p.id AND s.year BETWEEN ${args.fromYear} AND ${args.toYear}
    WHERE ${projectWhere({ programmeId: args.programmeId })}
    GROUP BY p."regionCode"`;
  return sortRegions(rows.map((row) => ({ regionCode: row.regionCode, ...figures(row) })));
}

/**
 * getFundingByRegion's answer from the rows of listProjectFunding for the same programme and
 * years when they are not narrowed (every project of the scope): each region's sums are its
 * projects' sums, and the gap and coverage are computed at the region level, as the query does.
 */
export function fundingByRegionFromProjects(projects: readonly ProjectFundingRow[]): RegionFunding[] {
  const sums = new Map<string, SummarySums>();
  for (const project of projects) {
    let region = sums.get(project.regionCode);
    if (!region) sums.set(project.regionCode, (region = { requirement: 0n, rb: 0n, gp: 0n, em: 0n, unpaid: 0n }));
    region.requirement += BigInt(project.requirementUsdMinor);
    region.rb += BigInt(project.fundedBySource.regularBudget);
    region.gp += BigInt(project.fundedBySource.generalPurpose);
    region.em += BigInt(project.fundedBySource.earmarked);
    region.unpaid += BigInt(project.pledgedUnpaidUsdMinor);
  }
  return sortRegions([...sums].map(([regionCode, row]) => ({ regionCode, ...figures(row) })));
}

const sortRegions = (regions: RegionFunding[]) =>
  regions.sort((a, b) => b.gapUsdMinor - a.gapUsdMinor || a.regionCode.localeCompare(b.regionCode));

/**
 * Giving per donor in the year range, largest paid first (definitions: donor-giving.server.ts).
 * The open data API's contributions; the dashboard uses getContributionSummary.
 */
async function listContributionsUncached(args: ContributionFilter & { limit?: number; db?: DbClient }): Promise<DonorContribution[]> {
  assertYears(args.fromYear, args.toYear);
  const limit = Math.min(Math.max(args.limit ?? 1000, 1), 10_000);
  const { rows } = await queryContributions({ ...args, sort: 'paid', limit, db: args.db ?? getPrisma() });
  return rows;
}

/** The dashboard's contributions: the first `limit` donors in `sort` order, and the count and sums of all of them. */
async function getContributionSummaryUncached(args: ContributionFilter & { sort: ContributionSort; limit: number; db?: DbClient }) {
  assertYears(args.fromYear, args.toYear);
  return queryContributions({ ...args, limit: Math.min(Math.max(args.limit, 1), 10_000), db: args.db ?? getPrisma() });
}

/** Donors ranked by money allocated from their payments to the scope's projects in the year range. */
async function listTopDonorsUncached(args: {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  limit?: number;
  db?: DbClient;
}): Promise<TopDonor[]> {
  assertYears(args.fromYear, args.toYear);
  const limit = Math.min(Math.max(args.limit ?? 10, 1), 1000);
  return queryTopDonors({ ...args, limit, db: args.db ?? getPrisma() });
}

/** A region's or a country's donors by allocated money, individuals and anonymous gifts grouped (queryPlaceDonors). */
async function listPlaceDonorsUncached(args: {
  fromYear: number;
  toYear: number;
  regionCode?: string;
  countryCode?: string;
  limit?: number;
  db?: DbClient;
}) {
  assertYears(args.fromYear, args.toYear);
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 1000);
  return queryPlaceDonors({ ...args, limit, db: args.db ?? getPrisma() });
}

/** Distinct values present in the data, for filter menus and for validating URL filters. */
async function listFilterOptionsUncached(args: {
  db?: DbClient;
}): Promise<{ years: number[]; regionCodes: string[]; countryCodes: string[]; statuses: ProjectStatus[] }> {
  const db = args.db ?? getPrisma();
  // One statement; "C" order is JavaScript's sort order for these codes.
  const [row] = await db.$queryRaw<
    { years: number[] | null; regionCodes: string[] | null; countryCodes: string[] | null; statuses: ProjectStatus[] | null }[]
  >`
    SELECT (SELECT array_agg(y.year ORDER BY y.year) FROM (SELECT year FROM project_requirements UNION SELECT year FROM funding_summaries) y) AS years,
           (SELECT array_agg(DISTINCT p."regionCode" COLLATE "C" ORDER BY p."regionCode" COLLATE "C") FROM projects p) AS "regionCodes",
           (SELECT array_agg(DISTINCT p."countryCode"::text COLLATE "C" ORDER BY p."countryCode"::text COLLATE "C") FROM projects p WHERE p."countryCode" IS NOT NULL) AS "countryCodes",
           (SELECT array_agg(DISTINCT p.status::text COLLATE "C" ORDER BY p.status::text COLLATE "C") FROM projects p) AS statuses`;
  return {
    years: row?.years ?? [],
    regionCodes: row?.regionCodes ?? [],
    countryCodes: row?.countryCodes ?? [],
    statuses: row?.statuses ?? [],
  };
}
export const listProjectFunding = cachedRead('listProjectFunding', listProjectFundingUncached);
export const getProjectFunding = cachedRead('getProjectFunding', getProjectFundingUncached);
export const getFundingByYear = cachedRead('getFundingByYear', getFundingByYearUncached);
export const getFundingByRegion = cachedRead('getFundingByRegion', getFundingByRegionUncached);
export const listContributions = cachedRead('listContributions', listContributionsUncached);
export const getContributionSummary = cachedRead('getContributionSummary', getContributionSummaryUncached);
export const listTopDonors = cachedRead('listTopDonors', listTopDonorsUncached);
export const listPlaceDonors = cachedRead('listPlaceDonors', listPlaceDonorsUncached);
export const listFilterOptions = cachedRead('listFilterOptions', listFilterOptionsUncached);
