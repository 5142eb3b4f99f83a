// Shared plumbing of the key-less open data API (/api/v1/*, /iati/*): query limits, JSON, CSV or
// (list endpoints) .xlsx by `?format=`, weak ETags from a hash of the body with If-None-Match → 304, a short public
// cache, and CORS for GET so any site or notebook can read the figures. Errors are JSON
// `{ error: { code, message } }` with a 4xx status: bad input never becomes a 500.
import { createHash } from 'node:crypto';
import { toCsv, type CsvCell } from '~/platform/csv.ts';
import { getEnv } from '~/platform/env.server.ts';
import { buildXlsx, XLSX_CONTENT_TYPE } from '~/platform/xlsx.server.ts';
import { aboutRows, FIGURES_BASIS, spreadsheetColumn, type SpreadsheetAbout } from './spreadsheet.server.ts';

export type { SpreadsheetAbout } from './spreadsheet.server.ts';

export const MAX_QUERY_LENGTH = 2000;
export const MAX_QUERY_PARAMS = 30;
export const CACHE_CONTROL = 'public, max-age=60, must-revalidate';

export type OpenDataFormat = 'json' | 'csv' | 'xlsx';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Content-Disposition',
};

/** A JSON error body with CORS headers; `code` is a stable snake_case identifier. */
export function apiError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...CORS_HEADERS },
  });
}

export interface OpenDataQuery {
  /** Only the parameters the endpoint knows (others are in `warnings`) */
  params: URLSearchParams;
  format: OpenDataFormat;
  /** Names of parameters that were unknown or not understood, and ignored */
  warnings: string[];
}

/**
 * Reads the query string against the endpoint's parameter names and the formats it offers. Throws
 * a JSON error Response for a query over 2,000 characters (414) or with more than 30 parameters (400).
 */
export function readOpenDataQuery(
  url: URL,
  allowed: readonly string[],
  formats: readonly OpenDataFormat[] = ['json', 'csv'],
): OpenDataQuery {
  if (url.search.length > MAX_QUERY_LENGTH + 1) {
    throw apiError(414, 'query_too_long', `The query string is longer than ${MAX_QUERY_LENGTH} characters.`);
  }
  const entries = [...url.searchParams.entries()];
  if (entries.length > MAX_QUERY_PARAMS) {
    throw apiError(400, 'too_many_parameters', `The query string has more than ${MAX_QUERY_PARAMS} parameters.`);
  }
  const params = new URLSearchParams();
  const warnings = new Set<string>();
  let format: OpenDataFormat = 'json';
  for (const [name, value] of entries) {
    if (name === 'format') {
      if ((formats as readonly string[]).includes(value)) format = value as OpenDataFormat;
      else warnings.add('format');
    } else if (allowed.includes(name)) {
      if (params.has(name))
        warnings.add(name); // a repeated parameter: the first value counts
      else params.set(name, value);
    } else warnings.add(name.slice(0, 64));
  }
  return { params, format, warnings: [...warnings] };
}

/** Runs an endpoint, turning thrown Responses (query errors, 404s) into its answer. */
export async function handleOpenData(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** Weak ETag of a body: same bytes, same tag, whichever process or restart served it. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** A cacheable GET answer: ETag, Cache-Control, CORS; 304 without a body when the tag matches. */
export function cachedResponse(request: Request, body: string, headers: Record<string, string>): Response {
  const etag = weakEtag(body);
  const common = { ETag: etag, 'Cache-Control': CACHE_CONTROL, ...CORS_HEADERS };
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  return new Response(body, { status: 200, headers: { ...headers, ...common } });
}

/** Nested objects as dotted columns: { fundedBySource: { earmarkedUsdMinor } } → "fundedBySource.earmarkedUsdMinor". */
export function flattenRecord(record: object, prefix = ''): Record<string, CsvCell> {
  const flat: Record<string, CsvCell> = {};
  for (const [key, value] of Object.entries(record) as [string, unknown][]) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') Object.assign(flat, flattenRecord(value, name));
    else if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) {
      flat[name] = value as CsvCell;
    } else throw new TypeError(`cannot flatten ${name}`);
  }
  return flat;
}

/**
 * A list endpoint's answer. JSON: the envelope with `items`. CSV: one row per item with the
 * given columns (dotted names of nested fields), so every CSV row equals its JSON item. XLSX: the
 * CSV's rows, typed, with an About sheet; a query with anything not understood is a 400 there,
 * since a file on a meeting table has no `warnings` a reader would see.
 */
