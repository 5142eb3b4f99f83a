// /staff/donors (search) and /staff/donors/:id (one donor's record) for finance, resource
// mobilization and admins, formatted in the reader's language; amounts from minor units.
import { randomUUID } from 'node:crypto';
import { getT } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney, formatUsd } from '~/platform/money.ts';
import { isPromise } from '~/ledger/pledge-commands.server.ts';
import { findEmailSuppression, getDonorRecord, searchDonors } from './donor-queries.server.ts';

export const SEARCH_LIMIT = 50;

const when = (at: Date, locale: Locale) => formatDate(at, locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const day = (at: Date, locale: Locale) => formatDate(at, locale, { dateStyle: 'medium', timeZone: 'UTC' });

export async function buildDonorSearchPage(locale: Locale, rawQuery: string | null) {
  const t = getT(locale, ['staff-donors', 'common']);
  const query = (rawQuery ?? '').trim().slice(0, 200);
  const tooShort = query.length > 0 && query.length < 2;
  const hits = query.length >= 2 ? await searchDonors({ query, limit: SEARCH_LIMIT }) : [];
  return {
    title: t('common:meta.title', { page: t('search.title'), site: t('common:site.name') }),
    query,
    message: tooShort ? t('search.tooShort') : query && hits.length === 0 ? t('search.none', { query }) : null,
    caption: t('search.caption', { number: hits.length, limit: SEARCH_LIMIT }),
    hits: hits.map((hit) => ({
      id: hit.id,
      name: hit.displayName,
      email: hit.email ?? '—',
      type: t(`types.${hit.type}`),
      organisation: hit.organisationName ?? '—',
      country: hit.countryCode ?? '—',
      matched: hit.matchedReference ?? '',
    })),
  };
}

export async function buildDonorPage(locale: Locale, donorId: string) {
  const donor = await getDonorRecord({ donorId });
  if (!donor) return null;
  const suppression = await findEmailSuppression({ address: donor.email });
  const t = getT(locale, ['staff-donors', 'instalments', 'common']);
  // A pledge still asks for its instalments unless its latest event cancelled or wrote it off.
  const isLive = (pledge: (typeof donor.pledges)[number]) => {
    const latest = pledge.events.at(-1)?.kind;
    return isPromise(pledge) && latest !== 'CANCELLED' && latest !== 'WRITTEN_OFF';
  };
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  const earmark = (pledge: (typeof donor.pledges)[number]) =>
    pledge.project
      ? `${pickText(pledge.project.title, locale)} (${pledge.project.code})`
      : pledge.programme
        ? pickText(pledge.programme.title, locale)
        : t('donor.generalPurpose');
  return {
    title: t('common:meta.title', { page: donor.displayName, site: t('common:site.name') }),
    profile: {
      name: donor.displayName,
      email: donor.email ?? '—',
      type: t(`types.${donor.type}`),
      organisation: [donor.organisationName, donor.organisationId].filter(Boolean).join(' · ') || '—',
      country: donor.countryCode ?? '—',
      language: donor.locale,
      publicName: t(donor.isAnonymous ? 'donor.anonymous' : 'donor.named'),
      since: day(donor.createdAt, locale),
      erased: donor.erasedAt ? t('donor.erased', { on: day(donor.erasedAt, locale) }) : null,
      /** A hard bounce or a complaint stopped all mail to the address (docs/decisions/036). */
      emailSuppressed: suppression ? t(`emailSuppression.${suppression.reason}`, { on: when(suppression.createdAt, locale) }) : null,
      /** Member States, intergovernmental bodies, companies, foundations: finance records their pledges */
      isInstitutional: ['MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION'].includes(donor.type),
    },
    consents: donor.consents.map((consent) => ({
      id: consent.id,
      kind: t(`consents.${consent.kind}`),
      state: t(consent.isGranted ? 'consents.granted' : 'consents.withdrawn'),
      wording: consent.wording,
      source: consent.source,
      at: when(consent.recordedAt, locale),
    })),
    pledges: donor.pledges.map((pledge) => ({
      id: pledge.id,
      reference: pledge.reference,
      at: day(pledge.pledgedAt, locale),
      amount: money(pledge.amountMinor, pledge.currency),
      frequency: t(`frequency.${pledge.frequency}`),
      method: t(`method.${pledge.method}`),
      earmark: earmark(pledge),
      events: pledge.events.map((event) => t(`events.${event.kind}`, { on: day(event.createdAt, locale), reason: event.reason })),
      // A one-off pledge's single instalment is the pledge itself, shown only when it was or can be written off.
      showSchedule: pledge.instalments.length > 1 || pledge.instalments.some((instalment) => instalment.writeOff) || isLive(pledge),
      instalments: pledge.instalments.map((instalment) => {
        const paid = donor.paidByInstalment.get(instalment.id) ?? 0n;
        const written = instalment.writeOff;
        const owedMinor = instalment.amountMinor - paid - (written?.amountMinor ?? 0n);
        const status = written
          ? t('instalments:donor.writtenOff', {
              amount: money(written.amountMinor, pledge.currency),
              on: day(written.createdAt, locale),
              reason: written.reason,
            })
          : owedMinor > 0n
            ? t('instalments:donor.open', { owed: money(owedMinor, pledge.currency) })
            : t('instalments:donor.settled');
        const canWriteOff = !written && owedMinor > 0n && isLive(pledge);
        return {
          id: instalment.id,
          sequence: instalment.sequence,
          due: day(instalment.dueOn, locale),
          amount: money(instalment.amountMinor, pledge.currency),
          paid: money(paid, pledge.currency),
          status,
          writeOff: canWriteOff
            ? {
                // A fresh key per form shown: submitting the same form twice writes off once.
                requestKey: randomUUID(),
                label: t('instalments:overdue.rowLabel', {
                  reference: pledge.reference,
                  sequence: instalment.sequence,
                  owed: money(owedMinor, pledge.currency),
                }),
              }
            : null,
        };
      }),
    })),
    // "The latest 100 of 500 payments": the rest are in the finance exports.
    paymentsCaption:
      donor.paymentCount > donor.payments.length
        ? t('donor.paymentsLatest', { shown: formatNumber(donor.payments.length, locale), total: formatNumber(donor.paymentCount, locale) })
        : t('donor.paymentsHeading'),
    payments: donor.payments.map((payment) => {
      // What is left to refund: what was received, less every reversal so far.
      const heldMinor = payment.amountMinor - payment.reversals.reduce((sum, reversal) => sum + reversal.amountMinor, 0n);
      return {
        id: payment.id,
        at: when(payment.receivedAt, locale),
        reference: donor.pledges.find((pledge) => pledge.id === payment.pledgeId)?.reference ?? '—',
        amount: money(payment.amountMinor, payment.currency),
        usd: formatUsd(payment.usdMinor, locale),
        fee: payment.processingFee ? money(payment.processingFee.feeMinor, payment.processingFee.currency) : '—',
        method: t(`method.${payment.method}`),
        reversals: payment.reversals.map((reversal) =>
          t('donor.reversal', {
            kind: t(`reversals.${reversal.kind}`),
            amount: money(reversal.amountMinor, payment.currency),
            on: day(reversal.createdAt, locale),
          }),
        ),
        allocations: payment.allocations.map((allocation) =>
          t('donor.allocation', {
            amount: formatUsd(allocation.usdMinor, locale),
            project: allocation.project.code,
            year: allocation.year,
          }),
        ),
        canResend: donor.email !== null,
        currency: payment.currency,
        held: money(heldMinor, payment.currency),
        canRefund: heldMinor > 0n,
        refundVia: t(payment.provider === 'STRIPE' ? 'refund.viaStripe' : 'refund.viaBank'),
        // A fresh key per form shown: submitting the same form twice refunds once.
        requestKey: randomUUID(),
      };
    }),
    emails: donor.emails.map((email) => ({
      id: email.id,
      template: email.template,
      to: email.toAddress,
      status: t(`emailStatus.${emailStatusKey(email)}`),
      at: when(email.sentAt ?? email.createdAt, locale),
    })),
  };
}

/** The wording of an email's state: a skip names its reason, a sent email what the provider last reported. */
function emailStatusKey(email: { status: string; skipReason: string | null; deliveryOutcome: string | null }): string {
  if (email.status === 'SKIPPED' && email.skipReason === 'SUPPRESSED') return 'SKIPPED_SUPPRESSED';
  if (email.status === 'SENT' && email.deliveryOutcome) return email.deliveryOutcome;
  return email.status;
}
