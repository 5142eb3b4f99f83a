// Request bodies are limited before anything reads them: a write must say its length
// (Content-Length; browsers always do for forms) and stay under its route's limit, or it is
// answered 413 / 411 at once and the connection closed, so no body is ever buffered. Node's HTTP
// parser never delivers more than the declared length, so the header is enough.
// Stripe webhooks do not pass through here: they have their own 512 KiB limit
// (app/giving/stripe/stripe-webhook.server.ts).
import type { RequestHandler } from 'express';
import { isWrite, sendPlainError } from './plain-error.server.ts';

/** The public and staff forms: a few kilobytes of text each; 64 KiB leaves room and stops floods. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

/** Bank statements uploaded by finance staff: a 10,000-credit camt.053 is about 5 MB. */
export const STAFF_UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** The pages that take a staff upload (with Remix's single-fetch ".data" form of each). */
const STAFF_UPLOAD_PATHS = new Set(['/staff/finance/bank', '/staff/finance/bank.data']);

/** A project's photo form (docs/decisions/058): the app refuses files over 8 MB itself, with a form error. */
const PHOTO_UPLOAD_PATH = /^\/staff\/projects\/[^/]+\/photo(?:\.data)?$/;

/** The body limit of a path: the staff upload pages get the larger one. */
export function bodyLimitFor(path: string): number {
  return STAFF_UPLOAD_PATHS.has(path) || PHOTO_UPLOAD_PATH.test(path) ? STAFF_UPLOAD_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES;
}

export function requestSizeLimit({ limitFor }: { limitFor: (path: string) => number }): RequestHandler {
  return (req, res, next) => {
    if (!isWrite(req.method)) return next();
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      // No length: a chunked body, of unknown size until read. Only an empty write may go on.
      if (!req.headers['transfer-encoding']) return next();
      return sendPlainError(req, res, { status: 411, key: 'error.lengthRequired', close: true });
    }
    const limit = limitFor(req.path);
    if (/^\d+$/.test(declared) && Number(declared) <= limit) return next();
    sendPlainError(req, res, { status: 413, key: 'error.tooLarge', values: { size: `${Math.floor(limit / 1024)} KB` }, close: true });
  };
}
