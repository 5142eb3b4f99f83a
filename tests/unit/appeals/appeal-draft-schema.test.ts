// The appeal draft form's schema (docs/decisions/047): the code, the goal, the fallback language's
// texts required, any other language complete or empty, one to four distinct blocks.
import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { appealDraftSchema } from '~/appeals/appeal-draft-schema.ts';

const PROGRAMME = 'programme:7d3c1a52-9a1e-4d7e-8f3b-2a6c5e4d3b21';
const PROJECT = 'project:1f2e3d4c-5b6a-4789-9abc-def012345678';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const valid = {
  code: 'Protect-Survivors-2026',
  goal: '150,000.50',
  fallbackLocale: 'en',
  'texts.en.title': 'Protect survivors',
  'texts.en.subject': 'Help a survivor rebuild her life',
  'texts.en.intro': 'Shelters and **legal aid**.',
  block1: PROGRAMME,
  block2: '',
  block3: PROJECT,
};

function errorsOf(fields: Record<string, string>) {
  const submission = parseWithZod(form(fields), { schema: appealDraftSchema });
  return submission.status === 'success' ? {} : (submission.reply().error ?? {});
}

describe('the appeal draft schema', () => {
  it('accepts a draft in one language, lower-cases the code, reads the goal in cents and keeps the blocks in order', () => {
    const submission = parseWithZod(form({ ...valid, 'texts.fr.title': '', 'texts.fr.subject': '  ' }), { schema: appealDraftSchema });
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value).toEqual({
      code: 'protect-survivors-2026',
      goalUsdMinor: 15_000_050n,
      segmentId: null,
      fallbackLocale: 'en',
      subjectVariants: [],
      test: null,
      texts: {
        en: {
          title: 'Protect survivors',
          subject: 'Help a survivor rebuild her life',
          preheader: '',
          intro: 'Shelters and **legal aid**.',
        },
      },
      blocks: [
        { kind: 'programme', id: '7d3c1a52-9a1e-4d7e-8f3b-2a6c5e4d3b21' },
        { kind: 'project', id: '1f2e3d4c-5b6a-4789-9abc-def012345678' },
      ],
    });
  });

  it('requires the fallback language’s title, subject and intro, wherever the fallback is', () => {
    expect(errorsOf({ ...valid, fallbackLocale: 'ar' })).toEqual({
      'texts.ar.title': ['errors.fallbackTextRequired'],
      'texts.ar.subject': ['errors.fallbackTextRequired'],
      'texts.ar.intro': ['errors.fallbackTextRequired'],
    });
    expect(errorsOf({ ...valid, 'texts.en.intro': '' })).toEqual({ 'texts.en.intro': ['errors.fallbackTextRequired'] });
  });

  it('refuses a language begun but not finished (a preview line alone is a beginning)', () => {
    expect(errorsOf({ ...valid, 'texts.zh.preheader': '预览' })).toEqual({
      'texts.zh.title': ['errors.languageIncomplete'],
      'texts.zh.subject': ['errors.languageIncomplete'],
      'texts.zh.intro': ['errors.languageIncomplete'],
    });
  });

  it('refuses bad codes, goals, segments, languages and blocks with their own messages', () => {
    expect(errorsOf({ ...valid, code: 'no spaces!' })).toEqual({ code: ['errors.code'] });
    expect(errorsOf({ ...valid, code: '' })).toEqual({ code: ['errors.codeRequired'] });
    expect(errorsOf({ ...valid, goal: '0' })).toEqual({ goal: ['errors.goal'] });
    expect(errorsOf({ ...valid, goal: '-5' })).toEqual({ goal: ['errors.goal'] });
    expect(errorsOf({ ...valid, goal: '1.234' })).toEqual({ goal: ['errors.goal'] });
    expect(errorsOf({ ...valid, goal: '' })).toEqual({ goal: ['errors.goalRequired'] });
    expect(errorsOf({ ...valid, segmentId: 'x' })).toEqual({ segmentId: ['errors.segment'] });
    expect(errorsOf({ ...valid, fallbackLocale: 'de' })).toEqual({ fallbackLocale: ['errors.fallback'] });
    expect(errorsOf({ ...valid, block1: 'javascript:alert(1)' })).toEqual({ block1: ['errors.block'] });
    expect(errorsOf({ ...valid, block1: '', block3: '' })).toEqual({ block1: ['errors.blockRequired'] });
    expect(errorsOf({ ...valid, block2: PROGRAMME })).toEqual({ block2: ['errors.blockTwice'] });
    expect(errorsOf({ ...valid, 'texts.en.subject': 'x'.repeat(151) })).toEqual({ 'texts.en.subject': ['errors.tooLong'] });
    expect(errorsOf({ ...valid, 'texts.en.intro': 'nul \u0000 byte' })).toEqual({ 'texts.en.intro': ['errors.invalidCharacters'] });
  });
});
