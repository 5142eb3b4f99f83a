// A stacked bar chart drawn as plain SVG on the server (no client code, no inline styles: colours
// are CSS classes, geometry is SVG attributes). Horizontal bars suit long category names
// (programmes), vertical bars suit time (years). Right-to-left pages mirror the geometry while
// text anchors stay logical ('start'/'end' follow the `direction` set on the <svg>), so Arabic
// labels sit on the correct side and never run into the bars.
import { ChartDataTable, ChartLegend, ChartPatternDefs, SeriesRect, round } from './chart-parts.tsx';
import type { ChartAxis, ChartCategory, ChartDirection, ChartSeries, ChartTableText } from './chart-types.ts';
import { buildAxis, scaleLength } from './scale.ts';

export interface StackedBarChartProps {
  /** Unique on the page: prefixes the ids of <title>, <desc> and the patterns */
  id: string;
  /** Short name of the chart (the SVG <title>, its accessible name) */
  title: string;
  /** What the chart shows in a sentence or two (the SVG <desc>) */
  description: string;
  /** Stack order: first series at the axis */
  series: ChartSeries[];
  categories: ChartCategory[];
  orientation?: 'horizontal' | 'vertical';
  /** Value axis with formatted ticks (see buildAxis); computed from the data when omitted */
  axis?: ChartAxis;
  /** Formats ticks when `axis` is omitted (defaults to String) */
  formatTick?: (value: number) => string;
  /** Label of the value axis, e.g. "US dollars" */
  valueAxisLabel?: string;
  /** Label of the category axis (vertical charts), e.g. "Year" */
  categoryAxisLabel?: string;
  /** Legend/table name of the categories' `reference` marker, e.g. "Requirement" */
  referenceName?: string;
  dir?: ChartDirection;
  table: ChartTableText;
  /** Shown instead of the chart when there are no categories */
  emptyText: string;
  /** Legend under the chart (default true; single-series charts may not need one) */
  showLegend?: boolean;
}

const WIDTH = 640;

const total = (category: ChartCategory, series: ChartSeries[]) =>
  series.reduce((sum, item) => sum + Math.max(0, category.values[item.key] ?? 0), 0);

/** Mirrors x coordinates (and rectangles) for right-to-left pages. */
function mirror(dir: ChartDirection) {
  return {
    x: (x: number) => round(dir === 'rtl' ? WIDTH - x : x),
    rectX: (x: number, width: number) => (dir === 'rtl' ? WIDTH - x - width : x),
  };
}

function tooltip(category: ChartCategory, item: ChartSeries): string {
  return `${category.label} — ${item.label}: ${category.valueLabels[item.key] ?? ''}`;
}

