// What the composer reads: one appeal as a draft (its texts per language and its blocks), and the
// content of its email — the texts plus each block's programme or project with its figures read
// now from the funding summaries (docs/decisions/047: never stored in the draft).
import type { FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { getTargetFigures } from '~/ledger/target-figure-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { isLocale, locales, type LocalizedText, type Locale } from '~/platform/i18n.ts';
import { findAppealById } from './appeal-by-id-queries.server.ts';
import type { AppealBlockRef, LanguageTexts } from './appeal-draft-schema.ts';
import type { SubjectTest } from './appeal-subject-test-schema.ts';

export interface StoredAppealDraft {
  id: string;
  code: string;
  status: string;
  goalUsdMinor: bigint;
  segmentId: string | null;
  fallbackLocale: Locale;
  /** The languages written, each with its four texts */
  texts: Partial<Record<Locale, LanguageTexts>>;
  /** In order; `position` is the stored one (a tracked link names its block by it) */
  blocks: (AppealBlockRef & { position: number })[];
  /** The blocks with their figures as read when the send began (docs/decisions/049); null before */
  sendBlocks: AppealEmailBlock[] | null;
  /** A/B subjects beyond the main one: variant n (n ≥ 1) is element n-1, one text per language */
  subjectVariants: Partial<Record<Locale, string>>[];
  /** The A/B subject test's settings; null: no test */
  test: SubjectTest | null;
}

const textOf = (map: unknown, locale: Locale): string => {
  if (!map || typeof map !== 'object') return '';
  const value = (map as Record<string, unknown>)[locale];
  return typeof value === 'string' ? value : '';
};

/** One appeal with its texts and blocks; null when there is none. */
export async function findAppealDraft({ id, db = getPrisma() }: { id: string; db?: DbClient }): Promise<StoredAppealDraft | null> {
  const appeal = await findAppealById({
    id,
    db,
    select: {
      id: true,
      slug: true,
      status: true,
      goalUsdMinor: true,
      segmentId: true,
      fallbackLocale: true,
      title: true,
      subject: true,
      preheader: true,
      body: true,
      blocks: { orderBy: { position: 'asc' }, select: { position: true, programmeId: true, projectId: true } },
      sendBlocks: true,
      subjectVariants: true,
      testSamplePercent: true,
      testMetric: true,
      testWaitMinutes: true,
    },
  });
  if (!appeal) return null;
  const texts: Partial<Record<Locale, LanguageTexts>> = {};
  // A language is written when it has a subject: the title is kept in all six for /give (decision 047).
  for (const locale of locales) {
    const subject = textOf(appeal.subject, locale);
    if (!subject) continue;
    texts[locale] = {
      title: textOf(appeal.title, locale),
      subject,
      preheader: textOf(appeal.preheader, locale),
      intro: textOf(appeal.body, locale),
    };
  }
  return {
    id: appeal.id,
    code: appeal.slug,
    status: appeal.status,
    goalUsdMinor: appeal.goalUsdMinor,
    segmentId: appeal.segmentId,
    fallbackLocale: isLocale(appeal.fallbackLocale) ? appeal.fallbackLocale : 'en',
    texts,
    blocks: appeal.blocks.map((block) =>
      block.projectId
        ? { kind: 'project' as const, id: block.projectId, position: block.position }
        : { kind: 'programme' as const, id: block.programmeId ?? '', position: block.position },
    ),
    // Written by freezeAppealFigures from AppealEmailBlock values: a JSON boundary of our own.
    sendBlocks: Array.isArray(appeal.sendBlocks) ? (appeal.sendBlocks as unknown as AppealEmailBlock[]) : null,
    subjectVariants: Array.isArray(appeal.subjectVariants)
      ? appeal.subjectVariants.map((variant) =>
          Object.fromEntries(locales.map((locale) => [locale, textOf(variant, locale)]).filter(([, text]) => text)),
        )
      : [],
    test:
      appeal.testSamplePercent === null
        ? null
        : {
            samplePercent: appeal.testSamplePercent,
            metric: appeal.testMetric ?? 'CLICKS',
            waitMinutes: appeal.testWaitMinutes ?? 0,
          },
  };
}

export interface AppealEmailBlock {
  kind: 'programme' | 'project';
  /** The block's stored position: what a tracked link names (docs/decisions/050) */
  position: number;
  /** The programme's slug or the project's code, as /give?programme= and ?project= take them */
  key: string;
  title: LocalizedText;
  /** The years the figures cover (a programme: this year; a project: its life, as its page shows) */
  fromYear: number;
  toYear: number;
  figures: FundingFigures;
}

export interface AppealEmailContent {
  /** The appeal's id (tracked links name it) */
  appealId: string;
  code: string;
  fallbackLocale: Locale;
  texts: Partial<Record<Locale, LanguageTexts>>;
  subjectVariants: Partial<Record<Locale, string>>[];
  blocks: AppealEmailBlock[];
}

/**
 * The appeal's email content: texts and blocks with their figures — the figures pinned when its
 * send began (every email of a send, and a batch sent again after a crash, renders the same), or
 * before that, read live at `now`. Null when the appeal does not exist.
 */
export async function readAppealEmailContent({
  appealId,
  now = new Date(),
  db = getPrisma(),
}: {
  appealId: string;
  now?: Date;
  db?: DbClient;
}): Promise<AppealEmailContent | null> {
  const draft = await findAppealDraft({ id: appealId, db });
  if (!draft) return null;
  return {
    appealId: draft.id,
    code: draft.code,
    fallbackLocale: draft.fallbackLocale,
    texts: draft.texts,
    subjectVariants: draft.subjectVariants,
    blocks: draft.sendBlocks ?? (await readLiveBlocks({ draft, now, db })),
  };
}

/** The draft's blocks with their figures read now from the funding summaries. */
export async function readLiveBlocks({
  draft,
  now,
  db = getPrisma(),
}: {
  draft: Pick<StoredAppealDraft, 'blocks'>;
  now: Date;
  db?: DbClient;
}): Promise<AppealEmailBlock[]> {
  const programmeIds = draft.blocks.filter((block) => block.kind === 'programme').map((block) => block.id);
  const projectIds = draft.blocks.filter((block) => block.kind === 'project').map((block) => block.id);
  const [programmes, projects] = await Promise.all([
    db.programme.findMany({ where: { id: { in: programmeIds } }, select: { id: true, slug: true, title: true } }),
    db.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, code: true, title: true, startDate: true, endDate: true },
    }),
  ]);
  const year = now.getUTCFullYear();
  const blocks = await Promise.all(
    draft.blocks.map(async (block): Promise<AppealEmailBlock | null> => {
      if (block.kind === 'programme') {
        const programme = programmes.find((candidate) => candidate.id === block.id);
        if (!programme) return null;
        const { fromYear, toYear, figures } = await getTargetFigures({ target: { kind: 'programme', id: programme.id }, year, db });
        // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
        return {
          kind: 'programme',
          position: block.position,
          key: programme.slug,
          title: programme.title as LocalizedText,
          fromYear,
          toYear,
          figures,
        };
      }
      const project = projects.find((candidate) => candidate.id === block.id);
      if (!project) return null;
      const { fromYear, toYear, figures } = await getTargetFigures({ target: { kind: 'project', ...project }, year, db });
      return {
        kind: 'project',
        position: block.position,
        key: project.code,
        title: project.title as LocalizedText,
        fromYear,
        toYear,
        figures,
      };
    }),
  );
  return blocks.filter((block): block is AppealEmailBlock => block !== null);
}

/** The saved segments and the programmes with their projects, for the composer's choices. */
export async function listComposerChoices({ db = getPrisma() }: { db?: DbClient } = {}) {
  const [segments, programmes] = await Promise.all([
    db.appealSegment.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.programme.findMany({
      orderBy: { sortOrder: 'asc' },
      select: { id: true, title: true, projects: { orderBy: { code: 'asc' }, select: { id: true, code: true, title: true } } },
    }),
  ]);
  return { segments, programmes };
}
