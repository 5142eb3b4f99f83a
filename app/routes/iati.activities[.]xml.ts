// GET /iati/activities.xml: IATI 2.03 activity file, one iati-activity per project
// (app/services/iati.server.ts). Cached with an ETag like the JSON API.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getIatiData } from '~/models/iati.server.ts';
import { buildActivitiesXml } from '~/services/iati.server.ts';
import { cachedPublicData } from '~/services/public-data-cache.server.ts';
import { handleOpenData, readOpenDataQuery, xmlResponse } from '~/services/open-data.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    // No parameters; the call still refuses oversized query strings.
    readOpenDataQuery(new URL(request.url), []);
    // The whole document is cached in-process until money facts or programme data change.
    const xml = await cachedPublicData('iati:activities', async () => buildActivitiesXml(await getIatiData()));
    return xmlResponse(request, xml);
  });
}
