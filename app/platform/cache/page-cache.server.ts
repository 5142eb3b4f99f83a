// Whole-page cache for the public pages (issue #3: cached pages at ≥ 0.5× a bare node:http
// server). It sits in front of the Remix handler in server.ts. Entries are keyed by URL and the
// inputs that choose the language (the `lng` cookie, Accept-Language), live until the public data
// changes (the generation of public-data-cache.server.ts moves on every change notice), and are
// only used while that cache is active. Never cached: signed-in requests, non-GET, non-200,
// responses that set cookies. A cached page carries the nonce of the request that rendered it;
// each hit swaps in the current request's nonce (body and Content-Security-Policy header), so the
// CSP stays per-response. Hits replay the stored security headers, so the middleware sits before
// helmet, the rate limiter and the static files in server.ts and a hit skips all of them.
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express';
import { getPublicDataGeneration, isPublicDataCacheActive } from './public-data-cache.server.ts';

interface CachedPage {
  generation: number;
  /** Every header of the original response (security headers included) but per-connection ones, split where its nonce was */
  headers: [string, string[]][];
  /** The body's bytes split where its nonce was: a hit joins them around the new nonce */
  body: Buffer[];
}

/** `text` cut at each occurrence of `nonce` (the nonce itself left out). */
const splitAt = (text: string, nonce: string) => (nonce ? text.split(nonce) : [text]);

/** The cached body with `nonce` put back between its parts: one buffer, length known, no re-encoding of the page. */
function joinBody(parts: Buffer[], nonce: Buffer): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) pieces.push(nonce);
    pieces.push(part);
  });
  return Buffer.concat(pieces);
}

// Headers that describe one transfer, not the page: never replayed from the cache.
const perResponseHeaders = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  'set-cookie',
  'x-page-cache',
]);

const MAX_PAGES = 500;
const MAX_BODY_BYTES = 1_000_000;

function cookieValue(header: string | undefined, name: string): string {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${name}=([^;]*)`));
  return match?.[1] ?? '';
}

/** Express middleware caching the HTML of `isPublicPage` paths; `sessionCookie` marks signed-in users. */
export function publicPageCache({
  isPublicPage,
  sessionCookie,
}: {
  isPublicPage: (path: string) => boolean;
  sessionCookie: string;
}): RequestHandler {
  const pages = new Map<string, CachedPage>();

  return (req: ExpressRequest, res: ExpressResponse, next) => {
    if (req.method !== 'GET' || !isPublicDataCacheActive() || !isPublicPage(req.path)) return next();
    const cookies = req.headers.cookie;
    if (cookieValue(cookies, sessionCookie)) return next();
    const key = `${req.originalUrl}\n${cookieValue(cookies, 'lng')}\n${req.get('accept-language') ?? ''}`;
    const nonce = String(res.locals.cspNonce);
    const generation = getPublicDataGeneration();

    const hit = pages.get(key);
    if (hit && hit.generation === generation) {
      const body = joinBody(hit.body, Buffer.from(nonce));
      res.status(200);
      for (const [name, parts] of hit.headers) res.setHeader(name, parts.join(nonce));
      res.setHeader('Content-Length', body.length);
      res.setHeader('X-Page-Cache', 'hit');
      // A Buffer, not a string: the compression middleware measures strings byte by byte.
      res.end(body);
      return;
    }

    // Capture what the Remix handler writes (before compression, which wraps these methods
    // earlier in the chain) and keep it when the response qualifies.
    const chunks: Buffer[] = [];
    let size = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ExpressResponse;
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > MAX_BODY_BYTES) return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      chunks.push(buffer);
      size += buffer.length;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ExpressResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      const contentType = String(res.getHeader('content-type') ?? '');
      if (
        res.statusCode === 200 &&
        !res.getHeader('set-cookie') &&
        contentType.startsWith('text/html') &&
        size <= MAX_BODY_BYTES &&
        generation === getPublicDataGeneration()
      ) {
        if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value as string);
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => !perResponseHeaders.has(name))
          .map(([name, value]): [string, string[]] => [name, splitAt(Array.isArray(value) ? value.join(', ') : String(value), nonce)]);
        const body = splitAt(Buffer.concat(chunks).toString('utf8'), nonce).map((part) => Buffer.from(part));
        pages.set(key, { generation, headers, body });
      }
      return end(chunk, ...rest);
    }) as ExpressResponse['end'];
    next();
  };
}
