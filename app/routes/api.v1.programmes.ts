// GET /api/v1/programmes: every global programme's figures for one year (?year=, default the
// current UTC year), as JSON or CSV (?format=csv). Key-less, cached with an ETag (open-data.server.ts).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { programmeColumns, toProgrammeItem } from '~/funding/open-data/items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';
import { parseFundingFilters } from '~/funding/funding-filters.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(new URL(request.url), ['year']);
    const { filters, ignored } = parseFundingFilters(query.params, new Date().getUTCFullYear());
    const year = filters.fromYear;
    const rows = await listProgrammeFunding({ year });
    return listResponse(request, {
      format: query.format,
      envelope: { year, currency: 'USD', unit: 'minor', warnings: [...query.warnings, ...ignored] },
      items: rows.map(toProgrammeItem),
      columns: programmeColumns,
      filename: `programmes-${year}`,
    });
  });
}
