// The composer's pages (/staff/appeals/new and /staff/appeals/:id): the draft form's values and
// choices, the preview per language, and the form's handling — save (PRG) and "send a test to
// myself" — with the same schema the browser validates with (docs/decisions/047).
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { getT } from '~/platform/i18n.server.ts';
import { isLocale, locales, pickText, type Locale } from '~/platform/i18n.ts';
import type { StaffUser } from '~/generated/prisma/client.ts';
import { appealDraftSchema, BLOCK_FIELDS, blockValue } from './appeal-draft-schema.ts';
import { findAppealDraft, listComposerChoices, type StoredAppealDraft } from './appeal-draft-queries.server.ts';
import { queueAppealTestEmail, saveAppealDraft } from './appeal-draft-commands.server.ts';
import { emailLocale, renderAppealEmail } from './appeal-email.server.ts';

const languageName = (of: Locale, inLocale: Locale) => new Intl.DisplayNames(inLocale, { type: 'language' }).of(of) ?? of;

/** Minor units as the goal field shows them: "150000" or "150000.50". */
function goalText(minor: bigint): string {
  const cents = minor % 100n;
  return cents === 0n ? String(minor / 100n) : `${minor / 100n}.${String(cents).padStart(2, '0')}`;
}

/** The A/B test's fields as the form shows them: the wait in hours when it is whole hours. */
function subjectTestFormValues(draft: StoredAppealDraft | null) {
  if (!draft?.test) return { testMetric: 'clicks', testWait: '4', testWaitUnit: 'hours' };
  const { samplePercent, metric, waitMinutes } = draft.test;
  const isHours = waitMinutes % 60 === 0;
  const variants: Partial<Record<Locale, { b?: string; c?: string }>> = {};
  for (const locale of locales) {
    const [b = '', c = ''] = draft.subjectVariants.map((variant) => variant[locale] ?? '');
    if (b || c) variants[locale] = { b, c };
  }
  return {
    variants,
    testSample: String(samplePercent),
    testMetric: metric === 'GIFTS' ? 'gifts' : 'clicks',
    testWait: String(isHours ? waitMinutes / 60 : waitMinutes),
    testWaitUnit: isHours ? 'hours' : 'minutes',
  };
}

/** The form's starting values (Conform's default value shape). */
export function draftFormValues(draft: StoredAppealDraft | null) {
  if (!draft) return { fallbackLocale: 'en', texts: {}, ...subjectTestFormValues(null) };
  return {
    code: draft.code,
    goal: goalText(draft.goalUsdMinor),
    segmentId: draft.segmentId ?? '',
    fallbackLocale: draft.fallbackLocale,
    texts: Object.fromEntries(Object.entries(draft.texts).map(([locale, texts]) => [locale, { ...texts }])),
    ...Object.fromEntries(draft.blocks.map((block, index) => [BLOCK_FIELDS[index], blockValue(block)])),
    ...subjectTestFormValues(draft),
  };
}

/** The composer's choices, labelled in the reader's language. */
async function composerOptions(locale: Locale) {
  const t = getT(locale, 'staff-appeal-composer');
  const { segments, programmes } = await listComposerChoices();
  return {
    segments: segments.map((segment) => ({ value: segment.id, label: segment.name })),
    languages: locales.map((value) => ({ value, label: languageName(value, locale) })),
    programmes: programmes.map((programme) => ({ value: `programme:${programme.id}`, label: pickText(programme.title, locale) })),
    projectGroups: programmes.map((programme) => ({
      label: t('fields.projectsOf', { programme: pickText(programme.title, locale) }),
      projects: programme.projects.map((project) => ({
        value: `project:${project.id}`,
        label: `${project.code} — ${pickText(project.title, locale)}`,
      })),
    })),
  };
}

