// GET /api/v1/contributions: giving per donor (pledged, paid, general-purpose vs earmarked) for
// year | from&to, programme, project (code), region, country and donorType, as JSON, CSV or .xlsx (?format=csv|xlsx).
// Anonymous donors appear as "Anonymous" with no id and no country.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listContributions } from '~/funding/funding-report-queries.server.ts';
import { contributionColumns, toContributionItem } from '~/funding/open-data/items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';
import { getFiguresLastChangedAt } from '~/funding/open-data/lookup-queries.server.ts';
import { readProjectCode, resolveProgramme, resolveProject, yearRangeLabel } from '~/funding/open-data/filters.server.ts';
import { filtersToSearchParams, parseFundingFilters } from '~/funding/funding-filters.server.ts';

/** Highest number of donors one answer lists (the read model's own ceiling). */
const MAX_DONORS = 10_000;

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(
      new URL(request.url),
      ['year', 'from', 'to', 'programme', 'project', 'region', 'country', 'donorType'],
      ['json', 'csv', 'xlsx'],
    );
    const { filters, ignored } = parseFundingFilters(query.params, new Date().getUTCFullYear());
    const projectCode = readProjectCode(query.params, ignored);
    const programmeId = await resolveProgramme(filters.programmeSlug);
    const projectId = await resolveProject(projectCode);
    const rows = await listContributions({
      fromYear: filters.fromYear,
      toYear: filters.toYear,
      programmeId,
      projectId,
      regionCode: filters.regionCode,
      countryCode: filters.countryCode,
      donorType: filters.donorType,
      limit: MAX_DONORS,
    });
    const applied = filtersToSearchParams({
      programmeSlug: filters.programmeSlug,
      regionCode: filters.regionCode,
      countryCode: filters.countryCode,
      donorType: filters.donorType,
    });
    if (projectCode) applied.set('project', projectCode);
    return listResponse(request, {
      format: query.format,
      envelope: {
        fromYear: filters.fromYear,
        toYear: filters.toYear,
        filters: Object.fromEntries(applied),
        currency: 'USD',
        unit: 'minor',
        warnings: [...query.warnings, ...ignored],
      },
      items: rows.map(toContributionItem),
      columns: contributionColumns,
      filename: `contributions-${yearRangeLabel(filters)}`,
      about: {
        title: 'Contributions by donor',
        description:
          'One row per donor (anonymous donors pooled per donor type): pledged and paid in the years below, general-purpose and earmarked, and the general-purpose share of what was paid.',
        period: yearRangeLabel(filters),
        lastChangedAt: () => getFiguresLastChangedAt({ fromYear: filters.fromYear, toYear: filters.toYear, withGifts: true }),
      },
    });
  });
}
