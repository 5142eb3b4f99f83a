// /staff/finance/fx-rates: the rates missing for months that had gifts (and for this month), the
// last thirteen months of rates per currency, and the outcome of an import in words.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import type { FxRateFileError } from './fx-rate-csv.ts';
import { listMissingRates, listRateHistory } from './fx-rate-queries.server.ts';

const monthName = (month: string, locale: Locale) =>
  formatDate(new Date(`${month}-01T00:00:00Z`), locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });

export async function buildFxRatesPage(locale: Locale, now: Date) {
  const t = getT(locale, ['fx-rates', 'common']);
  const [missing, history] = await Promise.all([listMissingRates({ now }), listRateHistory({ now })]);
  return {
    title: t('common:meta.title', { page: t('title'), site: t('common:site.name') }),
    missing: missing.map((row) => ({
      key: `${row.currency}-${row.month}`,
      text:
        row.uses === 0
          ? t('missing.thisMonth', { currency: row.currency, month: monthName(row.month, locale) })
          : row.usedMonth
            ? t('missing.usedEarlier', {
                currency: row.currency,
                month: monthName(row.month, locale),
                uses: row.uses,
                used: monthName(row.usedMonth, locale),
              })
            : t('missing.none', { currency: row.currency, month: monthName(row.month, locale), uses: row.uses }),
    })),
    history: history.map((row) => ({
      currency: row.currency,
      rates: row.rates.map((rate) => ({
        month: monthName(rate.month, locale),
        usdRate: formatNumber(Number(rate.usdRate), locale, { maximumFractionDigits: 12 }),
      })),
    })),
  };
}

/** An import's outcome or its refusal, in the reader's language. */
export function describeFxImport(
  locale: Locale,
  outcome:
    | { ok: true; added: number; changed: { currency: string; month: string; from: string; to: string }[]; unchanged: number }
    | { ok: false; error: FxRateFileError },
): string {
  const t = getT(locale, 'fx-rates');
  if (!outcome.ok) return t(`errors.${outcome.error.problem}`, { line: outcome.error.line, value: outcome.error.value ?? '' });
  const changes = outcome.changed.map((change) => t('imported.change', { ...change, month: monthName(change.month, locale) })).join('; ');
  return [t('imported.summary', { added: outcome.added, changed: outcome.changed.length, unchanged: outcome.unchanged }), changes]
    .filter(Boolean)
    .join(' ');
}
