// Secrets handed to a browser (sign-in links, session cookies) are random and only their SHA-256
// is stored: a leaked database then cannot be replayed as a sign-in or a session.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): safe in URLs and cookies. */
export function generateSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a secret token (hex SHA-256). */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
