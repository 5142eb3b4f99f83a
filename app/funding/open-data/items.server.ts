// The open data API's item shapes: stable English field names, integer USD minor units, enum
// values lower-case with dashes (the same spelling as the URL filters). The CSV columns are the
// JSON fields flattened with dots, in this order; openapi.ts documents the same fields.
import type { FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import type { ProgrammeFigures } from '~/funding/programme-table-queries.server.ts';
import type { DonorContribution, ProjectFundingRow } from '~/funding/funding-report-queries.server.ts';
import { locales, pickText, type Locale } from '~/platform/i18n.ts';

export type LanguageNames = Record<Locale, string>;

export interface FundedBySourceItem {
  regularBudgetUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
}

export interface FiguresItem {
  requirementUsdMinor: number;
  fundedUsdMinor: number;
  fundedBySource: FundedBySourceItem;
  pledgedUnpaidUsdMinor: number;
  gapUsdMinor: number;
  coverageBasisPoints: number;
}

export interface ProgrammeItem extends FiguresItem {
  slug: string;
  code: string;
  names: LanguageNames;
  /** null with a region filter: programme-level money has no region */
  unallocatedUsdMinor: number | null;
}

export interface ProjectItem extends FiguresItem {
  code: string;
  programme: string;
  names: LanguageNames;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: string;
  startDate: string;
  endDate: string;
}

/** Anonymous donors: name "Anonymous", isAnonymous true and no donorId field at all. */
export interface ContributionItem {
  donorId?: string;
  name: string;
  isAnonymous: boolean;
  donorType: string;
  countryCode: string | null;
  pledgedUsdMinor: number;
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
  generalPurposeShareBasisPoints: number;
}

export const ANONYMOUS_NAME = 'Anonymous';

/** URL spelling of an enum value: MEMBER_STATE → member-state */
export const enumToParam = (value: string) => value.toLowerCase().replaceAll('_', '-');

/** Every language present; a missing translation falls back to English (pickText's rule). */
export function languageNames(text: unknown): LanguageNames {
  return Object.fromEntries(locales.map((locale) => [locale, pickText(text, locale)])) as LanguageNames;
}

function figuresItem(figures: FundingFigures): FiguresItem {
  return {
    requirementUsdMinor: figures.requirementUsdMinor,
    fundedUsdMinor: figures.fundedUsdMinor,
    fundedBySource: {
      regularBudgetUsdMinor: figures.fundedBySource.regularBudget,
      generalPurposeUsdMinor: figures.fundedBySource.generalPurpose,
      earmarkedUsdMinor: figures.fundedBySource.earmarked,
    },
    pledgedUnpaidUsdMinor: figures.pledgedUnpaidUsdMinor,
    gapUsdMinor: figures.gapUsdMinor,
    coverageBasisPoints: figures.coverageBasisPoints,
  };
}

export function toProgrammeItem(row: ProgrammeFigures): ProgrammeItem {
  return {
    slug: row.slug,
    code: row.code,
    names: languageNames(row.title),
    ...figuresItem(row),
    unallocatedUsdMinor: row.unallocatedUsdMinor,
  };
}

export function toProjectItem(row: ProjectFundingRow): ProjectItem {
  return {
    code: row.code,
    programme: row.programmeSlug,
    names: languageNames(row.title),
    countryCode: row.countryCode,
    regionCode: row.regionCode,
    sectorCode: row.sectorCode,
    status: enumToParam(row.status),
    startDate: row.startDate,
    endDate: row.endDate,
    ...figuresItem(row),
  };
}

export function toContributionItem(row: DonorContribution): ContributionItem {
  const figures = {
    pledgedUsdMinor: row.pledgedUsdMinor,
    paidUsdMinor: row.paidUsdMinor,
    generalPurposeUsdMinor: row.generalPurposeUsdMinor,
    earmarkedUsdMinor: row.earmarkedUsdMinor,
    generalPurposeShareBasisPoints: row.generalPurposeShareBasisPoints,
  };
  const donorType = enumToParam(row.donorType);
  if (row.isAnonymous || row.donorId === null || row.name === null) {
    // Country too is withheld: with type and amount it could identify a person.
    return { name: ANONYMOUS_NAME, isAnonymous: true, donorType, countryCode: null, ...figures };
  }
  return { donorId: row.donorId, name: row.name, isAnonymous: false, donorType, countryCode: row.countryCode, ...figures };
}

const nameColumns = locales.map((locale) => `names.${locale}`);
const figureColumns = [
  'requirementUsdMinor',
  'fundedUsdMinor',
  'fundedBySource.regularBudgetUsdMinor',
  'fundedBySource.generalPurposeUsdMinor',
  'fundedBySource.earmarkedUsdMinor',
  'pledgedUnpaidUsdMinor',
  'gapUsdMinor',
  'coverageBasisPoints',
];

export const programmeColumns = ['slug', 'code', ...nameColumns, ...figureColumns, 'unallocatedUsdMinor'] as const;
export const projectColumns = [
  'code',
  'programme',
  ...nameColumns,
  'countryCode',
  'regionCode',
  'sectorCode',
  'status',
  'startDate',
  'endDate',
  ...figureColumns,
] as const;
export const contributionColumns = [
  'donorId',
  'name',
  'isAnonymous',
  'donorType',
  'countryCode',
  'pledgedUsdMinor',
  'paidUsdMinor',
  'generalPurposeUsdMinor',
  'earmarkedUsdMinor',
  'generalPurposeShareBasisPoints',
] as const;
