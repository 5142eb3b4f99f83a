// GET /api/v1/donors: the named institutional donors that have a page (decision 048), as JSON or
// CSV (?format=csv). Individuals and anonymous donors are never listed.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listPublicDonors } from '~/funding/donor-page-queries.server.ts';
import { donorColumns, toDonorItem } from '~/funding/open-data/donor-items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(new URL(request.url), []);
    const donors = await listPublicDonors();
    return listResponse(request, {
      format: query.format,
      envelope: { warnings: query.warnings },
      items: donors.map(toDonorItem),
      columns: donorColumns,
      filename: 'donors',
    });
  });
}
