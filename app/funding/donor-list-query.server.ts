// The URL of /donors: `q` (name contains), `type` (one donor type with a page) and `page` (1-based),
// validated with Zod. A value that does not parse is dropped and reported in `ignored` so the page
// can say so; an empty value (the search form sent with its box blank) means "no filter" and is not
// reported. Nothing here throws on user input.
import { z } from 'zod';
import { PAGE_DONOR_TYPES, type PageDonorType } from './donor-page-queries.server.ts';
import { donorTypeFromParam, donorTypeParam } from './funding-filters.server.ts';

export const DONORS_PER_PAGE = 100;
/** Longest name search accepted; longer text is no donor's name and is ignored. */
export const MAX_SEARCH_LENGTH = 100;

const fields = {
  q: z.string().trim().min(1).max(MAX_SEARCH_LENGTH),
  // As /funding's donorType: "member-state", "MEMBER_STATE" and "Member_State" alike.
  type: z.string().transform(donorTypeFromParam).pipe(z.enum(PAGE_DONOR_TYPES)),
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().int().min(1)),
};

export type DonorListParam = keyof typeof fields;

export interface DonorListQuery {
  q?: string;
  type?: PageDonorType;
  page: number;
  /** Names of the parameters whose values were ignored, in URL order */
  ignored: DonorListParam[];
}

export function readDonorListQuery(params: URLSearchParams): DonorListQuery {
  const ignored: DonorListParam[] = [];
  const read = <T>(name: DonorListParam, schema: z.ZodType<T>): T | undefined => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') return undefined;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    ignored.push(name);
    return undefined;
  };
  const query = { q: read('q', fields.q), type: read('type', fields.type), page: read('page', fields.page) ?? 1 };
  const order = [...params.keys()];
  return { ...query, ignored: ignored.sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}

/** The address of a list page: only the filters given, `page` left out for the first page. */
export function donorListHref(query: { q?: string; type?: PageDonorType; page?: number }): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.type) params.set('type', donorTypeParam(query.type));
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/donors?${search}` : '/donors';
}
