// GET /api/v1/donors/:slug: one donor page's figures (decision 048) as JSON; 404 for an unknown
// slug and for any donor without a page alike (individuals, anonymous donors).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getDonorPageData } from '~/funding/donor-page-queries.server.ts';
import { toDonorDetail } from '~/funding/open-data/donor-items.server.ts';
import { apiError, handleOpenData, jsonDocumentResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';

const SLUG = /^[a-z0-9-]{1,80}$/;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    const query = readOpenDataQuery(new URL(request.url), []);
    const slug = params.slug ?? '';
    const data = SLUG.test(slug) ? await getDonorPageData({ slug, today: new Date().toISOString().slice(0, 10) }) : null;
    if (!data) throw apiError(404, 'not_found', 'There is no donor page with this slug.');
    return jsonDocumentResponse(request, { ...toDonorDetail(data), warnings: query.warnings });
  });
}
