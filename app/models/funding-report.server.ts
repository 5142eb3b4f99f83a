// Read models for the public funding pages, the Member State dashboard and the open data API.
// Project-year figures come from funding_summaries (kept in step with the ledger); donor-level
// figures and programme-level pledges from the facts. Everything is USD minor units (integers).
// Definitions follow funding.server.ts (requirement, funded by source, pledged-unpaid, gap, coverage).
import type { DonorType, ProjectStatus } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/utils/db.server.ts';
import type { LocalizedText } from '~/utils/i18n.ts';
import type { FundingFigures } from './funding.server.ts';

export interface ProjectFundingFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  regionCode?: string;
  countryCode?: string;
  status?: ProjectStatus;
}

export interface ProjectFundingRow extends FundingFigures {
  id: string;
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  programmeId: string;
  programmeSlug: string;
  programmeCode: string;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: ProjectStatus;
  /** ISO dates (YYYY-MM-DD) */
  startDate: string;
  endDate: string;
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

export declare function listProjectFunding(args: ProjectFundingFilter & { db?: DbClient }): Promise<ProjectFundingRow[]>;
export declare function getProjectFunding(args: { code: string; fromYear: number; toYear: number; db?: DbClient }): Promise<ProjectFundingRow | null>;
export declare function getFundingByYear(args: Omit<ProjectFundingFilter, 'status'> & { projectId?: string; db?: DbClient }): Promise<YearFunding[]>;
export declare function getFundingByRegion(args: Omit<ProjectFundingFilter, 'regionCode' | 'countryCode' | 'status'> & { db?: DbClient }): Promise<RegionFunding[]>;
export declare function listContributions(args: ContributionFilter & { limit?: number; db?: DbClient }): Promise<DonorContribution[]>;
export declare function listTopDonors(args: { fromYear: number; toYear: number; programmeId?: string; projectId?: string; limit?: number; db?: DbClient }): Promise<TopDonor[]>;
/** Distinct values present in the data, for filter menus and for validating URL filters. */
export declare function listFilterOptions(args?: { db?: DbClient }): Promise<{ years: number[]; regionCodes: string[]; countryCodes: string[]; statuses: ProjectStatus[] }>;
