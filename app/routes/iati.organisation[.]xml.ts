// GET /iati/organisation.xml: IATI 2.03 organisation file (yearly requirements in total, by
// programme, region and country; app/funding/iati/iati-xml.server.ts). Cached with an ETag.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getIatiData } from '~/funding/iati/iati-queries.server.ts';
import { buildOrganisationXml } from '~/funding/iati/iati-xml.server.ts';
import { cachedPublicData } from '~/platform/cache/public-data-cache.server.ts';
import { handleOpenData, readOpenDataQuery, xmlResponse } from '~/funding/open-data/responses.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    readOpenDataQuery(new URL(request.url), []);
    // The whole document is cached in-process until money facts or programme data change.
    const xml = await cachedPublicData('iati:organisation', async () => buildOrganisationXml(await getIatiData()));
    return xmlResponse(request, xml);
  });
}
