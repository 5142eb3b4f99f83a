// Admins only: the audit entries matching /staff/audit's filters (same URL parameters), as CSV.
// Bad filters answer 400 with the reason, as the page would show it.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildAuditCsv, buildAuditPage } from '~/staff/audit/audit-page.server.ts';
import { requireRole } from '~/staff/auth.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['ADMIN']);
  const url = new URL(request.url);
  const { locale } = resolveLocale(request);
  const csv = await buildAuditCsv({ url, locale });
  if (csv === null) {
    const { page } = await buildAuditPage({ url, locale });
    return new Response(page.errors.join('\n'), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="audit-log.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}
