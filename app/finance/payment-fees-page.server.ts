// /staff/finance/payments for finance and admins: gross, fee and net per payment and per currency,
// formatted in the reader's language (amounts from integer minor units, each in its own currency).
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { findNewestPaymentDate, getPaymentFeeTotals, listPaymentFees } from './payment-fee-queries.server.ts';

/** Payments listed on the page (the totals cover the whole month). */
export const PAYMENTS_SHOWN = 100;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const monthStart = (date: Date, offset = 0) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
const monthParam = (date: Date) => date.toISOString().slice(0, 7);

/** The month the page shows: `?month=YYYY-MM`, else the month of the newest payment. */
async function chosenMonth(searchParams: URLSearchParams): Promise<Date | null> {
  const match = MONTH.exec(searchParams.get('month') ?? '');
  if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  const newest = await findNewestPaymentDate();
  return newest ? monthStart(newest) : null;
}

export async function buildPaymentFeesPage(locale: Locale, searchParams = new URLSearchParams()) {
  const t = getT(locale, ['finance', 'common']);
  const from = (await chosenMonth(searchParams)) ?? monthStart(new Date());
  const to = monthStart(from, 1);
  const [rows, totals] = await Promise.all([listPaymentFees({ limit: PAYMENTS_SHOWN, from, to }), getPaymentFeeTotals({ from, to })]);
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  const monthName = (date: Date) => formatDate(date.toISOString(), locale, { month: 'long', year: 'numeric' });
  const previous = monthStart(from, -1);
  return {
    title: t('common:meta.title', { page: t('payments.title'), site: t('common:site.name') }),
    limit: PAYMENTS_SHOWN,
    month: monthName(from),
    previousMonth: { href: `?month=${monthParam(previous)}`, label: t('payments.previousMonth', { month: monthName(previous) }) },
    nextMonth: { href: `?month=${monthParam(to)}`, label: t('payments.nextMonth', { month: monthName(to) }) },
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
