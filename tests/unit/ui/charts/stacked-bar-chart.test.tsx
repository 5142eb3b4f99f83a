import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import type { ChartCategory, ChartSeries } from '~/ui/charts/chart-types.ts';
import { StackedBarChart, type StackedBarChartProps } from '~/ui/charts/stacked-bar-chart.tsx';
import { barsOf, elements, textOf } from './svg-helpers.ts';

const series: ChartSeries[] = [
  { key: 'rb', label: 'Regular budget', tone: 'blue', pattern: 'solid' },
  { key: 'gp', label: 'General-purpose', tone: 'green', pattern: 'dots' },
  { key: 'gap', label: 'Gap', tone: 'red', pattern: 'crosshatch' },
];

const category = (key: string, values: Record<string, number>, reference?: number): ChartCategory => ({
  key,
  label: `Label ${key}`,
  values,
  valueLabels: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `$${v}`])),
  totalLabel: `$${Object.values(values).reduce((a, b) => a + b, 0)}`,
  reference,
  referenceLabel: reference === undefined ? undefined : `$${reference}`,
});

const axis = { max: 400, ticks: [0, 100, 200, 300, 400].map((value) => ({ value, label: `$${value}` })) };

function render(overrides: Partial<StackedBarChartProps> = {}) {
  return renderToStaticMarkup(
    <StackedBarChart
      id="test-chart"
      title="Funding by programme"
      description="Bars by source, then the gap"
      series={series}
      categories={[category('a', { rb: 100, gp: 50, gap: 50 }, 200), category('b', { rb: 200, gp: 0, gap: 0 }, 150)]}
      axis={axis}
      valueAxisLabel="US dollars"
      referenceName="Requirement"
      table={{ summary: 'Show the table', caption: 'Figures by programme', categoryHeader: 'Programme' }}
      emptyText="Nothing to show"
      {...overrides}
    />,
  );
}

