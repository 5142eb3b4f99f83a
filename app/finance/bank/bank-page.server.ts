// /staff/finance/bank for finance and admins: the import form, the last import's figures, and the
// review list of credits with something open, each with suggested instalments (same currency;
// same amount owed, or a donor name like the remitter's), formatted in the reader's language.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney, minorToDecimalString } from '~/platform/money.ts';
import { listBankAccounts, listOpenBankEntries, listRecentBankMatches } from './bank-review-queries.server.ts';
import { suggestInstalmentsForCredits } from './open-instalment-queries.server.ts';

/** Credits listed for review (the count covers all). */
export const ENTRIES_SHOWN = 50;
/** Latest payment matches listed, each with an undo form. */
export const RECENT_MATCHES_SHOWN = 20;
const RESULT_KEYS = ['entries', 'new', 'matched', 'unmatched'] as const;

export async function buildBankPage(locale: Locale, searchParams: URLSearchParams) {
  const t = getT(locale, ['bank', 'common']);
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  const [accounts, open, recent] = await Promise.all([
    listBankAccounts(),
    listOpenBankEntries({ limit: ENTRIES_SHOWN }),
    listRecentBankMatches({ limit: RECENT_MATCHES_SHOWN }),
  ]);
  const suggested = await suggestInstalmentsForCredits({
    credits: open.entries.map((entry) => ({
      key: entry.id,
      currency: entry.currency,
      amountMinor: entry.openMinor,
      debtorName: entry.debtorName,
    })),
    limit: 3,
  });
  const entries = open.entries.map((entry) => {
    const suggestions = suggested.get(entry.id) ?? [];
    return {
      id: entry.id,
      bookedOn: formatDate(entry.bookingDate, locale),
      received: money(entry.amountMinor, entry.currency),
      charge: entry.chargeMinor > 0n ? money(entry.chargeMinor, entry.currency) : null,
      open: money(entry.openMinor, entry.currency),
      isPartlyMatched: entry.openMinor < entry.grossMinor,
      openDecimal: minorToDecimalString(entry.openMinor, entry.currency),
      currency: entry.currency,
      debtor: entry.debtorName ?? t('review.unknownDebtor'),
      remittance: [entry.structuredRef, entry.remittance].filter(Boolean).join(' · ') || t('review.noRemittance'),
      suggestions: suggestions.map((row) => ({
        value: `${row.pledge.reference}/${row.sequence}`,
        label: t('review.suggestion', {
          reference: row.pledge.reference,
          number: row.sequence,
          donor: row.pledge.donorName,
          owed: money(row.openMinor, row.pledge.currency),
        }),
      })),
    };
  });
  const result = RESULT_KEYS.every((key) => /^\d+$/.test(searchParams.get(key) ?? ''))
    ? Object.fromEntries(RESULT_KEYS.map((key) => [key, formatNumber(Number(searchParams.get(key)), locale)]))
    : null;
  const done = searchParams.get('done');
  return {
    title: t('common:meta.title', { page: t('title'), site: t('common:site.name') }),
    accounts: accounts.map((account) => ({
      iban: account.iban,
      label: t('import.accountOption', { name: account.name, iban: account.iban, currency: account.currency.trim() }),
    })),
    result: result ? t('import.result', result) : null,
    done:
      done === 'matched' || done === 'set-aside' || done === 'returned' || done === 'undone' || done === 'account'
        ? t(`done.${done}`)
        : null,
    entries,
    caption: t('review.caption', { shown: formatNumber(entries.length, locale), total: formatNumber(open.total, locale) }),
    recentMatches: recent.map((match) => ({
      id: match.id,
      bookedOn: formatDate(match.bookingDate, locale),
      debtor: match.debtorName ?? t('review.unknownDebtor'),
      amount: money(match.amountMinor, match.currency),
      instalment: `${match.reference}/${match.sequence}`,
      donor: match.donorName,
      how: t(match.isAutomatic ? 'recent.automatic' : 'recent.byHand'),
      isUndone: match.isUndone,
    })),
  };
}
