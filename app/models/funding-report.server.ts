// Read models for the public funding pages, the Member State dashboard and the open data API.
// Project-year figures come from funding_summaries (kept in step with the ledger); donor-level
// figures and programme-level pledges from the facts. Everything is USD minor units (integers).
// Definitions follow funding.server.ts (requirement, funded by source, pledged-unpaid, gap, coverage).
import { Prisma, type DonorType, type ProjectStatus } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import { toSafeNumber } from '~/utils/money.ts';
import { cachedRead } from '~/services/public-data-cache.server.ts';
import { toProjectBasics, type ProjectBasics } from './project-basics.server.ts';
import { exponentSql, figuresFromSums, openInstalmentsSql, type FundingFigures, type FundingScope } from './funding.server.ts';

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

export interface ContributionFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  regionCode?: string;
  donorType?: DonorType;
}

/** One donor's giving in the range. Anonymous donors have `donorId` and `name` null. */
export interface DonorContribution {
  donorId: string | null;
  name: string | null;
  isAnonymous: boolean;
  donorType: DonorType;
  countryCode: string | null;
  /** Promised in the range: pledges made (ONCE/INSTALMENTS total, MONTHLY: what was paid) */
  pledgedUsdMinor: number;
  /** Received in the range, net of refunds and lost disputes */
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
  /** generalPurpose ÷ paid in basis points (0 when nothing paid) */
  generalPurposeShareBasisPoints: number;
}

/** Money allocated to the scope's projects, attributed to the donors whose payments it came from. */
export interface TopDonor {
  donorId: string | null;
  name: string | null;
  isAnonymous: boolean;
  donorType: DonorType;
  allocatedUsdMinor: number;
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
  if (filter.regionCode) conditions.push(Prisma.sql`p."regionCode" = ${filter.regionCode}`);
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
async function getProjectFundingUncached(args: { code: string; fromYear: number; toYear: number; db?: DbClient }): Promise<ProjectFundingRow | null> {
  assertYears(args.fromYear, args.toYear);
  const [row] = await queryProjects(args.db ?? getPrisma(), projectWhere({ code: args.code }), args.fromYear, args.toYear);
  return row ?? null;
}

/**
 * Pledged-unpaid that sits on no project, by due year: PROGRAMME pledges (for a programme, or for
 * everything) and GENERAL_PURPOSE pledges (for everything). Only when the scope is not narrowed
 * to projects (region, country, project), so totals equal getFundingFigures for the same scope.
 */
async function unpaidAboveProjects(db: DbClient, programmeId: string | undefined, fromYear: number, toYear: number): Promise<Map<number, bigint>> {
  const scope: FundingScope = programmeId ? { programmeId } : undefined;
  const rows = await db.$queryRaw<{ year: number; v: bigint }[]>`
    SELECT o.year, SUM(o.usd)::bigint AS v FROM (${openInstalmentsSql(scope, fromYear, toYear)}) o
    WHERE o.earmark <> 'PROJECT' GROUP BY o.year`;
  return new Map(rows.map((row) => [row.year, BigInt(row.v)]));
}

/** Figures per year (every year of the range, zeros included) for a programme, a project, a region or everything. */
async function getFundingByYearUncached(args: Omit<ProjectFundingFilter, 'status'> & { projectId?: string; db?: DbClient }): Promise<YearFunding[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const rows = await db.$queryRaw<(SummarySums & { year: number })[]>`
    SELECT s.year, ${summarySelect}
    FROM funding_summaries s JOIN projects p ON p.id = s."projectId"
    WHERE s.year BETWEEN ${args.fromYear} AND ${args.toYear} AND ${projectWhere(args)}
    GROUP BY s.year`;
  const narrowed = Boolean(args.projectId || args.regionCode || args.countryCode);
  const extra = narrowed ? new Map<number, bigint>() : await unpaidAboveProjects(db, args.programmeId, args.fromYear, args.toYear);
  const byYear = new Map(rows.map((row) => [row.year, row]));
  const zero: SummarySums = { requirement: 0n, rb: 0n, gp: 0n, em: 0n, unpaid: 0n };
  const years: YearFunding[] = [];
  for (let year = args.fromYear; year <= args.toYear; year += 1) {
    years.push({ year, ...figures(byYear.get(year) ?? zero, extra.get(year) ?? 0n) });
  }
  return years;
}

/** Figures per region (regions that have projects in the scope), largest gap first. */
async function getFundingByRegionUncached(args: Omit<ProjectFundingFilter, 'regionCode' | 'countryCode' | 'status'> & { db?: DbClient }): Promise<RegionFunding[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const rows = await db.$queryRaw<(SummarySums & { regionCode: string })[]>`
    SELECT p."regionCode", ${summarySelect}
    FROM projects p
    LEFT JOIN funding_summaries s ON s."projectId" = p.id AND s.year BETWEEN ${args.fromYear} AND ${args.toYear}
    WHERE ${projectWhere({ programmeId: args.programmeId })}
    GROUP BY p."regionCode"`;
  return rows
    .map((row) => ({ regionCode: row.regionCode, ...figures(row) }))
    .sort((a, b) => b.gapUsdMinor - a.gapUsdMinor || a.regionCode.localeCompare(b.regionCode));
}

/**
 * Who a gift is shown as: the donor, or "Anonymous" when the donor or that pledge asked for it.
 * Anonymous gifts are grouped per donor type, so no single anonymous donor can be singled out.
 */
const donorKeySql = Prisma.sql`CASE WHEN d."isAnonymous" OR COALESCE(pl."isAnonymous", FALSE) THEN 'anonymous:' || d.type::text ELSE d.id::text END`;

/** Payments' earmark matching a contribution filter (GENERAL_PURPOSE only when unscoped). */
function paymentScopeSql(filter: ContributionFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.donorType) conditions.push(Prisma.sql`d.type = ${filter.donorType}::"DonorType"`);
  if (filter.projectId) conditions.push(Prisma.sql`x."earmarkType" = 'PROJECT' AND x."projectId" = ${filter.projectId}::uuid`);
  if (filter.regionCode) conditions.push(Prisma.sql`x."earmarkType" = 'PROJECT' AND pr."regionCode" = ${filter.regionCode}`);
  if (filter.programmeId) {
    conditions.push(Prisma.sql`((x."earmarkType" = 'PROGRAMME' AND x."programmeId" = ${filter.programmeId}::uuid)
      OR (x."earmarkType" = 'PROJECT' AND pr."programmeId" = ${filter.programmeId}::uuid))`);
  }
  return Prisma.join(conditions, ' AND ');
}

