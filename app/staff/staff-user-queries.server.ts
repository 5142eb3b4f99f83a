// Staff users as the admin page lists them: who they are and how many live sessions each has.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { liveSessionWhere } from './session-commands.server.ts';

/** Every staff user (active first, then by email) with the number of their live sessions. */
export async function listStaffWithLiveSessions({ db = getPrisma(), now = new Date() }: { db?: DbClient; now?: Date } = {}) {
  const users = await db.staffUser.findMany({
    orderBy: [{ isActive: 'desc' }, { email: 'asc' }],
    include: { _count: { select: { sessions: { where: liveSessionWhere({ now }) } } } },
  });
  return users.map(({ _count, ...user }) => ({ ...user, liveSessions: _count.sessions }));
}
