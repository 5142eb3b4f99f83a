// One appeal by its id, as the composer, the send panel and the results page look it up: an id
// that is no UUID (a mistyped or tampered address) finds nothing, instead of an error from
// PostgreSQL's uuid cast.
import type { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { isUuid } from '~/platform/uuid.ts';

/** The appeal `id` with the fields `select` asks for; null when there is none (or `id` is no UUID). */
export async function findAppealById<S extends Prisma.AppealSelect>({
  id,
  select,
  db = getPrisma(),
}: {
  id: string;
  select: S;
  db?: DbClient;
}): Promise<Prisma.AppealGetPayload<{ select: S }> | null> {
  if (!isUuid(id)) return null;
  return db.appeal.findUnique({ where: { id }, select });
}
