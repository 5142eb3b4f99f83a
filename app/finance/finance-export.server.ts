// A finance export as text chunks, CSV or JSON, for the staff download and `npm run
// finance:export`. CSV: formula-safe cells (app/platform/csv.ts), amounts as plain numbers.
// JSON: one object with the request and `rows`; amounts as strings, so no decimal or
// minor-unit figure is ever rounded through a floating-point number.
import { z } from 'zod';
import { CSV_BOM, CsvDecimal, csvCell } from '~/platform/csv.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { EXPORT_COLUMNS, EXPORT_KINDS, readExportRows, type ExportKind, type ExportRow } from './finance-export-queries.server.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'date');

/** What an export asks for: the kind, the format and a period of whole UTC days (at most 10 years). */
export const financeExportRequest = z
  .object({ kind: z.enum(EXPORT_KINDS), format: z.enum(['csv', 'json']), from: day, to: day })
  .refine(({ from, to }) => from <= to, { message: 'order', path: ['to'] })
  .refine(({ from, to }) => Number(to.slice(0, 4)) - Number(from.slice(0, 4)) <= 10, { message: 'span', path: ['to'] });
export type FinanceExportRequest = z.infer<typeof financeExportRequest>;

export const exportFileName = ({ kind, format, from, to }: FinanceExportRequest) => `${kind}-${from}-to-${to}.${format}`;
export const exportContentType = (format: FinanceExportRequest['format']) =>
  format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';

const jsonValue = (value: ExportRow[string]) =>
  typeof value === 'bigint' ? value.toString() : value instanceof CsvDecimal ? value.text : value;

/** The export's text in chunks (one per batch of rows). */
export async function* financeExportChunks({ db, request }: { db?: DbClient; request: FinanceExportRequest }): AsyncGenerator<string> {
  const { kind, format, from, to } = request;
  const columns = EXPORT_COLUMNS[kind as ExportKind];
  const toExclusive = new Date(`${to}T00:00:00Z`);
  toExclusive.setUTCDate(toExclusive.getUTCDate() + 1);
  const rows = readExportRows({ db, kind, period: { from: new Date(`${from}T00:00:00Z`), toExclusive } });
  if (format === 'csv') {
    yield `${CSV_BOM}${columns.map(csvCell).join(',')}\r\n`;
    for await (const batch of rows) yield batch.map((row) => `${columns.map((column) => csvCell(row[column])).join(',')}\r\n`).join('');
    return;
  }
  yield `{"kind":${JSON.stringify(kind)},"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"columns":${JSON.stringify(columns)},"rows":[`;
  let first = true;
  for await (const batch of rows) {
    const objects = batch.map((row) =>
      JSON.stringify(Object.fromEntries(columns.map((column) => [column, jsonValue(row[column] ?? null)]))),
    );
    yield `${first ? '' : ','}${objects.join(',')}`;
    first = false;
  }
  yield ']}\n';
}
