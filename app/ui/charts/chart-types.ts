// Shared chart data shapes. Charts take numbers for geometry and ready-formatted strings for
// every text they show (values, ticks, names), so a loader can format in the reader's locale
// on the server and the browser renders the same markup without formatting anything.
//
// Usage (see StackedBarChart and BarChart for all props):
//   const axis = buildAxis(maxTotal, (v) => formatCompactUsd(v, locale));
//   <StackedBarChart id="by-year" title=… description=… series={fundingSeries(t)} categories=… axis={axis}
//     dir={directionOf(locale)} table={{ summary, caption, categoryHeader, totalHeader }} />

/**
 * Fill colour of a series: a CSS class `chart-tone--<tone>` in app.css (AA contrast against the
 * white plot area). Colour is never the only cue: each series also has a pattern, a legend entry
 * and a row in the data table.
 */
export type ChartTone = 'blue' | 'green' | 'purple' | 'orange' | 'red' | 'grey';

/** Texture drawn over the colour so series stay distinguishable in greyscale and print. */
export type ChartPattern = 'solid' | 'diagonal' | 'dots' | 'crosshatch' | 'vertical';

export interface ChartSeries {
  /** Key into each category's `values`/`valueLabels` */
  key: string;
  /** Legend and table header text */
  label: string;
  tone: ChartTone;
  pattern?: ChartPattern;
}

export interface ChartCategory {
  key: string;
  /** Axis / row label, e.g. a year or a programme name */
  label: string;
  /** A page about the category (e.g. a donor's page): the data table's row header links to it */
  href?: string;
  /** Non-negative numbers per series key (missing = 0); negative values are drawn as 0 */
  values: Record<string, number>;
  /** Formatted values per series key, for the data table and the bar tooltips */
  valueLabels: Record<string, string>;
  /** Formatted total shown at the end of a horizontal bar and in the table's total column */
  totalLabel?: string;
  /** Optional reference value drawn as a marker line (e.g. the requirement) */
  reference?: number;
  /** Formatted reference value for the data table */
  referenceLabel?: string;
}

export interface ChartAxis {
  /** Value at the far end of the axis (> 0) */
  max: number;
  ticks: { value: number; label: string }[];
}

/** Texts of the companion data table (in a <details> under the chart). */
export interface ChartTableText {
  /** Text of the <summary> that opens the table, e.g. "Show the data as a table" */
  summary: string;
  caption: string;
  /** Header of the first column (the categories), e.g. "Year" */
  categoryHeader: string;
  /** Header of the total column; omit to leave the column out */
  totalHeader?: string;
}

export type ChartDirection = 'ltr' | 'rtl';
