// The audit log, filtered and paged newest first by id (ids only grow, so "older than id N" pages
// stay stable while entries are added). Index use: (actorId, id) for a person, (entityType,
// entityId) for an object, (at) for a date range (docs/decisions/027).
import type { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { AuditFilters } from './audit-filters.ts';

const DAY_MS = 86_400_000;

function whereOf(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = {};
  if (filters.actor) {
    where.actor = filters.actor.includes('@')
      ? { email: filters.actor.toLowerCase() }
      : { name: { equals: filters.actor, mode: 'insensitive' } };
  }
  if (filters.actorKind) where.actorKind = filters.actorKind;
  if (filters.entityType) where.entityType = filters.entityType;
  if (filters.entityId) where.entityId = filters.entityId;
  if (filters.action) where.action = filters.action;
  if (filters.from || filters.to) {
    where.at = {
      ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00Z`) } : {}),
      // `to` is a whole day, included.
      ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS) } : {}),
    };
  }
  if (filters.cursor) where.id = { lt: BigInt(filters.cursor) };
  return where;
}

/** Up to `limit` entries matching the filters, newest first, with the acting staff member. */
export async function listAuditEntries({ db = getPrisma(), filters, limit }: { db?: DbClient; filters: AuditFilters; limit: number }) {
  return db.auditLog.findMany({
    where: whereOf(filters),
    orderBy: { id: 'desc' },
    take: limit,
    include: { actor: { select: { email: true, name: true } } },
  });
}

export type AuditEntryRow = Awaited<ReturnType<typeof listAuditEntries>>[number];
