// /account/reports: the impact reports the donor was sent, newest first, each with the period it
// covers as a date range in the reader's language and a link to its web version. The link comes
// from the route (the web version belongs to the impact capability, which this one may not import).
import type { SignedInDonor } from './account-auth.server.ts';
import { listSentImpactReports } from './impact-report-archive-queries.server.ts';
import { formatDate, formatDateRange } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';

const DAY_MS = 86_400_000;

/** The UTC days a report period covers, first and last inclusive: "2026-Q4", "2026-H2" or "2026"; null for anything else. */
export function reportPeriodDays(period: string): { first: Date; last: Date } | null {
  const match = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const part = match[2];
  const [startMonth, months] = !part ? [0, 12] : part.startsWith('Q') ? [(Number(part[1]) - 1) * 3, 3] : [(Number(part[1]) - 1) * 6, 6];
  const first = new Date(Date.UTC(year, startMonth, 1));
  const last = new Date(Date.UTC(year, startMonth + months, 1) - DAY_MS);
  return { first, last };
}

export interface ReportArchiveRow {
  period: string;
  range: string;
  sentOn: string;
  href: string;
}

export interface ReportArchivePageData {
  title: string;
  reports: ReportArchiveRow[];
}

export async function buildReportArchivePage({
  donor,
  locale,
  reportHref,
}: {
  donor: SignedInDonor;
  locale: Locale;
  reportHref: (report: { donorId: string; period: string }) => string;
}): Promise<ReportArchivePageData> {
  const t = getT(locale, 'account-reports');
  const sent = await listSentImpactReports({ donorId: donor.id });
  return {
    title: pageTitle(locale, t('title')),
    reports: sent.map(({ period, sentAt }) => {
      const days = reportPeriodDays(period);
      return {
        period,
        range: days ? formatDateRange(days.first, days.last, locale) : period,
        sentOn: formatDate(sentAt, locale),
        href: reportHref({ donorId: donor.id, period }),
      };
    }),
  };
}
