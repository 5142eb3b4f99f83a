// A single-series step line over time, drawn as plain SVG on the server like the bar charts: an accessible
// name and description, an optional marker (e.g. the day an appeal was sent), and the figures as a
// table under it. Right-to-left pages mirror the time axis, as the bar charts mirror theirs.
import { ChartDataTable, round } from './chart-parts.tsx';
import type { ChartAxis, ChartDirection, ChartTableText } from './chart-types.ts';
import { scaleLength } from './scale.ts';

export interface LinePoint {
  key: string;
  /** The axis and table label (a formatted day) */
  label: string;
  value: number;
  valueLabel: string;
}

export interface LineChartProps {
  id: string;
  title: string;
  description: string;
  /** Legend and table header of the values */
  seriesLabel: string;
  points: LinePoint[];
  axis: ChartAxis;
  /** The point a vertical marker stands at, and its name */
  marker?: { key: string; label: string };
  dir?: ChartDirection;
  table: ChartTableText;
  emptyText: string;
}

const WIDTH = 640;
const START = 64;
const END = 16;
const TOP = 16;
const PLOT_HEIGHT = 200;

export function LineChart({ id, title, description, seriesLabel, points, axis, marker, dir = 'ltr', table, emptyText }: LineChartProps) {
  if (points.length === 0) return <p className="chart__empty">{emptyText}</p>;
  const plotWidth = WIDTH - START - END;
  const axisY = TOP + PLOT_HEIGHT;
  const xOf = (index: number) => {
    const x = START + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
    return round(dir === 'rtl' ? WIDTH - x : x);
  };
  const yOf = (value: number) => round(axisY - scaleLength(value, axis.max, PLOT_HEIGHT));
  // Steps, not slopes: each point is a figure as of its day, and nothing happened in between.
  const path = points
    .map((point, index) => (index === 0 ? `M${xOf(0)},${yOf(point.value)}` : `H${xOf(index)} V${yOf(point.value)}`))
    .join(' ');
  const markerIndex = marker ? points.findIndex((point) => point.key === marker.key) : -1;
  const first = points[0];
  const last = points[points.length - 1];
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <div className="chart" data-chart={id}>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${axisY + 28}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        direction={dir}
        focusable="false"
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        <g className="chart__grid">
          {axis.ticks.map((tick) => (
            <g key={tick.value}>
              <line className="chart__gridline" x1={xOf(0)} x2={xOf(points.length - 1)} y1={yOf(tick.value)} y2={yOf(tick.value)} />
              <text
                className="chart__tick"
                x={round(dir === 'rtl' ? WIDTH - START + 6 : START - 6)}
                y={yOf(tick.value) + 4}
                textAnchor="end"
              >
                {tick.label}
              </text>
            </g>
          ))}
          <line className="chart__axis" x1={xOf(0)} x2={xOf(points.length - 1)} y1={axisY} y2={axisY} />
        </g>
        {markerIndex >= 0 && marker ? (
          <g className="chart__marker">
            <line className="chart__reference" x1={xOf(markerIndex)} x2={xOf(markerIndex)} y1={TOP} y2={axisY} />
            <text className="chart__label" x={xOf(markerIndex)} y={TOP - 4} textAnchor="middle">
              {marker.label}
            </text>
          </g>
        ) : null}
        <path className="chart__line" d={path} fill="none" />
        {first ? (
          <text className="chart__tick" x={xOf(0)} y={axisY + 18} textAnchor="start">
            {first.label}
          </text>
        ) : null}
        {last && points.length > 1 ? (
          <text className="chart__tick" x={xOf(points.length - 1)} y={axisY + 18} textAnchor="end">
            {last.label}
          </text>
        ) : null}
      </svg>
      <ChartDataTable
        series={[{ key: 'value', label: seriesLabel, tone: 'blue' }]}
        categories={points.map((point) => ({
          key: point.key,
          label: point.label,
          values: { value: point.value },
          valueLabels: { value: point.valueLabel },
        }))}
        table={table}
      />
    </div>
  );
}
