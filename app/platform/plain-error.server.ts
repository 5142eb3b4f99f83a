// Refusals sent at the edge, before Remix renders anything (oversized or malformed requests):
// one line of plain text in the reader's language (?lng=, the lng cookie, Accept-Language).
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { getT, resolveLocale } from './i18n.server.ts';

/** GET, HEAD and OPTIONS read; every other method writes (and may carry a body). */
export function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** The reader's language for an answer sent at the edge (?lng=, the lng cookie, Accept-Language). */
export function edgeLocale(req: ExpressRequest) {
  // A URL that failed to parse still has a language: read ?lng= only from a URL that parses.
  let url: URL;
  try {
    url = new URL(req.originalUrl, 'http://portal.invalid');
  } catch {
    url = new URL('http://portal.invalid/');
  }
  const request = new Request(url, { headers: { cookie: req.get('cookie') ?? '', 'accept-language': req.get('accept-language') ?? '' } });
  return resolveLocale(request, { secureCookie: false }).locale;
}

export function sendPlainError(
  req: ExpressRequest,
  res: ExpressResponse,
  { status, key, values, close = false }: { status: number; key: string; values?: Record<string, string>; close?: boolean },
): void {
  const t = getT(edgeLocale(req), 'common');
  if (close) res.set('Connection', 'close');
  res.status(status).type('text/plain').send(t(key, values));
}
