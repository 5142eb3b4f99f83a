// A receipt as a PDF (issue #14 item 2): what the web receipt shows (buildReceiptPage's rows), in
// the same frame as the statements, with the organisation's details on its foot.
import { formatNumber } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, type Locale } from '~/platform/i18n.ts';
import { organisationDetails } from '~/platform/organisation-details.server.ts';
import { pdfFontsFor } from '~/ui/pdf/pdf-fonts.server.ts';
import { PdfDetails, PdfFrame, PdfParagraph, PdfSubtitle, PdfTitle, renderPdf } from '~/ui/pdf/pdf-blocks.server.tsx';
import type { buildReceiptPage } from './receipt-page.server.ts';

type ReceiptPage = Awaited<ReturnType<typeof buildReceiptPage>>;

/** The receipt's PDF bytes. */
export async function renderReceiptPdf({ page, locale }: { page: ReceiptPage; locale: Locale }): Promise<Buffer> {
  const t = getT(locale, ['account', 'account-statements']);
  const dir = directionOf(locale);
  const organisation = organisationDetails(locale);
  const heading = t('receipt.heading');
  const issuedTo = t('receipt.issuedTo', { name: page.donorName });
  const fontFamily = await pdfFontsFor(
    `${heading}${issuedTo}${JSON.stringify(page.rows)}${t('receipt.keep')}${JSON.stringify(organisation)}${t('account-statements:pdf.page')}`,
  );
  return renderPdf(
    <PdfFrame
      dir={dir}
      locale={locale}
      title={heading}
      fontFamily={fontFamily}
      organisation={organisation}
      pageLabel={(pageNumber, count) =>
        t('account-statements:pdf.page', { page: formatNumber(pageNumber, locale), count: formatNumber(count, locale) })
      }
    >
      <PdfTitle dir={dir}>{heading}</PdfTitle>
      <PdfSubtitle dir={dir}>{issuedTo}</PdfSubtitle>
      <PdfDetails dir={dir} rows={page.rows} />
      <PdfParagraph dir={dir}>{t('receipt.keep')}</PdfParagraph>
    </PdfFrame>,
  );
}

/** The receipt's file name: ASCII, the payment's id in it. */
export function receiptFileName(paymentId: string): string {
  return `receipt-${paymentId}.pdf`;
}
