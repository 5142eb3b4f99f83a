// The giving form's one schema, used by the browser (Conform validation) and the server action
// alike. Messages are i18n keys under the "give" namespace ("errors.*"), translated where shown.
// Amounts arrive as typed text and are parsed into minor units of the chosen currency, so a
// float never touches them (app/platform/money.ts).
// Written with zod/mini: the same engine, checks and issues as `zod`, with functions instead of
// methods, so the browser bundle keeps only the parts this schema uses (docs/performance.md,
// "Pledge page JavaScript").
import * as z from 'zod/mini';
import type { ConsentWording } from '~/ledger/consent-wording.server.ts';
import { givingDonorTypes } from '~/ledger/donor-profile.ts';
import { amountLimits, givingCurrencies } from '~/platform/giving-currencies.ts';
import { checkbox, countryCodeField, optionalText, printable, requiredName } from '~/platform/form-fields.ts';
import { currencyExponents, MoneyError, parseAmount } from '~/platform/money.ts';
import { PROCESSING_FEE_PERCENT } from '~/platform/processing-fee.ts';

export { amountLimits, givingCurrencies, type GivingCurrency } from '~/platform/giving-currencies.ts';

export const frequencies = ['once', 'monthly', 'instalments'] as const;
export const methods = ['card', 'bank_transfer'] as const;
export const earmarkKinds = ['general', 'programme', 'project'] as const;
export { givingDonorTypes };
export const instalmentIntervals = [1, 3, 6, 12] as const;

export const MIN_INSTALMENTS = 2;
export const MAX_INSTALMENTS = 24;
export const MAX_DEDICATION_LENGTH = 200;
/** Stripe's largest single card charge (minor units, any currency): larger gifts go by transfer. */
export const CARD_MAX_CHARGE_MINOR = 99_999_999n;

/**
 * The smallest step of a card amount: Stripe wants the last digit of three-decimal currencies
 * (KWD, BHD, …) to be 0 for card payments, so their card amounts move in steps of 10.
 */
export function cardAmountStep(currency: string): bigint {
  return currencyExponents[currency as keyof typeof currencyExponents] === 3 ? 10n : 1n;
}

/** Name of the honeypot field: hidden from people, filled by naive bots. */
export const HONEYPOT_FIELD = 'website';

/** True for a YYYY-MM-DD that exists (2030-02-30 does not: Date would roll it into March). */
function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** YYYY-MM-DD one year after `day`, compared as text (29 February gives a day that sorts right). */
function sameDayNextYear(day: string): string {
  return `${String(Number(day.slice(0, 4)) + 1).padStart(4, '0')}${day.slice(4)}`;
}

/** Today's date (UTC) as YYYY-MM-DD; instalments may not start in the past. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const optionalWhole = (message: string) => z.optional(z.coerce.number({ error: message }).check(z.int(message)));
const optionalTrimmed = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max), printable()));

const fields = z.object({
  amount: z
    .string({ error: 'errors.amountRequired' })
    .check(z.trim(), z.minLength(1, 'errors.amountRequired'), z.maxLength(32, 'errors.amountInvalid')),
  currency: z.enum(givingCurrencies, { error: 'errors.currencyInvalid' }),
  frequency: z._default(z.enum(frequencies, { error: 'errors.frequencyInvalid' }), 'once'),
  method: z._default(z.enum(methods, { error: 'errors.methodInvalid' }), 'card'),
  instalmentCount: optionalWhole('errors.instalmentCountInvalid'),
  firstDueOn: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.dateInvalid'))),
  intervalMonths: optionalWhole('errors.intervalInvalid'),
  earmark: z._default(z.enum(earmarkKinds, { error: 'errors.earmarkInvalid' }), 'general'),
  programme: optionalTrimmed(100),
  project: optionalTrimmed(32),
  appeal: optionalTrimmed(100),
  donorType: z._default(z.enum(givingDonorTypes, { error: 'errors.donorTypeInvalid' }), 'individual'),
  givenName: requiredName(),
  familyName: requiredName(),
  email: z.email({ error: 'errors.emailInvalid' }).check(z.maxLength(254, 'errors.emailInvalid')),
  countryCode: countryCodeField(),
  organisationName: optionalText(200),
  organisationId: optionalText(100),
  isAnonymous: checkbox,
  dedication: optionalText(MAX_DEDICATION_LENGTH),
  coversFee: checkbox,
  consentImpactReports: checkbox,
  consentAppeals: checkbox,
  [HONEYPOT_FIELD]: z.optional(z.string().check(z.maxLength(0, 'errors.honeypot'))),
});

/**
 * The whole form. Cross-field rules: the amount must parse in the chosen currency and sit within
 * its limits; monthly gifts are by card; instalment pledges need a count, a first due date not in
 * the past and an interval; an earmark names its programme or project; companies and foundations
 * give their organisation's name.
 */
