// /staff/impact (resource mobilization): the coming run (its quarter, its day, donors by
// frequency), past and current runs with their progress, and the preview of one donor's report
// for the last ended quarter — the email as the outbox would render it, or "nothing to report".
import { accountUrl } from '~/platform/account-link.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { isLocale, type Locale } from '~/platform/i18n.ts';
import { preferencesLink } from '~/platform/email/unsubscribe-link.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getDonorImpact } from './donor-impact-queries.server.ts';
import { impactReport, impactReportPropsFrom } from './impact-report-email.server.ts';
import { impactReportWebLink } from './impact-report-links.server.ts';
import { countDonorsByFrequency, findDonorForPreview, listImpactReportRuns } from './impact-schedule-queries.server.ts';
import { reportFrequencies } from '~/ledger/report-frequency.ts';
import { lastEndedQuarter, nextScheduledRun, parseRunQuarter, reportPeriodsOfRun } from './report-periods.ts';

export type Preview =
  | { state: 'none' }
  | { state: 'not-found'; message: string }
  | { state: 'nothing'; message: string }
  | { state: 'report'; heading: string; subject: string; html: string };

/** The report `query` (a donor id or email) names, rendered as the outbox would send it. */
export async function buildImpactReportPreview({
  query,
  quarter,
  locale,
  now,
}: {
  query: string;
  /** The run whose report to show ("2025-Q4"); the last ended quarter when absent or not a quarter */
  quarter?: string;
  locale: Locale;
  now: Date;
}): Promise<Preview> {
  const t = getT(locale, 'staff-impact');
  if (!query.trim()) return { state: 'none' };
  const donor = await findDonorForPreview({ query });
  if (!donor || donor.erasedAt) return { state: 'not-found', message: t('preview.notFound') };
  const periods = reportPeriodsOfRun(quarter && parseRunQuarter(quarter) ? quarter : lastEndedQuarter(now));
  // The report the donor's frequency gives them at the last run; a quarter when it gave them none.
  const period = (donor.impactReportFrequency !== 'NONE' && periods[donor.impactReportFrequency]) || periods.QUARTERLY!;
  const impact = await getDonorImpact({ donorId: donor.id, from: period.from, to: period.to });
  if (!impact.hasNews) return { state: 'nothing', message: t('preview.nothing', { name: donor.displayName, period: period.name }) };
  const props = impactReportPropsFrom({
    impact,
    donorName: donor.displayName,
    projectUrl: (code) => new URL(`/projects/${encodeURIComponent(code)}`, getEnv().APP_ORIGIN).toString(),
    webVersionUrl: impactReportWebLink({ donorId: donor.id, period: period.name }),
    accountUrl: accountUrl(),
    preferencesUrl: preferencesLink({ donorId: donor.id }),
  });
  const rendered = await impactReport.render({ props, locale: isLocale(donor.locale) ? donor.locale : 'en' });
  return {
    state: 'report',
    heading: t('preview.heading', { name: donor.displayName, period: period.name, language: donor.locale }),
    subject: rendered.subject,
    html: rendered.html,
  };
}

export async function buildImpactStaffPage({
  locale,
  previewQuery,
  previewQuarter = '',
  now = new Date(),
}: {
  locale: Locale;
  previewQuery: string;
  /** The run whose report the preview shows; the last ended quarter when empty */
  previewQuarter?: string;
  now?: Date;
}) {
  const t = getT(locale, ['staff-impact', 'common']);
  const next = nextScheduledRun(now);
  const [byFrequency, runs, preview] = await Promise.all([
    countDonorsByFrequency(),
    listImpactReportRuns(),
    buildImpactReportPreview({ query: previewQuery, quarter: previewQuarter, locale, now }),
  ]);
  const nextPeriods = reportPeriodsOfRun(next.period);
  const number = (value: number) => formatNumber(value, locale);
  return {
    title: t('common:meta.title', { page: t('staff-impact:title'), site: t('common:site.name') }),
    next: {
      text: t('staff-impact:next.when', { period: next.period, date: formatDate(next.startsAt, locale) }),
      frequencies: reportFrequencies.map((frequency) => ({
        frequency,
        label: t(`staff-impact:frequency.${frequency}`),
        donors: number(byFrequency[frequency]),
        period: nextPeriods[frequency as keyof typeof nextPeriods]?.name ?? t('staff-impact:next.notThisRun'),
      })),
    },
    suggestedPeriod: lastEndedQuarter(now),
    // The page polls while a run's fan-out goes on and while its emails are still being sent.
    isRunning: runs.some((run) => !run.finishedAt || run.pending > 0),
    runs: runs.map((run) => {
      const seconds = ((run.finishedAt ?? now).getTime() - run.startedAt.getTime()) / 1000;
      // Sending: from the first email sent to the last (to now while some wait), at least a second.
      const sendingSeconds = run.firstSentAt
        ? Math.max(1, ((run.pending > 0 ? now : (run.lastSentAt ?? now)).getTime() - run.firstSentAt.getTime()) / 1000)
        : null;
      return {
        id: run.id,
        period: run.period,
        trigger: t(`staff-impact:trigger.${run.trigger}`) + (run.staffName ? ` (${run.staffName})` : ''),
        startedAt: formatDate(run.startedAt, locale, { dateStyle: 'medium', timeStyle: 'short' }),
        state: !run.finishedAt
          ? t('staff-impact:runs.running')
          : run.pending > 0
            ? t('staff-impact:runs.sending')
            : t('staff-impact:runs.finished'),
        donors: number(run.donors),
        queued: number(run.queued),
        skipped: number(run.skipped),
        sent: t('staff-impact:runs.sentOf', { sent: number(run.sent), queued: number(run.queued) }),
        failed: number(run.failed),
        rate: t('staff-impact:runs.rateValue', {
          rate: formatNumber(seconds > 0 ? run.donors / seconds : 0, locale, { maximumFractionDigits: 1 }),
        }),
        sendRate:
          sendingSeconds === null
            ? '—'
            : t('staff-impact:runs.sendRateValue', {
                rate: formatNumber(run.sent / sendingSeconds, locale, { maximumFractionDigits: 1 }),
              }),
        error: run.error,
      };
    }),
    previewQuery,
    previewQuarter: parseRunQuarter(previewQuarter) ? previewQuarter : lastEndedQuarter(now),
    // The email itself is served by /staff/impact/preview, a document with a policy of its own
    // (security-headers.server.ts): an email's inline styles would break this page's CSP.
    preview:
      preview.state === 'report'
        ? {
            state: preview.state,
            heading: preview.heading,
            subject: preview.subject,
            src: `/staff/impact/preview?${new URLSearchParams({ donor: previewQuery, quarter: previewQuarter })}`,
          }
        : preview,
  };
}
