// An appeal's send progress as JSON (queued, sent, failed, skipped, rate), polled by the send
// panel of /staff/appeals/:id while the send runs (docs/decisions/049).
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { getAppealSendProgress } from '~/appeals/appeal-send-queries.server.ts';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const appealId = new URL(request.url).searchParams.get('appeal') ?? '';
  const progress = await getAppealSendProgress({ appealId });
  if (!progress) throw new Response('Not found', { status: 404 });
  return data(progress, { headers: { 'Cache-Control': 'private, no-store' } });
}
