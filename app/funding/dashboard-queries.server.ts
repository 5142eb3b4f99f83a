// Figures for the Member State dashboard (/funding), from the shared read models. With a region,
// only project-level money counts: a region is a property of projects, so programme-level
// pledges and pools cannot belong to one.
import type { DonorType } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { toSafeNumber } from '~/platform/money.ts';
import { figuresFromSums, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { contributionSorts, type ContributionSort, type ContributionSums } from '~/ledger/donor-giving-queries.server.ts';
import { getContributionSummary, getFundingByYear, type DonorContribution, type YearFunding } from './funding-report-queries.server.ts';
import { listProgrammeFigures, type ProgrammeFigures } from './programme-table-queries.server.ts';

export { contributionSorts, type ContributionSort };

export interface DashboardFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
  /** ISO 3166-1 alpha-2: only projects in this country */
  countryCode?: string;
  /** Only this project */
  projectId?: string;
  donorType?: DonorType;
}

export interface ProgrammeOption {
  id: string;
  slug: string;
  title: LocalizedText;
}

export interface ContributionTotals {
  pledgedUsdMinor: number;
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
  /** generalPurpose ÷ paid, floored basis points (0 when nothing was paid) */
  generalPurposeShareBasisPoints: number;
}

export interface DashboardData {
  totals: FundingFigures;
  byYear: YearFunding[];
  /** Each programme (or the one chosen) for the filter: the programme table and its download */
  programmes: ProgrammeFigures[];
  /** The first CONTRIBUTIONS_LIMIT donors in the chosen order */
  contributions: DonorContribution[];
  /** How many donors gave in the filter's scope (the table may show fewer) */
  contributionCount: number;
  /** Sums over every donor, not only the rows shown */
  contributionTotals: ContributionTotals;
}

export interface ProjectOption {
  id: string;
  code: string;
  title: LocalizedText;
}

/** Projects for the filter menu, by code. */
export async function listProjectOptions(args: { db?: DbClient } = {}): Promise<ProjectOption[]> {
  const db = args.db ?? getPrisma();
  const rows = await db.project.findMany({ select: { id: true, code: true, title: true }, orderBy: { code: 'asc' } });
  // title is JSON { en, fr, ... } written by the seed and staff forms; pickText reads it safely.
  return rows.map((row) => ({ id: row.id, code: row.code, title: row.title as LocalizedText }));
}

/** Programmes for the filter menu, in their display order. */
export async function listProgrammeOptions(args: { db?: DbClient } = {}): Promise<ProgrammeOption[]> {
  const db = args.db ?? getPrisma();
  const rows = await db.programme.findMany({
    select: { id: true, slug: true, title: true },
    orderBy: [{ sortOrder: 'asc' }, { slug: 'asc' }],
  });
  // title is JSON { en, fr, ... } written by the seed and staff forms; pickText reads it safely.
  return rows.map((row) => ({ id: row.id, slug: row.slug, title: row.title as LocalizedText }));
}

/**
 * Totals over the years of `byYear`: amounts are summed, then gap and coverage are computed once
 * at the level asked for (as the ledger does), never summed from the per-year gaps.
 */
export function totalsFromYears(byYear: readonly FundingFigures[]): FundingFigures {
  const sums = { requirement: 0n, regularBudget: 0n, generalPurpose: 0n, earmarked: 0n, pledgedUnpaid: 0n };
  for (const year of byYear) {
    sums.requirement += BigInt(year.requirementUsdMinor);
    sums.regularBudget += BigInt(year.fundedBySource.regularBudget);
    sums.generalPurpose += BigInt(year.fundedBySource.generalPurpose);
    sums.earmarked += BigInt(year.fundedBySource.earmarked);
    sums.pledgedUnpaid += BigInt(year.pledgedUnpaidUsdMinor);
  }
  return figuresFromSums(sums);
}

/** Sums of the contributions table; the share is the one the headline shows. */
export function totalContributions(sums: Omit<ContributionSums, 'count'>): ContributionTotals {
  const share = sums.paid > 0n ? (sums.generalPurpose * 10_000n) / sums.paid : 0n;
  return {
    pledgedUsdMinor: toSafeNumber(sums.pledged),
    paidUsdMinor: toSafeNumber(sums.paid),
    generalPurposeUsdMinor: toSafeNumber(sums.generalPurpose),
    earmarkedUsdMinor: toSafeNumber(sums.paid - sums.generalPurpose),
    generalPurposeShareBasisPoints: toSafeNumber(share),
  };
}

/** Largest first; ties keep a stable order by name (anonymous donors last among equals). */
export function sortContributions(rows: readonly DonorContribution[], sort: ContributionSort): DonorContribution[] {
  const key = (row: DonorContribution): number =>
    sort === 'pledged' ? row.pledgedUsdMinor : sort === 'paid' ? row.paidUsdMinor : row.generalPurposeShareBasisPoints;
  return [...rows].sort(
    (a, b) => key(b) - key(a) || b.paidUsdMinor - a.paidUsdMinor || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'),
  );
}

/** Donor rows the dashboard shows (the download has all of them); count and totals cover all. */
export const CONTRIBUTIONS_LIMIT = 100;

/**
 * Everything the dashboard shows for one filter, in USD minor units. Totals are summed from the
 * per-year read model (cached, summary-backed); the unit tests hold them equal to the ledger's
 * getFundingFigures for the same filter, to the minor unit.
 */
export async function getDashboardData(args: DashboardFilter & { sort?: ContributionSort; db?: DbClient }): Promise<DashboardData> {
  const { fromYear, toYear, programmeId, regionCode, countryCode, projectId, donorType, db } = args;
  const sort = args.sort ?? 'paid';
  const scope = { fromYear, toYear, programmeId, regionCode, countryCode, projectId, db };
  const [byYear, programmes, contributions] = await Promise.all([
    getFundingByYear(scope),
    listProgrammeFigures(scope),
    getContributionSummary({ ...scope, donorType, sort, limit: CONTRIBUTIONS_LIMIT }),
  ]);
  return {
    totals: totalsFromYears(byYear),
    byYear,
    programmes,
    contributions: sortContributions(contributions.rows, sort),
    contributionCount: contributions.sums.count,
    contributionTotals: totalContributions(contributions.sums),
  };
}
