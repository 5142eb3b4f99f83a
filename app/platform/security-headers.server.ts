// Security headers for every response: a strict, nonce-based Content-Security-Policy (no inline
// styles or scripts; scripts only with this request's nonce and what they load), no framing,
// no MIME sniffing, a strict referrer policy, HSTS when served over https.
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Pages that are an email shown to staff inside a frame of our own page (the impact report
 * and appeal previews): an email is styled inline and is never scripted, so its document gets a policy of its
 * own — no scripts at all, inline styles, a sandbox, and framing by our pages only.
 */
export const EMAIL_PREVIEW_PATHS: ReadonlySet<string> = new Set(['/staff/impact/preview', '/staff/appeals/preview']);

/** `formTargets`: origins a form may post or redirect to besides ours (the payment page). */
export function securityHeaders({ origin, isDev, formTargets }: { origin: string; isDev: boolean; formTargets: string[] }): RequestHandler {
  const pages = pageHeaders({ origin, isDev, formTargets });
  const emailPreviews = emailPreviewHeaders({ origin });
  return (req, res, next) => (EMAIL_PREVIEW_PATHS.has(req.path) ? emailPreviews : pages)(req, res, next);
}

function emailPreviewHeaders({ origin }: { origin: string }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ['data:', 'https:'],
        frameAncestors: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        sandbox: [],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: origin.startsWith('https://') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'sameorigin' },
  });
}

function pageHeaders({ origin, isDev, formTargets }: { origin: string; isDev: boolean; formTargets: string[] }): RequestHandler {
  const isHttps = origin.startsWith('https://');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'strict-dynamic'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
        styleSrc: isDev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: isDev ? ["'self'", 'ws:'] : ["'self'"],
        formAction: ["'self'", ...formTargets],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"], // the pages use no <base>: an injected one could redirect relative URLs
        objectSrc: ["'none'"],
        ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  });
}
