// What /staff/appeals and the segment form read besides the count: the saved segments, the
// appeals, one segment, and the programmes and projects a segment can name.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { isUuid } from '~/platform/uuid.ts';

/** The saved segments, by name. */
export function listSegments({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.appealSegment.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, definition: true, updatedAt: true, createdBy: { select: { name: true } } },
  });
}

/** The appeals, newest first (none is made on these pages yet: the composer comes next). */
export function listAppeals({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.appeal.findMany({
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, slug: true, title: true, status: true, sentAt: true },
  });
}

export function findSegment({ db = getPrisma(), id }: { db?: DbClient; id: string }) {
  if (!isUuid(id)) return Promise.resolve(null);
  return db.appealSegment.findUnique({ where: { id }, select: { id: true, name: true, definition: true } });
}

/** The programmes and their projects, for the "funded" choices. */
export function listProgrammesWithProjects({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.programme.findMany({
    orderBy: { sortOrder: 'asc' },
    select: { id: true, title: true, projects: { orderBy: { code: 'asc' }, select: { id: true, code: true, title: true } } },
  });
}