/** /staff/appeals/new (no id) or /staff/appeals/:id with the preview in `previewLocale`; null: no such appeal. */
export async function buildComposerPage({
  locale,
  appealId = null,
  previewLocale,
}: {
  locale: Locale;
  appealId?: string | null;
  previewLocale?: string | null;
}) {
  const t = getT(locale, ['staff-appeal-composer', 'staff-appeals']);
  const draft = appealId ? await findAppealDraft({ id: appealId }) : null;
  if (appealId && !draft) return null;
  const options = await composerOptions(locale);
  const isDraft = !draft || draft.status === 'DRAFT';
  let preview = null;
  if (draft) {
    const shown: Locale = isLocale(previewLocale) ? previewLocale : draft.fallbackLocale;
    const sentIn = emailLocale(draft, shown);
    const rendered = await renderAppealEmail({ appealId: draft.id, donorId: null, isTest: false, locale: shown });
    preview = {
      locale: shown,
      languageName: languageName(shown, locale),
      subject: t('preview.subject', { subject: rendered.subject }),
      fallbackNote: sentIn === shown ? null : t('preview.fallbackNote', { language: languageName(sentIn, locale) }),
      src: `/staff/appeals/preview?appeal=${draft.id}&lang=${shown}`,
      frameTitle: t('preview.frame', { language: languageName(shown, locale) }),
      languages: locales.map((value) => ({
        value,
        label: languageName(value, locale),
        href: `/staff/appeals/${draft.id}?lang=${value}`,
        isCurrent: value === shown,
      })),
    };
  }
  const title = !draft
    ? t('newTitle')
    : isDraft
      ? t('editTitle', { code: draft.code })
      : t('viewTitle', { code: draft.code, status: t(`staff-appeals:status.${draft.status}`) });
  return {
    title,
    appealId: draft?.id ?? null,
    status: draft?.status ?? 'DRAFT',
    segmentId: draft?.segmentId ?? null,
    isDraft,
    defaultValue: draftFormValues(draft),
    options,
    preview,
  };
}

export type ComposerOutcome =
  | { kind: 'saved'; id: string }
  | { kind: 'invalid'; result: SubmissionResult<string[]> }
  | { kind: 'test-queued'; message: string }
  | { kind: 'refused'; message: string };

/**
 * A posted composer form: `intent=save` saves the draft (a new one without `appealId`);
 * `intent=test` queues a test of the saved draft in the language `lang` to the staff member.
 */
export async function handleComposerForm({
  form,
  staff,
  locale,
  appealId = null,
}: {
  form: FormData;
  staff: Pick<StaffUser, 'id' | 'email'>;
  locale: Locale;
  appealId?: string | null;
}): Promise<ComposerOutcome> {
  const t = getT(locale, 'staff-appeal-composer');
  if (form.get('intent') === 'test' && appealId) {
    const lang = form.get('lang');
    const testLocale: Locale = isLocale(lang) ? lang : locale;
    const queued = await queueAppealTestEmail({ appealId, staffUserId: staff.id, to: staff.email, locale: testLocale });
    if (!queued) return { kind: 'refused', message: t('errors.notFound') };
    return { kind: 'test-queued', message: t('test.queued', { language: languageName(testLocale, locale), email: staff.email }) };
  }
  const submission = parseWithZod(form, { schema: appealDraftSchema });
  if (submission.status !== 'success') return { kind: 'invalid', result: submission.reply() };
  const saved = await saveAppealDraft({ id: appealId, draft: submission.value, staffUserId: staff.id });
  if (saved.ok) return { kind: 'saved', id: saved.id };
  if (saved.reason === 'code-taken') return { kind: 'invalid', result: submission.reply({ fieldErrors: { code: ['errors.codeTaken'] } }) };
  const message = { 'not-found': 'errors.notFound', 'not-draft': 'notDraft', 'unknown-reference': 'errors.unknownReference' }[saved.reason];
  return { kind: 'invalid', result: submission.reply({ formErrors: [message] }) };
}

/** The preview frame's document: the email a reader of `lang` would get now; null when there is no such appeal. */
export async function renderAppealPreview({ appealId, lang }: { appealId: string; lang: string | null }): Promise<string | null> {
  const draft = await findAppealDraft({ id: appealId });
  if (!draft) return null;
  const locale: Locale = isLocale(lang) ? lang : draft.fallbackLocale;
  return (await renderAppealEmail({ appealId: draft.id, donorId: null, isTest: false, locale })).html;
}
