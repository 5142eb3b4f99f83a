// An admin ends every session of one staff user (a lost laptop, someone leaving): each browser
// signed in as them is signed out at its next request. Audited with the number of live sessions ended.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { liveSessionWhere, revokeStaffSessions } from './session-commands.server.ts';

/** Revokes every session of `staffUserId` on behalf of `adminId`; null when there is no such staff user. */
export async function endStaffSessions({
  adminId,
  staffUserId,
  now = new Date(),
}: {
  adminId: string;
  staffUserId: string;
  now?: Date;
}): Promise<{ ended: number } | null> {
  return getPrisma().$transaction(async (tx) => {
    const user = await tx.staffUser.findUnique({ where: { id: staffUserId }, select: { id: true, email: true } });
    if (!user) return null;
    const live = await tx.session.count({ where: { staffUserId, ...liveSessionWhere({ now }) } });
    await revokeStaffSessions({ db: tx, staffUserId, now });
    await recordAudit({
      db: tx,
      actorId: adminId,
      actorKind: 'staff',
      action: 'staff.sessions_end',
      entityType: 'StaffUser',
      entityId: user.id,
      before: { email: user.email, liveSessions: live },
      after: { email: user.email, liveSessions: 0 },
    });
    return { ended: live };
  });
}
