// The /staff/impact trigger: validate the period, then start its run (or find the one under way)
// with an audit entry in the same transaction, and answer in the reader's language.
import { recordAudit } from '~/platform/audit.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { startImpactReportRun } from './impact-report-run-commands.server.ts';
import { hasQuarterEnded, parseRunQuarter } from './report-periods.ts';
import { triggerRunSchema } from './trigger-run-schema.ts';

export type TriggerOutcome = { ok: true; runId: string; isNew: boolean } | { ok: false; error: string };

/** Reads the trigger form posted by `staffUserId` and starts the period's run. */
export async function triggerRunFromForm({
  form,
  staffUserId,
  locale,
  now = new Date(),
}: {
  form: Record<string, unknown>;
  staffUserId: string;
  locale: Locale;
  now?: Date;
}): Promise<TriggerOutcome> {
  const t = getT(locale, 'staff-impact');
  const parsed = triggerRunSchema.safeParse(form);
  const quarter = parsed.success ? parseRunQuarter(parsed.data.period) : null;
  if (!parsed.success || !quarter) return { ok: false, error: t('errors.period') };
  // A quarter can be reported once it has ended: before, its reports would miss what is still to come.
  if (!hasQuarterEnded(parsed.data.period, now)) return { ok: false, error: t('errors.notEnded') };
  const { run, isNew } = await startImpactReportRun({
    period: parsed.data.period,
    trigger: 'MANUAL',
    staffUserId,
    now,
    onStart: ({ db, runId }) =>
      recordAudit({
        db,
        actorId: staffUserId,
        actorKind: 'staff',
        action: 'impact-reports.run',
        entityType: 'impact_report_run',
        entityId: runId,
        after: { period: parsed.data.period },
      }),
  });
  return { ok: true, runId: run.id, isNew };
}
