// Funding filters from a URL (pages and open data API share them, so a page and its download
// always mean the same thing). Nonsense values are dropped and reported in `ignored`, never
// thrown: the page shows a notice, the API a warning field.
import { z } from 'zod';
import type { DonorType, ProjectStatus } from '~/generated/prisma/client.ts';

/** A donor type as URLs spell it ("member-state"), and back; any case and either separator is read. */
export const donorTypeParam = (type: DonorType) => type.toLowerCase().replaceAll('_', '-');
export const donorTypeFromParam = (value: string) => value.toUpperCase().replaceAll('-', '_');

export const projectStatuses = [
  'PIPELINE',
  'IMPLEMENTATION',
  'FINALISATION',
  'CLOSED',
  'CANCELLED',
  'SUSPENDED',
] as const satisfies readonly ProjectStatus[];
export const donorTypes = [
  'INDIVIDUAL',
  'COMPANY',
  'FOUNDATION',
  'MEMBER_STATE',
  'INTERGOVERNMENTAL',
  'OTHER',
] as const satisfies readonly DonorType[];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface FundingFilters {
  fromYear: number;
  toYear: number;
  programmeSlug?: string;
  regionCode?: string;
  countryCode?: string;
  status?: ProjectStatus;
  donorType?: DonorType;
}

export interface ParsedFilters {
  filters: FundingFilters;
  /** Names of the parameters whose values were not understood and were ignored */
  ignored: string[];
}

const year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);
const fields = {
  programme: z.string().regex(/^[a-z0-9-]{1,64}$/),
  region: z.string().regex(/^\d{3}$/),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((value) => value.toUpperCase()),
  status: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(projectStatuses)),
  donorType: z.string().transform(donorTypeFromParam).pipe(z.enum(donorTypes)),
};

/** A project code in a page's URL (`project`), upper case; the pages check it exists. */
export const projectCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,32}$/)
  .transform((value) => value.toUpperCase());

/** Parses `year`, or `from`/`to`, and the optional filters; defaults to `defaultYear`. */
export function parseFundingFilters(params: URLSearchParams, defaultYear: number): ParsedFilters {
  const ignored: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = params.get(name);
    if (raw === null || raw === '') return undefined;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    ignored.push(name);
    return undefined;
  };

  let fromYear = defaultYear;
  let toYear = defaultYear;
  const single = read('year', year);
  if (single !== undefined) {
    fromYear = toYear = single;
  } else {
    const from = read('from', year);
    const to = read('to', year);
    if (from !== undefined && to !== undefined && from > to) {
      ignored.push('from', 'to');
    } else {
      fromYear = from ?? (to !== undefined ? Math.min(to, defaultYear) : defaultYear);
      toYear = to ?? (from !== undefined ? Math.max(from, defaultYear) : defaultYear);
    }
  }

  return {
    filters: {
      fromYear,
      toYear,
      programmeSlug: read('programme', fields.programme),
      regionCode: read('region', fields.region),
      countryCode: read('country', fields.country),
      status: read('status', fields.status),
      donorType: read('donorType', fields.donorType),
    },
    ignored,
  };
}

/** The query string for filters (only what is set), for links, downloads and canonical URLs. */
export function filtersToSearchParams(filters: Partial<FundingFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.fromYear !== undefined && filters.fromYear === filters.toYear) params.set('year', String(filters.fromYear));
  else {
    if (filters.fromYear !== undefined) params.set('from', String(filters.fromYear));
    if (filters.toYear !== undefined) params.set('to', String(filters.toYear));
  }
  if (filters.programmeSlug) params.set('programme', filters.programmeSlug);
  if (filters.regionCode) params.set('region', filters.regionCode);
  if (filters.countryCode) params.set('country', filters.countryCode);
  if (filters.status) params.set('status', filters.status.toLowerCase());
  if (filters.donorType) params.set('donorType', donorTypeParam(filters.donorType));
  return params;
}
