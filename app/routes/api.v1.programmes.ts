// GET /api/v1/programmes: every global programme's figures for the page filters (year | from&to,
// programme, region, country, project; default the current UTC year), as JSON, CSV or .xlsx (?format=csv|xlsx): the /funding
// page's programme table and its download read the same rows. Key-less, cached with an ETag.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listProgrammeFigures } from '~/funding/programme-table-queries.server.ts';
import { programmeColumns, toProgrammeItem } from '~/funding/open-data/items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';
import { getFiguresLastChangedAt } from '~/funding/open-data/lookup-queries.server.ts';
import { readProjectCode, resolveProgramme, resolveProject, yearRangeLabel } from '~/funding/open-data/filters.server.ts';
import { filtersToSearchParams, parseFundingFilters } from '~/funding/funding-filters.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(
      new URL(request.url),
      ['year', 'from', 'to', 'programme', 'region', 'country', 'project'],
      ['json', 'csv', 'xlsx'],
    );
    const { filters, ignored } = parseFundingFilters(query.params, new Date().getUTCFullYear());
    const projectCode = readProjectCode(query.params, ignored);
    const programmeId = await resolveProgramme(filters.programmeSlug);
    const projectId = await resolveProject(projectCode);
    const rows = await listProgrammeFigures({
      fromYear: filters.fromYear,
      toYear: filters.toYear,
      programmeId,
      regionCode: filters.regionCode,
      countryCode: filters.countryCode,
      projectId,
    });
    const applied = filtersToSearchParams({
      programmeSlug: filters.programmeSlug,
      regionCode: filters.regionCode,
      countryCode: filters.countryCode,
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
      items: rows.map(toProgrammeItem),
      columns: programmeColumns,
      filename: `programmes-${yearRangeLabel(filters)}`,
      about: {
        title: 'Funding by programme',
        description:
          'One row per global programme: its requirement, what funded it by source (regular budget, general-purpose, earmarked), pledged but unpaid money, the gap and the coverage, for the years and filters below. The same rows as the /funding page’s programme table.',
        period: yearRangeLabel(filters),
        lastChangedAt: () => getFiguresLastChangedAt({ fromYear: filters.fromYear, toYear: filters.toYear }),
      },
    });
  });
}
