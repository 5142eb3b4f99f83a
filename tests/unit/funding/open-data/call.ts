// Calls an open data route's loader with a real Request, as the server would.
import type { LoaderFunctionArgs } from '@remix-run/node';
import type { CsvCell } from '~/platform/csv.ts';

export const ORIGIN = 'http://localhost:3000';

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

export async function call(
  loader: Loader,
  path: string,
  headers: Record<string, string> = {},
  params: Record<string, string> = {},
): Promise<Response> {
  return loader({ request: new Request(`${ORIGIN}${path}`, { headers }), params, context: { cspNonce: 'test-nonce' } });
}

export async function callJson<T = Record<string, unknown>>(
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
): Promise<{ status: number; body: T; response: Response }> {
  const response = await call(loader, path, {}, params);
  return { status: response.status, body: (await response.json()) as T, response };
}

/** What a JSON value looks like once written to CSV and read back (formula quote included). */
export function asCsvText(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return String(value);
}
