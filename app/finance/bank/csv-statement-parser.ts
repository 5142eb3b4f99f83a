// Bank statements exported as CSV, read with the column mapping saved for the bank account.
// The first row names the columns; negative amounts are debits and are skipped (decision 026).
import { z } from 'zod';
import { parseCsv } from '~/platform/csv.ts';
import { MoneyError, isSupportedCurrency, parseAmount } from '~/platform/money.ts';
import { BankFileError } from './bank-file-error.ts';
import { isCalendarDate, type ParsedCredit, type ParsedStatement } from './bank-statement.ts';

const column = z.string().trim().min(1).max(100);

/** How one bank's CSV export is laid out; saved as JSON on the bank account. */
export const csvMappingSchema = z.object({
  delimiter: z.enum([',', ';']).default(','),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY']).default('YYYY-MM-DD'),
  columns: z.object({
    bookingDate: column,
    amount: column,
    currency: column.optional(),
    reference: column.optional(),
    counterparty: column.optional(),
    bankReference: column.optional(),
  }),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

/**
 * Parses a CSV statement for the account `iban` (whose currency applies when the file has no
 * currency column). Throws BankFileError naming the row for anything that cannot be read.
 */
export function parseCsvStatement({
  text,
  mapping,
  iban,
  accountCurrency,
  statementRef,
}: {
  text: string;
  mapping: CsvMapping;
  iban: string;
  accountCurrency: string;
  statementRef: string;
}): ParsedStatement {
  const rows = parseCsv(text.replace(/\r?\n/g, '\r\n'), mapping.delimiter).filter((row) => row.some((cell) => cell.trim() !== ''));
  const [header, ...body] = rows;
  if (!header) throw new BankFileError('the file is empty', { line: 1 });
  const names = header.map((name) => name.trim());
  const indexOf = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const index = names.indexOf(name);
    if (index < 0) throw new BankFileError(`column "${name}" is not in the header`, { line: 1 });
    return index;
  };
  const at = {
    date: indexOf(mapping.columns.bookingDate),
    amount: indexOf(mapping.columns.amount),
    currency: indexOf(mapping.columns.currency),
    reference: indexOf(mapping.columns.reference),
    counterparty: indexOf(mapping.columns.counterparty),
    bankReference: indexOf(mapping.columns.bankReference),
  };
  const credits: ParsedCredit[] = [];
  let debitsSkipped = 0;
  const dates: string[] = [];
  for (const [index, row] of body.entries()) {
    const line = index + 2;
    const cell = (position: number | undefined) => (position === undefined ? '' : (row[position] ?? '').trim());
    const currency = (cell(at.currency) || accountCurrency).toUpperCase();
    if (!isSupportedCurrency(currency)) throw new BankFileError(`currency "${currency}" is not supported`, { line });
    const bookingDate = toIsoDate(cell(at.date), mapping.dateFormat);
    if (!bookingDate) throw new BankFileError(`"${cell(at.date)}" is not a date in the format ${mapping.dateFormat}`, { line });
    dates.push(bookingDate);
    const { isDebit, amountMinor } = toAmount(cell(at.amount), currency, mapping.decimalSeparator, line);
    if (isDebit) {
      debitsSkipped++;
      continue;
    }
    credits.push({
      bookingDate,
      valueDate: null,
      currency,
      amountMinor,
      instructedMinor: null,
      chargeMinor: 0n,
      accountServicerRef: cell(at.bankReference) || null,
      entryRef: null,
      endToEndId: null,
      remittance: cell(at.reference),
      structuredRef: null,
      debtorName: cell(at.counterparty) || null,
      line,
    });
  }
  dates.sort();
  return { iban, statementRef, fromDate: dates[0] ?? null, toDate: dates.at(-1) ?? null, credits, debitsSkipped };
}

function toIsoDate(text: string, format: CsvMapping['dateFormat']): string | null {
  const parts = /^(\d{1,4})[-./](\d{1,2})[-./](\d{1,4})$/.exec(text);
  if (!parts) return null;
  const [, a = '', b = '', c = ''] = parts;
  const pad = (value: string) => value.padStart(2, '0');
  const iso =
    format === 'YYYY-MM-DD'
      ? `${a}-${pad(b)}-${pad(c)}`
      : format === 'MM/DD/YYYY'
        ? `${c}-${pad(a)}-${pad(b)}`
        : `${c}-${pad(b)}-${pad(a)}`;
  return isCalendarDate(iso) ? iso : null;
}

function toAmount(text: string, currency: string, decimalSeparator: '.' | ',', line: number) {
  const isDebit = /^[-−]/.test(text) || (text.startsWith('(') && text.endsWith(')'));
  const unsigned = text.replace(/^[-−+(]|\)$/g, '').replace(/[\s\u00a0']/g, '');
  const group = decimalSeparator === '.' ? ',' : '.';
  const plain = unsigned.split(group).join('').replace(decimalSeparator, '.');
  if (!/^\d+(\.\d+)?$/.test(plain)) throw new BankFileError(`"${text}" is not an amount`, { line });
  try {
    return { isDebit, amountMinor: parseAmount(plain, currency) };
  } catch (error) {
    if (error instanceof MoneyError) throw new BankFileError(`"${text}": ${error.message}`, { line });
    throw error;
  }
}
