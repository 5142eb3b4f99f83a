// /account/receipts/:paymentId: the receipt of one of the signed-in donor's payments, on the web,
// with what the emailed receipt says (amount, date, gift, method, earmark, references, the USD
// equivalent of another currency, a company's name and number). Not theirs, or no such payment: 404.
import type { SignedInDonor } from './account-auth.server.ts';
import { earmarkLabel, paymentStatus } from './history-page.server.ts';
import { getDonorReceipt } from './giving-history-queries.server.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { isUuid } from '~/platform/uuid.ts';

/** The part of a payment that covered the card fee (giving's rule, passed in by the route: capabilities do not import each other). */
export type FeeCoverOf = (args: { paymentMinor: bigint; pledgeMinor: bigint; currency: string }) => bigint;

export async function buildReceiptPage({
  donor,
  paymentId,
  locale,
  feeCoverOf,
}: {
  donor: SignedInDonor;
  paymentId: string;
  locale: Locale;
  feeCoverOf: FeeCoverOf;
}) {
  const receipt = isUuid(paymentId) ? await getDonorReceipt({ donorId: donor.id, paymentId }) : null;
  if (!receipt) throw new Response('Not Found', { status: 404 });
  const t = getT(locale, 'account');
  const { payment, pledge } = receipt;
  const rows: { label: string; value: string }[] = [];
  const organisation = receipt.donor.type !== 'INDIVIDUAL' ? receipt.donor.organisationName : null;
  if (organisation) rows.push({ label: t('receipt.organisation'), value: organisation });
  if (organisation && receipt.donor.organisationId) rows.push({ label: t('receipt.taxNumber'), value: receipt.donor.organisationId });
  const contactName = [receipt.donor.givenName, receipt.donor.familyName].filter(Boolean).join(' ').trim();
  if (organisation && contactName) rows.push({ label: t('receipt.contactName'), value: contactName });
  rows.push({ label: t('receipt.amount'), value: formatMoney(payment.amountMinor, payment.currency, locale) });
  const feeCover = pledge?.coversFee
    ? feeCoverOf({ paymentMinor: payment.amountMinor, pledgeMinor: pledge.amountMinor, currency: payment.currency })
    : 0n;
  if (feeCover > 0n) rows.push({ label: t('receipt.feeCover'), value: formatMoney(feeCover, payment.currency, locale) });
  if (payment.currency !== 'USD') {
    rows.push({
      label: t('receipt.usdEquivalent'),
      value: t('receipt.usdAtRate', {
        usd: formatMoney(payment.usdMinor, 'USD', locale),
        rate: formatNumber(Number(payment.usdRate), locale, { maximumFractionDigits: 12 }),
        currency: payment.currency,
      }),
    });
  }
  if (payment.reversedMinor > 0n)
    rows.push({ label: t('receipt.refunded'), value: formatMoney(payment.reversedMinor, payment.currency, locale) });
  rows.push({ label: t('receipt.receivedOn'), value: formatDate(payment.receivedAt, locale) });
  const gift = !pledge
    ? t('history.kind.payment')
    : pledge.frequency === 'INSTALMENTS' && payment.instalmentSequence !== null
      ? t('receipt.instalmentOf', {
          sequence: formatNumber(payment.instalmentSequence, locale),
          count: formatNumber(pledge.instalmentCount, locale),
        })
      : t(`history.kind.${pledge.frequency === 'MONTHLY' ? 'monthly' : 'once'}`);
  rows.push({ label: t('receipt.gift'), value: gift });
  rows.push({ label: t('receipt.paidBy'), value: t(`method.${payment.method}`) });
  rows.push({ label: t('receipt.earmarkedTo'), value: earmarkLabel(t, receipt.earmark, locale) });
  if (pledge?.dedication) rows.push({ label: t('receipt.dedication'), value: pledge.dedication });
  if (pledge) rows.push({ label: t('receipt.reference'), value: pledge.reference });
  rows.push({ label: t('receipt.paymentId'), value: payment.providerPaymentId ?? payment.id });
  return {
    title: pageTitle(locale, t('receipt.title')),
    donorName: receipt.donor.displayName,
    status: paymentStatus(payment),
    rows,
  };
}
