// The programme page's URL: funding filters (shared with the open data API), plus the projects
// table's sort. Values that do not parse, or name a region/country the portal has no project in,
// are ignored and reported so the page can say so; nothing here throws on user input.
import type { ProjectStatus } from '~/generated/prisma/client.ts';
import type { ProjectFundingRow } from './funding-report-queries.server.ts';
import { filtersToSearchParams, parseFundingFilters, type FundingFilters } from './funding-filters.server.ts';

export const projectSorts = ['code', 'requirement', 'gap', 'coverage'] as const;
export type ProjectSort = (typeof projectSorts)[number];
export type SortDirection = 'asc' | 'desc';

export interface ProjectQuery {
  filters: { fromYear: number; toYear: number; regionCode?: string; countryCode?: string; status?: ProjectStatus };
  sort: ProjectSort;
  dir: SortDirection;
  /** Parameter names whose values were ignored, in URL order */
  ignored: string[];
}

/** Codes present in the data: a well-formed region or country that has no project is ignored too. */
export interface KnownPlaces {
  regionCodes: readonly string[];
  countryCodes: readonly string[];
}

/** Largest figures first is what a reader looking for gaps wants; codes read A→Z. */
export function defaultDirection(sort: ProjectSort): SortDirection {
  return sort === 'code' ? 'asc' : 'desc';
}

export function readProjectQuery(params: URLSearchParams, defaultYear: number, known: KnownPlaces): ProjectQuery {
  const parsed = parseFundingFilters(params, defaultYear);
  // The programme comes from the path and donor type does not apply to projects: both are
  // irrelevant here rather than wrong, so they are dropped without a notice.
  const ignored = new Set(parsed.ignored.filter((name) => name !== 'programme' && name !== 'donorType'));
  const { fromYear, toYear, status } = parsed.filters;
  let { regionCode, countryCode } = parsed.filters;
  if (regionCode && !known.regionCodes.includes(regionCode)) {
    ignored.add('region');
    regionCode = undefined;
  }
  if (countryCode && !known.countryCodes.includes(countryCode)) {
    ignored.add('country');
    countryCode = undefined;
  }

  const rawSort = params.get('sort');
  const sort = (projectSorts as readonly string[]).includes(rawSort ?? '') ? (rawSort as ProjectSort) : 'code';
  if (rawSort && sort !== rawSort) ignored.add('sort');
  const rawDir = params.get('dir');
  const dir: SortDirection = rawDir === 'asc' || rawDir === 'desc' ? rawDir : defaultDirection(sort);
  if (rawDir && rawDir !== dir) ignored.add('dir');

  const order = [...params.keys()];
  return {
    filters: { fromYear, toYear, regionCode, countryCode, status },
    sort,
    dir,
    ignored: [...ignored].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
  };
}

const sortValue: Record<ProjectSort, (row: ProjectFundingRow) => number | string> = {
  code: (row) => row.code,
  requirement: (row) => row.requirementUsdMinor,
  gap: (row) => row.gapUsdMinor,
  coverage: (row) => row.coverageBasisPoints,
};

/** A sorted copy; ties fall back to the project code so the order is stable across requests. */
export function sortProjects<T extends ProjectFundingRow>(rows: readonly T[], sort: ProjectSort, dir: SortDirection): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const value = sortValue[sort];
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order * sign || a.code.localeCompare(b.code);
  });
}

/** The query string of the page's filters (only the valid ones), optionally with a sort. */
export function projectQueryString(filters: ProjectQuery['filters'], sort?: { sort: ProjectSort; dir: SortDirection }): string {
  const params = filtersToSearchParams(filters satisfies Partial<FundingFilters>);
  if (sort) {
    params.set('sort', sort.sort);
    params.set('dir', sort.dir);
  }
  return params.toString();
}

/** Link target of a column header: sorts by it, or flips the direction when it already sorts. */
export function sortLink(query: ProjectQuery, column: ProjectSort): string {
  const dir = query.sort === column ? (query.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(column);
  return `?${projectQueryString(query.filters, { sort: column, dir })}`;
}
