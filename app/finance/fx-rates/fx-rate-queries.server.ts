// What finance reads about the UN operational rates: the recent history per currency, and the
// months a gift or pledge arrived in a currency without that month's rate (it then used the
// latest earlier month's, or could not be taken at all) — the rates someone should add.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { plainDecimal } from '~/platform/money.ts';

export interface RateHistory {
  currency: string;
  rates: { month: string; usdRate: string }[];
}

/** The rates of the last `months` months (by `now`), per currency, newest month first. */
export async function listRateHistory({
  db = getPrisma(),
  now,
  months = 13,
}: {
  db?: DbClient;
  now: Date;
  months?: number;
}): Promise<RateHistory[]> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const rows = await db.$queryRaw<{ currency: string; month: string; usdRate: string }[]>`
    SELECT currency, to_char(month, 'YYYY-MM') AS month, "usdRate"::text AS "usdRate" FROM fx_rates
     WHERE month >= ${since}::date ORDER BY currency, month DESC`;
  const byCurrency = new Map<string, RateHistory>();
  for (const row of rows) {
    const history = byCurrency.get(row.currency) ?? { currency: row.currency, rates: [] };
    history.rates.push({
      month: row.month,
      usdRate: plainDecimal(row.usdRate),
    });
    byCurrency.set(row.currency, history);
  }
  return [...byCurrency.values()];
}

export interface MissingRate {
  currency: string;
  month: string;
  /** Gifts and pledges made in that currency that month. */
  uses: number;
  /** The month whose rate they used instead (null: none, a gift could not be taken). */
  usedMonth: string | null;
}

/**
 * Months without their own rate: every currency and month with a non-USD payment or pledge, and
 * the current month of every currency that has rates at all (gifts this month need it).
 *
 * Only the months a currency lacks (found from the rates, a few hundred rows) are counted, each by
 * an index range: grouping every payment and pledge by month took 180 ms a view at 1M ledger rows,
 * and one SQL statement generating the months was planned as a join costly enough for JIT (1.5 s). A month before a currency's first rate
 * cannot hold a gift or pledge in it (the ledger refuses money it cannot convert, FxRateMissingError),
 * so the months looked at run from that first rate to now.
 */
export async function listMissingRates({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<MissingRate[]> {
  const thisMonth = monthKey(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
  const rates = await db.$queryRaw<{ currency: string; month: string }[]>`
    SELECT currency, to_char(month, 'YYYY-MM') AS month FROM fx_rates ORDER BY currency, month`;
  // The months each currency lacks, from its first rate to now, and the rate each falls back to.
  const lacking: { currency: string; month: string; usedMonth: string | null }[] = [];
  for (const [currency, months] of groupMonths(rates)) {
    const have = new Set(months);
    let usedMonth: string | null = null;
    for (let month = months[0]!; month <= thisMonth; month = nextMonthKey(month)) {
      if (have.has(month)) usedMonth = month;
      else lacking.push({ currency, month, usedMonth });
    }
  }
  if (lacking.length === 0) return [];
  const counts = await db.$queryRaw<{ uses: number }[]>`
    SELECT ((SELECT count(*) FROM payments p WHERE p."receivedAt" >= k.starts AND p."receivedAt" < k.ends AND p.currency = k.currency)
          + (SELECT count(*) FROM pledges pl WHERE pl."pledgedAt" >= k.starts AND pl."pledgedAt" < k.ends AND pl.currency = k.currency))::int AS uses
    FROM (SELECT l.currency, l.ord, (l.month || '-01')::timestamp AT TIME ZONE 'UTC' AS starts,
                 ((l.month || '-01')::timestamp + interval '1 month') AT TIME ZONE 'UTC' AS ends
          FROM unnest(${lacking.map((row) => row.currency)}::text[], ${lacking.map((row) => row.month)}::text[]) WITH ORDINALITY AS l(currency, month, ord)) k
    ORDER BY k.ord`;
  return lacking
    .map((row, index) => ({ ...row, uses: counts[index]?.uses ?? 0 }))
    .filter((row) => row.uses > 0 || row.month === thisMonth)
    .map(({ currency, month, uses, usedMonth }) => ({ currency, month, uses, usedMonth }))
    .sort((x, y) => (x.month === y.month ? x.currency.localeCompare(y.currency) : x.month < y.month ? 1 : -1));
}

const monthKey = (date: Date) => date.toISOString().slice(0, 7);

function nextMonthKey(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return monthKey(new Date(Date.UTC(year, number, 1)));
}

function groupMonths(rates: { currency: string; month: string }[]): Map<string, string[]> {
  const byCurrency = new Map<string, string[]>();
  for (const { currency, month } of rates) byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), month]);
  return byCurrency;
}
