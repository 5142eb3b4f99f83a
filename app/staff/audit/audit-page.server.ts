// The audit log as a person reads it: filters, a page of entries with each change in words
// ("Roles: Finance → Finance, Programme officer"), the link to older entries, and the same
// filtered entries as CSV (formula-safe) for export.
import type { TFunction } from 'i18next';
import { toCsv } from '~/platform/csv.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { diffAudit } from './audit-diff.ts';
import { ACTOR_KINDS, auditFilterParams, readAuditFilters, type AuditFilters } from './audit-filters.ts';
import { listAuditEntries, type AuditEntryRow } from './audit-queries.server.ts';

export const AUDIT_PAGE_SIZE = 50;
/** A CSV export holds at most this many entries (the newest matching ones); narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 10_000;

const FILTER_FIELDS = ['actor', 'actorKind', 'entityType', 'entityId', 'action', 'from', 'to', 'cursor'] as const;

// Keys with dots would be read by i18next as nesting: actions and fields use "_" in their keys.
const keyOf = (name: string) => name.replaceAll('.', '_');

function labels(t: TFunction) {
  return {
    action: (action: string) => t(`staff:audit.actions.${keyOf(action)}`, { defaultValue: action }),
    field: (field: string) => t(`staff:audit.fields.${keyOf(field)}`, { defaultValue: field }),
    actor: (entry: AuditEntryRow) => entry.actor?.email ?? t(`auth:audit.actorKind.${entry.actorKind}`, { defaultValue: entry.actorKind }),
    changes: (entry: AuditEntryRow) => diffAudit(entry.before, entry.after),
  };
}

function changeLine(t: TFunction, field: string, before: string | null, after: string | null): string {
  return t('staff:audit.change', { field, before: before ?? t('staff:audit.none'), after: after ?? t('staff:audit.none') });
}

export async function buildAuditPage({ url, locale }: { url: URL; locale: Locale }) {
  const t = getT(locale, ['staff', 'auth', 'common']);
  const label = labels(t);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  const values = Object.fromEntries(FILTER_FIELDS.map((key) => [key, url.searchParams.get(key) ?? '']));
  const base = {
    title: t('common:meta.title', { page: t('auth:audit.title'), site: t('common:site.name') }),
    values,
    actorKinds: ACTOR_KINDS.map((kind) => ({ value: kind, label: t(`auth:audit.actorKind.${kind}`) })),
  };
  const read = readAuditFilters(url.searchParams);
  if (!read.ok) {
    const errors = read.errors.map(({ field, reason }) =>
      t(`staff:audit.errors.${reason}`, { field: t(`staff:audit.filters.${field}`, { defaultValue: field }) }),
    );
    return { status: 400, page: { ...base, errors, entries: [], nextHref: null, newestHref: null, csvHref: null } };
  }
  const { filters } = read;
  const rows = await listAuditEntries({ filters, limit: AUDIT_PAGE_SIZE + 1 });
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const params = auditFilterParams(filters);
  const last = shown.at(-1);
  const withParams = (extra: Record<string, string>, path = '/staff/audit') => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(extra)) next.set(key, value);
    const query = next.toString();
    return `${path}${query ? `?${query}` : ''}`;
  };
  return {
    status: 200,
    page: {
      ...base,
      errors: [] as string[],
      entries: shown.map((entry) => ({
        id: entry.id.toString(),
        at: when.format(entry.at),
        atIso: entry.at.toISOString(),
        actor: label.actor(entry),
        action: label.action(entry.action),
        actionCode: entry.action,
        entity: `${entry.entityType} ${entry.entityId}`,
        changes: label.changes(entry).map((change) => ({
          field: label.field(change.field),
          before: change.before ?? t('staff:audit.none'),
          after: change.after ?? t('staff:audit.none'),
        })),
      })),
      nextHref: rows.length > AUDIT_PAGE_SIZE && last ? withParams({ cursor: last.id.toString() }) : null,
      newestHref: filters.cursor ? withParams({}) : null,
      csvHref: withParams({}, '/staff/audit.csv'),
    },
  };
}

/** The filtered entries (newest first, at most AUDIT_EXPORT_LIMIT) as CSV, or null for bad filters. */
export async function buildAuditCsv({ url, locale }: { url: URL; locale: Locale }): Promise<string | null> {
  const read = readAuditFilters(url.searchParams);
  if (!read.ok) return null;
  const t = getT(locale, ['staff', 'auth']);
  const label = labels(t);
  const filters: AuditFilters = read.filters;
  const rows = await listAuditEntries({ filters, limit: AUDIT_EXPORT_LIMIT });
  const columns = ['id', 'at', 'actor', 'actor_kind', 'action', 'entity_type', 'entity_id', 'changes', 'before', 'after'];
  return toCsv(
    columns,
    rows.map((entry) => [
      entry.id.toString(),
      entry.at.toISOString(),
      entry.actor?.email ?? '',
      entry.actorKind,
      entry.action,
      entry.entityType,
      entry.entityId,
      label
        .changes(entry)
        .map((change) => changeLine(t, label.field(change.field), change.before, change.after))
        .join('; '),
      entry.before === null ? '' : JSON.stringify(entry.before),
      entry.after === null ? '' : JSON.stringify(entry.after),
    ]),
  );
}
