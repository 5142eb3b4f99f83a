import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatPercentFromBasisPoints, formatYear } from '~/platform/format.ts';

describe('format helpers', () => {
  it('formats dates on the UTC calendar day whatever the process time zone', () => {
    expect(formatDate('2026-03-03T23:30:00-05:00', 'en')).toBe('March 4, 2026');
    expect(formatDate('2026-03-04T00:00:00Z', 'fr')).toBe('4 mars 2026');
    expect(formatDate(new Date(Date.UTC(2026, 0, 31)), 'en', { year: 'numeric', month: 'short' })).toBe('Jan 2026');
  });

  it('refuses a string that is not a date', () => {
    expect(() => formatDate('not a date', 'en')).toThrow(RangeError);
  });

  it('formats basis points as a percentage in the locale', () => {
    expect(formatPercentFromBasisPoints(4250, 'en')).toBe('42.5%');
    expect(formatPercentFromBasisPoints(10_000, 'en')).toBe('100%');
    expect(formatPercentFromBasisPoints(0, 'en')).toBe('0%');
    expect(formatPercentFromBasisPoints(4250, 'fr')).toBe('42,5\u00a0%');
    expect(formatPercentFromBasisPoints(12_345, 'en')).toBe('123.5%');
  });

  it('formats numbers and years in the locale', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(1234567, 'ru')).toBe('1\u00a0234\u00a0567');
    expect(formatYear(2026, 'en')).toBe('2026');
    expect(formatYear(2026, 'ar')).toMatch(/^(2026|٢٠٢٦)$/);
  });
});
