// What the /funding loader sends to the page: figures already formatted in the reader's language
// (the server knows the locale), plus the raw integers the charts need to draw bars.

import type { FormattedAmounts } from './funding-format.ts';

export interface Option {
  value: string;
  label: string;
}

export interface FilterFormView {
  from: string;
  to: string;
  programme: string;
  region: string;
  country: string;
  project: string;
  donorType: string;
  sort: string;
  years: Option[];
  programmes: Option[];
  regions: Option[];
  countries: Option[];
  projects: Option[];
  donorTypes: Option[];
}

/** A place the figures are narrowed to, with its page. */
export interface ScopePlace {
  name: string;
  href: string;
}

export interface TotalsView extends FormattedAmounts {
  /** Received for the programme(s), not yet allocated to projects; null with a region filter */
  unallocated: string | null;
  coveragePercent: string;
  coverageBasisPoints: number;
  coverageLabel: string;
}

export interface YearView {
  year: number;
  yearLabel: string;
  requirementUsdMinor: number;
  regularBudgetUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
  gapUsdMinor: number;
  generalPurposeShareBasisPoints: number;
  requirement: string;
  regularBudget: string;
  generalPurpose: string;
  earmarked: string;
  funded: string;
  pledgedUnpaid: string;
  gap: string;
  coverage: string;
  generalPurposeShare: string;
}

export interface ContributionView {
  key: string;
  donor: string;
  /** The donor's page (decision 048), when it has one */
  href?: string;
  isAnonymous: boolean;
  type: string;
  country: string;
  pledged: string;
  paid: string;
  paidRatio: string;
  generalPurpose: string;
  generalPurposeShare: string;
}

export interface ContributionTotalsView {
  pledged: string;
  paid: string;
  paidRatio: string;
  generalPurpose: string;
  generalPurposeShare: string;
}

export interface SortLink {
  sort: string;
  href: string;
  isCurrent: boolean;
}

export interface DownloadFormats {
  csv: string;
  json: string;
  xlsx: string;
}

export interface DownloadLinks {
  programmes: DownloadFormats;
  projects: DownloadFormats;
  contributions: DownloadFormats;
}

/** One row of the programme table: the same figures as the programmes download, formatted. */
export interface ProgrammeRowView {
  slug: string;
  title: string;
  requirement: string;
  funded: string;
  pledgedUnpaid: string;
  gap: string;
  coverage: string;
  /** null with a region filter: programme-level money has no region */
  unallocated: string | null;
}
