// Reading a file of UN operational rates (issue #12 item 7). One row per currency and month:
//   currency,month,usd_per_unit        e.g. EUR,2026-11,1.0842
// or, as the UN Treasury publishes them (units of the currency for one US dollar):
//   currency,month,units_per_usd       e.g. EUR,2026-11,0.922
// A month is YYYY-MM (or YYYY-MM-01). Rates are stored as USD per unit with 12 decimals. Any bad
// line makes the whole file an error naming the line; nothing of it is used.
import { parseCsv } from '~/platform/csv.ts';
import { divideRoundHalfUp, isSupportedCurrency, parseRate } from '~/platform/money.ts';

export interface FxRateLine {
  line: number;
  currency: string;
  /** First day of the month, UTC. */
  month: Date;
  /** USD per major unit, decimal string, at most 12 decimals. */
  usdRate: string;
}

export type FxRateFileError = {
  line: number;
  problem: 'header' | 'columns' | 'currency' | 'usd' | 'month' | 'rate' | 'duplicate' | 'empty';
  value?: string;
};

const RATE_DECIMALS = 12;

/** `numerator / 10^scale` inverted, to RATE_DECIMALS decimals (half up), as a plain decimal string. */
function invert({ numerator, scale }: { numerator: bigint; scale: number }): string | null {
  const fixed = divideRoundHalfUp(10n ** BigInt(RATE_DECIMALS + scale), numerator);
  if (fixed <= 0n) return null;
  return toDecimal(fixed, RATE_DECIMALS);
}

function toDecimal(fixed: bigint, decimals: number): string {
  const digits = fixed.toString().padStart(decimals + 1, '0');
  const text = `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return text.replace(/\.?0+$/, '');
}

/** The rate as USD per unit with at most RATE_DECIMALS decimals (more is rounded half up). */
function normalise({ numerator, scale }: { numerator: bigint; scale: number }): string | null {
  const fixed =
    scale > RATE_DECIMALS
      ? divideRoundHalfUp(numerator, 10n ** BigInt(scale - RATE_DECIMALS))
      : numerator * 10n ** BigInt(RATE_DECIMALS - scale);
  return fixed > 0n ? toDecimal(fixed, RATE_DECIMALS) : null;
}

export function parseFxRateFile(text: string): { ok: true; rates: FxRateLine[] } | { ok: false; error: FxRateFileError } {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (!header) return { ok: false, error: { line: 1, problem: 'empty' } };
  const direction = header[2] === 'usd_per_unit' ? 'usd' : header[2] === 'units_per_usd' ? 'units' : null;
  if (header.length !== 3 || header[0] !== 'currency' || header[1] !== 'month' || !direction)
    return { ok: false, error: { line: 1, problem: 'header' } };
  const rates: FxRateLine[] = [];
  const seen = new Map<string, number>();
  for (const [index, row] of rows.slice(1).entries()) {
    const line = index + 2;
    if (row.length !== 3) return { ok: false, error: { line, problem: 'columns' } };
    const [rawCurrency, rawMonth, rawRate] = row.map((cell) => cell.trim()) as [string, string, string];
    const currency = rawCurrency.toUpperCase();
    if (!isSupportedCurrency(currency)) return { ok: false, error: { line, problem: 'currency', value: rawCurrency } };
    if (currency === 'USD') return { ok: false, error: { line, problem: 'usd' } };
    const match = /^(\d{4})-(\d{2})(?:-01)?$/.exec(rawMonth);
    const monthNumber = Number(match?.[2]);
    if (!match || monthNumber < 1 || monthNumber > 12) return { ok: false, error: { line, problem: 'month', value: rawMonth } };
    let usdRate: string | null;
    try {
      const rate = parseRate(rawRate);
      usdRate = direction === 'usd' ? normalise(rate) : invert(rate);
    } catch {
      usdRate = null;
    }
    if (!usdRate) return { ok: false, error: { line, problem: 'rate', value: rawRate } };
    const key = `${currency} ${match[1]}-${match[2]}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return { ok: false, error: { line, problem: 'duplicate', value: String(earlier) } };
    seen.set(key, line);
    rates.push({ line, currency, month: new Date(Date.UTC(Number(match[1]), monthNumber - 1, 1)), usdRate });
  }
  if (rates.length === 0) return { ok: false, error: { line: 2, problem: 'empty' } };
  return { ok: true, rates };
}
