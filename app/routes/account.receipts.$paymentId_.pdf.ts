// /account/receipts/:paymentId/pdf: the receipt of one of the signed-in donor's payments as a PDF,
// with what the web receipt shows. Another donor's payment, or none: 404, as on the web.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireDonor } from '~/account/account-auth.server.ts';
import { pdfResponse } from '~/ui/pdf/pdf-blocks.server.tsx';
import { receiptFileName, renderReceiptPdf } from '~/account/receipt-pdf.server.tsx';
import { buildReceiptPage } from '~/account/receipt-page.server.ts';
import { feeCoverOfPayment } from '~/giving/fee-cover.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const paymentId = params.paymentId ?? '';
  const page = await buildReceiptPage({ donor, paymentId, locale, feeCoverOf: feeCoverOfPayment });
  return pdfResponse(await renderReceiptPdf({ page, locale }), receiptFileName(paymentId));
}
