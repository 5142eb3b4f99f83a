// The audit log: who changed what, when, with the state before and after. Money changes call
// recordAudit inside the transaction that makes the change, so the entry and the change commit
// (or roll back) together.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from './db.server.ts';

export type ActorKind = 'staff' | 'donor' | 'system' | 'stripe' | 'anonymous';

export interface AuditInput {
  db: DbClient;
  actorId?: string | null;
  actorKind: ActorKind;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * JSON has no bigint, Decimal or Date: money in minor units (bigint) and Decimal rates become
 * exact decimal strings, dates ISO strings. Undefined object fields are dropped, as JSON does.
 */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (Prisma.Decimal.isDecimal(value)) return value.toFixed();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map((item) => toAuditJson(item));
  if (value instanceof Map) return toAuditJson(Object.fromEntries(value));
  if (value instanceof Set) return toAuditJson([...value]);
  if (typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== 'function') out[key] = toAuditJson(item);
    }
    return out;
  }
  return String(value);
}

/** Writes one audit entry with `db` (pass the transaction of the change it records). */
export async function recordAudit({ db, actorId, actorKind, action, entityType, entityId, before, after }: AuditInput) {
  const beforeJson = toAuditJson(before);
  const afterJson = toAuditJson(after);
  return db.auditLog.create({
    data: {
      actorId: actorId ?? null,
      actorKind,
      action,
      entityType,
      entityId,
      ...(beforeJson === null ? {} : { before: beforeJson }),
      ...(afterJson === null ? {} : { after: afterJson }),
    },
  });
}

/** The newest audit entries, with the acting staff member's email. */
export async function listRecentAudit({ db = getPrisma(), limit = 100 }: { db?: DbClient; limit?: number } = {}) {
  return db.auditLog.findMany({
    orderBy: { id: 'desc' },
    take: limit,
    include: { actor: { select: { email: true, name: true } } },
  });
}
