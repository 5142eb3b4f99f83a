// The open data API's donor shapes (decision 048): the donor pages' figures with stable English
// field names and integer USD minor units; openapi.ts documents the same fields.
import type { DonorPageData, PublicDonor } from '~/funding/donor-page-queries.server.ts';
import { enumToParam } from './items.server.ts';

export interface DonorItem {
  slug: string;
  name: string;
  donorType: string;
  countryCode: string | null;
  /** Path of the donor's page on the portal */
  page: string;
}

export const donorColumns = ['slug', 'name', 'donorType', 'countryCode', 'page'] as const;

export function toDonorItem(donor: PublicDonor): DonorItem {
  return {
    slug: donor.slug,
    name: donor.name,
    donorType: enumToParam(donor.donorType),
    countryCode: donor.countryCode,
    page: `/donors/${donor.slug}`,
  };
}

/** One donor's figures: totals, years (with rank), earmarks and payment record. */
export function toDonorDetail(data: DonorPageData) {
  const sum = (pick: (year: DonorPageData['years'][number]) => number) => data.years.reduce((total, year) => total + pick(year), 0);
  const paid = sum((year) => year.paidUsdMinor);
  const generalPurpose = sum((year) => year.generalPurposeUsdMinor);
  return {
    ...toDonorItem(data.donor),
    currency: 'USD',
    unit: 'minor',
    lastChangedAt: data.lastChangedAt,
    totals: {
      pledgedUsdMinor: sum((year) => year.pledgedUsdMinor),
      paidUsdMinor: paid,
      generalPurposeUsdMinor: generalPurpose,
      earmarkedUsdMinor: paid - generalPurpose,
      outstandingUsdMinor: sum((year) => year.outstandingUsdMinor),
    },
    years: data.years.map((year) => ({
      year: year.year,
      pledgedUsdMinor: year.pledgedUsdMinor,
      paidUsdMinor: year.paidUsdMinor,
      generalPurposeUsdMinor: year.generalPurposeUsdMinor,
      outstandingUsdMinor: year.outstandingUsdMinor,
      rank: year.rank,
      donorsThatYear: year.donorsThatYear,
    })),
    earmarks: data.earmarks.map((earmark) => ({
      earmarkType: enumToParam(earmark.earmarkType),
      programme: earmark.programmeSlug,
      project: earmark.earmarkType === 'PROJECT' ? earmark.ref : null,
      pledgedUsdMinor: earmark.pledgedUsdMinor,
      paidUsdMinor: earmark.paidUsdMinor,
    })),
    paymentRecord: {
      instalmentsPaidOnTime: data.paymentRecord.onTime,
      instalmentsPaidLate: data.paymentRecord.late,
      instalmentsOutstanding: data.paymentRecord.outstanding,
      instalmentsOverdue: data.paymentRecord.overdue,
      outstandingUsdMinor: data.paymentRecord.outstandingUsdMinor,
    },
  };
}

type DonorDetail = ReturnType<typeof toDonorDetail>;

/** The donor's figures as tables (CSV `?table=`, and the sheets of the .xlsx): one row a year, one row an earmark. */
export const donorTables = {
  years: ['year', 'pledgedUsdMinor', 'paidUsdMinor', 'generalPurposeUsdMinor', 'outstandingUsdMinor', 'rank', 'donorsThatYear'],
  earmarks: ['earmarkType', 'programme', 'project', 'pledgedUsdMinor', 'paidUsdMinor'],
} as const;

export type DonorTableName = keyof typeof donorTables;

export function donorTableRows(detail: DonorDetail, table: DonorTableName): (string | number | null)[][] {
  const items: Record<string, string | number | null>[] = table === 'years' ? detail.years : detail.earmarks;
  return items.map((item) => donorTables[table].map((column) => item[column] ?? null));
}