type ContributionRaw = {
  key: string;
  donorType: DonorType;
  name: string;
  countryCode: string | null;
  pledged: bigint;
  paid: bigint;
  gp: bigint;
};

/**
 * Giving per donor in the year range. Paid: payments received in the range, net of their
 * reversals, split general-purpose / earmarked. Pledged: ONCE and INSTALMENTS pledges made in the
 * range (at the pinned rate; cancelled ones excluded), plus what monthly gifts and gifts without a
 * pledge paid in the range (their promise is the payment). Largest paid first.
 */
async function listContributionsUncached(args: ContributionFilter & { limit?: number; db?: DbClient }): Promise<DonorContribution[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const from = new Date(Date.UTC(args.fromYear, 0, 1));
  const to = new Date(Date.UTC(args.toYear + 1, 0, 1));
  const limit = Math.min(Math.max(args.limit ?? 1000, 1), 10_000);
  const rows = await db.$queryRaw<ContributionRaw[]>`
    WITH paid AS (
      SELECT ${donorKeySql} AS key, d.id AS donor_id,
             (x."usdMinor" - COALESCE((SELECT SUM(r."usdMinor") FROM reversals r WHERE r."paymentId" = x.id), 0)) AS net,
             x."earmarkType" = 'GENERAL_PURPOSE' AS is_gp,
             (pl.id IS NULL OR pl.frequency = 'MONTHLY') AS promise_is_payment
      FROM payments x
      JOIN donors d ON d.id = x."donorId"
      LEFT JOIN pledges pl ON pl.id = x."pledgeId"
      LEFT JOIN projects pr ON pr.id = x."projectId"
      WHERE x."receivedAt" >= ${from} AND x."receivedAt" < ${to} AND ${paymentScopeSql(args)}
    ), promised AS (
      SELECT ${donorKeySql} AS key, d.id AS donor_id,
             round(x."amountMinor" * x."usdRate" * power(10::numeric, 2 - ${exponentSql(Prisma.sql`x.currency`)}))::bigint AS usd
      FROM pledges x
      JOIN donors d ON d.id = x."donorId"
      JOIN pledges pl ON pl.id = x.id
      LEFT JOIN projects pr ON pr.id = x."projectId"
      WHERE x."pledgedAt" >= ${from} AND x."pledgedAt" < ${to} AND x.frequency <> 'MONTHLY'
        AND ${paymentScopeSql(args)}
        AND COALESCE((SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = x.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1), '') <> 'CANCELLED'
    ), keys AS (
      SELECT key, donor_id, net AS paid, CASE WHEN is_gp THEN net ELSE 0 END AS gp, CASE WHEN promise_is_payment THEN net ELSE 0 END AS pledged FROM paid
      UNION ALL
      SELECT key, donor_id, 0, 0, usd FROM promised
    )
    SELECT k.key, MIN(d.type::text) AS "donorType", MIN(d."displayName") AS name,
           CASE WHEN k.key LIKE 'anonymous:%' THEN NULL ELSE MIN(d."countryCode") END AS "countryCode",
           SUM(k.pledged)::bigint AS pledged, SUM(k.paid)::bigint AS paid, SUM(k.gp)::bigint AS gp
    FROM keys k JOIN donors d ON d.id = k.donor_id
    GROUP BY k.key
    ORDER BY SUM(k.paid) DESC, SUM(k.pledged) DESC, k.key
    LIMIT ${limit}`;
  return rows.map((row) => {
    const isAnonymous = row.key.startsWith('anonymous:');
    const paid = BigInt(row.paid);
    const gp = BigInt(row.gp);
    return {
      donorId: isAnonymous ? null : row.key,
      name: isAnonymous ? null : row.name,
      isAnonymous,
      donorType: row.donorType,
      countryCode: row.countryCode,
      pledgedUsdMinor: toSafeNumber(BigInt(row.pledged)),
      paidUsdMinor: toSafeNumber(paid),
      generalPurposeUsdMinor: toSafeNumber(gp),
      earmarkedUsdMinor: toSafeNumber(paid - gp),
      generalPurposeShareBasisPoints: paid > 0n ? toSafeNumber((gp * 10000n) / paid) : 0,
    };
  });
}