describe('StackedBarChart', () => {
  test('is an image named by its <title> and described by its <desc>', () => {
    const html = render();
    const [svg] = elements(html, 'svg');
    expect(svg?.role).toBe('img');
    expect(svg?.['aria-labelledby']).toBe('test-chart-title');
    expect(svg?.['aria-describedby']).toBe('test-chart-desc');
    expect(textOf(html, 'title', 'test-chart-title')).toBe('Funding by programme');
    expect(textOf(html, 'desc', 'test-chart-desc')).toBe('Bars by source, then the gap');
    // The first child of the <svg> is its <title>, so every reader announces the name first.
    expect(html).toMatch(/<svg[^>]*><title id="test-chart-title">/);
  });

  test('horizontal bars: lengths proportional to values, segments end to end, in series order', () => {
    const html = render({ orientation: 'horizontal' });
    const a = barsOf(html, 'a');
    const b = barsOf(html, 'b');
    expect(Object.keys(a)).toEqual(['rb', 'gp', 'gap']);
    // Zero-value segments are not drawn at all.
    expect(Object.keys(b)).toEqual(['rb']);
    expect(a.rb?.width).toBeCloseTo((b.rb?.width ?? 0) / 2, 1);
    expect(a.gp?.width).toBeCloseTo((a.rb?.width ?? 0) / 2, 1);
    expect(a.gp?.x).toBeCloseTo((a.rb?.x ?? 0) + (a.rb?.width ?? 0), 1);
    expect(a.gap?.x).toBeCloseTo((a.gp?.x ?? 0) + (a.gp?.width ?? 0), 1);
    // Full axis (400) = plot width: 200 is half of it.
    const plotWidth = ((b.rb?.width ?? 0) * 400) / 200;
    expect(plotWidth).toBeGreaterThan(300);
    expect(a.rb?.className).toBe('chart__bar chart-tone--blue');
    expect(a.gap?.className).toBe('chart__bar chart-tone--red');
  });

  test('colour is not the only cue: textured series, a legend and a data table', () => {
    const html = render({ orientation: 'horizontal' });
    expect(
      elements(html, 'pattern')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['test-chart-pattern-crosshatch', 'test-chart-pattern-dots']);
    expect(html).toContain('fill="url(#test-chart-pattern-crosshatch)"');
    const legend = /<ul class="chart-legend">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect([...legend.matchAll(/<li[^>]*>.*?<\/svg>([^<]*)<\/li>/g)].map((m) => m[1])).toEqual([
      'Regular budget',
      'General-purpose',
      'Gap',
      'Requirement',
    ]);
    expect(html).toContain('<details class="chart__data"><summary>Show the table</summary>');
    expect(html).toContain('<caption>Figures by programme</caption>');
    expect(elements(html, 'th').filter((th) => th.scope === 'col')).toHaveLength(1 + 1 + series.length);
    expect(html).toContain('<th scope="row">Label a</th><td>$200</td><td>$100</td><td>$50</td><td>$50</td>');
    // No inline styles anywhere (the Content-Security-Policy forbids them).
    expect(html).not.toMatch(/style=/);
  });

  test('vertical bars: heights proportional and stacked upwards from the axis', () => {
    const html = render({ orientation: 'vertical' });
    const a = barsOf(html, 'a');
    const b = barsOf(html, 'b');
    expect(a.rb?.height).toBeCloseTo((b.rb?.height ?? 0) / 2, 1);
    const axisY = (a.rb?.y ?? 0) + (a.rb?.height ?? 0);
    expect((b.rb?.y ?? 0) + (b.rb?.height ?? 0)).toBeCloseTo(axisY, 1);
    expect((a.gp?.y ?? 0) + (a.gp?.height ?? 0)).toBeCloseTo(a.rb?.y ?? 0, 1);
    // The requirement marker of "a" (200) is level with the top of its stack (100 + 50 + 50).
    const [referenceA] = elements(html, 'line').filter((l) => l.class === 'chart__reference' && l.x1 !== '0');
    expect(Number(referenceA?.y1)).toBeCloseTo(a.gap?.y ?? 0, 1);
    // Category labels sit under the bars, centred.
    expect(html).toMatch(/<text class="chart__label" x="[\d.]+" y="[\d.]+" text-anchor="middle">Label a<\/text>/);
  });

  test('right-to-left: horizontal bars grow from the right edge and the svg says rtl', () => {
    const ltr = barsOf(render({ orientation: 'horizontal', dir: 'ltr' }), 'b');
    const html = render({ orientation: 'horizontal', dir: 'rtl' });
    const rtl = barsOf(html, 'b');
    expect(elements(html, 'svg')[0]?.direction).toBe('rtl');
    expect(rtl.rb?.width).toBeCloseTo(ltr.rb?.width ?? 0, 1);
    expect((rtl.rb?.x ?? 0) + (rtl.rb?.width ?? 0)).toBeCloseTo(640 - (ltr.rb?.x ?? 0), 1);
    const a = barsOf(html, 'a');
    // The second segment sits to the left of the first.
    expect((a.gp?.x ?? 0) + (a.gp?.width ?? 0)).toBeCloseTo(a.rb?.x ?? 0, 1);
  });

  test('no categories: the empty text instead of a chart', () => {
    const html = render({ categories: [] });
    expect(html).toBe('<p class="chart__empty">Nothing to show</p>');
  });

  test('all-zero data: an axis and labels, no bars, no NaN', () => {
    const html = render({ axis: undefined, categories: [category('z', { rb: 0, gp: 0, gap: 0 })] });
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('Infinity');
    expect(barsOf(html, 'z')).toEqual({});
    expect(elements(html, 'line').filter((l) => l.class === 'chart__gridline').length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('Label z');
  });

  test('negative values are drawn as nothing rather than backwards', () => {
    const html = render({ categories: [category('n', { rb: -50, gp: 100, gap: 0 })] });
    expect(Object.keys(barsOf(html, 'n'))).toEqual(['gp']);
    expect(barsOf(html, 'n').gp?.width ?? 0).toBeGreaterThan(0);
  });

  test('an axis is computed from the data when none is given, with the caller’s tick format', () => {
    const html = render({ axis: undefined, formatTick: (value) => `T${value}`, orientation: 'horizontal' });
    const ticks = [...html.matchAll(/<text class="chart__tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks[0]).toBe('T0');
    expect(Number(ticks.at(-1)?.slice(1))).toBeGreaterThanOrEqual(200);
  });
});
