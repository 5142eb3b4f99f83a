// The A/B subject test's part of the appeal draft form (issue #15 item 3; docs/decisions/054):
// extra subjects per language (B and C: a fixed number of inputs, so "another subject" needs no
// script), the sample's share of the segment, the metric and the wait. zod/mini like the rest of
// the draft schema; messages are keys of `staff-appeal-composer`.
import * as z from 'zod/mini';
import { isLocale, locales, type Locale } from '~/platform/i18n.ts';

/** The extra subjects' fields in each language, in order: variant 1 is B, variant 2 is C. */
export const VARIANT_FIELDS = ['b', 'c'] as const;
export const SAMPLE_PERCENT = { min: 5, max: 50 } as const;
/** The wait before the winner is decided: a minute to a week. */
export const WAIT_MINUTES = { min: 1, max: 7 * 24 * 60 } as const;
export const TEST_METRICS = ['clicks', 'gifts'] as const;
export const WAIT_UNITS = ['minutes', 'hours'] as const;

export type SubjectTest = { samplePercent: number; metric: 'CLICKS' | 'GIFTS'; waitMinutes: number };

const digits = (message: string) => z.optional(z.string().check(z.trim(), z.regex(/^\d{1,5}$/, message)));
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const variantText = (max: number) =>
  z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(max, 'errors.tooLong'),
      z.refine((value) => !CONTROL_CHARACTERS.test(value), 'errors.invalidCharacters'),
    ),
  );

/** The test's fields of the draft form's object schema. */
export function subjectTestFields(subjectMax: number) {
  const variants = z.optional(z.object({ b: variantText(subjectMax), c: variantText(subjectMax) }));
  return {
    variants: z.optional(z.object({ en: variants, fr: variants, es: variants, ru: variants, zh: variants, ar: variants })),
    testSample: digits('errors.samplePercent'),
    testMetric: z.optional(z.enum(TEST_METRICS, { error: 'errors.metric' })),
    testWait: digits('errors.wait'),
    testWaitUnit: z.optional(z.enum(WAIT_UNITS, { error: 'errors.wait' })),
  };
}

interface TestInput {
  fallbackLocale: unknown;
  texts: Partial<Record<Locale, { subject?: unknown } | undefined>>;
  variants?: Partial<Record<Locale, { b?: unknown; c?: unknown } | undefined>>;
  testSample?: unknown;
  testWait?: unknown;
  testWaitUnit?: unknown;
}

type Issue = { message: string; path: (string | number)[] };

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

function waitMinutesOf(input: Pick<TestInput, 'testWait' | 'testWaitUnit'>): number | null {
  const wait = textOf(input.testWait);
  if (!/^\d{1,5}$/.test(wait)) return null;
  return Number(wait) * (input.testWaitUnit === 'minutes' ? 1 : 60);
}

/**
 * The test's rules across fields: a sample needs subject B in the fallback language and a wait; an
 * extra subject needs a sample; every language with texts has the fallback's extra subjects, and a
 * language without texts none; no subject repeats another in its language; C only after B.
 * Defensive reads: Zod runs this even when a field failed.
 */
export function subjectTestIssues(input: TestInput, isWritten: (locale: Locale) => boolean): Issue[] {
  const issues: Issue[] = [];
  const fallback = isLocale(input.fallbackLocale) ? input.fallbackLocale : null;
  const extra = (locale: Locale) => VARIANT_FIELDS.map((field) => textOf(input.variants?.[locale]?.[field]));
  const fallbackExtra = fallback ? extra(fallback) : ['', ''];
  for (const locale of locales) {
    const subjects = [textOf(input.texts[locale]?.subject), ...extra(locale)];
    VARIANT_FIELDS.forEach((field, index) => {
      const path = ['variants', locale, field];
      const text = subjects[index + 1]!;
      if (!isWritten(locale)) {
        if (text) issues.push({ message: 'errors.variantWithoutTexts', path });
        return;
      }
      if (text && index > 0 && !subjects[index]) issues.push({ message: 'errors.variantGap', path });
      else if (text && subjects.slice(0, index + 1).some((earlier) => earlier && same(earlier, text)))
        issues.push({ message: 'errors.variantDuplicate', path });
      else if (locale !== fallback && Boolean(text) !== Boolean(fallbackExtra[index]))
        issues.push({ message: text ? 'errors.variantNotInFallback' : 'errors.variantMissing', path });
    });
  }
  const sample = textOf(input.testSample);
  if (sample) {
    const percent = Number(sample);
    if (/^\d+$/.test(sample) && (percent < SAMPLE_PERCENT.min || percent > SAMPLE_PERCENT.max))
      issues.push({ message: 'errors.samplePercent', path: ['testSample'] });
    if (fallback && !fallbackExtra[0]) issues.push({ message: 'errors.variantRequired', path: ['variants', fallback, 'b'] });
    const wait = textOf(input.testWait);
    const minutes = waitMinutesOf(input);
    if (!wait) issues.push({ message: 'errors.waitRequired', path: ['testWait'] });
    else if (minutes !== null && (minutes < WAIT_MINUTES.min || minutes > WAIT_MINUTES.max))
      issues.push({ message: 'errors.wait', path: ['testWait'] });
  } else if (fallbackExtra[0]) {
    issues.push({ message: 'errors.sampleRequired', path: ['testSample'] });
  }
  return issues;
}

/** The validated test's stored shape: the extra subjects per written language, and the settings (null: no test). */
export function subjectTestOf(
  input: {
    variants?: Partial<Record<Locale, { b?: string | undefined; c?: string | undefined } | undefined>> | undefined;
    testSample?: string | undefined;
    testMetric?: (typeof TEST_METRICS)[number] | undefined;
    testWait?: string | undefined;
    testWaitUnit?: (typeof WAIT_UNITS)[number] | undefined;
  },
  written: readonly Locale[],
): { subjectVariants: Partial<Record<Locale, string>>[]; test: SubjectTest | null } {
  if (!input.testSample) return { subjectVariants: [], test: null };
  const subjectVariants = VARIANT_FIELDS.map((field) =>
    Object.fromEntries(
      written.flatMap((locale) => {
        const text = input.variants?.[locale]?.[field];
        return text ? [[locale, text]] : [];
      }),
    ),
  ).filter((variant) => Object.keys(variant).length > 0);
  return {
    subjectVariants,
    test: {
      samplePercent: Number(input.testSample),
      metric: input.testMetric === 'gifts' ? 'GIFTS' : 'CLICKS',
      waitMinutes: waitMinutesOf(input) ?? WAIT_MINUTES.min,
    },
  };
}
