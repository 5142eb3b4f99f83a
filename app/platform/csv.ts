// RFC 4180 CSV for the open data downloads. Cells a spreadsheet would run as a formula (text
// starting with = + - @, tab or carriage return) get a leading single quote, so a donor or
// project name like "=HYPERLINK(...)" is shown, never executed (OWASP "CSV injection").
// Numbers are written as plain integers and never prefixed: a negative amount stays a number.

export type CsvCell = string | number | bigint | CsvDecimal | boolean | null | undefined;

/** A decimal amount written as a number ("-12.50"), never formula-escaped like text. */
export class CsvDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(?:\.\d+)?$/.test(text)) throw new RangeError(`not a decimal number: ${text}`);
  }
}

/** Byte order mark: lets spreadsheet software read UTF-8 (Arabic, Chinese, Russian names). */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: formula-escaped, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} to CSV`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof CsvDecimal) return value.text;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: header row, then one row per record, CRLF line ends, with a BOM. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * Parses RFC 4180 text into rows of raw cell strings (quotes removed; formula quotes kept). Banks in
 * decimal-comma countries separate cells with ";", hence `delimiter`.
 */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const input = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < input.length; index++) {
    const char = input[index];
    if (quoted) {
      if (char === '"' && input[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || (char === '\r' && input[index + 1] === '\n')) {
      // CRLF (RFC 4180) or a bare LF, as files saved on Unix end their lines.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (char === '\r') index++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
