// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the open data API (app/funding/open-data/openapi.ts).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { openApiDocument } from '~/funding/open-data/openapi.ts';
import { handleOpenData, jsonDocumentResponse, readOpenDataQuery } from '~/funding/open-data/responses.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    readOpenDataQuery(new URL(request.url), []);
    return jsonDocumentResponse(request, openApiDocument);
  });
}
