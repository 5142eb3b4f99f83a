// Helpers for calling route loaders/actions directly with real Requests.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';

export const ORIGIN = 'http://localhost:3000';

export interface RequestOptions {
  origin?: string | null;
  referer?: string;
  cookie?: string;
  ip?: string;
  accept?: string;
}

/** The client address each test request comes from, as the server entry would put it in the load context. */
const clientIps = new WeakMap<Request, string>();

function headersFor({ origin = ORIGIN, referer, cookie, accept }: RequestOptions): Headers {
  const headers = new Headers();
  if (origin) headers.set('Origin', origin);
  if (referer) headers.set('Referer', referer);
  if (cookie) headers.set('Cookie', cookie);
  if (accept) headers.set('Accept', accept);
  return headers;
}

export function postForm(path: string, fields: Record<string, string>, options: RequestOptions = {}): Request {
  const headers = headersFor(options);
  headers.set('Content-Type', 'application/x-www-form-urlencoded');
  const request = new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  if (options.ip) clientIps.set(request, options.ip);
  return request;
}

export function get(path: string, options: RequestOptions = {}): Request {
  const request = new Request(`${ORIGIN}${path}`, { headers: headersFor({ origin: null, accept: 'text/html', ...options }) });
  if (options.ip) clientIps.set(request, options.ip);
  return request;
}

export function args(request: Request): LoaderFunctionArgs & ActionFunctionArgs {
  return { request, params: {}, context: { cspNonce: 'test-nonce', clientIp: clientIps.get(request) ?? '192.0.2.1' } };
}

/** The value and status of a `data()` result (or a plain object). */
export function unwrap<T>(result: T): { data: unknown; status: number; headers: Headers } {
  if (result && typeof result === 'object' && 'type' in result && result.type === 'DataWithResponseInit') {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null };
    return { data, status: init?.status ?? 200, headers: new Headers(init?.headers) };
  }
  return { data: result, status: 200, headers: new Headers() };
}

/** Runs `fn`, expecting it to throw a Response; returns that Response. */
export async function thrownResponse(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error('expected a thrown Response');
}

/** The Cookie header a browser would send back for a Set-Cookie value. */
export function cookieFrom(setCookie: string | null): string {
  if (!setCookie) throw new Error('no Set-Cookie header');
  return setCookie.split(';')[0] ?? '';
}
