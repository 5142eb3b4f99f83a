// /staff/finance/instalments: overdue instalments with filters as plain URL parameters (currency,
// donor type, minimum days overdue) and pages, each row with a "write off" form. Formatted in the
// reader's language once, on the server.
import { randomUUID } from 'node:crypto';
import type { DonorType } from '~/generated/prisma/client.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { listOverdueInstalments, listOwedCurrencies, type OverdueFilters } from './overdue-instalment-queries.server.ts';

export const PAGE_SIZE = 50;
export const DONOR_TYPES: readonly DonorType[] = ['INDIVIDUAL', 'COMPANY', 'FOUNDATION', 'MEMBER_STATE', 'INTERGOVERNMENTAL', 'OTHER'];
const MAX_DAYS = 36_600;

/** The filters and page a URL asks for; anything malformed is ignored rather than refused. */
export function readOverdueQuery(params: URLSearchParams): OverdueFilters & { page: number } {
  const currency = (params.get('currency') ?? '').trim().toUpperCase();
  const donorType = params.get('donorType') ?? '';
  const days = Number(params.get('minDays') ?? '');
  const page = Number(params.get('page') ?? '');
  return {
    currency: /^[A-Z]{3}$/.test(currency) ? currency : null,
    donorType: (DONOR_TYPES as readonly string[]).includes(donorType) ? (donorType as DonorType) : null, // checked against the list
    minDaysOverdue: Number.isInteger(days) && days > 0 && days <= MAX_DAYS ? days : 0,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The UTC date of `now`: "overdue" means due before it. */
export function utcToday(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function buildOverdueInstalmentsPage({ locale, params, now }: { locale: Locale; params: URLSearchParams; now: Date }) {
  const t = getT(locale, ['instalments', 'staff-donors', 'common']);
  const query = readOverdueQuery(params);
  const [{ rows, total }, currencies] = await Promise.all([
    listOverdueInstalments({ filters: query, today: utcToday(now), limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    listOwedCurrencies(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (page: number) => {
    const next = new URLSearchParams();
    if (query.currency) next.set('currency', query.currency);
    if (query.donorType) next.set('donorType', query.donorType);
    if (query.minDaysOverdue > 0) next.set('minDays', String(query.minDaysOverdue));
    if (page > 1) next.set('page', String(page));
    const text = next.toString();
    return text ? `?${text}` : '?';
  };
  return {
    title: t('common:meta.title', { page: t('overdue.title'), site: t('common:site.name') }),
    filters: {
      currency: query.currency ?? '',
      donorType: query.donorType ?? '',
      minDays: query.minDaysOverdue > 0 ? String(query.minDaysOverdue) : '',
      currencies,
      donorTypes: DONOR_TYPES.map((type) => ({ value: type, label: t(`staff-donors:types.${type}`) })),
    },
    caption: t('overdue.caption', {
      total: formatNumber(total, locale),
      page: formatNumber(query.page, locale),
      pages: formatNumber(pages, locale),
    }),
    previous: query.page > 1 ? pageHref(query.page - 1) : null,
    next: query.page < pages ? pageHref(query.page + 1) : null,
    rows: rows.map((row) => ({
      id: row.instalmentId,
      donorId: row.donorId,
      donor: row.donorName,
      donorType: t(`staff-donors:types.${row.donorType}`),
      reference: row.reference,
      sequence: formatNumber(row.sequence, locale),
      due: formatDate(row.dueOn, locale, { dateStyle: 'medium', timeZone: 'UTC' }),
      owed: formatMoney(row.owedMinor, row.currency, locale),
      daysOverdue: formatNumber(row.daysOverdue, locale),
      reminders: formatNumber(row.remindersSent, locale),
      label: t('overdue.rowLabel', {
        reference: row.reference,
        sequence: row.sequence,
        owed: formatMoney(row.owedMinor, row.currency, locale),
      }),
      requestKey: randomUUID(),
    })),
  };
}
