// UN operational rates of exchange: one rate per currency and month, USD per major unit. A gift
// pins the rate of its month (DOMAIN.md "operational rate"), so conversions never change later.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { currencyExponent, parseRate, plainDecimal } from '~/platform/money.ts';

/** No operational rate is recorded for the currency on or before the date. */
export class FxRateMissingError extends Error {
  constructor(
    readonly currency: string,
    readonly on: Date,
  ) {
    super(`no operational rate for ${currency} on or before ${on.toISOString().slice(0, 7)}`);
    this.name = 'FxRateMissingError';
  }
}

/** The first day (UTC) of the month containing `date`. */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/**
 * The operational rate for `currency` on date `on` as a decimal string: the rate of the latest
 * month not after `on` (a month without a published rate keeps the previous one). USD is "1".
 * Throws FxRateMissingError when no such rate exists.
 */
export async function getUsdRate(args: { currency: string; on: Date; db?: DbClient }): Promise<string> {
  const currency = args.currency.toUpperCase();
  currencyExponent(currency); // refuses unknown currencies before touching the database
  if (currency === 'USD') return '1';
  const db = args.db ?? getPrisma();
  const row = await db.fxRate.findFirst({
    where: { currency, month: { lte: monthStart(args.on) } },
    orderBy: { month: 'desc' },
    select: { usdRate: true },
  });
  if (!row) throw new FxRateMissingError(currency, args.on);
  return row.usdRate.toFixed();
}

/** Records (or corrects) the operational rate of a month; rates are reference data, not money facts. */
export async function upsertFxRate(args: {
  currency: string;
  month: Date;
  usdRate: string;
  source?: string;
  db?: DbClient;
}): Promise<void> {
  const currency = args.currency.toUpperCase();
  currencyExponent(currency);
  parseRate(args.usdRate); // positive decimal or throws MoneyError('INVALID_RATE')
  const db = args.db ?? getPrisma();
  const month = monthStart(args.month);
  const source = args.source ?? 'UN operational rates';
  await db.fxRate.upsert({
    where: { currency_month: { currency, month } },
    create: { currency, month, usdRate: args.usdRate, source },
    update: { usdRate: args.usdRate, source },
  });
}

export interface FxRateImportResult {
  added: number;
  changed: { currency: string; month: string; from: string; to: string }[];
  unchanged: number;
}

/**
 * Records a file of operational rates in one transaction: new months are added, a month whose
 * rate differs is corrected (gifts already received keep the rate they pinned), equal ones are
 * left alone. One audit entry says who imported what and every correction, before → after.
 */
export async function importFxRates({
  db = getPrisma(),
  rates,
  source = 'UN operational rates',
  staffUserId,
}: {
  db?: ReturnType<typeof getPrisma>;
  rates: { currency: string; month: Date; usdRate: string }[];
  source?: string;
  staffUserId: string | null;
}): Promise<FxRateImportResult> {
  for (const rate of rates) {
    currencyExponent(rate.currency);
    parseRate(rate.usdRate);
  }
  const currencies = rates.map((rate) => rate.currency);
  const months = rates.map((rate) => monthStart(rate.month).toISOString().slice(0, 10));
  const values = rates.map((rate) => rate.usdRate);
  return db.$transaction(async (tx) => {
    const before = await tx.$queryRaw<{ currency: string; month: string; rate: string }[]>`
      SELECT f.currency, to_char(f.month, 'YYYY-MM') AS month, f."usdRate"::text AS rate
        FROM fx_rates f JOIN unnest(${currencies}::text[], ${months}::date[]) AS i(currency, month) ON f.currency = i.currency AND f.month = i.month
         FOR UPDATE OF f`;
    await tx.$executeRaw`
      INSERT INTO fx_rates (currency, month, "usdRate", source)
      SELECT currency, month, rate, ${source} FROM unnest(${currencies}::text[], ${months}::date[], ${values}::numeric[]) AS i(currency, month, rate)
      ON CONFLICT (currency, month) DO UPDATE SET "usdRate" = EXCLUDED."usdRate", source = EXCLUDED.source
       WHERE fx_rates."usdRate" <> EXCLUDED."usdRate"`;
    const known = new Map(before.map((row) => [`${row.currency} ${row.month}`, row.rate]));
    const result: FxRateImportResult = { added: 0, changed: [], unchanged: 0 };
    for (const [index, rate] of rates.entries()) {
      const month = months[index]!.slice(0, 7);
      const previous = known.get(`${rate.currency} ${month}`);
      if (previous === undefined) result.added += 1;
      else if (plainDecimal(previous) === plainDecimal(rate.usdRate)) result.unchanged += 1;
      else result.changed.push({ currency: rate.currency, month, from: plainDecimal(previous), to: plainDecimal(rate.usdRate) });
    }
    await recordAudit({
      db: tx,
      actorId: staffUserId,
      actorKind: staffUserId ? 'staff' : 'system',
      action: 'fx_rates.import',
      entityType: 'FxRate',
      entityId: [...new Set(currencies)].sort().join(',').slice(0, 200),
      after: { source, ...result },
    });
    return result;
  });
}
