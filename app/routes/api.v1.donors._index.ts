// GET /api/v1/donors: the named institutional donors that have a page (decision 048), as JSON,
// CSV or .xlsx (?format=csv|xlsx). Individuals and anonymous donors are never listed. The whole list
// in one answer, as /api/v1/contributions answers without pages: the web page /donors pages through
// the same donors (listPublicDonorPage, same eligibility and order), this endpoint stays complete.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { listPublicDonors } from '~/funding/donor-page-queries.server.ts';
import { donorColumns, toDonorItem } from '~/funding/open-data/donor-items.server.ts';
import { handleOpenData, listResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(new URL(request.url), [], ['json', 'csv', 'xlsx']);
    const donors = await listPublicDonors();
    return listResponse(request, {
      format: query.format,
      envelope: { warnings: query.warnings },
      items: donors.map(toDonorItem),
      columns: donorColumns,
      filename: 'donors',
      about: {
        title: 'Donors with a page',
        description:
          'The named institutional donors (Member States, intergovernmental bodies, companies and foundations that did not ask to stay anonymous) that have a page on the portal; individuals and anonymous donors are never listed. Each page gives the donor’s figures.',
        basis: [],
        lastChangedAt: async () => null,
      },
    });
  });
}
