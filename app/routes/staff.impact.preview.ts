// The impact report preview of /staff/impact as a document of its own, framed by that page: the
// email's HTML as the outbox would send it, under the email preview policy of
// app/platform/security-headers.server.ts (inline styles, no scripts, sandboxed).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildImpactReportPreview } from '~/impact/impact-staff-page.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['RESOURCE_MOBILIZATION', 'ADMIN']);
  const params = new URL(request.url).searchParams;
  const preview = await buildImpactReportPreview({
    query: (params.get('donor') ?? '').slice(0, 320),
    quarter: params.get('quarter') ?? '',
    locale: resolveLocale(request).locale,
    now: new Date(),
  });
  const headers = { 'Cache-Control': 'private, no-store' };
  if (preview.state !== 'report') {
    const text = preview.state === 'none' ? 'no donor given' : preview.message;
    return new Response(text, { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(preview.html, { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}
