// The forms of a donor's monthly-gift page (/account/monthly/:reference): one field per action,
// told apart by `intent`. The amount is typed text parsed into minor units of the gift's currency
// (ISO 4217 exponent) and held to the give form's limits for that currency and for cards.
// Messages are i18n keys of the "monthly" namespace. zod/mini: the schema reaches the browser.
import * as z from 'zod/mini';
import { amountLimits, CARD_MAX_CHARGE_MINOR, cardAmountStep, givingCurrencies, type GivingCurrency } from './give-schema.ts';
import { MoneyError, parseAmount } from '~/platform/money.ts';

export const monthlyIntents = ['amount', 'pause', 'resume', 'cancel', 'card'] as const;
export type MonthlyIntent = (typeof monthlyIntents)[number];

const isGivingCurrency = (currency: string): currency is GivingCurrency => (givingCurrencies as readonly string[]).includes(currency);

/** The amount's error key, or its minor units. */
export function checkMonthlyAmount(text: string, currency: string): { ok: true; minor: bigint } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'errors.amountRequired' };
  let minor: bigint;
  try {
    minor = parseAmount(trimmed, currency);
  } catch (error) {
    const code = error instanceof MoneyError ? error.code : 'INVALID_FORMAT';
    return { ok: false, error: code === 'TOO_MANY_DECIMALS' ? 'errors.amountTooManyDecimals' : 'errors.amountInvalid' };
  }
  if (!isGivingCurrency(currency)) return { ok: false, error: 'errors.amountInvalid' };
  const limits = amountLimits[currency];
  if (minor < limits.min) return { ok: false, error: 'errors.amountTooSmall' };
  if (minor > limits.max || minor > CARD_MAX_CHARGE_MINOR) return { ok: false, error: 'errors.amountTooLarge' };
  if (minor % cardAmountStep(currency) !== 0n) return { ok: false, error: 'errors.amountCardLastDigit' };
  return { ok: true, minor };
}

/** The page's schema for a gift in `currency`. */
export function createMonthlyGiftSchema(currency: string) {
  return z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('amount'),
      amount: z.pipe(
        z.string({ error: 'errors.amountRequired' }).check(z.maxLength(32, 'errors.amountInvalid')),
        z.transform((value, ctx) => {
          const checked = checkMonthlyAmount(value, currency);
          if (checked.ok) return checked.minor;
          ctx.issues.push({ code: 'custom', message: checked.error, input: value });
          return z.NEVER;
        }),
      ),
    }),
    z.object({ intent: z.literal('pause') }),
    z.object({ intent: z.literal('resume') }),
    z.object({
      intent: z.literal('cancel'),
      confirm: z.literal('yes', { error: 'errors.confirmCancel' }),
    }),
    z.object({ intent: z.literal('card') }),
  ]);
}
