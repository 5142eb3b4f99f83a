// What the four giving emails share: the zod pieces of their props (outbox rows are JSON, so
// amounts are decimal strings of minor units and dates ISO strings) and the translated,
// formatted fragments (greeting, earmark, bank details) built from them.
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { DetailRow } from '../../../emails/components/giving-parts.tsx';
import type { BankDetails } from '~/giving/giving-types.ts';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { formatMoney, isSupportedCurrency, MAX_MINOR } from '~/platform/money.ts';

/** Positive minor units as a string of digits ("5000", never "50.00" or "5e3"), within BIGINT. */
export const amountMinorSchema = z
  .string()
  // abort: the BigInt refinement below must not see a string that is not digits.
  .regex(/^\d{1,19}$/, { message: 'amountMinor must be a string of digits (minor units)', abort: true })
  .refine((value) => BigInt(value) > 0n && BigInt(value) <= MAX_MINOR, 'amountMinor must be positive and fit a BIGINT');

export const currencySchema = z.string().refine(isSupportedCurrency, 'unsupported currency');

/** An ISO datetime with Z or an offset (Date#toISOString()). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** A calendar day, YYYY-MM-DD. */
export const isoDaySchema = z.iso.date();

// Links in emails are followed by people: only web addresses, never javascript: or data:.
export const webUrlSchema = z.url({ protocol: /^https?$/ });

export const earmarkSchema = z
  .object({ kind: z.enum(['general', 'programme', 'project']), title: z.string().min(1).optional() })
  .refine((earmark) => earmark.kind === 'general' || earmark.title !== undefined, {
    message: 'a programme or project earmark needs its title',
    path: ['title'],
  });

export type EarmarkProps = z.infer<typeof earmarkSchema>;

export const bankSchema = z.object({
  accountName: z.string().min(1),
  bankName: z.string().min(1),
  iban: z.string().min(1),
  bic: z.string().min(1),
  bankAddress: z.string().min(1),
}) satisfies z.ZodType<BankDetails>;

export const referenceSchema = z.string().min(1).max(64);
export const donorNameSchema = z.string().min(1).max(300);

/** Minor units in the reader's language with the currency's exponent (JPY 0, KWD 3). */
export function money(amountMinor: string, currency: string, locale: string): string {
  return formatMoney(BigInt(amountMinor), currency, locale);
}

/**
 * An exchange rate (a decimal string, up to 12 decimals) in the reader's language: "1.08", "0,0067".
 * Shown, never computed with: the number is only formatted, to at most 12 decimals.
 */
export function rate(usdRate: string, locale: string): string {
  return formatNumber(Number(usdRate), locale, { maximumFractionDigits: 12 });
}

/** A day or an instant as a long date in the reader's language (UTC calendar day). */
export function longDate(iso: string, locale: string): string {
  // A bare YYYY-MM-DD parses as UTC midnight, the same day formatDate prints.
  return formatDate(iso, locale);
}

/** "Dear Amina Haddad," in the reader's language. */
export function greeting(t: TFunction, donorName: string): string {
  return t('giving.greeting', { name: donorName });
}

/** Where the money goes, as a short value for a details table. */
export function earmarkLabel(t: TFunction, earmark: EarmarkProps): string {
  if (earmark.kind === 'general') return t('giving.earmark.general');
  return t(`giving.earmark.${earmark.kind}`, { title: earmark.title });
}

/** One sentence on what the earmark means for the money. */
export function earmarkNote(t: TFunction, earmark: EarmarkProps): string {
  if (earmark.kind === 'general') return t('giving.earmark.generalNote');
  return t(`giving.earmark.${earmark.kind}Note`, { title: earmark.title });
}

export function bankRows(t: TFunction, bank: BankDetails): DetailRow[] {
  return [
    { label: t('giving.bank.accountName'), value: bank.accountName },
    { label: t('giving.bank.bankName'), value: bank.bankName },
    { label: t('giving.bank.iban'), value: bank.iban },
    { label: t('giving.bank.bic'), value: bank.bic },
    { label: t('giving.bank.bankAddress'), value: bank.bankAddress },
  ];
}

/** The strings every giving email shows in its frame. */
export function frameStrings(t: TFunction) {
  return { brand: t('brand'), footer: t('footer'), fallback: t('giving.fallback') };
}
