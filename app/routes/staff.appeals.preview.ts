// An appeal draft's email as a document of its own, framed by /staff/appeals/:id: the HTML the
// outbox would send a reader of `lang` now (figures read now), under the email preview policy
// of app/platform/security-headers.server.ts (inline styles, no scripts, sandboxed).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderAppealPreview } from '~/appeals/appeal-composer-page.server.ts';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const params = new URL(request.url).searchParams;
  const html = await renderAppealPreview({ appealId: params.get('appeal') ?? '', lang: params.get('lang') });
  const headers = { 'Cache-Control': 'private, no-store' };
  if (html === null)
    return new Response('no such appeal', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(html, { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
