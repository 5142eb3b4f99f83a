// One series of horizontal bars (e.g. the funding gap by region, top donors): a StackedBarChart
// with a single series, its value written at the end of each bar, and no legend.
import type { ChartAxis, ChartDirection, ChartPattern, ChartTableText, ChartTone } from './chart-types.ts';
import { StackedBarChart } from './stacked-bar-chart.tsx';

export interface BarDatum {
  key: string;
  label: string;
  /** A page about the bar's subject: the table's row header links to it */
  href?: string;
  value: number;
  /** Formatted value, shown at the bar's end and in the table */
  valueLabel: string;
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  bars: BarDatum[];
  /** Name of the measure, e.g. "Funding gap" (table column header) */
  valueName: string;
  tone?: ChartTone;
  pattern?: ChartPattern;
  axis?: ChartAxis;
  formatTick?: (value: number) => string;
  valueAxisLabel?: string;
  dir?: ChartDirection;
  table: Omit<ChartTableText, 'totalHeader'>;
  emptyText: string;
}

export function BarChart({ bars, valueName, tone = 'blue', pattern = 'solid', ...rest }: BarChartProps) {
  return (
    <StackedBarChart
      {...rest}
      orientation="horizontal"
      showLegend={false}
      series={[{ key: 'value', label: valueName, tone, pattern }]}
      categories={bars.map((bar) => ({
        key: bar.key,
        label: bar.label,
        href: bar.href,
        values: { value: bar.value },
        valueLabels: { value: bar.valueLabel },
        totalLabel: bar.valueLabel,
      }))}
    />
  );
}
