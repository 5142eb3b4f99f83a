// The forms programme officers fill in (docs/decisions/028), one Zod schema each: the staff pages
// validate with them in the browser (Conform) and the actions and commands with the same schema,
// so the two can never disagree. Messages are keys of the `programme-editor` namespace.
// Written with zod/mini and only the checks /give already uses, so the browser bundle /give
// shares with these pages does not grow (decision 012's budget).
import * as z from 'zod/mini';
import { isM49Country, isM49Region } from '~/platform/m49-regions.ts';
import { locales, type LocalizedText } from '~/platform/i18n.ts';
import { MoneyError, parseAmount } from '~/platform/money.ts';
import { UUID_PATTERN } from '~/platform/uuid.ts';

export const projectStatuses = ['PIPELINE', 'IMPLEMENTATION', 'FINALISATION', 'CLOSED', 'CANCELLED', 'SUSPENDED'] as const;

/** A trimmed text of at most `max` characters, required with `requiredMessage`. */
const text = (max: number, requiredMessage: string) =>
  z.string({ error: requiredMessage }).check(z.trim(), z.minLength(1, requiredMessage), z.maxLength(max, 'errors.tooLong'));

/** A text in the six languages: English required (every reader falls back to it), the others optional. */
export function localizedTextSchema(maxLength: number) {
  const other = z.optional(z.string().check(z.trim(), z.maxLength(maxLength, 'errors.tooLong')));
  return z.pipe(
    z.object({ en: text(maxLength, 'errors.englishRequired'), fr: other, es: other, ru: other, zh: other, ar: other }),
    z.transform((value): LocalizedText => {
      const out: LocalizedText = { en: value.en };
      for (const locale of locales) if (value[locale]) out[locale] = value[locale];
      return out;
    }),
  );
}

/** An amount in US dollars typed by a person ("1,250,000.50") → USD minor units. */
function usdAmountSchema({ allowZero }: { allowZero: boolean }) {
  return z.pipe(
    z.string({ error: 'errors.amountRequired' }),
    z.transform((value: string, ctx) => {
      try {
        const minor = parseAmount(value, 'USD');
        if (minor === 0n && !allowZero) throw new MoneyError('EMPTY', 'zero');
        return minor;
      } catch {
        ctx.issues.push({ code: 'custom', message: allowZero ? 'errors.amount' : 'errors.amountPositive', input: value });
        return z.NEVER;
      }
    }),
  );
}

/** A whole number typed in a form (the input stays a string, so forms can be pre-filled with text). */
function wholeNumber(min: number, max: number, message: string) {
  return z.pipe(
    z.string({ error: message }).check(
      z.trim(),
      z.regex(/^\d{1,6}$/, message),
      z.refine((value) => Number(value) >= min && Number(value) <= max, message),
    ),
    z.transform((value: string) => Number(value)),
  );
}

const year = wholeNumber(1990, 2100, 'errors.year');
/** YYYY-MM-DD naming a real day. */
const isoDate = z.string({ error: 'errors.date' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date'),
  z.refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }, 'errors.date'),
);
const uuid = (message: string) => z.string({ error: message }).check(z.regex(UUID_PATTERN, message));
/** NUMERIC(18,4): up to 14 digits before the point and 4 after. */
const decimal = z.string({ error: 'errors.numberRequired' }).check(z.trim(), z.regex(/^-?\d{1,14}(\.\d{1,4})?$/, 'errors.number'));
const code = (pattern: RegExp, message: string, upperCase: boolean) =>
  z.pipe(
    z.string({ error: 'errors.codeRequired' }).check(z.trim(), z.minLength(1, 'errors.codeRequired')),
    z.pipe(
      z.transform((value: string) => (upperCase ? value.toUpperCase() : value)),
      z.string().check(z.regex(pattern, message)),
    ),
  );

export const programmeSchema = z.object({
  slug: z
    .string({ error: 'errors.slugRequired' })
    .check(z.trim(), z.maxLength(60, 'errors.tooLong'), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'errors.slug')),
  code: code(/^[A-Z0-9-]{2,16}$/, 'errors.programmeCode', true),
  title: localizedTextSchema(200),
  mandate: localizedTextSchema(4000),
  sortOrder: wholeNumber(0, 1000, 'errors.sortOrder'),
});
export type ProgrammeInput = z.output<typeof programmeSchema>;

const projectFields = z.object({
  code: code(/^[A-Z0-9-]{2,32}$/, 'errors.projectCode', true),
  programmeId: uuid('errors.programmeRequired'),
  title: localizedTextSchema(200),
  description: localizedTextSchema(4000),
  countryCode: z.pipe(
    z.optional(
      z.string().check(
        z.trim(),
        z.refine((value) => value === '' || isM49Country(value.toUpperCase()), 'errors.country'),
      ),
    ),
    z.transform((value) => (value ? value.toUpperCase() : undefined)),
  ),
  regionCode: z.string({ error: 'errors.regionRequired' }).check(
    z.trim(),
    z.refine((value) => isM49Region(value), 'errors.region'),
  ),
  sectorCode: z.string({ error: 'errors.sectorRequired' }).check(z.trim(), z.regex(/^\d{5}$/, 'errors.sector')),
  status: z.enum(projectStatuses, { error: 'errors.status' }),
  startDate: isoDate,
  endDate: isoDate,
});
export const projectSchema = projectFields.check(
  z.superRefine((project: z.output<typeof projectFields>, ctx) => {
    if (project.endDate < project.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'errors.endBeforeStart' });
  }),
);
export type ProjectInput = z.output<typeof projectSchema>;

export const requirementSchema = z.object({ year, amount: usdAmountSchema({ allowZero: true }) });
export type RequirementInput = z.output<typeof requirementSchema>;

export const regularBudgetSchema = z.object({
  year,
  amount: usdAmountSchema({ allowZero: false }),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, 'errors.tooLong'))),
});
export type RegularBudgetInput = z.output<typeof regularBudgetSchema>;

export const regularBudgetCorrectionSchema = z.object({
  entryId: uuid('errors.entry'),
  amount: usdAmountSchema({ allowZero: false }),
  reason: text(500, 'errors.reasonRequired'),
});
export type RegularBudgetCorrectionInput = z.output<typeof regularBudgetCorrectionSchema>;

export const impactUpdateSchema = z.object({
  title: localizedTextSchema(200),
  body: localizedTextSchema(10_000),
  publishedOn: isoDate,
});
export type ImpactUpdateInput = z.output<typeof impactUpdateSchema>;

export const indicatorSchema = z.object({
  code: code(/^[A-Za-z0-9._-]{1,32}$/, 'errors.indicatorCode', false),
  name: localizedTextSchema(200),
  unit: text(40, 'errors.unitRequired'),
  baseline: decimal,
  target: decimal,
});
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const indicatorValueSchema = z.object({
  indicatorId: uuid('errors.indicator'),
  measuredOn: isoDate,
  value: decimal,
  impactUpdateId: z.optional(uuid('errors.update')),
});
export type IndicatorValueInput = z.output<typeof indicatorValueSchema>;
