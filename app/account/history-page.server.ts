// /account: the signed-in donor's giving, formatted once on the server in the reader's language
// (amounts by each currency's exponent, dates, statuses). Links to pages of other capabilities
// (a pledge's own page) come from the route, which may import them (capabilities do not).
import type { SignedInDonor } from './account-auth.server.ts';
import { listGivingHistory, type EarmarkSummary, type HistoryEntry, type HistoryPayment } from './giving-history-queries.server.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';

export const HISTORY_PAGE_SIZE = 10;
type T = ReturnType<typeof getT>;

/** The page number in ?page= (1 when absent or not a positive whole number). */
export function pageNumberOf(request: Request): number {
  const raw = new URL(request.url).searchParams.get('page') ?? '1';
  const page = /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return page >= 1 ? page : 1;
}

export function earmarkLabel(t: T, earmark: EarmarkSummary, locale: Locale): string {
  if (earmark.kind === 'general') return t('earmark.general');
  const title = pickText(earmark.title, locale);
  return earmark.kind === 'project' ? t('earmark.project', { code: earmark.code ?? '', title }) : t('earmark.programme', { title });
}

/** Received, refunded or partly refunded (refunds and disputes that took money back). */
export function paymentStatus(payment: HistoryPayment): 'received' | 'refunded' | 'partly-refunded' {
  if (payment.reversedMinor <= 0n) return 'received';
  return payment.reversedMinor >= payment.amountMinor ? 'refunded' : 'partly-refunded';
}

function pledgeStatus(entry: Extract<HistoryEntry, { kind: 'pledge' }>): string {
  if (entry.cancelled) return 'cancelled';
  const net = entry.payments.reduce((sum, payment) => sum + payment.amountMinor - payment.reversedMinor, 0n);
  if (entry.frequency === 'MONTHLY') {
    const status = entry.subscriptionStatus;
    if (status === 'canceled' || status === 'incomplete_expired') return 'ended';
    if (status === 'past_due' || status === 'unpaid') return 'payment-failed';
    if (status === 'paused') return 'paused';
    return entry.payments.length > 0 || status === 'active' ? 'active' : 'awaiting-payment';
  }
  if (entry.frequency === 'INSTALMENTS' && entry.instalments.length > 0) {
    if (entry.instalments.every((instalment) => instalment.status === 'paid' || instalment.status === 'written-off')) return 'complete';
    return net > 0n ? 'in-progress' : 'awaiting-payment';
  }
  if (net >= entry.amountMinor) return 'paid';
  if (net > 0n) return 'partly-paid';
  if (entry.payments.length > 0) return 'refunded';
  return 'awaiting-payment';
}

function formatPayment(t: T, payment: HistoryPayment, locale: Locale) {
  const status = paymentStatus(payment);
  return {
    id: payment.id,
    receivedOn: formatDate(payment.receivedAt, locale),
    amount: formatMoney(payment.amountMinor, payment.currency, locale),
    refunded: payment.reversedMinor > 0n ? formatMoney(payment.reversedMinor, payment.currency, locale) : null,
    instalment:
      payment.instalmentSequence === null
        ? null
        : t('history.instalmentNumber', { number: formatNumber(payment.instalmentSequence, locale) }),
    status,
    statusLabel: t(`paymentStatus.${status}`),
    receiptHref: `/account/receipts/${payment.id}`,
  };
}

function formatEntry(t: T, entry: HistoryEntry, locale: Locale, pledgeHref: (reference: string) => string) {
  if (entry.kind === 'payment') {
    const payment = formatPayment(t, entry.payment, locale);
    return {
      key: `payment:${entry.id}`,
      title: t('history.kind.payment'),
      reference: null,
      date: formatDate(entry.at, locale),
      amount: payment.amount,
      earmark: earmarkLabel(t, entry.earmark, locale),
      status: payment.status,
      statusLabel: payment.statusLabel,
      pledgeHref: null,
      monthlyHref: null,
      payments: [payment],
      instalments: [],
    };
  }
  const amount = formatMoney(entry.amountMinor, entry.currency, locale);
  const status = pledgeStatus(entry);
  return {
    key: `pledge:${entry.id}`,
    title:
      entry.frequency === 'INSTALMENTS'
        ? t('history.kind.instalments')
        : t(`history.kind.${entry.frequency === 'MONTHLY' ? 'monthly' : entry.method === 'CARD' ? 'once' : 'transfer'}`),
    reference: entry.reference,
    date: formatDate(entry.at, locale),
    amount: entry.frequency === 'MONTHLY' ? t('history.perMonth', { amount }) : amount,
    earmark: earmarkLabel(t, entry.earmark, locale),
    status,
    statusLabel: t(`pledgeStatus.${status}`),
    pledgeHref: pledgeHref(entry.reference),
    // A monthly card gift is managed on its own page (decision 043).
    monthlyHref:
      entry.frequency === 'MONTHLY' && entry.method === 'CARD' ? `/account/monthly/${encodeURIComponent(entry.reference)}` : null,
    payments: entry.payments.map((payment) => formatPayment(t, payment, locale)),
    instalments: entry.instalments.map((instalment) => ({
      number: formatNumber(instalment.sequence, locale),
      dueOn: formatDate(instalment.dueOn, locale),
      amount: formatMoney(instalment.amountMinor, entry.currency, locale),
      paid: formatMoney(instalment.paidMinor, entry.currency, locale),
      status: instalment.status,
      statusLabel: t(`instalmentStatus.${instalment.status}`),
    })),
  };
}

/** Everything /account shows for `donor`, page `page` of their history. */
export async function buildHistoryPage({
  donor,
  locale,
  page,
  pledgeHref,
}: {
  donor: SignedInDonor;
  locale: Locale;
  page: number;
  pledgeHref: (reference: string) => string;
}) {
  const t = getT(locale, 'account');
  const history = await listGivingHistory({ donorId: donor.id, offset: (page - 1) * HISTORY_PAGE_SIZE, limit: HISTORY_PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(history.total / HISTORY_PAGE_SIZE));
  return {
    title: pageTitle(locale, t('history.title')),
    donor: { name: donor.displayName, email: donor.email ?? '' },
    entries: history.entries.map((entry) => formatEntry(t, entry, locale, pledgeHref)),
    total: history.total,
    page,
    pageCount,
    pageLabel: t('history.pageOf', { page: formatNumber(page, locale), count: formatNumber(pageCount, locale) }),
    previousHref: page > 1 ? `/account?page=${page - 1}` : null,
    nextHref: page < pageCount ? `/account?page=${page + 1}` : null,
  };
}

export type HistoryPageData = Awaited<ReturnType<typeof buildHistoryPage>>;
