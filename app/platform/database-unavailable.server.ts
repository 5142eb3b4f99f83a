// While PostgreSQL does not answer, every page gets a short 503 page in the reader's language
// (Retry-After, no database needed to render it) instead of an error from deep inside a loader.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { isDatabaseConnectionError } from './database/connection-errors.server.ts';
import { reportDatabaseTrouble } from './database/database-readiness.server.ts';
import { getT } from './i18n.server.ts';
import { edgeLocale } from './plain-error.server.ts';
import { directionOf, type Locale } from './i18n.ts';

/** Seconds a client should wait before trying again (the database usually restarts in seconds). */
export const RETRY_AFTER_SECONDS = 10;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The page itself: plain HTML with the page's language and direction (Arabic right to left). */
export function renderUnavailablePage(locale: Locale): string {
  const t = getT(locale, 'outage');
  const title = escapeHtml(t('title'));
  return `<!doctype html>
<html lang="${locale}" dir="${directionOf(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
</head>
<body><main><h1>${title}</h1><p>${escapeHtml(t('body'))}</p><p>${escapeHtml(t('retry', { seconds: RETRY_AFTER_SECONDS }))}</p></main></body>
</html>`;
}

const unavailableHeaders = { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };

const sendUnavailablePage = (req: ExpressRequest, res: ExpressResponse) =>
  void res
    .status(503)
    .set(unavailableHeaders)
    .type('html')
    .send(renderUnavailablePage(edgeLocale(req)));

/** Express middleware: the 503 page while `isReady()` is false; everything else passes. */
export function databaseUnavailableGuard({ isReady }: { isReady: () => boolean }) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => (isReady() ? next() : sendUnavailablePage(req, res));
}

/**
 * Express error handler: a middleware that lost PostgreSQL before the watcher noticed (the rate
 * limiter's store, say) answers the same 503 page, not Express's 500, and the watcher probes at
 * once. Other errors go on to Express.
 */
export function databaseLostHandler() {
  return (error: unknown, req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (res.headersSent || !isDatabaseConnectionError(error)) return next(error);
    reportDatabaseTrouble();
    sendUnavailablePage(req, res);
  };
}

/** The same page as a Fetch response, for a request whose loader or action lost the database. */
export function unavailableResponse(locale: Locale): Response {
  return new Response(renderUnavailablePage(locale), {
    status: 503,
    headers: { ...unavailableHeaders, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
