// Staff users as the admin page lists them: who they are, how many live sessions each has, and
// whether an invitation is still waiting to be used.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { liveSessionWhere } from './session-commands.server.ts';

/**
 * Every staff user (active first, then by email) with the number of their live sessions and,
 * for someone who has never signed in, when their newest usable link (the invitation) expires.
 */
export async function listStaffWithLiveSessions({ db = getPrisma(), now = new Date() }: { db?: DbClient; now?: Date } = {}) {
  const users = await db.staffUser.findMany({
    orderBy: [{ isActive: 'desc' }, { email: 'asc' }],
    include: {
      _count: { select: { sessions: { where: liveSessionWhere({ now }) } } },
      sessions: { take: 1, select: { id: true } },
      loginTokens: {
        where: { usedAt: null, expiresAt: { gt: now } },
        orderBy: { expiresAt: 'desc' },
        take: 1,
        select: { expiresAt: true },
      },
    },
  });
  return users.map(({ _count, sessions, loginTokens, ...user }) => ({
    ...user,
    liveSessions: _count.sessions,
    invitationExpiresAt: user.isActive && sessions.length === 0 ? (loginTokens[0]?.expiresAt ?? null) : null,
  }));
}
