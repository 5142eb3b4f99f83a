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
 */
export async function listMissingRates({ db = getPrisma(), now }: { db?: DbClient; now: Date }): Promise<MissingRate[]> {
  const thisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return db.$queryRaw<MissingRate[]>`
    WITH uses AS (
      SELECT currency, date_trunc('month', "receivedAt" AT TIME ZONE 'UTC')::date AS month FROM payments WHERE currency <> 'USD'
      UNION ALL
      SELECT currency, date_trunc('month', "pledgedAt" AT TIME ZONE 'UTC')::date FROM pledges WHERE currency <> 'USD'
    ), months AS (
      SELECT currency, month, count(*)::int AS uses FROM uses GROUP BY 1, 2
      UNION ALL
      SELECT DISTINCT currency, ${thisMonth}::date, 0 FROM fx_rates
    ), needed AS (
      SELECT currency, month, sum(uses)::int AS uses FROM months GROUP BY 1, 2
    )
    SELECT n.currency, to_char(n.month, 'YYYY-MM') AS month, n.uses,
           (SELECT to_char(max(f.month), 'YYYY-MM') FROM fx_rates f WHERE f.currency = n.currency AND f.month < n.month) AS "usedMonth"
      FROM needed n
     WHERE NOT EXISTS (SELECT 1 FROM fx_rates f WHERE f.currency = n.currency AND f.month = n.month)
     ORDER BY n.month DESC, n.currency`;
}
