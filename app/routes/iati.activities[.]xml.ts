// GET /iati/activities.xml: IATI 2.03 activity file, one iati-activity per project
// (app/funding/iati/iati-xml.server.ts). Cached with an ETag like the JSON API.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getIatiData } from '~/funding/iati/iati-queries.server.ts';
import { buildActivitiesXml } from '~/funding/iati/iati-xml.server.ts';
import { cachedPublicData } from '~/platform/cache/public-data-cache.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { handleOpenData, readOpenDataQuery, xmlResponse } from '~/funding/open-data/responses.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return handleOpenData(async () => {
    // No parameters; the call still refuses oversized query strings.
    readOpenDataQuery(new URL(request.url), []);
    // The whole document is cached in-process until money facts or programme data change.
    const xml = await cachedPublicData('iati:activities', async () =>
      buildActivitiesXml(await getIatiData(), { origin: getEnv().APP_ORIGIN }),
    );
    return xmlResponse(request, xml);
  });
}
