// The statement as a PDF (issue #14 item 5), from the same model as the page: the donor, the
// gifts with their USD equivalents and fee covers, what was given back, totals per currency.
import { getT } from '~/platform/i18n.server.ts';
import { pdfFontsFor } from '~/ui/pdf/pdf-fonts.server.ts';
import { formatNumber } from '~/platform/format.ts';
import {
  PdfDetails,
  PdfFrame,
  PdfHeading,
  PdfParagraph,
  PdfSubtitle,
  PdfTable,
  PdfTitle,
  renderPdf,
  type PdfColumn,
} from '~/ui/pdf/pdf-blocks.server.tsx';
import type { Statement, StatementLine } from './statement.server.ts';

const bigintAsText = (_: string, value: unknown) => (typeof value === 'bigint' ? String(value) : value);

function linesTable(statement: Statement, lines: StatementLine[], prefix: string) {
  const { dir, labels } = statement;
  const columns: PdfColumn[] = [
    { label: labels.date, width: 15 },
    { label: labels.description, width: 37 },
    { label: labels.reference, width: 16 },
    { label: labels.amount, width: 16, align: 'end' },
    { label: labels.usd, width: 16, align: 'end' },
  ];
  const rows = lines.map((line, index) => ({
    key: `${prefix}-${index}`,
    cells: [line.date, line.description, line.reference, line.amount, line.usd],
    notes: [null, line.note, null, null, null],
  }));
  return <PdfTable dir={dir} columns={columns} rows={rows} />;
}

/** The statement's PDF bytes. */
export async function renderStatementPdf(statement: Statement): Promise<Buffer> {
  const { dir, labels } = statement;
  const t = getT(statement.locale, 'account-statements');
  const totalColumns: PdfColumn[] = [
    { label: labels.currency, width: 10 },
    { label: labels.gifts, width: 18, align: 'end' },
    { label: labels.feeCovers, width: 18, align: 'end' },
    { label: labels.givenBack, width: 18, align: 'end' },
    { label: labels.net, width: 18, align: 'end' },
    { label: labels.usdNet, width: 18, align: 'end' },
  ];
  const totalRows = statement.totals.map((total) => ({
    key: total.currency,
    cells: [total.currency, total.cells.gifts, total.cells.feeCovers, total.cells.givenBack, total.cells.net, total.cells.usdNet],
  }));
  const fontFamily = await pdfFontsFor(`${JSON.stringify(statement, bigintAsText)}${t('pdf.page')}`);
  return renderPdf(
    <PdfFrame
      dir={dir}
      locale={statement.locale}
      title={statement.title}
      fontFamily={fontFamily}
      organisation={statement.organisation}
      pageLabel={(page, count) =>
        t('pdf.page', { page: formatNumber(page, statement.locale), count: formatNumber(count, statement.locale) })
      }
    >
      <PdfTitle dir={dir}>{statement.title}</PdfTitle>
      <PdfSubtitle dir={dir}>{statement.period}</PdfSubtitle>
      <PdfSubtitle dir={dir}>{statement.issuedOn}</PdfSubtitle>
      <PdfHeading dir={dir}>{labels.issuedToHeading}</PdfHeading>
      <PdfDetails dir={dir} rows={statement.issuedTo} />
      <PdfHeading dir={dir}>{labels.giftsHeading}</PdfHeading>
      {statement.gifts.length > 0 ? (
        linesTable(statement, statement.gifts, 'gift')
      ) : (
        <PdfParagraph dir={dir}>{labels.noGifts}</PdfParagraph>
      )}
      <PdfHeading dir={dir}>{labels.givenBackHeading}</PdfHeading>
      {statement.givenBack.length > 0 ? (
        linesTable(statement, statement.givenBack, 'back')
      ) : (
        <PdfParagraph dir={dir}>{labels.noGivenBack}</PdfParagraph>
      )}
      <PdfHeading dir={dir}>{labels.totalsHeading}</PdfHeading>
      {totalRows.length > 0 ? <PdfTable dir={dir} columns={totalColumns} rows={totalRows} /> : null}
      <PdfDetails dir={dir} rows={[{ label: labels.usdTotalLabel, value: statement.usdTotal }]} />
      <PdfParagraph dir={dir}>{labels.notes}</PdfParagraph>
    </PdfFrame>,
  );
}
