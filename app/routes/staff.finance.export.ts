// The finance export download (finance and admins): /staff/finance/export?kind=payments&format=csv
// &from=2026-01-01&to=2026-12-31, streamed as it is read. Invalid parameters go back to the form
// at /staff/finance/exports with the reasons. Every export is audited (it carries donors' data).
import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { exportContentType, exportFileName, financeExportChunks, financeExportRequest } from '~/finance/finance-export.server.ts';
import { recordFinanceExport } from '~/finance/finance-export-audit-commands.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireRole(request, ['FINANCE', 'ADMIN']);
  const params = new URL(request.url).searchParams;
  const parsed = financeExportRequest.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    params.set('invalid', '1');
    throw redirect(`/staff/finance/exports?${params.toString()}`);
  }
  await recordFinanceExport({ staffUserId: staff.id, request: parsed.data });
  const chunks = financeExportChunks({ request: parsed.data });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': exportContentType(parsed.data.format),
      'Content-Disposition': `attachment; filename="${exportFileName(parsed.data)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
