// Saving a segment (/staff/appeals/segments): a new one, or a saved one renamed or changed. Each
// save writes its audit entry (before and after) in the same transaction as the row.
import { Prisma } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { SegmentDefinition } from './segment-definition.ts';

export type SaveSegmentOutcome = { ok: true; id: string } | { ok: false; reason: 'name-taken' | 'not-found' };

/**
 * Creates the segment (no `id`) or replaces the saved one's name and definition, audited as
 * `appeal-segment.create` / `appeal-segment.update` by `staffUserId`. A name another segment holds
 * is refused and nothing changes.
 */
export async function saveSegment({
  id,
  name,
  definition,
  staffUserId,
}: {
  id?: string | null;
  name: string;
  definition: SegmentDefinition;
  staffUserId: string;
}): Promise<SaveSegmentOutcome> {
  try {
    return await getPrisma().$transaction(async (db) => {
      if (!id) {
        const created = await db.appealSegment.create({ data: { name, definition, createdById: staffUserId }, select: { id: true } });
        await recordAudit({
          db,
          actorId: staffUserId,
          actorKind: 'staff',
          action: 'appeal-segment.create',
          entityType: 'appeal_segment',
          entityId: created.id,
          after: { name, definition },
        });
        return { ok: true as const, id: created.id };
      }
      const [before] = await db.$queryRaw<{ name: string; definition: unknown }[]>`
        SELECT name, definition FROM appeal_segments WHERE id = ${id}::uuid FOR UPDATE`;
      if (!before) return { ok: false as const, reason: 'not-found' as const };
      await db.appealSegment.update({ where: { id }, data: { name, definition } });
      await recordAudit({
        db,
        actorId: staffUserId,
        actorKind: 'staff',
        action: 'appeal-segment.update',
        entityType: 'appeal_segment',
        entityId: id,
        before,
        after: { name, definition },
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    // The unique name: another officer may have taken it between the form and the save.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, reason: 'name-taken' };
    throw error;
  }
}
