// /account/statements/pdf?year=YYYY or ?from=YYYY-MM-DD&to=YYYY-MM-DD: the signed-in donor's
// statement as a PDF download, in the reader's language. Only the session's donor's rows are read.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireDonor } from '~/account/account-auth.server.ts';
import { pdfResponse } from '~/ui/pdf/pdf-blocks.server.tsx';
import { renderStatementPdf } from '~/account/statement-pdf.server.tsx';
import { buildStatement, statementFileName } from '~/account/statement.server.ts';
import { requestedRange } from '~/account/statements-page.server.ts';
import { feeCoverOfPayment } from '~/giving/fee-cover.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const requested = requestedRange(new URL(request.url));
  if (!requested.ok) {
    const message = getT(locale, 'account-statements')(requested.error);
    return new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  const statement = await buildStatement({ donor, range: requested.range, locale, feeCoverOf: feeCoverOfPayment });
  return pdfResponse(await renderStatementPdf(statement), statementFileName(requested.range));
}
