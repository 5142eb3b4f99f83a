// The audit log's filters, read from plain URL parameters so a filtered view can be bookmarked or
// shared: who (actor email or kind), object (type and id), action, a date range (UTC days, both
// included) and the paging cursor. Each bad value is named, never turned into a 500.
import { z } from 'zod';

export const ACTOR_KINDS = ['staff', 'donor', 'system', 'stripe', 'anonymous'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'date');
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const auditFiltersSchema = z
  .object({
    actor: optional(z.string().trim().max(320, 'actor')),
    actorKind: optional(z.enum(ACTOR_KINDS, 'actorKind')),
    entityType: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'entityType'),
    ),
    entityId: optional(z.string().trim().max(500, 'entityId')),
    action: optional(
      z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'action'),
    ),
    from: optional(day),
    to: optional(day),
    /** Show entries older than this id (keyset paging: stable while new entries arrive). */
    cursor: optional(z.string().regex(/^[1-9]\d{0,18}$/, 'cursor')),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: 'range', path: ['to'] });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The filters from a URL, or the names of the parameters that are wrong (with the reason key). */
export function readAuditFilters(
  params: URLSearchParams,
): { ok: true; filters: AuditFilters } | { ok: false; errors: { field: string; reason: string }[] } {
  const raw: Record<string, string> = {};
  for (const key of ['actor', 'actorKind', 'entityType', 'entityId', 'action', 'from', 'to', 'cursor']) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = auditFiltersSchema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  // One message per parameter, even when it breaks two rules (a malformed date fails both checks).
  const errors = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors.has(field)) errors.set(field, issue.message === 'range' ? 'range' : 'invalid');
  }
  return { ok: false, errors: [...errors].map(([field, reason]) => ({ field, reason })) };
}

/** The same filters as URL parameters (without the cursor), for links to the next page and the CSV. */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['actor', 'actorKind', 'entityType', 'entityId', 'action', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}
