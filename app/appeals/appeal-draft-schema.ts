// The appeal draft form (issue #15 item 2; docs/decisions/047), one schema for the browser
// (Conform) and the action, so the two never disagree. zod/mini, like every staff form the /give
// bundle may share code with. Messages are keys of the `staff-appeal-composer` namespace.
//
// Per language a draft has a title (shown on /give), a subject, an optional preview line and an
// intro in Markdown. The fallback language must have all of them; any other language has them
// too, or nothing at all (its readers then get the fallback language's email).
import * as z from 'zod/mini';
import { isLocale, locales, type Locale } from '~/platform/i18n.ts';
import { subjectTestFields, subjectTestIssues, subjectTestOf } from './appeal-subject-test-schema.ts';
import { UUID_PATTERN, UUID_SOURCE } from '~/platform/uuid.ts';

/** How many programme or project blocks one email may hold. */
export const MAX_BLOCKS = 4;
/** The code in /give?appeal=CODE: lower-case letters, digits and hyphens. */
export const APPEAL_CODE = /^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])?$/;
/** A block's form value: "programme:<uuid>" or "project:<uuid>". */
const BLOCK = new RegExp(`^(programme|project):(${UUID_SOURCE})$`, 'i');

export const TEXT_LIMITS = { title: 200, subject: 150, preheader: 200, intro: 10_000 } as const;
type TextField = keyof typeof TEXT_LIMITS;
const REQUIRED_TEXTS: readonly TextField[] = ['title', 'subject', 'intro'];

// This schema imports neither money.ts nor form-fields.ts: sharing them with /give split them into
// chunks of their own and cost /give's budget (decision 012) a few hundred bytes it does not have.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const printable = () => z.refine<string>((value) => !CONTROL_CHARACTERS.test(value), 'errors.invalidCharacters');

/** "150,000.50" → 15000050n: whole US dollars with up to two decimals, grouping commas or spaces allowed; null otherwise. */
export function usdMinorFrom(text: string): bigint | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/[\s,\u00a0\u202f]/g, ''));
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, 'errors.tooLong'), printable())),
    z.transform((value) => value ?? ''),
  );

const languageTexts = z.optional(
  z.object({
    title: optionalText(TEXT_LIMITS.title),
    subject: optionalText(TEXT_LIMITS.subject),
    preheader: optionalText(TEXT_LIMITS.preheader),
    intro: optionalText(TEXT_LIMITS.intro),
  }),
);

/** A block field: empty, or a programme or project choice. */
const optionalBlock = z.optional(z.string().check(z.regex(new RegExp(`^$|${BLOCK.source}`, 'i'), 'errors.block')));

/** The block fields of the form, in order (MAX_BLOCKS of them). */
export const BLOCK_FIELDS = ['block1', 'block2', 'block3', 'block4'] as const;

export type LanguageTexts = { title: string; subject: string; preheader: string; intro: string };

export type AppealBlockRef = { kind: 'programme' | 'project'; id: string };

const hasAny = (texts: LanguageTexts | undefined) => Boolean(texts && Object.values(texts).some((value) => value !== ''));

export const appealDraftSchema = z.pipe(
  z
    .object({
      code: z.pipe(
        z.string({ error: 'errors.codeRequired' }).check(z.trim(), z.minLength(1, 'errors.codeRequired')),
        z.pipe(
          z.transform((value: string) => value.toLowerCase()),
          z.string().check(z.regex(APPEAL_CODE, 'errors.code')),
        ),
      ),
      goal: z.pipe(
        z.string({ error: 'errors.goalRequired' }).check(z.trim(), z.minLength(1, 'errors.goalRequired')),
        z.transform((value: string, ctx) => {
          const minor = usdMinorFrom(value);
          if (minor !== null && minor > 0n) return minor;
          ctx.issues.push({ code: 'custom', message: 'errors.goal', input: value });
          return z.NEVER;
        }),
      ),
      segmentId: z.pipe(
        z.optional(z.string().check(z.regex(UUID_PATTERN, 'errors.segment'))),
        z.transform((value) => value ?? null),
      ),
      fallbackLocale: z.enum(locales, { error: 'errors.fallback' }),
      texts: z.object({ en: languageTexts, fr: languageTexts, es: languageTexts, ru: languageTexts, zh: languageTexts, ar: languageTexts }),
      // Named fields rather than an array: z.array would grow the zod chunk /give shares (decision 012).
      block1: optionalBlock,
      block2: optionalBlock,
      block3: optionalBlock,
      block4: optionalBlock,
      ...subjectTestFields(TEXT_LIMITS.subject),
    })
    .check(
      // Zod runs this even when a field above failed (its value may then be the raw input): every
      // read is defensive, and a failed field is left to its own message.
      z.superRefine((draft, ctx) => {
        for (const locale of locales) {
          const texts = draft.texts[locale];
          const isFallback = locale === draft.fallbackLocale;
          if (!isFallback && !hasAny(texts)) continue;
          for (const field of REQUIRED_TEXTS) {
            const value: unknown = texts?.[field] ?? '';
            if (typeof value !== 'string' || value) continue;
            ctx.issues.push({
              code: 'custom',
              message: isFallback ? 'errors.fallbackTextRequired' : 'errors.languageIncomplete',
              path: ['texts', locale, field],
              input: '',
            });
          }
        }
        const seen = new Set<string>();
        for (const field of BLOCK_FIELDS) {
          const block: unknown = draft[field];
          if (typeof block !== 'string' || !block) continue;
          const key = block.toLowerCase();
          if (seen.has(key)) ctx.issues.push({ code: 'custom', message: 'errors.blockTwice', path: [field], input: block });
          seen.add(key);
        }
        if (seen.size === 0) ctx.issues.push({ code: 'custom', message: 'errors.blockRequired', path: ['block1'], input: '' });
        const isWritten = (locale: Locale) => locale === draft.fallbackLocale || hasAny(draft.texts[locale]);
        for (const issue of subjectTestIssues(draft, isWritten)) ctx.issues.push({ code: 'custom', ...issue, input: '' });
      }),
    ),
  z.transform((draft) => {
    const texts: Partial<Record<Locale, LanguageTexts>> = {};
    for (const locale of locales) {
      const given = draft.texts[locale];
      if (given && hasAny(given)) texts[locale] = given;
    }
    const chosen = BLOCK_FIELDS.map((field) => draft[field]).filter((value): value is string => Boolean(value));
    const blocks: AppealBlockRef[] = chosen.map((value) => {
      const [, kind = '', id = ''] = BLOCK.exec(value) ?? [];
      return { kind: kind.toLowerCase() === 'project' ? 'project' : 'programme', id: id.toLowerCase() };
    });
    return {
      code: draft.code,
      goalUsdMinor: draft.goal,
      segmentId: draft.segmentId,
      fallbackLocale: draft.fallbackLocale,
      texts,
      blocks,
      // The A/B subject test (docs/decisions/054): extra subjects of the written languages, and its settings.
      ...subjectTestOf(draft, Object.keys(texts).filter(isLocale)),
    };
  }),
);

export type AppealDraft = z.output<typeof appealDraftSchema>;

/** A block as its form value ("project:<uuid>"). */
export const blockValue = (block: AppealBlockRef) => `${block.kind}:${block.id}`;
