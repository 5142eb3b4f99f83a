// An audit entry's before and after as a list of changes a person can read: one line per field
// that differs, nested objects flattened to dotted paths ("details.address.city"). Values are shown
// as text; a field absent on one side shows as empty.

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function flatten(value: Json | undefined, prefix: string, out: Map<string, Json>): Map<string, Json> {
  if (value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    if (Object.keys(value).length === 0 && prefix) out.set(prefix, value);
  } else if (value !== undefined && value !== null) {
    out.set(prefix, value);
  }
  return out;
}

/** A value as text: strings as they are, lists joined, anything else as JSON. */
export function auditValueText(value: Json | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.map(String).join(', ');
  return JSON.stringify(value);
}

/** The fields that differ between `before` and `after` (either may be null: a creation, a deletion, an event). */
export function diffAudit(before: unknown, after: unknown): AuditChange[] {
  const left = flatten(before as Json, '', new Map());
  const right = flatten(after as Json, '', new Map());
  const fields = [...new Set([...left.keys(), ...right.keys()])];
  const changes: AuditChange[] = [];
  for (const field of fields) {
    const from = auditValueText(left.get(field));
    const to = auditValueText(right.get(field));
    if (from !== to) changes.push({ field: field || 'value', before: from, after: to });
  }
  return changes;
}