export async function listResponse<T extends object>(
  request: Request,
  args: {
    format: OpenDataFormat;
    envelope: Record<string, unknown> & { warnings: string[] };
    items: T[];
    columns: readonly string[];
    filename: string;
    about: SpreadsheetAbout;
  },
): Promise<Response> {
  if (args.format === 'csv' || args.format === 'xlsx') {
    const rows = args.items.map((item) => {
      const flat = flattenRecord(item);
      return args.columns.map((column) => flat[column]);
    });
    if (args.format === 'csv') return csvResponse(request, { columns: args.columns, rows, filename: args.filename });
    return spreadsheetResponse(request, {
      warnings: args.envelope.warnings,
      filters: args.envelope.filters as Record<string, string> | undefined,
      tables: [{ name: 'Data', columns: args.columns, rows }],
      filename: args.filename,
      about: args.about,
    });
  }
  const body = JSON.stringify({ ...args.envelope, items: args.items });
  return cachedResponse(request, body, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** One sheet of a spreadsheet answer: the rows of one CSV (its columns, as `?format=csv` plus `csvQuery` writes them). */
export interface SpreadsheetTable {
  name: string;
  columns: readonly string[];
  rows: CsvCell[][];
  /** Query parameters that give this table as CSV, besides format=csv */
  csvQuery?: Record<string, string>;
}

/**
 * A spreadsheet answer (decision 052): one sheet per table, typed, and an About sheet. Throws a
 * 400 JSON error when the query had anything not understood (`warnings`): a file on a meeting
 * table has no `warnings` a reader would see. The ETag comes from what the file says (the zip
 * inside an .xlsx carries the time it was written), so an unchanged file still answers 304.
 */
export async function spreadsheetResponse(
  request: Request,
  args: { warnings: string[]; filters?: Record<string, string>; tables: SpreadsheetTable[]; filename: string; about: SpreadsheetAbout },
): Promise<Response> {
  if (args.warnings.length > 0) {
    throw apiError(
      400,
      'invalid_parameters',
      `A spreadsheet is made only when every query parameter is understood; not understood: ${args.warnings.join(', ')}. (JSON and CSV ignore them and name them in "warnings".)`,
    );
  }
  const url = new URL(request.url);
  const source = new URL(`${url.pathname}${url.search}`, getEnv().APP_ORIGIN);
  const csvUrl = (table: SpreadsheetTable) => {
    const csv = new URL(source);
    csv.searchParams.set('format', 'csv');
    for (const [name, value] of Object.entries(table.csvQuery ?? {})) csv.searchParams.set(name, value);
    return csv.href;
  };
  const sheets = args.tables.map((table) => ({ table, columns: table.columns.map(spreadsheetColumn) }));
  const lastChangedAt = await args.about.lastChangedAt();
  const about = aboutRows({
    ...args.about,
    filters: args.filters ?? {},
    basis: args.about.basis ?? FIGURES_BASIS,
    sourceUrl: source.href,
    csvUrls: sheets.map(({ table }) => [table.name, csvUrl(table)]),
    lastChangedAt,
    columns: sheets.flatMap(({ columns }) => columns),
  });
  const said = JSON.stringify({ tables: args.tables, about }, (_, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  const etag = weakEtag(said);
  const common = { ETag: etag, 'Cache-Control': CACHE_CONTROL, ...CORS_HEADERS };
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers: common });
  const body = await buildXlsx({
    title: args.about.title,
    modifiedAt: lastChangedAt ? new Date(lastChangedAt) : new Date(0),
    sheets: sheets.map(({ table, columns }) => ({
      name: table.name,
      columns,
      rows: table.rows.map((row) => row.map((value, index) => columns[index]!.cell(value))),
    })),
    about,
  });
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${args.filename}.xlsx"`,
      ...common,
    },
  });
}

/** A CSV answer: the header, then the rows. */
export function csvResponse(request: Request, args: { columns: readonly string[]; rows: CsvCell[][]; filename: string }): Response {
  return cachedResponse(request, toCsv(args.columns, args.rows), {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${args.filename}.csv"`,
  });
}

/** An XML document (IATI files) with the same caching rules. */
export function xmlResponse(request: Request, body: string): Response {
  return cachedResponse(request, body, { 'Content-Type': 'application/xml; charset=utf-8' });
}

/** A JSON document (the OpenAPI description) with the same caching rules. */
export function jsonDocumentResponse(request: Request, document: unknown): Response {
  return cachedResponse(request, JSON.stringify(document), { 'Content-Type': 'application/json; charset=utf-8' });
}
