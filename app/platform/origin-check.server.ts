// CSRF at the edge: a state-changing request from a browser on another origin is refused before
// any action runs (Stripe webhooks are authenticated by their signature and never come here;
// /webhooks/* routes that do, such as Resend's, are signed machine calls and pass).
// The Origin must be the portal's own, and the address the request was sent to (Host, or the
// proxy's X-Forwarded-Host) must be that origin's too: Remix aborts an action on that mismatch
// with an exception, which used to surface as a 500. Actions check the origin again.
import type { RequestHandler } from 'express';
import { isWrite, sendPlainError } from './plain-error.server.ts';

export function originCheck({ appOrigin }: { appOrigin: string }): RequestHandler {
  const { origin: allowedOrigin, host: allowedHost } = new URL(appOrigin);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (!isWrite(req.method) || !origin || req.path.startsWith('/webhooks/')) return next();
    const addressedTo = req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host');
    if (origin === allowedOrigin && addressedTo === allowedHost) return next();
    sendPlainError(req, res, { status: 403, key: 'error.crossOrigin' });
  };
}
