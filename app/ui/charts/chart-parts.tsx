// Pieces every chart shares: pattern definitions, the HTML legend and the companion data table.
import type { ChartCategory, ChartPattern, ChartSeries, ChartTableText } from './chart-types.ts';
import { TableScroll } from '../table-scroll.tsx';

/** Two decimals are plenty for a 640-unit drawing and keep the markup short. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function patternId(chartId: string, pattern: ChartPattern): string {
  return `${chartId}-pattern-${pattern}`;
}

const PATTERN_PATHS: Record<Exclude<ChartPattern, 'solid'>, string> = {
  diagonal: 'M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2',
  crosshatch: 'M0,0 L8,8 M8,0 L0,8',
  vertical: 'M4,0 L4,8',
  dots: '',
};

/** <defs> with one <pattern> per texture used; patterns are light strokes laid over the colour. */
export function ChartPatternDefs({ chartId, patterns }: { chartId: string; patterns: ChartPattern[] }) {
  const used = [...new Set(patterns)].filter((p): p is Exclude<ChartPattern, 'solid'> => p !== 'solid');
  if (used.length === 0) return null;
  return (
    <defs>
      {used.map((pattern) => (
        <pattern key={pattern} id={patternId(chartId, pattern)} patternUnits="userSpaceOnUse" width="8" height="8">
          {pattern === 'dots' ? (
            <circle className="chart-pattern__mark" cx="4" cy="4" r="1.6" />
          ) : (
            <path className="chart-pattern__line" d={PATTERN_PATHS[pattern]} />
          )}
        </pattern>
      ))}
    </defs>
  );
}

/** A filled rectangle in a series' colour with its texture on top. */
export function SeriesRect({
  chartId,
  series,
  x,
  y,
  width,
  height,
  tooltip,
}: {
  chartId: string;
  series: ChartSeries;
  x: number;
  y: number;
  width: number;
  height: number;
  tooltip?: string;
}) {
  const pattern = series.pattern ?? 'solid';
  return (
    <g className="chart__segment" data-series={series.key}>
      {tooltip ? <title>{tooltip}</title> : null}
      <rect className={`chart__bar chart-tone--${series.tone}`} x={round(x)} y={round(y)} width={round(width)} height={round(height)} />
      {pattern !== 'solid' ? (
        <rect
          className="chart__texture"
          x={round(x)}
          y={round(y)}
          width={round(width)}
          height={round(height)}
          fill={`url(#${patternId(chartId, pattern)})`}
        />
      ) : null}
    </g>
  );
}

/**
 * The legend, as HTML so long names wrap and follow the writing direction. Swatches reuse the
 * chart's pattern definitions (same document), so they show the same colour and texture.
 */
export function ChartLegend({ chartId, series, referenceName }: { chartId: string; series: ChartSeries[]; referenceName?: string }) {
  return (
    <ul className="chart-legend">
      {series.map((item) => (
        <li key={item.key} className="chart-legend__item">
          <svg className="chart-legend__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <SeriesRect chartId={chartId} series={item} x={0} y={0} width={16} height={16} />
          </svg>
          {item.label}
        </li>
      ))}
      {referenceName ? (
        <li className="chart-legend__item">
          <svg className="chart-legend__swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <line className="chart__reference" x1="0" y1="8" x2="16" y2="8" />
          </svg>
          {referenceName}
        </li>
      ) : null}
    </ul>
  );
}

/** The chart's figures as a table (the text alternative), folded in a <details> under it. */
export function ChartDataTable({
  series,
  categories,
  table,
  referenceName,
}: {
  series: ChartSeries[];
  categories: ChartCategory[];
  table: ChartTableText;
  referenceName?: string;
}) {
  return (
    <details className="chart__data">
      <summary>{table.summary}</summary>
      <TableScroll label={table.caption}>
        <table className="data-table data-table--figures">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{table.categoryHeader}</th>
              {referenceName ? <th scope="col">{referenceName}</th> : null}
              {series.map((item) => (
                <th scope="col" key={item.key}>
                  {item.label}
                </th>
              ))}
              {table.totalHeader ? <th scope="col">{table.totalHeader}</th> : null}
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.key}>
                <th scope="row">{category.href ? <a href={category.href}>{category.label}</a> : category.label}</th>
                {referenceName ? <td>{category.referenceLabel ?? ''}</td> : null}
                {series.map((item) => (
                  <td key={item.key}>{category.valueLabels[item.key] ?? ''}</td>
                ))}
                {table.totalHeader ? <td>{category.totalLabel ?? ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
