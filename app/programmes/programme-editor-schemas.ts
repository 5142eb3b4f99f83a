// The forms programme officers fill in (docs/decisions/028), one Zod schema each: the staff pages
// validate with them in the browser (Conform) and the actions and commands with the same schema,
// so the two can never disagree. Messages are keys of the `programme-editor` namespace.
import { z } from 'zod';
import { isM49Country, isM49Region } from '~/platform/m49-regions.ts';
import { locales, type LocalizedText } from '~/platform/i18n.ts';
import { MoneyError, parseAmount } from '~/platform/money.ts';

export const projectStatuses = ['PIPELINE', 'IMPLEMENTATION', 'FINALISATION', 'CLOSED', 'CANCELLED', 'SUSPENDED'] as const;

/** A text in the six languages: English required (every reader falls back to it), the others optional. */
export function localizedTextSchema(maxLength: number) {
  const other = z.string().trim().max(maxLength, 'errors.tooLong').optional();
  return z
    .object({
      en: z.string({ error: 'errors.englishRequired' }).trim().min(1, 'errors.englishRequired').max(maxLength, 'errors.tooLong'),
      fr: other,
      es: other,
      ru: other,
      zh: other,
      ar: other,
    })
    .transform((text): LocalizedText => {
      const out: LocalizedText = { en: text.en };
      for (const locale of locales) if (text[locale]) out[locale] = text[locale];
      return out;
    });
}

/** An amount in US dollars typed by a person ("1,250,000.50") → USD minor units. */
function usdAmountSchema({ allowZero }: { allowZero: boolean }) {
  return z.string({ error: 'errors.amountRequired' }).transform((value, ctx) => {
    try {
      const minor = parseAmount(value, 'USD');
      if (minor === 0n && !allowZero) throw new MoneyError('EMPTY', 'zero');
      return minor;
    } catch {
      ctx.addIssue({ code: 'custom', message: allowZero ? 'errors.amount' : 'errors.amountPositive' });
      return z.NEVER;
    }
  });
}

/** A whole number typed in a form (the input stays a string, so forms can be pre-filled with text). */
function wholeNumber(min: number, max: number, message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);
}

const year = wholeNumber(1990, 2100, 'errors.year');
const isoDate = z.iso.date({ error: 'errors.date' });
/** NUMERIC(18,4): up to 14 digits before the point and 4 after. */
const decimal = z
  .string({ error: 'errors.numberRequired' })
  .trim()
  .regex(/^-?\d{1,14}(\.\d{1,4})?$/, 'errors.number');

export const programmeSchema = z.object({
  slug: z
    .string({ error: 'errors.slugRequired' })
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'errors.slug')
    .max(60, 'errors.tooLong'),
  code: z
    .string({ error: 'errors.codeRequired' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,16}$/, 'errors.programmeCode'),
  title: localizedTextSchema(200),
  mandate: localizedTextSchema(4000),
  sortOrder: wholeNumber(0, 1000, 'errors.sortOrder'),
});
export type ProgrammeInput = z.output<typeof programmeSchema>;

export const projectSchema = z
  .object({
    code: z
      .string({ error: 'errors.codeRequired' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9-]{2,32}$/, 'errors.projectCode'),
    programmeId: z.uuid({ error: 'errors.programmeRequired' }),
    title: localizedTextSchema(200),
    description: localizedTextSchema(4000),
    countryCode: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => code === '' || isM49Country(code), 'errors.country')
      .transform((code) => code || undefined)
      .optional(),
    regionCode: z
      .string({ error: 'errors.regionRequired' })
      .trim()
      .refine((code) => isM49Region(code), 'errors.region'),
    sectorCode: z
      .string({ error: 'errors.sectorRequired' })
      .trim()
      .regex(/^\d{5}$/, 'errors.sector'),
    status: z.enum(projectStatuses, { error: 'errors.status' }),
    startDate: isoDate,
    endDate: isoDate,
  })
  .refine((project) => project.endDate >= project.startDate, { path: ['endDate'], message: 'errors.endBeforeStart' });
export type ProjectInput = z.output<typeof projectSchema>;

export const requirementSchema = z.object({ year, amount: usdAmountSchema({ allowZero: true }) });
export type RequirementInput = z.output<typeof requirementSchema>;

export const regularBudgetSchema = z.object({
  year,
  amount: usdAmountSchema({ allowZero: false }),
  note: z.string().trim().max(500, 'errors.tooLong').optional(),
});
export type RegularBudgetInput = z.output<typeof regularBudgetSchema>;

export const regularBudgetCorrectionSchema = z.object({
  entryId: z.uuid({ error: 'errors.entry' }),
  amount: usdAmountSchema({ allowZero: false }),
  reason: z.string({ error: 'errors.reasonRequired' }).trim().min(1, 'errors.reasonRequired').max(500, 'errors.tooLong'),
});
export type RegularBudgetCorrectionInput = z.output<typeof regularBudgetCorrectionSchema>;

export const impactUpdateSchema = z.object({
  title: localizedTextSchema(200),
  body: localizedTextSchema(10_000),
  publishedOn: isoDate,
});
export type ImpactUpdateInput = z.output<typeof impactUpdateSchema>;

export const indicatorSchema = z.object({
  code: z
    .string({ error: 'errors.codeRequired' })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,32}$/, 'errors.indicatorCode'),
  name: localizedTextSchema(200),
  unit: z.string({ error: 'errors.unitRequired' }).trim().min(1, 'errors.unitRequired').max(40, 'errors.tooLong'),
  baseline: decimal,
  target: decimal,
});
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const indicatorValueSchema = z.object({
  indicatorId: z.uuid({ error: 'errors.indicator' }),
  measuredOn: isoDate,
  value: decimal,
  impactUpdateId: z.uuid({ error: 'errors.update' }).optional(),
});
export type IndicatorValueInput = z.output<typeof indicatorValueSchema>;
