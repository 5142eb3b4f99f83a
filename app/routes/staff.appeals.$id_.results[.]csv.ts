// Resource mobilization and admins: an appeal's results as CSV (docs/decisions/050), one figure a
// row, amounts in minor units with their currency, the coverage series day by day.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildAppealResultsCsv } from '~/appeals/appeal-results-page.server.ts';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const result = await buildAppealResultsCsv({ appealId: params.id ?? '-' });
  if (!result) throw new Response('Not found', { status: 404 });
  return new Response(result.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="appeal-${result.code}-results.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
