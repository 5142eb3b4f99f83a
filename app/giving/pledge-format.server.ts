// A donor's pledge (PledgeOverview from the giving service) as the giving pages show it: amounts in
// their own currency, dates and labels in the reader's language, formatted once on the server.
import type { PledgeOverview, ScheduledInstalment } from './giving-types.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';

const METHOD_KEYS = { card: 'method.card', bank_transfer: 'method.bankTransfer' } as const;

function earmarkOf(pledge: PledgeOverview, t: ReturnType<typeof getT>): { label: string; href?: string } {
  const { kind, key, title } = pledge.earmark;
  if (kind === 'programme' && key) return { label: title ?? key, href: `/programmes/${encodeURIComponent(key)}` };
  if (kind === 'project' && key)
    return { label: t('earmark.projectOption', { code: key, title: title ?? '' }), href: `/projects/${encodeURIComponent(key)}` };
  return { label: t('earmark.generalShort') };
}

/** Whether the donor can pay this instalment now by card from the pledge page. */
export function isPayableByCard(pledge: PledgeOverview, instalment: ScheduledInstalment): boolean {
  return (
    !pledge.cancelled &&
    pledge.method === 'card' &&
    pledge.frequency === 'instalments' &&
    instalment.status !== 'paid' &&
    instalment.status !== 'written-off'
  );
}

export function formatPledge(pledge: PledgeOverview, locale: Locale) {
  const t = getT(locale, ['give', 'instalments']);
  const money = (minor: string) => formatMoney(BigInt(minor), pledge.currency, locale);
  const amount = money(pledge.amountMinor);
  return {
    reference: pledge.reference,
    amount: pledge.frequency === 'monthly' ? t('pledge.perMonth', { amount }) : amount,
    frequency: t(`frequency.${pledge.frequency}`),
    /** A pledge in instalments: its amount is the total of the schedule, paid one by one. */
    isInstalments: pledge.frequency === 'instalments',
    method: t(METHOD_KEYS[pledge.method]),
    earmark: earmarkOf(pledge, t),
    // The service leaves the name out of anonymous pledges.
    donorName: pledge.donorDisplayName || t('pledge.anonymous'),
    pledgedOn: formatDate(pledge.pledgedAt, locale),
    cancelled: pledge.cancelled,
    instalments: pledge.instalments.map((instalment) => ({
      id: instalment.id,
      number: formatNumber(instalment.sequence, locale),
      dueOn: formatDate(instalment.dueOn, locale),
      amount: money(instalment.amountMinor),
      paid: money(instalment.paidMinor),
      status: instalment.status,
      // The written-off label lives in the instalments namespace (decision 030's pages own it).
      statusLabel:
        instalment.status === 'written-off' ? t('instalments:donorStatus.writtenOff') : t(`instalmentStatus.${instalment.status}`),
      payable: isPayableByCard(pledge, instalment),
    })),
  };
}

export type FormattedPledge = ReturnType<typeof formatPledge>;

/** Where "try again" goes: the form, earmarked as before. */
export function giveAgainHref(pledge: PledgeOverview | null): string {
  const { kind, key } = pledge?.earmark ?? { kind: 'general' };
  if (kind === 'programme' && key) return `/give?programme=${encodeURIComponent(key)}`;
  if (kind === 'project' && key) return `/give?project=${encodeURIComponent(key)}`;
  return '/give';
}
