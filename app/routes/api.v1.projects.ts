// GET /api/v1/projects: every project matching the page filters (year | from&to, programme,
// region, country, status) with its figures over the years, as JSON, CSV or .xlsx (?format=csv|xlsx).
// An unknown programme is a 404; values that make no sense are ignored and named in `warnings`.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listProjectFunding } from '~/funding/funding-report-queries.server.ts';
import { projectColumns, toProjectItem } from '~/funding/open-data/items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';
import { getFiguresLastChangedAt } from '~/funding/open-data/lookup-queries.server.ts';
import { resolveProgramme, yearRangeLabel } from '~/funding/open-data/filters.server.ts';
import { filtersToSearchParams, parseFundingFilters } from '~/funding/funding-filters.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(
      new URL(request.url),
      ['year', 'from', 'to', 'programme', 'region', 'country', 'status'],
      ['json', 'csv', 'xlsx'],
    );
    const { filters, ignored } = parseFundingFilters(query.params, new Date().getUTCFullYear());
    const programmeId = await resolveProgramme(filters.programmeSlug);
    const rows = await listProjectFunding({
      fromYear: filters.fromYear,
      toYear: filters.toYear,
      programmeId,
      regionCode: filters.regionCode,
      countryCode: filters.countryCode,
      status: filters.status,
    });
    const applied = filtersToSearchParams({ ...filters, donorType: undefined });
    return listResponse(request, {
      format: query.format,
      envelope: {
        fromYear: filters.fromYear,
        toYear: filters.toYear,
        filters: Object.fromEntries([...applied].filter(([name]) => !['year', 'from', 'to'].includes(name))),
        currency: 'USD',
        unit: 'minor',
        warnings: [...query.warnings, ...ignored],
      },
      items: rows.map(toProjectItem),
      columns: projectColumns,
      filename: `projects-${yearRangeLabel(filters)}`,
      about: {
        title: 'Funding by project',
        description:
          'One row per project matching the filters: where it is (country, UN M49 region), its sector, status and dates, and its requirement, funding by source, pledged-unpaid, gap and coverage over the years below.',
        period: yearRangeLabel(filters),
        lastChangedAt: () => getFiguresLastChangedAt({ fromYear: filters.fromYear, toYear: filters.toYear }),
      },
    });
  });
}
