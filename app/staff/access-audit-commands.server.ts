// Refused staff access goes into the audit log: a visitor without a (live) session at a staff page,
// or a signed-in person without the role the page needs. Only the path is kept (a query string may
// carry anything), with the method and why access was refused.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** no-session: no cookie; session-ended: a cookie whose session is revoked, idle too long or too old; role: signed in without the role. */
export type DenialReason = 'no-session' | 'session-ended' | 'role';

/** Records one refused access to `request`'s path. */
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
