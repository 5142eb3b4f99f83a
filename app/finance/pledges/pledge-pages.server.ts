// /staff/finance/pledges (list), /new (the recording form) and /:reference (one pledge with its
// schedule, payments and the transfer form), formatted in the reader's language.
import { randomUUID } from 'node:crypto';
import { FxRateMissingError } from '~/ledger/fx-rate-commands.server.ts';
import {
  INSTITUTIONAL_DONOR_TYPES,
  InstitutionalPledgeError,
  type InstitutionalDonorType,
} from '~/ledger/institutional-pledge-commands.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { currencyExponents, formatMoney } from '~/platform/money.ts';
import { isDonorId, SCHEDULE_ROWS, type FieldErrors } from './pledge-form.server.ts';
import {
  getInstitutionalPledge,
  listEarmarkChoices,
  listInstitutionalDonors,
  listInstitutionalPledges,
  PLEDGE_COUNT_CAP,
} from './pledge-queries.server.ts';

export const PAGE_SIZE = 25;
const NS = ['institutional-pledges', 'staff-donors', 'common'];
const day = (at: Date, locale: Locale) => formatDate(at, locale, { dateStyle: 'medium', timeZone: 'UTC' });

type Status = 'open' | 'partlyPaid' | 'fulfilled' | 'overdue' | 'cancelled' | 'writtenOff';

