// GET /api/v1/donors/:slug: one donor page's figures (decision 048) as JSON; as CSV one table
// (`?format=csv&table=years|earmarks`, years by default); as .xlsx both tables and an About sheet
// (decision 052). 404 for an unknown slug and for any donor without a page alike (individuals,
// anonymous donors).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDonorPageData } from '~/funding/donor-page-queries.server.ts';
import { donorTableRows, donorTables, toDonorDetail, type DonorTableName } from '~/funding/open-data/donor-items.server.ts';
import {
  apiError,
  csvResponse,
  handleOpenData,
  jsonDocumentResponse,
  readOpenDataQuery,
  spreadsheetResponse,
} from '~/funding/open-data/responses.server.ts';
import { donorSpreadsheetAbout } from '~/funding/open-data/spreadsheet.server.ts';

const SLUG = /^[a-z0-9-]{1,80}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(new URL(request.url), ['table'], ['json', 'csv', 'xlsx']);
    const slug = params.slug ?? '';
    const data = SLUG.test(slug) ? await getDonorPageData({ slug, today: new Date().toISOString().slice(0, 10) }) : null;
    if (!data) throw apiError(404, 'not_found', 'There is no donor page with this slug.');
    const detail = toDonorDetail(data);
    const table = query.params.get('table');
    if (query.format === 'json') {
      return jsonDocumentResponse(request, { ...detail, warnings: table === null ? query.warnings : [...query.warnings, 'table'] });
    }
    if (query.format === 'csv') {
      const name = table ?? 'years';
      if (!(name in donorTables)) throw apiError(400, 'invalid_parameters', 'table must be "years" or "earmarks".');
      const tableName = name as DonorTableName;
      return csvResponse(request, {
        columns: donorTables[tableName],
        rows: donorTableRows(detail, tableName),
        filename: `donor-${slug}-${tableName}`,
      });
    }
    return spreadsheetResponse(request, {
      warnings: table === null ? query.warnings : [...query.warnings, 'table'],
      tables: (['years', 'earmarks'] as const).map((name) => ({
        name: name === 'years' ? 'Years' : 'Earmarks',
        columns: donorTables[name],
        rows: donorTableRows(detail, name),
        csvQuery: { table: name },
      })),
      filename: `donor-${slug}`,
      about: donorSpreadsheetAbout(detail),
    });
  });
}
