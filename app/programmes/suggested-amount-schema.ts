// The suggested amounts form (issue #16 item 2; docs/decisions/057): for one programme and one
// currency, up to six amounts typed as a donor would type them, each with what it pays for in the
// six languages, and the one /give preselects. The staff page validates with it in the browser
// (Conform) and the action and command with the same schema. Messages are `programme-editor` keys.
import * as z from 'zod/mini';
import { amountLimits, givingCurrencies, type GivingCurrency } from '~/platform/giving-currencies.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { currencyExponent, MoneyError, parseAmount } from '~/platform/money.ts';

/** Rows on the form: a short list reads as a choice, a long one as a price list. */
export const MAX_SUGGESTED_AMOUNTS = 6;
/** What an amount pays for fits beside a radio button on a 320 px phone in a few lines. */
export const MAX_SUGGESTION_TEXT = 140;

const optionalText = z.optional(z.string().check(z.trim(), z.maxLength(MAX_SUGGESTION_TEXT, 'errors.tooLong')));
const row = z.optional(
  z.object({
    amount: z.optional(z.string().check(z.trim(), z.maxLength(32, 'errors.suggestedAmountInvalid'))),
    text: z.optional(
      z.object({ en: optionalText, fr: optionalText, es: optionalText, ru: optionalText, zh: optionalText, ar: optionalText }),
    ),
  }),
);

const fields = z.object({
  currency: z.enum(givingCurrencies, { error: 'errors.currency' }),
  rows: z._default(z.array(row).check(z.maxLength(MAX_SUGGESTED_AMOUNTS, 'errors.suggestedAmountsTooMany')), []),
  preselected: z.optional(z.string().check(z.regex(/^\d$/, 'errors.suggestedPreselected'))),
});

type Fields = z.output<typeof fields>;
type Row = NonNullable<Fields['rows'][number]>;

export interface SuggestedAmountInput {
  amountMinor: bigint;
  /** Only the languages written; an empty object when the amount has no text. */
  text: Partial<Record<Locale, string>>;
  isPreselected: boolean;
}

export interface SuggestedAmountsInput {
  currency: GivingCurrency;
  amounts: SuggestedAmountInput[];
}

/** The row's amount in minor units, or the message key that says why it is not one. */
function rowAmount(value: string, currency: GivingCurrency): bigint | string {
  let minor: bigint;
  try {
    minor = parseAmount(value, currency);
  } catch (error) {
    return error instanceof MoneyError && error.code === 'TOO_MANY_DECIMALS'
      ? 'errors.suggestedAmountDecimals'
      : 'errors.suggestedAmountInvalid';
  }
  const limits = amountLimits[currency];
  if (minor <= 0n) return 'errors.suggestedAmountPositive';
  if (minor < limits.min || minor > limits.max) return 'errors.suggestedAmountRange';
  // Stripe wants the last digit of a three-decimal card amount to be 0 (as /give does).
  if (currencyExponent(currency) === 3 && minor % 10n !== 0n) return 'errors.suggestedAmountLastDigit';
  return minor;
}

const hasText = (candidate: Row | undefined) => locales.some((locale) => Boolean(candidate?.text?.[locale]));

/**
 * Empty rows are dropped; a row with a text needs an amount; amounts parse in the currency, sit
 * within /give's limits and appear once; the preselected one is a row with an amount (the first
 * when none is chosen).
 */
export const suggestedAmountsSchema = z.pipe(
  fields.check(
    z.superRefine((value: Fields, ctx) => {
      const seen = new Set<bigint>();
      value.rows.forEach((candidate, index) => {
        const path = ['rows', index, 'amount'];
        if (!candidate?.amount) {
          if (hasText(candidate)) ctx.addIssue({ code: 'custom', path, message: 'errors.suggestedAmountMissing' });
          if (value.preselected === String(index))
            ctx.addIssue({ code: 'custom', path: ['preselected'], message: 'errors.suggestedPreselected' });
          return;
        }
        const minor = rowAmount(candidate.amount, value.currency);
        if (typeof minor === 'string') ctx.addIssue({ code: 'custom', path, message: minor });
        else if (seen.has(minor)) ctx.addIssue({ code: 'custom', path, message: 'errors.suggestedAmountDuplicate' });
        else seen.add(minor);
      });
    }),
  ),
  z.transform((value: Fields): SuggestedAmountsInput => {
    const filled = value.rows.flatMap((candidate, index) => (candidate?.amount ? [{ candidate, index, amount: candidate.amount }] : []));
    const chosen = filled.some(({ index }) => String(index) === value.preselected) ? value.preselected : String(filled[0]?.index ?? '');
    return {
      currency: value.currency,
      amounts: filled.map(({ candidate, index, amount }) => {
        const text: Partial<Record<Locale, string>> = {};
        for (const locale of locales) {
          const written = candidate.text?.[locale];
          if (written) text[locale] = written;
        }
        // The refinement above refused every amount that does not parse.
        return { amountMinor: parseAmount(amount, value.currency), text, isPreselected: String(index) === chosen };
      }),
    };
  }),
);

/** The form as Conform sees it (every value a string, as typed). */
export interface SuggestedAmountsForm {
  currency: string;
  rows: { amount?: string; text?: Partial<Record<Locale, string>> }[];
  preselected?: string;
}