/** A pledge's status from its latest event, what is paid and open, and its next due date. */
export function pledgeStatus(
  pledge: { latestEvent: string | null; paidMinor: bigint; openMinor: bigint; nextDueOn: Date | null },
  now: Date,
): Status {
  if (pledge.latestEvent === 'CANCELLED') return 'cancelled';
  if (pledge.latestEvent === 'WRITTEN_OFF') return 'writtenOff';
  if (pledge.openMinor <= 0n) return 'fulfilled';
  if (pledge.nextDueOn && pledge.nextDueOn.getTime() < Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    return 'overdue';
  return pledge.paidMinor > 0n ? 'partlyPaid' : 'open';
}

function isInstitutionalType(value: string | null): value is InstitutionalDonorType {
  return (INSTITUTIONAL_DONOR_TYPES as readonly string[]).includes(value ?? '');
}

export async function buildPledgeListPage({ locale, url, now }: { locale: Locale; url: URL; now: Date }) {
  const t = getT(locale, NS);
  const rawType = url.searchParams.get('type');
  const type = isInstitutionalType(rawType) ? rawType : null;
  const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const { rows, total } = await listInstitutionalPledges({ type, query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  // Past the count's cap the number of pages is unknown: "next" stays while a page is full.
  const pages = total === null ? null : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (to: number) => {
    const params = new URLSearchParams();
    if (type) params.set('type', type);
    if (query) params.set('q', query);
    params.set('page', String(to));
    return `?${params.toString()}`;
  };
  return {
    title: t('common:meta.title', { page: t('list.title'), site: t('common:site.name') }),
    type: type ?? '',
    query,
    types: INSTITUTIONAL_DONOR_TYPES.map((value) => ({ value, label: t(`staff-donors:types.${value}`) })),
    caption:
      total === null || pages === null
        ? t('list.captionMany', { number: formatNumber(PLEDGE_COUNT_CAP, locale), page: formatNumber(page, locale) })
        : t('list.caption', { number: formatNumber(total, locale), page: formatNumber(page, locale), pages: formatNumber(pages, locale) }),
    empty: total === 0 ? t(query || type ? 'list.none' : 'list.empty') : null,
    previous: page > 1 ? link(page - 1) : null,
    next: (pages === null ? rows.length === PAGE_SIZE : page < pages) ? link(page + 1) : null,
    rows: rows.map((row) => ({
      reference: row.reference,
      donorId: row.donorId,
      donor: row.donorName,
      type: t(`staff-donors:types.${row.donorType}`),
      currency: row.currency,
      total: formatMoney(row.amountMinor, row.currency, locale),
      paid: formatMoney(row.paidMinor, row.currency, locale),
      open: formatMoney(row.openMinor, row.currency, locale),
      nextDue: row.nextDueOn ? day(row.nextDueOn, locale) : '—',
      status: t(`status.${pledgeStatus(row, now)}`),
    })),
  };
}

/** How many institutional donors the form's choice lists at once (a search narrows them). */
export const DONORS_LISTED = 50;

/** The empty form (or the form again after an error, with what was typed). */
export async function buildNewPledgePage({ locale, searchParams }: { locale: Locale; searchParams: URLSearchParams }) {
  const t = getT(locale, NS);
  const donorQuery = (searchParams.get('donorQuery') ?? '').trim().slice(0, 100);
  const chosenId = searchParams.get('donorId');
  const [{ donors, total }, { programmes, projects }] = await Promise.all([
    listInstitutionalDonors({ query: donorQuery, chosenId: chosenId && isDonorId(chosenId) ? chosenId : null, limit: DONORS_LISTED }),
    listEarmarkChoices(),
  ]);
  return {
    title: t('common:meta.title', { page: t('new.title'), site: t('common:site.name') }),
    // A fresh key per form shown: submitting the same form twice records one pledge.
    requestKey: randomUUID(),
    rows: SCHEDULE_ROWS,
    donorQuery,
    chosenId,
    // "Showing 50 of 20,000 donors: search by name to find the others."
    donorsNote:
      total > DONORS_LISTED
        ? t(donorQuery ? 'new.donorSearchMore' : 'new.donorSearchFirst', {
            shown: formatNumber(DONORS_LISTED, locale),
            total: formatNumber(total, locale),
          })
        : donorQuery && total === 0
          ? t('new.donorSearchNone', { query: donorQuery })
          : null,
    donors: donors.map((donor) => ({
      id: donor.id,
      label: `${donor.displayName} (${t(`staff-donors:types.${donor.type}`)}${donor.countryCode ? `, ${donor.countryCode}` : ''})`,
    })),
    types: INSTITUTIONAL_DONOR_TYPES.map((value) => ({ value, label: t(`staff-donors:types.${value}`) })),
    currencies: Object.keys(currencyExponents).sort(),
    programmes: programmes.map((programme) => ({ id: programme.id, label: `${programme.code} — ${pickText(programme.title, locale)}` })),
    projects: projects.map((project) => ({ id: project.id, label: `${project.code} — ${pickText(project.title, locale)}` })),
  };
}

/** Field errors in words; the form-level error too. */
export function describeFieldErrors(locale: Locale, errors: FieldErrors): FieldErrors {
  const t = getT(locale, NS);
  return Object.fromEntries(Object.entries(errors).map(([name, key]) => [name, t(key)]));
}

/**
 * What the ledger refused, in words, on the field it concerns: a schedule error on the schedule,
 * a missing rate naming the currency and month (the page links to the rates).
 */
export function describeRefusal(
  locale: Locale,
  error: unknown,
  form: 'pledge' | 'transfer',
): { errors: FieldErrors; missingRate: boolean } | null {
  const t = getT(locale, NS);
  if (error instanceof FxRateMissingError) {
    const month = formatDate(error.on, locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    return { errors: { form: t('errors.rateMissing', { currency: error.currency, month }) }, missingRate: true };
  }
  if (!(error instanceof InstitutionalPledgeError)) return null;
  const transferFields: Partial<Record<InstitutionalPledgeError['code'], string>> = {
    amountNotPositive: 'amount',
    moreThanOpen: 'amount',
    moreThanOwed: 'amount',
    currencyDiffers: 'currency',
    instalmentNotFound: 'instalment',
  };
  const pledgeFields: Partial<Record<InstitutionalPledgeError['code'], string>> = {
    scheduleEmpty: 'schedule',
    amountNotPositive: 'schedule',
    datesNotAscending: 'schedule',
    scheduleSumDiffers: 'total',
    donorNotFound: 'donorId',
    donorNotInstitutional: 'donorId',
    emailTaken: 'donorEmail',
    programmeNotFound: 'programmeId',
    projectNotFound: 'projectId',
  };
  const fieldOf = form === 'transfer' ? transferFields : pledgeFields;
  return { errors: { [fieldOf[error.code] ?? 'form']: t(`errors.${error.code}`) }, missingRate: false };
}

/** One pledge for finance: donor, earmark, document, schedule with paid/open, payments, bank details. */
export async function buildPledgePage({ locale, reference, now }: { locale: Locale; reference: string; now: Date }) {
  const pledge = await getInstitutionalPledge({ reference });
  if (!pledge) return null;
  const t = getT(locale, NS);
  const money = (minor: bigint) => formatMoney(minor, pledge.currency, locale);
  const paidMinor = pledge.instalments.reduce((sum, row) => sum + row.paid, 0n);
  const openMinor = pledge.instalments.reduce((sum, row) => sum + (row.amountMinor > row.paid ? row.amountMinor - row.paid : 0n), 0n);
  const nextDue = pledge.instalments.find((row) => row.amountMinor > row.paid)?.dueOn ?? null;
  const earmark = pledge.project
    ? `${pickText(pledge.project.title, locale)} (${pledge.project.code})`
    : pledge.programme
      ? `${pickText(pledge.programme.title, locale)} (${pledge.programme.code})`
      : t('earmark.GENERAL_PURPOSE');
  const env = getEnv();
  return {
    title: t('common:meta.title', { page: t('pledge.title', { reference: pledge.reference }), site: t('common:site.name') }),
    reference: pledge.reference,
    currency: pledge.currency,
    donor: { id: pledge.donorId, name: pledge.donor.displayName, type: t(`staff-donors:types.${pledge.donor.type}`) },
    facts: [
      [t('pledge.donor'), pledge.donor.displayName],
      [t('pledge.type'), t(`staff-donors:types.${pledge.donor.type}`)],
      [t('pledge.earmark'), earmark],
      [t('pledge.documentDate'), day(pledge.pledgedAt, locale)],
      [t('pledge.documentReference'), pledge.documentReference ?? '—'],
      [t('pledge.total'), money(pledge.amountMinor)],
      [t('pledge.paid'), money(paidMinor)],
      [t('pledge.open'), money(openMinor)],
      [
        t('pledge.status'),
        t(`status.${pledgeStatus({ latestEvent: pledge.events[0]?.kind ?? null, paidMinor, openMinor, nextDueOn: nextDue }, now)}`),
      ],
      [t('pledge.publicName'), t(pledge.isAnonymous ? 'public.anonymous' : 'public.named')],
      [t('pledge.usdRate'), pledge.usdRate.toFixed()],
    ] as [string, string][],
    bank: [
      [t('bank.accountName'), env.BANK_ACCOUNT_NAME],
      [t('bank.bankName'), env.BANK_NAME],
      [t('bank.iban'), env.BANK_IBAN],
      [t('bank.bic'), env.BANK_BIC],
      [t('bank.reference'), pledge.reference],
    ] as [string, string][],
    instalments: pledge.instalments.map((row) => ({
      sequence: row.sequence,
      dueOn: day(row.dueOn, locale),
      amount: money(row.amountMinor),
      paid: money(row.paid),
      open: money(row.amountMinor > row.paid ? row.amountMinor - row.paid : 0n),
      isOpen: row.amountMinor > row.paid,
    })),
    payments: pledge.payments.map((payment) => ({
      id: payment.id,
      receivedOn: day(payment.receivedAt, locale),
      amount: money(payment.amountMinor),
      reversed: money(payment.reversals.reduce((sum, reversal) => sum + reversal.amountMinor, 0n)),
      instalment: payment.instalment ? String(payment.instalment.sequence) : '—',
      provider: t(`provider.${payment.provider}`),
    })),
    canRecord: openMinor > 0n && (pledge.events[0]?.kind ?? 'REINSTATED') === 'REINSTATED',
    // A fresh key per form shown: submitting the same transfer twice records it once.
    requestKey: randomUUID(),
  };
}
