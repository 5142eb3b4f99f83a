// A donor's statement for a span of UTC days (issue #14 item 5), formatted once on the server in
// the reader's language: each payment in its own currency with its USD equivalent (the USD minor
// amount the ledger pinned on the payment), the part that covered the card fee, what refunds and
// disputes gave back, and totals per currency. The same model feeds the page and the PDF.
import type { SignedInDonor } from './account-auth.server.ts';
import { earmarkLabel } from './history-page.server.ts';
import type { FeeCoverOf } from './receipt-page.server.ts';
import type { StatementRange } from './statement-schema.ts';
import { getDonorStatement, type StatementData } from './statement-queries.server.ts';
import { organisationDetails, type OrganisationDetails } from '~/platform/organisation-details.server.ts';
import { formatDate, formatDateRange, formatNumber } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';

export interface StatementLine {
  date: string;
  description: string;
  /** Below the description: the fee cover of a gift, the reason for a reversal. */
  note: string | null;
  reference: string;
  amount: string;
  usd: string;
}

export interface StatementTotal {
  currency: string;
  giftsMinor: bigint;
  feeCoverMinor: bigint;
  givenBackMinor: bigint;
  netMinor: bigint;
  usdNetMinor: bigint;
  cells: { gifts: string; feeCovers: string; givenBack: string; net: string; usdNet: string };
}

export interface Statement {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  title: string;
  period: string;
  issuedOn: string;
  issuedTo: { label: string; value: string }[];
  gifts: StatementLine[];
  givenBack: StatementLine[];
  totals: StatementTotal[];
  usdNetMinor: bigint;
  usdTotal: string;
  organisation: OrganisationDetails;
  labels: Record<
    | 'issuedToHeading'
    | 'giftsHeading'
    | 'givenBackHeading'
    | 'totalsHeading'
    | 'date'
    | 'description'
    | 'reference'
    | 'amount'
    | 'usd'
    | 'currency'
    | 'gifts'
    | 'feeCovers'
    | 'givenBack'
    | 'net'
    | 'usdNet'
    | 'noGifts'
    | 'noGivenBack'
    | 'notes'
    | 'usdTotalLabel'
    | 'page',
    string
  >;
}

/** Donor identity rows, as the receipt shows them: organisation, tax number, contact, or the name. */
function issuedToRows(t: ReturnType<typeof getT>, donor: StatementData['donor']): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  const organisation = donor.type !== 'INDIVIDUAL' ? donor.organisationName : null;
  if (organisation) rows.push({ label: t('account:receipt.organisation'), value: organisation });
  if (organisation && donor.organisationId) rows.push({ label: t('account:receipt.taxNumber'), value: donor.organisationId });
  const contactName = [donor.givenName, donor.familyName].filter(Boolean).join(' ').trim();
  if (organisation && contactName) rows.push({ label: t('account:receipt.contactName'), value: contactName });
  if (!organisation) rows.push({ label: t('issuedToName'), value: contactName || donor.displayName });
  return rows;
}

