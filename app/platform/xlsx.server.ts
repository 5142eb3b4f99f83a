// Spreadsheet (.xlsx) files with exceljs (decision 052): typed cells (numbers stay numbers, dates are
// dates), a bold header row with a filter, frozen panes below the header and right of the first
// column, and a last sheet "About" of label/text rows saying what the data is. Server-only: exceljs
// never enters a browser bundle. Text is written as text, never as a formula, so a name like
// "=HYPERLINK(...)" is shown as typed (no quote prefix needed, unlike CSV).
import ExcelJS from 'exceljs';

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxColumn {
  header: string;
  /** Excel number format, e.g. "#,##0.00", "0.00%", "yyyy-mm-dd" */
  numFmt?: string;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  rows: readonly (readonly XlsxCell[])[];
}

export const ABOUT_SHEET = 'About';

const widthOf = (column: XlsxColumn, rows: readonly (readonly XlsxCell[])[], index: number) => {
  const longest = rows.reduce((most, row) => {
    const value = row[index];
    const length = typeof value === 'string' ? value.length : value instanceof Date ? 10 : 14;
    return Math.max(most, length);
  }, column.header.length);
  return Math.min(60, Math.max(8, longest + 2));
};

function addDataSheet(workbook: ExcelJS.Workbook, sheet: XlsxSheet): void {
  const worksheet = workbook.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'B2' }],
  });
  worksheet.columns = sheet.columns.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: widthOf(column, sheet.rows, index),
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map((cell) => cell ?? null));
  if (sheet.columns.length > 0) {
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
}

function addAboutSheet(workbook: ExcelJS.Workbook, about: readonly (readonly [string, string])[]): void {
  const worksheet = workbook.addWorksheet(ABOUT_SHEET);
  worksheet.columns = [
    { key: 'label', width: 28, style: { font: { bold: true }, alignment: { vertical: 'top' } } },
    { key: 'text', width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  for (const [label, text] of about) worksheet.addRow([label, text]);
}

/**
 * The workbook as bytes: the data sheets in order, then "About". `modifiedAt` becomes the file's
 * created and modified properties (when the figures last changed, not when the file was made).
 */
export async function buildXlsx(args: {
  sheets: readonly XlsxSheet[];
  about: readonly (readonly [string, string])[];
  title: string;
  modifiedAt: Date;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Donor portal';
  workbook.title = args.title;
  workbook.created = args.modifiedAt;
  workbook.modified = args.modifiedAt;
  for (const sheet of args.sheets) addDataSheet(workbook, sheet);
  addAboutSheet(workbook, args.about);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
