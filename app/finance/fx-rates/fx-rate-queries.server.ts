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
 * Only the months a currency lacks are counted, each by an index range: grouping every payment
 * and pledge by month took 180 ms a view at 1M ledger rows. A month before a currency's first rate
 * cannot hold a gift or pledge in it (the ledger refuses money it cannot convert, FxRateMissingError),
 * so the months looked at run from that first rate to now.
 */
export async function listMissingRates({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<MissingRate[]> {
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return db.$queryRaw<MissingRate[]>`
    WITH currencies AS (
      SELECT currency, min(month) AS first FROM fx_rates GROUP BY currency
    ), lacking AS (
      SELECT c.currency, m::date AS month, m AT TIME ZONE 'UTC' AS starts, (m + interval '1 month') AT TIME ZONE 'UTC' AS ends
        FROM currencies c, generate_series(c.first::timestamp, ${thisMonth}::date::timestamp, interval '1 month') AS m
       WHERE NOT EXISTS (SELECT 1 FROM fx_rates f WHERE f.currency = c.currency AND f.month = m::date)
    ), counted AS (
      SELECT k.currency, k.month,
             (SELECT count(*) FROM payments p WHERE p."receivedAt" >= k.starts AND p."receivedAt" < k.ends AND p.currency = k.currency)
           + (SELECT count(*) FROM pledges pl WHERE pl."pledgedAt" >= k.starts AND pl."pledgedAt" < k.ends AND pl.currency = k.currency) AS uses
        FROM lacking k
    )
    SELECT k.currency, to_char(k.month, 'YYYY-MM') AS month, k.uses::int AS uses,
           (SELECT to_char(max(f.month), 'YYYY-MM') FROM fx_rates f WHERE f.currency = k.currency AND f.month < k.month) AS "usedMonth"
      FROM counted k
     WHERE k.uses > 0 OR k.month = ${thisMonth}::date
     ORDER BY k.month DESC, k.currency`;
}
