// The A/B subject test's fields of the appeal draft form (docs/decisions/054): subjects B and C per
// written language, the sample's share (5–50 %), the metric and the wait; each rule with its message.
import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { appealDraftSchema } from '~/appeals/appeal-draft-schema.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const base = {
  code: 'ab-2026',
  goal: '1000',
  fallbackLocale: 'en',
  'texts.en.title': 'Schools',
  'texts.en.subject': 'Subject A',
  'texts.en.intro': 'Intro.',
  block1: 'project:1f2e3d4c-5b6a-4789-9abc-def012345678',
  testMetric: 'clicks',
  testWait: '4',
  testWaitUnit: 'hours',
};
const withTest = { ...base, testSample: '20', 'variants.en.b': 'Subject B' };

function parse(fields: Record<string, string>) {
  return parseWithZod(form(fields), { schema: appealDraftSchema });
}

function errorsOf(fields: Record<string, string>) {
  const submission = parse(fields);
  return submission.status === 'success' ? {} : (submission.reply().error ?? {});
}

describe('the A/B subject test in the draft schema', () => {
  it('has no test when the sample is empty, whatever the metric and wait say', () => {
    const submission = parse(base);
    expect(submission.status === 'success' && submission.value).toMatchObject({ subjectVariants: [], test: null });
  });

  it('keeps subjects B and C of each written language and the settings, the wait in minutes', () => {
    const submission = parse({
      ...withTest,
      'variants.en.c': 'Subject C',
      'texts.fr.title': 'Écoles',
      'texts.fr.subject': 'Objet A',
      'texts.fr.intro': 'Intro.',
      'variants.fr.b': 'Objet B',
      'variants.fr.c': 'Objet C',
      testMetric: 'gifts',
      testWait: '90',
      testWaitUnit: 'minutes',
    });
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value.subjectVariants).toEqual([
      { en: 'Subject B', fr: 'Objet B' },
      { en: 'Subject C', fr: 'Objet C' },
    ]);
    expect(submission.value.test).toEqual({ samplePercent: 20, metric: 'GIFTS', waitMinutes: 90 });
    const hours = parse({ ...withTest, testWait: '48' });
    expect(hours.status === 'success' && hours.value.test).toEqual({ samplePercent: 20, metric: 'CLICKS', waitMinutes: 2880 });
  });

  it('refuses a sample without a second subject, and a second subject without a sample', () => {
    expect(errorsOf({ ...base, testSample: '20' })).toEqual({ 'variants.en.b': ['errors.variantRequired'] });
    expect(errorsOf({ ...base, 'variants.en.b': 'Subject B' })).toEqual({ testSample: ['errors.sampleRequired'] });
    // The second subject must be in the fallback language, wherever that is.
    expect(
      errorsOf({
        ...withTest,
        fallbackLocale: 'ar',
        'texts.ar.title': 'مدارس',
        'texts.ar.subject': 'الموضوع أ',
        'texts.ar.intro': 'مقدمة.',
      }),
    ).toEqual({ 'variants.ar.b': ['errors.variantRequired'], 'variants.en.b': ['errors.variantNotInFallback'] });
  });

  it('refuses samples and waits out of range, and words where numbers belong', () => {
    expect(errorsOf({ ...withTest, testSample: '4' })).toEqual({ testSample: ['errors.samplePercent'] });
    expect(errorsOf({ ...withTest, testSample: '51' })).toEqual({ testSample: ['errors.samplePercent'] });
    expect(errorsOf({ ...withTest, testSample: 'half' })).toEqual({ testSample: ['errors.samplePercent'] });
    expect(errorsOf({ ...withTest, testSample: '5' })).toEqual({});
    expect(errorsOf({ ...withTest, testSample: '50' })).toEqual({});
    expect(errorsOf({ ...withTest, testWait: '' })).toEqual({ testWait: ['errors.waitRequired'] });
    expect(errorsOf({ ...withTest, testWait: '0', testWaitUnit: 'minutes' })).toEqual({ testWait: ['errors.wait'] });
    expect(errorsOf({ ...withTest, testWait: '169' })).toEqual({ testWait: ['errors.wait'] });
    expect(errorsOf({ ...withTest, testWait: '168' })).toEqual({});
    expect(errorsOf({ ...withTest, testWait: 'soon' })).toEqual({ testWait: ['errors.wait'] });
    expect(errorsOf({ ...withTest, testMetric: 'opens' })).toEqual({ testMetric: ['errors.metric'] });
    expect(errorsOf({ ...withTest, testWaitUnit: 'days' })).toEqual({ testWaitUnit: ['errors.wait'] });
  });

  it('refuses a subject that repeats another of its language (case aside), and C without B', () => {
    expect(errorsOf({ ...withTest, 'variants.en.b': 'subject a' })).toEqual({ 'variants.en.b': ['errors.variantDuplicate'] });
    expect(errorsOf({ ...withTest, 'variants.en.c': ' Subject B ' })).toEqual({ 'variants.en.c': ['errors.variantDuplicate'] });
    expect(errorsOf({ ...base, testSample: '20', 'variants.en.c': 'Subject C' })).toEqual({
      'variants.en.b': ['errors.variantRequired'],
      'variants.en.c': ['errors.variantGap'],
    });
  });

  it('asks every written language for the fallback’s extra subjects, and an unwritten one for none', () => {
    const french = { 'texts.fr.title': 'Écoles', 'texts.fr.subject': 'Objet A', 'texts.fr.intro': 'Intro.' };
    expect(errorsOf({ ...withTest, ...french })).toEqual({ 'variants.fr.b': ['errors.variantMissing'] });
    expect(errorsOf({ ...withTest, ...french, 'variants.fr.b': 'Objet B', 'variants.fr.c': 'Objet C' })).toEqual({
      'variants.fr.c': ['errors.variantNotInFallback'],
    });
    expect(errorsOf({ ...withTest, 'variants.ru.b': 'Тема B' })).toEqual({ 'variants.ru.b': ['errors.variantWithoutTexts'] });
  });

  it('limits a subject’s length and characters like the main subject', () => {
    expect(errorsOf({ ...withTest, 'variants.en.b': 'x'.repeat(151) })).toEqual({ 'variants.en.b': ['errors.tooLong'] });
    expect(errorsOf({ ...withTest, 'variants.en.b': 'bad\u0007bell' })).toEqual({ 'variants.en.b': ['errors.invalidCharacters'] });
  });
});