export function createGiveSchema(now = new Date()) {
  const today = todayIso(now);
  return fields.check(
    z.superRefine((value: z.output<typeof fields>, ctx) => {
      let minor: bigint | null = null;
      try {
        minor = parseAmount(value.amount, value.currency);
      } catch (error) {
        const code = error instanceof MoneyError ? error.code : 'INVALID_FORMAT';
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: code === 'TOO_MANY_DECIMALS' ? 'errors.amountTooManyDecimals' : 'errors.amountInvalid',
        });
      }
      if (minor !== null) {
        const limits = amountLimits[value.currency];
        if (minor < limits.min) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'errors.amountTooSmall' });
        if (minor > limits.max) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'errors.amountTooLarge' });
        else if (value.method === 'card' && minor > CARD_MAX_CHARGE_MINOR) {
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'errors.amountTooLargeForCard' });
        }
        if (value.method === 'card' && minor % cardAmountStep(value.currency) !== 0n) {
          ctx.addIssue({ code: 'custom', path: ['amount'], message: 'errors.amountCardLastDigit' });
        }
      }
      if (value.frequency === 'monthly' && value.method !== 'card') {
        ctx.addIssue({ code: 'custom', path: ['method'], message: 'errors.monthlyNeedsCard' });
      }
      if (value.frequency === 'instalments') {
        const count = value.instalmentCount;
        if (count === undefined || count < MIN_INSTALMENTS || count > MAX_INSTALMENTS) {
          ctx.addIssue({ code: 'custom', path: ['instalmentCount'], message: 'errors.instalmentCountInvalid' });
        }
        if (!value.firstDueOn) ctx.addIssue({ code: 'custom', path: ['firstDueOn'], message: 'errors.dateRequired' });
        else if (!isCalendarDate(value.firstDueOn)) ctx.addIssue({ code: 'custom', path: ['firstDueOn'], message: 'errors.dateInvalid' });
        else if (value.firstDueOn < today) ctx.addIssue({ code: 'custom', path: ['firstDueOn'], message: 'errors.dateInPast' });
        // A year ahead at most: the schedule is a promise the donor means to keep (and 9999-12-31
        // plus a few intervals is past the last date PostgreSQL and JavaScript share).
        else if (value.firstDueOn > sameDayNextYear(today))
          ctx.addIssue({ code: 'custom', path: ['firstDueOn'], message: 'errors.dateTooFar' });
        if (!instalmentIntervals.includes(value.intervalMonths as (typeof instalmentIntervals)[number])) {
          ctx.addIssue({ code: 'custom', path: ['intervalMonths'], message: 'errors.intervalInvalid' });
        }
      }
      if (value.earmark === 'programme' && !value.programme)
        ctx.addIssue({ code: 'custom', path: ['programme'], message: 'errors.programmeRequired' });
      if (value.earmark === 'project' && !value.project)
        ctx.addIssue({ code: 'custom', path: ['project'], message: 'errors.projectRequired' });
      if (value.donorType !== 'individual' && !value.organisationName) {
        ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'errors.organisationRequired' });
      }
    }),
  );
}

export type GiveFormValues = z.input<ReturnType<typeof createGiveSchema>>;
export type GiveFormOutput = z.output<ReturnType<typeof createGiveSchema>>;

/** What the server's giving service receives: the validated form with the amount in minor units. */
export interface GiveRequest extends Omit<GiveFormOutput, 'amount' | typeof HONEYPOT_FIELD> {
  amountMinor: bigint;
  locale: string;
  /** Added by the /give action from the same i18n keys the form displays (give:consent.*). */
  consentWording?: ConsentWording;
}

export { PROCESSING_FEE_PERCENT };

/** The processing fee for an amount: 3 % rounded up to the next minor unit (0 stays 0). */
export function processingFeeMinor(amountMinor: bigint): bigint {
  if (amountMinor <= 0n) return 0n;
  return (amountMinor * PROCESSING_FEE_PERCENT + 99n) / 100n;
}

/** Turns validated form output into a GiveRequest (the amount was checked by the schema). */
export function toGiveRequest(output: GiveFormOutput, locale: string): GiveRequest {
  const { amount, [HONEYPOT_FIELD]: _honeypot, ...rest } = output;
  const base: GiveRequest = { ...rest, amountMinor: parseAmount(amount, output.currency), locale };
  // Fields that do not apply to the chosen options are dropped, so nothing stale is stored.
  if (base.frequency !== 'instalments') {
    delete base.instalmentCount;
    delete base.firstDueOn;
    delete base.intervalMonths;
  }
  if (base.earmark !== 'programme') delete base.programme;
  if (base.earmark !== 'project') delete base.project;
  if (base.donorType === 'individual') {
    delete base.organisationName;
    delete base.organisationId;
  }
  return base;
}
