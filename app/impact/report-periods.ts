// Report periods (issue #13 item 4). A run is for one quarter ("2026-Q4"); it also carries the
// half-year report of semi-annual donors when the quarter ends a half (Q2 → H1, Q4 → H2) and the
// annual report when it ends the year (Q4). Periods are half-open UTC ranges [from, to), the same
// as getDonorImpact's, so successive reports neither miss nor repeat a fact.
import type { ImpactReportFrequency } from '~/generated/prisma/client.ts';

export interface ReportPeriod {
  /** "2026-Q4", "2026-H2" or "2026" */
  name: string;
  from: Date;
  to: Date;
}

/** The cron starts a run at 06:00 UTC on the first day of January, April, July and October. */
export const RUN_HOUR_UTC = 6;

const quarterPattern = /^(\d{4})-Q([1-4])$/;
const utc = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1));

/** The quarter a run names, or null when `name` is not a quarter such as "2026-Q4". */
export function parseRunQuarter(name: string): { year: number; quarter: 1 | 2 | 3 | 4 } | null {
  const match = quarterPattern.exec(name);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  return { year, quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
}

/** Whether the quarter a run names has ended at `now` (only an ended quarter is reported: decision 035). */
export function hasQuarterEnded(quarterName: string, now: Date): boolean {
  const quarter = parseRunQuarter(quarterName);
  return quarter !== null && Date.UTC(quarter.year, quarter.quarter * 3, 1) <= now.getTime();
}

/** For each frequency, the period a run of `quarterName` reports (absent: those donors get nothing from this run). */
export function reportPeriodsOfRun(quarterName: string): Partial<Record<ImpactReportFrequency, ReportPeriod>> {
  const quarter = parseRunQuarter(quarterName);
  if (!quarter) throw new RangeError(`not a quarter: "${quarterName}" (expected e.g. 2026-Q4)`);
  const { year, quarter: q } = quarter;
  const periods: Partial<Record<ImpactReportFrequency, ReportPeriod>> = {
    QUARTERLY: { name: quarterName, from: utc(year, (q - 1) * 3), to: utc(year, q * 3) },
  };
  if (q === 2 || q === 4) {
    const half = q / 2;
    periods.SEMIANNUAL = { name: `${year}-H${half}`, from: utc(year, (half - 1) * 6), to: utc(year, half * 6) };
  }
  if (q === 4) periods.ANNUAL = { name: String(year), from: utc(year, 0), to: utc(year + 1, 0) };
  return periods;
}

/** The last quarter that ended at or before `now` (the one the cron reports on). */
export function lastEndedQuarter(now: Date): string {
  const quarterIndex = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1;
  return `${Math.floor(quarterIndex / 4)}-Q${(quarterIndex % 4) + 1}`;
}

/** The next scheduled run after `now`: the quarter it reports and the day the cron starts it. */
export function nextScheduledRun(now: Date): { period: string; startsAt: Date } {
  const nextQuarterStart = utc(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 3);
  return { period: lastEndedQuarter(nextQuarterStart), startsAt: new Date(nextQuarterStart.getTime() + RUN_HOUR_UTC * 3_600_000) };
}
