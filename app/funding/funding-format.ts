// Funding figures turned into what pages show: formatted strings in the reader's locale and chart
// data (series by source of funds, then the gap, with the requirement as a reference marker).
// Pure (no server imports), so loaders use it and the dashboard can reuse it.
import type { ChartCategory, ChartSeries } from '~/ui/charts/chart-types.ts';
import type { FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import type { TopDonor } from './funding-report-queries.server.ts';
import { buildAxis } from '~/ui/charts/scale.ts';
import { formatPercentFromBasisPoints } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';

export const fundingSourceKeys = ['regularBudget', 'generalPurpose', 'earmarked'] as const;
export type FundingSourceKey = (typeof fundingSourceKeys)[number];

/** A year's money figures formatted in the reader's locale: what every table, card and total shows. */
export interface FormattedAmounts {
  requirement: string;
  funded: string;
  regularBudget: string;
  generalPurpose: string;
  earmarked: string;
  pledgedUnpaid: string;
  gap: string;
}

export interface FormattedFigures extends FormattedAmounts {
  coverage: string;
}

export function formatFigures(figures: FundingFigures, locale: string): FormattedFigures {
  const usd = (minor: number) => formatMoney(minor, 'USD', locale);
  return {
    requirement: usd(figures.requirementUsdMinor),
    funded: usd(figures.fundedUsdMinor),
    regularBudget: usd(figures.fundedBySource.regularBudget),
    generalPurpose: usd(figures.fundedBySource.generalPurpose),
    earmarked: usd(figures.fundedBySource.earmarked),
    pledgedUnpaid: usd(figures.pledgedUnpaidUsdMinor),
    gap: usd(figures.gapUsdMinor),
    coverage: formatPercentFromBasisPoints(figures.coverageBasisPoints, locale),
  };
}

// One formatter per language: building one (~0.25 ms) costs more than a whole axis of labels.
const compactUsdFormats = new Map<string, Intl.NumberFormat>();

/**
 * A short money label for chart axes ("$1.5M", "1,5 M$US"). Dividing minor units by 100 is a
 * display-only step on round tick values; no figure a reader relies on is computed from it.
 */
export function formatCompactUsd(minor: number, locale: string): string {
  let format = compactUsdFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    });
    compactUsdFormats.set(locale, format);
  }
  return format.format(minor / 100);
}

export interface FundingSeriesLabels {
  regularBudget: string;
  generalPurpose: string;
  earmarked: string;
  gap: string;
}

/** Stack order: the three sources of funds from the axis out, then the gap (hatched red). */
export function fundingSeries(labels: FundingSeriesLabels): ChartSeries[] {
  return [
    { key: 'regularBudget', label: labels.regularBudget, tone: 'blue', pattern: 'solid' },
    { key: 'generalPurpose', label: labels.generalPurpose, tone: 'green', pattern: 'dots' },
    { key: 'earmarked', label: labels.earmarked, tone: 'purple', pattern: 'diagonal' },
    { key: 'gap', label: labels.gap, tone: 'red', pattern: 'crosshatch' },
  ];
}

/**
 * One bar: funded by source plus the gap, so an under-funded bar is exactly as long as the
 * requirement (the reference marker shows it when funding exceeds the requirement).
 */
export function fundingCategory(key: string, label: string, figures: FundingFigures, locale: string): ChartCategory {
  const text = formatFigures(figures, locale);
  return {
    key,
    label,
    values: {
      regularBudget: figures.fundedBySource.regularBudget,
      generalPurpose: figures.fundedBySource.generalPurpose,
      earmarked: figures.fundedBySource.earmarked,
      gap: figures.gapUsdMinor,
    },
    valueLabels: {
      regularBudget: text.regularBudget,
      generalPurpose: text.generalPurpose,
      earmarked: text.earmarked,
      gap: text.gap,
    },
    totalLabel: text.requirement,
    reference: figures.requirementUsdMinor,
    referenceLabel: text.requirement,
  };
}

/** The largest bar (stacked total or requirement) among figures, for the chart axis. */
export function maxStack(figures: FundingFigures[]): number {
  return Math.max(0, ...figures.map((f) => Math.max(f.requirementUsdMinor, f.fundedUsdMinor + f.gapUsdMinor)));
}

/** The top-donors bar chart's data (programme and project pages); anonymous donors get `anonymousLabel`. */
export function donorBars(
  donors: readonly TopDonor[],
  locale: string,
  anonymousLabel: string,
  /** Donor id → slug of the donors that have a page (decision 048); others get no link */
  pageSlugs: ReadonlyMap<string, string> = new Map(),
) {
  return {
    bars: donors.map((donor, index) => {
      const slug = donor.donorId ? pageSlugs.get(donor.donorId) : undefined;
      return {
        key: donor.donorId ?? `anonymous-${index}`,
        label: donor.name ?? anonymousLabel,
        ...(slug ? { href: `/donors/${slug}` } : {}),
        value: donor.allocatedUsdMinor,
        valueLabel: formatMoney(donor.allocatedUsdMinor, 'USD', locale),
      };
    }),
    axis: buildAxis(Math.max(0, ...donors.map((donor) => donor.allocatedUsdMinor)), (value: number) => formatCompactUsd(value, locale)),
  };
}