/**
 * Donors ranked by the money allocated from their payments to the scope's projects in the year
 * range (DOMAIN.md money rule 3: attribution follows allocations). Regular budget has no donor.
 */
async function listTopDonorsUncached(args: { fromYear: number; toYear: number; programmeId?: string; projectId?: string; limit?: number; db?: DbClient }): Promise<TopDonor[]> {
  assertYears(args.fromYear, args.toYear);
  const db = args.db ?? getPrisma();
  const limit = Math.min(Math.max(args.limit ?? 10, 1), 1000);
  const rows = await db.$queryRaw<{ key: string; donorType: DonorType; name: string; allocated: bigint }[]>`
    SELECT ${donorKeySql} AS key, MIN(d.type::text) AS "donorType", MIN(d."displayName") AS name, SUM(a."usdMinor")::bigint AS allocated
    FROM allocations a
    JOIN projects p ON p.id = a."projectId"
    JOIN payments x ON x.id = a."paymentId"
    JOIN donors d ON d.id = x."donorId"
    LEFT JOIN pledges pl ON pl.id = x."pledgeId"
    WHERE a.year BETWEEN ${args.fromYear} AND ${args.toYear} AND ${projectWhere({ programmeId: args.programmeId, projectId: args.projectId })}
    GROUP BY 1
    HAVING SUM(a."usdMinor") > 0
    ORDER BY SUM(a."usdMinor") DESC, 1
    LIMIT ${limit}`;
  return rows.map((row) => {
    const isAnonymous = row.key.startsWith('anonymous:');
    return {
      donorId: isAnonymous ? null : row.key,
      name: isAnonymous ? null : row.name,
      isAnonymous,
      donorType: row.donorType,
      allocatedUsdMinor: toSafeNumber(BigInt(row.allocated)),
    };
  });
}

/** Distinct values present in the data, for filter menus and for validating URL filters. */
async function listFilterOptionsUncached(args: { db?: DbClient }): Promise<{ years: number[]; regionCodes: string[]; countryCodes: string[]; statuses: ProjectStatus[] }> {
  const db = args.db ?? getPrisma();
  const [years, projects] = await Promise.all([
    db.$queryRaw<{ year: number }[]>`SELECT DISTINCT year FROM project_requirements UNION SELECT DISTINCT year FROM funding_summaries ORDER BY 1`,
    db.project.findMany({ select: { regionCode: true, countryCode: true, status: true } }),
  ]);
  const distinct = <T,>(values: T[]) => [...new Set(values)].sort();
  return {
    years: years.map((row) => row.year),
    regionCodes: distinct(projects.map((project) => project.regionCode)),
    countryCodes: distinct(projects.flatMap((project) => (project.countryCode ? [project.countryCode] : []))),
    statuses: distinct(projects.map((project) => project.status)),
  };
}
export const listProjectFunding = cachedRead('listProjectFunding', listProjectFundingUncached);
export const getProjectFunding = cachedRead('getProjectFunding', getProjectFundingUncached);
export const getFundingByYear = cachedRead('getFundingByYear', getFundingByYearUncached);
export const getFundingByRegion = cachedRead('getFundingByRegion', getFundingByRegionUncached);
export const listContributions = cachedRead('listContributions', listContributionsUncached);
export const listTopDonors = cachedRead('listTopDonors', listTopDonorsUncached);
export const listFilterOptions = cachedRead('listFilterOptions', listFilterOptionsUncached);
