// The building blocks of the account's PDFs (statements and receipts, docs/decisions/044): an A4
// frame with the organisation's details in every page's footer, headings, label/value lists and
// tables, each laid out for the reader's direction (Arabic: right to left, rows mirrored). Server
// only: @react-pdf/renderer never reaches a browser bundle.
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import type { Styles } from '@react-pdf/renderer';
import type { ReactElement, ReactNode } from 'react';
import type { OrganisationDetails } from '~/platform/organisation-details.server.ts';
import { pdfText } from './pdf-fonts.server.ts';

export type Dir = 'ltr' | 'rtl';
type Style = Styles[string];

// No lineHeight anywhere: the fonts' own line spacing is used. With a lineHeight on the page,
// react-pdf 4.9 dropped the fixed footer holding the page number (a Text with a render prop).
const styles = StyleSheet.create({
  page: { paddingTop: 36, paddingBottom: 96, paddingHorizontal: 40, fontSize: 9, color: '#1a1a1a' },
  brand: { fontSize: 9, color: '#005a9c', fontWeight: 700, marginBottom: 14 },
  title: { fontSize: 17, fontWeight: 700, marginBottom: 4 },
  subtitle: { fontSize: 10, marginBottom: 2 },
  heading: { fontSize: 11, fontWeight: 700, marginTop: 14, marginBottom: 6 },
  paragraph: { marginTop: 6, marginBottom: 4 },
  detailRow: { marginBottom: 2 },
  detailLabel: { width: '35%', color: '#555555' },
  detailValue: { width: '65%' },
  headRow: { borderBottomWidth: 1, borderBottomColor: '#1a1a1a', paddingBottom: 3, fontWeight: 700 },
  bodyRow: { borderBottomWidth: 0.5, borderBottomColor: '#bbbbbb', paddingVertical: 3 },
  cell: { paddingHorizontal: 3 },
  note: { color: '#555555', fontSize: 8 },
  footer: {
    position: 'absolute',
    bottom: 28,
    left: 40,
    right: 40,
    fontSize: 7.5,
    color: '#555555',
    borderTopWidth: 0.5,
    borderTopColor: '#bbbbbb',
    paddingTop: 4,
  },
});

const rowOf = (dir: Dir) => ({ flexDirection: dir === 'rtl' ? ('row-reverse' as const) : ('row' as const) });

/** Text alignment for a cell: 'start' follows the reading direction, 'end' (amounts) the other side. */
function textOf(dir: Dir, align: 'start' | 'end' = 'start') {
  const left = (align === 'start') === (dir === 'ltr');
  return { direction: dir, textAlign: left ? ('left' as const) : ('right' as const) };
}

/** One paragraph of text in the reader's direction. */
export function PdfText({ dir, style, children }: { dir: Dir; style?: Style | Style[]; children: string }) {
  const own = Array.isArray(style) ? style : style ? [style] : [];
  return <Text style={[textOf(dir), ...own]}>{pdfText(children)}</Text>;
}

/**
 * The document: metadata, the fonts (pdfFontsFor everything it shows), the brand on top, and on
 * every page's foot the organisation's address, legal status and mandate, and the page number.
 */
export function PdfFrame({
  dir,
  locale,
  title,
  fontFamily,
  organisation,
  pageLabel,
  children,
}: {
  dir: Dir;
  locale: string;
  title: string;
  fontFamily: string[];
  organisation: OrganisationDetails;
  /** "Page {{page}} of {{count}}" in the reader's language. */
  pageLabel: (page: number, count: number) => string;
  children: ReactNode;
}) {
  return (
    <Document title={pdfText(title)} author={pdfText(organisation.brand)} language={locale} creator="" producer="">
      <Page size="A4" style={[styles.page, { fontFamily }]}>
        <PdfText dir={dir} style={styles.brand}>
          {organisation.brand}
        </PdfText>
        {children}
        <View style={styles.footer} fixed>
          <PdfText dir={dir}>{organisation.address}</PdfText>
          <PdfText dir={dir}>{organisation.legalStatus}</PdfText>
          <PdfText dir={dir}>{organisation.mandate}</PdfText>
          <Text style={textOf(dir, 'end')} render={({ pageNumber, totalPages }) => pdfText(pageLabel(pageNumber, totalPages))} />
        </View>
      </Page>
    </Document>
  );
}

export function PdfTitle({ dir, children }: { dir: Dir; children: string }) {
  return (
    <PdfText dir={dir} style={styles.title}>
      {children}
    </PdfText>
  );
}

export function PdfSubtitle({ dir, children }: { dir: Dir; children: string }) {
  return (
    <PdfText dir={dir} style={styles.subtitle}>
      {children}
    </PdfText>
  );
}

export function PdfHeading({ dir, children }: { dir: Dir; children: string }) {
  return (
    <PdfText dir={dir} style={styles.heading}>
      {children}
    </PdfText>
  );
}

export function PdfParagraph({ dir, children }: { dir: Dir; children: string }) {
  return (
    <PdfText dir={dir} style={styles.paragraph}>
      {children}
    </PdfText>
  );
}

/** Label and value pairs, one a line (a receipt's rows, the donor's details). */
export function PdfDetails({ dir, rows }: { dir: Dir; rows: { label: string; value: string }[] }) {
  return (
    <View>
      {rows.map((row) => (
        <View key={row.label} style={[rowOf(dir), styles.detailRow]} wrap={false}>
          <PdfText dir={dir} style={styles.detailLabel}>
            {row.label}
          </PdfText>
          <PdfText dir={dir} style={styles.detailValue}>
            {row.value}
          </PdfText>
        </View>
      ))}
    </View>
  );
}

export interface PdfColumn {
  label: string;
  /** Share of the width, in percent. */
  width: number;
  align?: 'start' | 'end';
}

/** A table whose head repeats on every page it spans; a row never splits across pages. */
export function PdfTable({
  dir,
  columns,
  rows,
}: {
  dir: Dir;
  columns: PdfColumn[];
  rows: { key: string; cells: string[]; notes?: (string | null)[]; bold?: boolean }[];
}) {
  return (
    <View>
      <View style={[rowOf(dir), styles.headRow]} fixed>
        {columns.map((column) => (
          <PdfText key={column.label} dir={dir} style={[styles.cell, { width: `${column.width}%` }, textOf(dir, column.align)]}>
            {column.label}
          </PdfText>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} style={[rowOf(dir), styles.bodyRow, row.bold ? { fontWeight: 700 } : {}]} wrap={false}>
          {columns.map((column, index) => (
            <View key={column.label} style={[styles.cell, { width: `${column.width}%` }]}>
              <PdfText dir={dir} style={textOf(dir, column.align)}>
                {row.cells[index] ?? ''}
              </PdfText>
              {row.notes?.[index] ? (
                <PdfText dir={dir} style={[styles.note, textOf(dir, column.align)]}>
                  {row.notes[index] ?? ''}
                </PdfText>
              ) : null}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

/** The PDF's bytes. */
export async function renderPdf(document: ReactElement): Promise<Buffer> {
  // renderToBuffer's parameter is typed as a Document element; the frame renders one.
  return renderToBuffer(document as Parameters<typeof renderToBuffer>[0]);
}

/** A PDF download: never cached by a shared cache, saved under `fileName` (ASCII). */
export function pdfResponse(bytes: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
