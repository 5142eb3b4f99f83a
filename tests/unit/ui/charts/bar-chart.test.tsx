import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { BarChart } from '~/ui/charts/bar-chart.tsx';
import { barsOf, elements, textOf } from './svg-helpers.ts';

const bars = [
  { key: '014', label: 'Eastern Africa', value: 300_000_00, valueLabel: '$300,000.00' },
  { key: '035', label: 'South-eastern Asia', value: 100_000_00, valueLabel: '$100,000.00' },
  { key: '419', label: 'Latin America', value: 0, valueLabel: '$0.00' },
];

function render(data = bars) {
  return renderToStaticMarkup(
    <BarChart
      id="gap-by-region"
      title="Funding gap by region"
      description="One bar per region"
      bars={data}
      valueName="Funding gap"
      tone="red"
      pattern="crosshatch"
      formatTick={(value) => `$${value / 100}`}
      table={{ summary: 'Show the figures', caption: 'Gap by region', categoryHeader: 'Region' }}
      emptyText="No regions"
    />,
  );
}

describe('BarChart', () => {
  test('one bar per datum, lengths proportional, value written at the end of each bar', () => {
    const html = render();
    const east = barsOf(html, '014').value;
    const asia = barsOf(html, '035').value;
    expect(east?.width).toBeCloseTo((asia?.width ?? 0) * 3, 1);
    expect(barsOf(html, '419')).toEqual({});
    const values = [...html.matchAll(/<text class="chart__value" x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)];
    expect(values.map((m) => m[2])).toEqual(['$300,000.00', '$100,000.00', '$0.00']);
    // The value label starts just after its bar, so it never overlaps it.
    expect(Number(values[0]?.[1])).toBeGreaterThan((east?.x ?? 0) + (east?.width ?? 0));
  });

  test('title/desc, no legend, and a two-column data table', () => {
    const html = render();
    expect(textOf(html, 'title', 'gap-by-region-title')).toBe('Funding gap by region');
    expect(html).not.toContain('chart-legend');
    expect(elements(html, 'th').filter((th) => th.scope === 'col')).toHaveLength(2);
    expect(html).toContain('<th scope="col">Region</th><th scope="col">Funding gap</th>');
    expect(html).toContain('<th scope="row">Eastern Africa</th><td>$300,000.00</td>');
  });

  test('category labels sit on their own line above the bar (long names cannot hit the bar)', () => {
    const html = render();
    const label = /<text class="chart__label" x="[\d.]+" y="([\d.]+)"[^>]*>Eastern Africa<\/text>/.exec(html);
    expect(Number(label?.[1])).toBeLessThan(barsOf(html, '014').value?.y ?? 0);
  });

  test('empty data shows the empty text', () => {
    expect(render([])).toBe('<p class="chart__empty">No regions</p>');
  });
});
