// Filters the open data API adds on top of parseFundingFilters: identifiers that must exist
// (an unknown programme or project is a 404, not an empty list) and the project code parameter.
import { findProgrammeIdBySlug, findProjectIdByCode } from './lookup-queries.server.ts';
import type { FundingFilters } from '~/funding/funding-filters.server.ts';
import { apiError } from './responses.server.ts';

const PROJECT_CODE = /^[A-Za-z0-9-]{1,32}$/;

/** `project` as an upper-case code; a malformed value is ignored and added to `ignored`. */
export function readProjectCode(params: URLSearchParams, ignored: string[]): string | undefined {
  const raw = params.get('project');
  if (raw === null || raw === '') return undefined;
  if (PROJECT_CODE.test(raw)) return raw.toUpperCase();
  ignored.push('project');
  return undefined;
}

/** The programme's id; throws a 404 JSON error Response for a slug no programme has. */
export async function resolveProgramme(slug: string | undefined): Promise<string | undefined> {
  if (!slug) return undefined;
  const id = await findProgrammeIdBySlug({ slug });
  if (!id) throw apiError(404, 'programme_not_found', `No programme has the slug "${slug}".`);
  return id;
}

/** The project's id; throws a 404 JSON error Response for a code no project has. */
export async function resolveProject(code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  const id = await findProjectIdByCode({ code });
  if (!id) throw apiError(404, 'project_not_found', `No project has the code "${code}".`);
  return id;
}

/** "2025" or "2023-2025", for download file names. */
export function yearRangeLabel(filters: Pick<FundingFilters, 'fromYear' | 'toYear'>): string {
  return filters.fromYear === filters.toYear ? String(filters.fromYear) : `${filters.fromYear}-${filters.toYear}`;
}
