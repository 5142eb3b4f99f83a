// Refused staff access goes into the audit log: a visitor without a (live) session at a staff page,
// or a signed-in person without the role the page needs. Only the path is kept (a query string may
// carry anything), with the method and why access was refused.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** no-session: no cookie; session-ended: a cookie whose session is revoked, idle too long or too old; role: signed in without the role. */
export type DenialReason = 'no-session' | 'session-ended' | 'role';

// Anyone can make an anonymous refusal with a GET, which no rate limit covers: identical anonymous
// rows (same method, path and reason) are written at most once a minute per process, and no more
// than ANONYMOUS_KEYS_PER_MINUTE different ones, so a flood of requests cannot flood the audit
// log. Refusals of a signed-in person (a known actor) are always written.
const ANONYMOUS_WINDOW_MS = 60_000;
const ANONYMOUS_KEYS_PER_MINUTE = 1_000;
let anonymousWindowStart = 0;
const anonymousKeysThisWindow = new Set<string>();

function shouldRecordAnonymous(key: string, now = Date.now()): boolean {
  if (now - anonymousWindowStart >= ANONYMOUS_WINDOW_MS) {
    anonymousWindowStart = now;
    anonymousKeysThisWindow.clear();
  }
  if (anonymousKeysThisWindow.has(key) || anonymousKeysThisWindow.size >= ANONYMOUS_KEYS_PER_MINUTE) return false;
  anonymousKeysThisWindow.add(key);
  return true;
}

/** Records one refused access to `request`'s path (anonymous ones throttled, see above). */
export async function recordStaffAccessDenied({
  db = getPrisma(),
  request,
  reason,
  staffUserId,
  requiredRoles,
}: {
  db?: DbClient;
  request: Request;
  reason: DenialReason;
  staffUserId?: string;
  requiredRoles?: readonly string[];
}): Promise<void> {
  const path = new URL(request.url).pathname.slice(0, 500);
  if (!staffUserId && !shouldRecordAnonymous(`${request.method} ${path} ${reason}`)) return;
  await recordAudit({
    db,
    actorId: staffUserId ?? null,
    actorKind: staffUserId ? 'staff' : 'anonymous',
    action: 'auth.access_denied',
    entityType: 'Page',
    entityId: path,
    after: { method: request.method, reason, ...(requiredRoles ? { requiredRoles: [...requiredRoles] } : {}) },
  });
}
