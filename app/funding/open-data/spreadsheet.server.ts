// The open data downloads as .xlsx (decision 052): the CSV's rows and columns, typed. Amounts are
// numbers in major units (dollars and cents) with the currency's number format from its ISO 4217
// exponent, so a column of the CSV named `fundedUsdMinor` is `fundedUsd` here; basis points are
// fractions shown as percentages (`coverageBasisPoints` → `coverage`); ISO dates are dates. Every
// other cell is the CSV's value as it is. A second sheet, "About", says what the data is.
import { CsvDecimal, type CsvCell } from '~/platform/csv.ts';
import { currencyExponent, minorToDecimalString } from '~/platform/money.ts';
import type { XlsxCell, XlsxColumn } from '~/platform/xlsx.server.ts';

type FlatValue = CsvCell;

export interface SpreadsheetColumn extends XlsxColumn {
  /** The CSV column (dotted JSON field) the values come from */
  field: string;
  cell: (value: FlatValue) => XlsxCell;
}

const MONEY_FIELD = /^(.*)(Usd)Minor$/;
const BASIS_POINTS_FIELD = /^(.*)BasisPoints$/;
const DATE_FIELD = /Date$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "#,##0.00" for USD, "#,##0" for JPY, "#,##0.000" for KWD. */
export function moneyNumberFormat(currency: string): string {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? '#,##0' : `#,##0.${'0'.repeat(exponent)}`;
}

/** Minor units as the nearest double to the exact decimal (Excel holds 15 digits: cents are exact below 10^13 dollars). */
export function minorToMajorNumber(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currency));
}

function plain(value: FlatValue): XlsxCell {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof CsvDecimal) return Number(value.text);
  return value;
}

/** How one CSV column is written to the spreadsheet. */
export function spreadsheetColumn(field: string): SpreadsheetColumn {
  const money = MONEY_FIELD.exec(field);
  if (money) {
    return {
      field,
      header: `${money[1]}${money[2]}`,
      numFmt: moneyNumberFormat('USD'),
      cell: (value) => (typeof value === 'number' ? minorToMajorNumber(value, 'USD') : plain(value)),
    };
  }
  const basisPoints = BASIS_POINTS_FIELD.exec(field);
  if (basisPoints) {
    return {
      field,
      header: basisPoints[1] ?? field,
      numFmt: '0.00%',
      cell: (value) => (typeof value === 'number' ? value / 10_000 : plain(value)),
    };
  }
  if (DATE_FIELD.test(field)) {
    return {
      field,
      header: field,
      numFmt: 'yyyy-mm-dd',
      cell: (value) => {
        const parts = typeof value === 'string' ? ISO_DATE.exec(value) : null;
        return parts ? new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : plain(value);
      },
    };
  }
  return { field, header: field, cell: plain };
}

/** What a spreadsheet says about itself on its "About" sheet (decision 052). */
export interface SpreadsheetAbout {
  title: string;
  description: string;
  /** "2026" or "2023-2026" when the list is for years */
  period?: string;
  /** Defaults to the funding figures' basis */
  basis?: readonly (readonly [string, string])[];
  /** Read only when a spreadsheet is asked for */
  lastChangedAt: () => Promise<string | null>;
}

/** What every funding download's About sheet says about the figures' basis. */
export const FIGURES_BASIS: readonly (readonly [string, string])[] = [
  [
    'Currency and unit',
    'All amounts are in US dollars (USD) at the UN operational rate pinned on the date of each pledge or payment, written as numbers in dollars and cents. The CSV and JSON of the same data give them as integer cents (the fields ending "UsdMinor"). Percentages are shares of 1 (the CSV gives basis points: 10000 = 100 %).',
  ],
  [
    'Budget year vs transaction date',
    'A project’s funded figure counts money in the budget year it was allocated to; contributions count payments in the year they were received and pledges in the year they were made. IATI’s incoming funds are dated by transaction, so its yearly totals can differ from these.',
  ],
  [
    'Gross vs net',
    'Payments count gross: the full amount the donor gave, including any processing fee the donor chose to cover, less refunds and other reversals. Processing fees are reported to finance, not taken off the funded figure.',
  ],
  [
    'Pledged but unpaid',
    'Money promised and not yet received is its own column (pledged-unpaid) and is never counted as funded or paid. Funded = regular budget + general-purpose + earmarked; gap = requirement − funded.',
  ],
  ['Anonymous donors', 'Donors who asked to stay anonymous are shown as "Anonymous", one row per donor type, without a name or country.'],
];

/** The About sheet's rows: what the table is, its filters, basis, source and when the figures last changed. */
export function aboutRows(args: {
  title: string;
  description: string;
  period?: string;
  filters: Record<string, string>;
  basis: readonly (readonly [string, string])[];
  sourceUrl: string;
  /** Each sheet's name and the address of the same table as CSV */
  csvUrls: readonly (readonly [string, string])[];
  lastChangedAt: string | null;
  columns: readonly SpreadsheetColumn[];
}): [string, string][] {
  const filters = Object.entries(args.filters).map(([name, value]) => `${name}=${value}`);
  const renamed = [...new Map(args.columns.map((column) => [column.field, column])).values()]
    .filter((column) => column.header !== column.field)
    .map((column) => `${column.header} ← ${column.field}`);
  return [
    ['Table', args.title],
    ['What it holds', args.description],
    ...(args.period ? ([['Years', args.period]] as [string, string][]) : []),
    ['Filters', filters.length > 0 ? filters.join(', ') : 'none'],
    ...args.basis.map(([label, text]) => [label, text] as [string, string]),
    ['Source', args.sourceUrl],
    ...args.csvUrls.map(
      ([sheet, url]) => [args.csvUrls.length > 1 ? `Sheet ${sheet} as CSV` : 'Same data as CSV', url] as [string, string],
    ),
    ['Columns named differently in the CSV', renamed.length > 0 ? renamed.join('; ') : 'none'],
    ['Figures last changed (UTC)', args.lastChangedAt ?? 'not recorded'],
    ['Licence', 'Creative Commons Attribution 4.0 (CC-BY-4.0), as the open data API.'],
  ];
}

/** The fields of a donor's figures the About sheet quotes (open data API shape, toDonorDetail). */
interface DonorSummary {
  name: string;
  page: string;
  lastChangedAt: string | null;
  paymentRecord: { instalmentsPaidOnTime: number; instalmentsPaidLate: number; instalmentsOutstanding: number; instalmentsOverdue: number };
}

/** A donor's spreadsheet: its two tables, the figures' basis as on its page, and its payment record. */
export function donorSpreadsheetAbout(detail: DonorSummary): SpreadsheetAbout {
  const record = detail.paymentRecord;
  return {
    title: `${detail.name}: contributions`,
    description: `What ${detail.name} pledged and paid, by year (with its rank among donors that year) and by earmark (general-purpose, programme, project), as on its page ${detail.page}.`,
    basis: [
      ...FIGURES_BASIS.filter(([label]) => label !== 'Anonymous donors'),
      [
        'Anonymous gifts',
        'Gifts this donor asked to keep anonymous are not included; the totals equal the open data API’s contributions for this donor.',
      ],
      [
        'Payment record',
        `Instalments of its pledges paid on time: ${record.instalmentsPaidOnTime}; paid late: ${record.instalmentsPaidLate}; outstanding: ${record.instalmentsOutstanding} (of which overdue: ${record.instalmentsOverdue}).`,
      ],
    ],
    lastChangedAt: async () => detail.lastChangedAt,
  };
}