export function StackedBarChart(props: StackedBarChartProps) {
  const { id, series, categories, orientation = 'vertical', dir = 'ltr', showLegend = true } = props;
  if (categories.length === 0) return <p className="chart__empty">{props.emptyText}</p>;

  const dataMax = Math.max(0, ...categories.map((c) => Math.max(total(c, series), c.reference ?? 0)));
  const axis = props.axis ?? buildAxis(dataMax, props.formatTick ?? String);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const layout = orientation === 'horizontal' ? horizontalLayout : verticalLayout;
  const { height, content } = layout({ ...props, axis, dir });

  return (
    <div className="chart" data-chart={id}>
      <svg
        className={`chart__svg chart__svg--${orientation}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        direction={dir}
        focusable="false"
      >
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        <ChartPatternDefs chartId={id} patterns={series.map((item) => item.pattern ?? 'solid')} />
        {content}
      </svg>
      {showLegend ? <ChartLegend chartId={id} series={series} referenceName={props.referenceName} /> : null}
      <ChartDataTable series={series} categories={categories} table={props.table} referenceName={props.referenceName} />
    </div>
  );
}

type LayoutProps = StackedBarChartProps & { axis: ChartAxis; dir: ChartDirection };

// Horizontal: each row is the category name on its own line, then the bar, the total after its
// end. Names never share a line with a bar, so no text width has to be guessed.
function horizontalLayout({ id, series, categories, axis, dir, valueAxisLabel }: LayoutProps) {
  const hasTotals = categories.some((c) => c.totalLabel);
  // Room for half of the first tick label, which is centred on the axis origin.
  const start = 28;
  const plotWidth = WIDTH - start - (hasTotals ? 150 : 24);
  const rowHeight = 56;
  const top = 4;
  const axisY = top + categories.length * rowHeight;
  const m = mirror(dir);
  const content = (
    <>
      <g className="chart__grid">
        {axis.ticks.map((tick) => {
          const x = m.x(start + scaleLength(tick.value, axis.max, plotWidth));
          return (
            <g key={tick.value}>
              <line className="chart__gridline" x1={x} x2={x} y1={top} y2={axisY} />
              <text className="chart__tick" x={x} y={axisY + 16} textAnchor="middle">
                {tick.label}
              </text>
            </g>
          );
        })}
        <line className="chart__axis" x1={m.x(start)} x2={m.x(start + plotWidth)} y1={axisY} y2={axisY} />
      </g>
      {categories.map((category, index) => {
        const rowTop = top + index * rowHeight;
        const barY = rowTop + 24;
        let offset = 0;
        const segments = series.map((item) => {
          const length = scaleLength(category.values[item.key] ?? 0, axis.max, plotWidth);
          const x = m.rectX(start + offset, length);
          offset += length;
          return length > 0 ? (
            <SeriesRect
              key={item.key}
              chartId={id}
              series={item}
              x={x}
              y={barY}
              width={length}
              height={20}
              tooltip={tooltip(category, item)}
            />
          ) : null;
        });
        const reference = category.reference;
        return (
          <g key={category.key} className="chart__row" data-category={category.key}>
            <text className="chart__label" x={m.x(start)} y={rowTop + 16} textAnchor="start">
              {category.label}
            </text>
            {segments}
            {reference !== undefined && reference > 0 ? (
              <line
                className="chart__reference"
                x1={m.x(start + scaleLength(reference, axis.max, plotWidth))}
                x2={m.x(start + scaleLength(reference, axis.max, plotWidth))}
                y1={barY - 4}
                y2={barY + 24}
              />
            ) : null}
            {category.totalLabel ? (
              <text className="chart__value" x={m.x(start + offset + 6)} y={barY + 15} textAnchor="start">
                {category.totalLabel}
              </text>
            ) : null}
          </g>
        );
      })}
      {valueAxisLabel ? (
        <text className="chart__axis-label" x={m.x(start + plotWidth / 2)} y={axisY + 36} textAnchor="middle">
          {valueAxisLabel}
        </text>
      ) : null}
    </>
  );
  return { height: axisY + (valueAxisLabel ? 44 : 26), content };
}

// Vertical: years (or other short categories) along the bottom, the value axis at the start edge
// with its label above it, written horizontally so Arabic and Chinese stay readable.
function verticalLayout({ id, series, categories, axis, dir, valueAxisLabel, categoryAxisLabel }: LayoutProps) {
  const start = 76;
  const end = 12;
  const top = valueAxisLabel ? 30 : 12;
  const plotHeight = 220;
  const axisY = top + plotHeight;
  const plotWidth = WIDTH - start - end;
  const band = plotWidth / categories.length;
  const barWidth = Math.min(56, band * 0.6);
  const m = mirror(dir);
  const content = (
    <>
      {valueAxisLabel ? (
        <text className="chart__axis-label" x={m.x(4)} y={14} textAnchor="start">
          {valueAxisLabel}
        </text>
      ) : null}
      <g className="chart__grid">
        {axis.ticks.map((tick) => {
          const y = round(axisY - scaleLength(tick.value, axis.max, plotHeight));
          return (
            <g key={tick.value}>
              <line className="chart__gridline" x1={m.x(start)} x2={m.x(start + plotWidth)} y1={y} y2={y} />
              <text className="chart__tick" x={m.x(start - 6)} y={y + 4} textAnchor="end">
                {tick.label}
              </text>
            </g>
          );
        })}
        <line className="chart__axis" x1={m.x(start)} x2={m.x(start + plotWidth)} y1={axisY} y2={axisY} />
      </g>
      {categories.map((category, index) => {
        const centre = start + band * index + band / 2;
        const x = m.rectX(centre - barWidth / 2, barWidth);
        let offset = 0;
        const segments = series.map((item) => {
          const length = scaleLength(category.values[item.key] ?? 0, axis.max, plotHeight);
          offset += length;
          return length > 0 ? (
            <SeriesRect
              key={item.key}
              chartId={id}
              series={item}
              x={x}
              y={axisY - offset}
              width={barWidth}
              height={length}
              tooltip={tooltip(category, item)}
            />
          ) : null;
        });
        const reference = category.reference;
        const referenceY = round(axisY - scaleLength(reference ?? 0, axis.max, plotHeight));
        return (
          <g key={category.key} className="chart__column" data-category={category.key}>
            {segments}
            {reference !== undefined && reference > 0 ? (
              <line className="chart__reference" x1={round(x - 4)} x2={round(x + barWidth + 4)} y1={referenceY} y2={referenceY} />
            ) : null}
            <text className="chart__label" x={m.x(centre)} y={axisY + 18} textAnchor="middle">
              {category.label}
            </text>
          </g>
        );
      })}
      {categoryAxisLabel ? (
        <text className="chart__axis-label" x={m.x(start + plotWidth / 2)} y={axisY + 40} textAnchor="middle">
          {categoryAxisLabel}
        </text>
      ) : null}
    </>
  );
  return { height: axisY + (categoryAxisLabel ? 48 : 28), content };
}