/** The formatted statement of data already read (pure: the PDF tests and the bench feed it directly). */
export function formatStatement({
  data,
  range,
  locale,
  feeCoverOf,
  issuedAt,
}: {
  data: StatementData;
  range: StatementRange;
  locale: Locale;
  feeCoverOf: FeeCoverOf;
  issuedAt: Date;
}): Statement {
  const t = getT(locale, ['account-statements', 'account']);
  const tAccount = getT(locale, 'account');
  const money = (minor: bigint, currency: string) => formatMoney(minor, currency, locale);
  const totals = new Map<string, Omit<StatementTotal, 'cells'>>();
  const totalOf = (currency: string) => {
    let total = totals.get(currency);
    if (!total) {
      total = { currency, giftsMinor: 0n, feeCoverMinor: 0n, givenBackMinor: 0n, netMinor: 0n, usdNetMinor: 0n };
      totals.set(currency, total);
    }
    return total;
  };
  const gifts = data.gifts.map((gift): StatementLine => {
    const feeCover = gift.pledge?.coversFee
      ? feeCoverOf({ paymentMinor: gift.amountMinor, pledgeMinor: gift.pledge.amountMinor, currency: gift.currency })
      : 0n;
    const total = totalOf(gift.currency);
    total.giftsMinor += gift.amountMinor;
    total.feeCoverMinor += feeCover;
    total.netMinor += gift.amountMinor;
    total.usdNetMinor += gift.usdMinor;
    const kind = !gift.pledge
      ? tAccount('history.kind.payment')
      : gift.pledge.frequency === 'INSTALMENTS' && gift.instalmentSequence !== null
        ? t('instalment', { number: formatNumber(gift.instalmentSequence, locale) })
        : tAccount(`history.kind.${gift.pledge.frequency === 'MONTHLY' ? 'monthly' : 'once'}`);
    return {
      date: formatDate(gift.receivedAt, locale, { dateStyle: 'medium' }),
      description: t('giftLine', { kind, earmark: earmarkLabel(tAccount, gift.earmark, locale) }),
      note: feeCover > 0n ? t('feeCoverNote', { amount: money(feeCover, gift.currency) }) : null,
      reference: gift.pledge?.reference ?? '',
      amount: money(gift.amountMinor, gift.currency),
      usd: money(gift.usdMinor, 'USD'),
    };
  });
  const givenBack = data.reversals.map((reversal): StatementLine => {
    const total = totalOf(reversal.currency);
    total.givenBackMinor += reversal.amountMinor;
    total.netMinor -= reversal.amountMinor;
    total.usdNetMinor -= reversal.usdMinor;
    return {
      date: formatDate(reversal.at, locale, { dateStyle: 'medium' }),
      description: t(`reversal.${reversal.kind}`, { defaultValue: t('reversal.CORRECTION') }),
      note: null,
      reference: reversal.reference ?? '',
      amount: money(-reversal.amountMinor, reversal.currency),
      usd: money(-reversal.usdMinor, 'USD'),
    };
  });
  const totalRows = [...totals.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((total) => ({
      ...total,
      cells: {
        gifts: money(total.giftsMinor, total.currency),
        feeCovers: money(total.feeCoverMinor, total.currency),
        givenBack: money(-total.givenBackMinor, total.currency),
        net: money(total.netMinor, total.currency),
        usdNet: money(total.usdNetMinor, 'USD'),
      },
    }));
  const usdNetMinor = totalRows.reduce((sum, total) => sum + total.usdNetMinor, 0n);
  const period =
    range.year !== null
      ? formatNumber(range.year, locale, { useGrouping: false })
      : formatDateRange(range.from, new Date(range.until.getTime() - 1), locale);
  return {
    locale,
    dir: directionOf(locale),
    title: range.year !== null ? t('pdf.yearTitle', { year: period }) : t('pdf.title'),
    period: t('pdf.period', { period: formatDateRange(range.from, new Date(range.until.getTime() - 1), locale) }),
    issuedOn: t('pdf.issuedOn', { date: formatDate(issuedAt, locale) }),
    issuedTo: issuedToRows(t, data.donor),
    gifts,
    givenBack,
    totals: totalRows,
    usdNetMinor,
    usdTotal: money(usdNetMinor, 'USD'),
    organisation: organisationDetails(locale),
    labels: {
      issuedToHeading: t('pdf.issuedTo'),
      giftsHeading: t('pdf.giftsHeading'),
      givenBackHeading: t('pdf.givenBackHeading'),
      totalsHeading: t('pdf.totalsHeading'),
      date: t('pdf.date'),
      description: t('pdf.description'),
      reference: t('pdf.reference'),
      amount: t('pdf.amount'),
      usd: t('pdf.usd'),
      currency: t('pdf.currency'),
      gifts: t('pdf.gifts'),
      feeCovers: t('pdf.feeCovers'),
      givenBack: t('pdf.givenBack'),
      net: t('pdf.net'),
      usdNet: t('pdf.usdNet'),
      noGifts: t('pdf.noGifts'),
      noGivenBack: t('pdf.noGivenBack'),
      notes: t('pdf.notes'),
      usdTotalLabel: t('pdf.usdTotal'),
      page: t('pdf.page'),
    },
  };
}

/** The signed-in donor's statement for `range`: their own payments and reversals only. */
export async function buildStatement({
  donor,
  range,
  locale,
  feeCoverOf,
  issuedAt = new Date(),
}: {
  donor: SignedInDonor;
  range: StatementRange;
  locale: Locale;
  feeCoverOf: FeeCoverOf;
  issuedAt?: Date;
}): Promise<Statement> {
  const data = await getDonorStatement({ donorId: donor.id, from: range.from, until: range.until });
  return formatStatement({ data, range, locale, feeCoverOf, issuedAt });
}

/** The download's file name: ASCII, no spaces, the span in it ("statement-2026.pdf", "statement-2026-01-01-to-2026-03-31.pdf"). */
export function statementFileName(range: StatementRange): string {
  return range.year !== null ? `statement-${range.year}.pdf` : `statement-${range.firstDay}-to-${range.lastDay}.pdf`;
}
