import { describe, expect, test } from 'vitest';
import { buildAxis, niceStep, scaleLength } from '~/ui/charts/scale.ts';

describe('chart scales', () => {
  test.each([
    [0, 1],
    [7, 2],
    [100, 25],
    [1_234_567, 500_000],
    [4_000_000_00, 100_000_000],
  ])('niceStep(%i) = %i', (max, step) => {
    expect(niceStep(max, 4)).toBe(step);
  });

  test('the axis reaches the data, in round steps, with formatted ticks', () => {
    const axis = buildAxis(1_234_567, (value) => `#${value}`);
    expect(axis.max).toBe(1_500_000);
    expect(axis.ticks.map((t) => t.value)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(axis.ticks[1]?.label).toBe('#500000');
  });

  test('zero, negative and non-finite maxima still give a usable axis', () => {
    for (const max of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const axis = buildAxis(max, String);
      expect(axis.max).toBeGreaterThan(0);
      expect(axis.ticks[0]?.value).toBe(0);
    }
  });

  test('lengths are proportional and clamped', () => {
    expect(scaleLength(50, 200, 400)).toBe(100);
    expect(scaleLength(500, 200, 400)).toBe(400);
    expect(scaleLength(-1, 200, 400)).toBe(0);
    expect(scaleLength(10, 0, 400)).toBe(0);
  });
});
