// UN operational rates of exchange: one rate per currency and month, USD per major unit. A gift
// pins the rate of its month (DOMAIN.md "operational rate"), so conversions never change later.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { currencyExponent, parseRate } from '~/platform/money.ts';

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
