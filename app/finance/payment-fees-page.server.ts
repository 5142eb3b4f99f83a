// /staff/finance/payments for finance and admins: gross, fee and net per payment and per currency,
// formatted in the reader's language (amounts from integer minor units, each in its own currency).
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { getPaymentFeeTotals, listPaymentFees } from './payment-fee-queries.server.ts';

/** Payments listed on the page (the totals cover all). */
export const PAYMENTS_SHOWN = 100;

export async function buildPaymentFeesPage(locale: Locale) {
  const t = getT(locale, ['finance', 'common']);
  const [rows, totals] = await Promise.all([listPaymentFees({ limit: PAYMENTS_SHOWN }), getPaymentFeeTotals()]);
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  return {
    title: t('common:meta.title', { page: t('payments.title'), site: t('common:site.name') }),
    limit: PAYMENTS_SHOWN,
    totals: totals.map((total) => ({
      currency: total.currency,
      payments: formatNumber(total.payments, locale),
      gross: money(total.grossMinor, total.currency),
      fee: money(total.feeMinor, total.currency),
      net: money(total.netMinor, total.currency),
    })),
    payments: rows.map((row) => {
      const settled = row.settlement;
      return {
        id: row.paymentId,
        receivedOn: formatDate(row.receivedAt.toISOString(), locale),
        reference: row.reference ?? '—',
        donor: row.donorName,
        method: t(`payments.method.${row.method}`),
        gift: money(row.amountMinor, row.currency),
        gross: settled ? money(settled.grossMinor, settled.currency) : money(row.amountMinor, row.currency),
        fee: settled ? money(settled.feeMinor, settled.currency) : t('payments.noFee'),
        net: settled ? money(settled.netMinor, settled.currency) : money(row.amountMinor, row.currency),
        rate:
          settled?.exchangeRate != null
            ? t('payments.rate', {
                from: row.currency,
                to: settled.currency,
                rate: formatNumber(Number(settled.exchangeRate), locale, { maximumFractionDigits: 12 }),
              })
            : null,
      };
    }),
  };
}
