// CSRF at the edge: a state-changing request from a browser on another origin is refused before
// any action runs (Stripe webhooks are authenticated by their signature and never come here).
// The Origin must be the portal's own, and the address the request was sent to (Host, or the
// proxy's X-Forwarded-Host) must be that origin's too: Remix aborts an action on that mismatch
// with an exception, which used to surface as a 500. Actions check the origin again.
import type { RequestHandler } from 'express';
import { sendPlainError } from './plain-error.server.ts';

const READS_NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);

export function originCheck({ appOrigin }: { appOrigin: string }): RequestHandler {
  const allowed = new URL(appOrigin).origin;
  return (req, res, next) => {
    const origin = req.get('origin');
    if (READS_NO_BODY.has(req.method) || !origin) return next();
    if (origin !== allowed) return sendPlainError(req, res, { status: 403, key: 'error.crossOrigin' });
    const addressedTo = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host');
    if (addressedTo !== new URL(origin).host) return sendPlainError(req, res, { status: 403, key: 'error.crossOrigin' });
    next();
  };
}
