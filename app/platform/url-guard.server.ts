// Huge or malformed URLs are refused before any routing: too long (414), not decodable, or
// carrying control characters (a NUL byte reached PostgreSQL, which refuses it: a 500) — 400.
import type { RequestHandler } from 'express';
import { sendPlainError } from './plain-error.server.ts';

const MAX_URL_LENGTH = 4096;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function urlGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.url.length > MAX_URL_LENGTH) return sendPlainError(req, res, { status: 414, key: 'error.urlTooLong' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(req.url);
    } catch {
      return sendPlainError(req, res, { status: 400, key: 'error.malformedUrl' });
    }
    if (CONTROL_CHARACTERS.test(decoded)) return sendPlainError(req, res, { status: 400, key: 'error.malformedUrl' });
    next();
  };
}
