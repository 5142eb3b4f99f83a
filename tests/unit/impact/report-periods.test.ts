// Which report each frequency gets from a quarter's run, and when the cron's next run comes.
import { describe, expect, it } from 'vitest';
import { lastEndedQuarter, nextScheduledRun, parseRunQuarter, reportPeriodsOfRun } from '~/impact/report-periods.ts';

const names = (quarter: string) =>
  Object.fromEntries(Object.entries(reportPeriodsOfRun(quarter)).map(([key, period]) => [key, period.name]));

describe('report periods', () => {
  it('gives quarterly donors the quarter, semi-annual ones the half at Q2 and Q4, annual ones the year at Q4', () => {
    expect(names('2026-Q1')).toEqual({ QUARTERLY: '2026-Q1' });
    expect(names('2026-Q2')).toEqual({ QUARTERLY: '2026-Q2', SEMIANNUAL: '2026-H1' });
    expect(names('2026-Q3')).toEqual({ QUARTERLY: '2026-Q3' });
    expect(names('2026-Q4')).toEqual({ QUARTERLY: '2026-Q4', SEMIANNUAL: '2026-H2', ANNUAL: '2026' });
  });

  it('uses half-open UTC ranges that all end when the quarter does', () => {
    const periods = reportPeriodsOfRun('2026-Q4');
    expect(periods.QUARTERLY).toMatchObject({ from: new Date('2026-10-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(periods.SEMIANNUAL).toMatchObject({ from: new Date('2026-07-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(periods.ANNUAL).toMatchObject({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(reportPeriodsOfRun('2026-Q2').SEMIANNUAL).toMatchObject({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-07-01T00:00:00Z'),
    });
  });

  it('refuses names that are no quarter', () => {
    for (const name of ['2026-Q5', '2026-H2', '2026', '26-Q1', '2026-q4', ' 2026-Q4']) expect(parseRunQuarter(name), name).toBeNull();
    expect(() => reportPeriodsOfRun('2026-H2')).toThrow(RangeError);
  });

  it('reports the quarter just ended, on the first day of the next one', () => {
    expect(lastEndedQuarter(new Date('2027-01-01T06:00:00Z'))).toBe('2026-Q4');
    expect(lastEndedQuarter(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q3');
    expect(lastEndedQuarter(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q1');
    expect(nextScheduledRun(new Date('2026-12-06T21:00:00Z'))).toEqual({ period: '2026-Q4', startsAt: new Date('2027-01-01T06:00:00Z') });
    expect(nextScheduledRun(new Date('2026-02-10T00:00:00Z'))).toEqual({ period: '2026-Q1', startsAt: new Date('2026-04-01T06:00:00Z') });
  });
});
