// The finance exports form: the kinds with what each holds, the period (by default the year so
// far), and — when the download refused the request — the reasons next to the fields.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { EXPORT_KINDS } from './finance-export-queries.server.ts';
import { financeExportRequest } from './finance-export.server.ts';

export function buildFinanceExportsPage(locale: Locale, params: URLSearchParams, now: Date) {
  const t = getT(locale, ['finance-exports', 'common']);
  const today = now.toISOString().slice(0, 10);
  const values = {
    kind: params.get('kind') ?? 'payments',
    format: params.get('format') ?? 'csv',
    from: params.get('from') ?? `${today.slice(0, 4)}-01-01`,
    to: params.get('to') ?? today,
  };
  const errors: { kind: string | null; format: string | null; from: string | null; to: string | null } = {
    kind: null,
    format: null,
    from: null,
    to: null,
  };
  if (params.has('invalid')) {
    const parsed = financeExportRequest.safeParse(values);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = String(issue.path[0] ?? 'to') as keyof typeof errors;
      if (field in errors && !errors[field])
        errors[field] = t(`errors.${issue.message === 'order' || issue.message === 'span' ? issue.message : field}`);
    }
  }
  return {
    title: t('common:meta.title', { page: t('title'), site: t('common:site.name') }),
    values,
    errors,
    kinds: EXPORT_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}.label`), hint: t(`kind.${kind}.hint`) })),
  };
}
