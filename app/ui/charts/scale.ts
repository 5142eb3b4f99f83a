// Value axes for the SVG charts: a "nice" maximum (1, 2, 2.5 or 5 × 10^k) and evenly spaced
// ticks, so gridlines fall on round figures. Pure and locale-free: tick labels come from the
// caller's formatter, which loaders run on the server so the page ships ready-made strings.
import type { ChartAxis } from './chart-types.ts';

const STEPS = [1, 2, 2.5, 5, 10];

/** The smallest round step so that `max` fits in about `tickCount` steps (never 0). */
export function niceStep(max: number, tickCount: number): number {
  const raw = Math.max(max, 1) / Math.max(tickCount, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((s) => s * magnitude >= raw) ?? 10) * magnitude;
  // Values are integers (minor units, counts): a step below 1 would only repeat labels.
  return Math.max(1, step);
}

/**
 * An axis from 0 to a round maximum ≥ `maxValue`, with `tickCount` (± 1) labelled ticks.
 * All-zero or empty data still gets an axis (0 … 1 step) so bars draw with zero length, not NaN.
 */
export function buildAxis(maxValue: number, format: (value: number) => string, tickCount = 4): ChartAxis {
  const safeMax = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 0;
  const step = niceStep(safeMax, tickCount);
  const max = Math.max(step, Math.ceil(safeMax / step) * step);
  const ticks: ChartAxis['ticks'] = [];
  for (let value = 0; value <= max + step / 2; value += step) ticks.push({ value, label: format(value) });
  return { max, ticks };
}

/** Length of `value` on an axis of `size` units (clamped to 0 … size). */
export function scaleLength(value: number, axisMax: number, size: number): number {
  if (!(axisMax > 0) || !(value > 0)) return 0;
  return Math.min(size, (value / axisMax) * size);
}
