// Saving an appeal draft and queueing a test of its email (docs/decisions/047). A draft is not a
// money fact: a save replaces its texts and blocks; every save and every test send is in the audit
// log, in the transaction of the change.
import { randomUUID } from 'node:crypto';
import { Prisma } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import type { AppealDraft } from './appeal-draft-schema.ts';

/** A draft to save; without `subjectVariants` and `test` it has no A/B subject test. */
export type SaveableAppealDraft = Omit<AppealDraft, 'subjectVariants' | 'test'> & Partial<Pick<AppealDraft, 'subjectVariants' | 'test'>>;
import { findAppealDraft } from './appeal-draft-queries.server.ts';

export type SaveAppealOutcome =
  { ok: true; id: string } | { ok: false; reason: 'code-taken' | 'not-found' | 'not-draft' | 'unknown-reference' };

/** The email template of an appeal (app/email-templates.server.ts). */
export const APPEAL_TEMPLATE = 'appeal';

function columnsOf(draft: SaveableAppealDraft) {
  const map = (pick: (texts: NonNullable<AppealDraft['texts'][Locale]>) => string) => {
    const out: Record<string, string> = {};
    for (const locale of locales) {
      const texts = draft.texts[locale];
      if (texts) out[locale] = pick(texts);
    }
    return out;
  };
  // /give names the appeal in the reader's language, falling back to English: the title is kept in
  // all six, the fallback language's where none was written.
  const fallbackTitle = draft.texts[draft.fallbackLocale]?.title ?? '';
  const title = Object.fromEntries(locales.map((locale) => [locale, draft.texts[locale]?.title || fallbackTitle]));
  return {
    slug: draft.code,
    goalUsdMinor: draft.goalUsdMinor,
    segmentId: draft.segmentId,
    fallbackLocale: draft.fallbackLocale,
    title,
    subject: map((texts) => texts.subject),
    preheader: map((texts) => texts.preheader),
    body: map((texts) => texts.intro),
    // The A/B subject test (docs/decisions/054): saved with the draft, cleared when the form has none.
    subjectVariants: draft.test ? (draft.subjectVariants ?? []) : [],
    testSamplePercent: draft.test?.samplePercent ?? null,
    testMetric: draft.test?.metric ?? null,
    testWaitMinutes: draft.test?.waitMinutes ?? null,
  };
}

const blockRows = (draft: SaveableAppealDraft) =>
  draft.blocks.map((block, position) => ({
    position,
    programmeId: block.kind === 'programme' ? block.id : null,
    projectId: block.kind === 'project' ? block.id : null,
  }));

/**
 * Creates a draft (no `id`) or replaces a draft's texts, code, goal, segment, blocks and A/B subject
 * test, audited as
 * `appeal.create` / `appeal.update` by `staffUserId` with before and after. Refused, with nothing
 * changed: a code another appeal holds, an appeal that is no longer a draft, a block or segment
 * that does not exist.
 */
export async function saveAppealDraft({
  id = null,
  draft,
  staffUserId,
}: {
  id?: string | null;
  draft: SaveableAppealDraft;
  staffUserId: string;
}): Promise<SaveAppealOutcome> {
  const columns = columnsOf(draft);
  const after = { ...columns, blocks: draft.blocks };
  try {
    return await getPrisma().$transaction(async (db) => {
      if (!id) {
        const created = await db.appeal.create({
          data: { ...columns, status: 'DRAFT', createdById: staffUserId, blocks: { create: blockRows(draft) } },
          select: { id: true },
        });
        await recordAudit({
          db,
          actorId: staffUserId,
          actorKind: 'staff',
          action: 'appeal.create',
          entityType: 'appeal',
          entityId: created.id,
          after,
        });
        return { ok: true as const, id: created.id };
      }
      const [locked] = await db.$queryRaw<
        { status: string }[]
      >`SELECT status::text AS status FROM appeals WHERE id = ${id}::uuid FOR UPDATE`;
      if (!locked) return { ok: false as const, reason: 'not-found' as const };
      if (locked.status !== 'DRAFT') return { ok: false as const, reason: 'not-draft' as const };
      const before = await findAppealDraft({ id, db });
      await db.appealBlock.deleteMany({ where: { appealId: id } });
      await db.appeal.update({ where: { id }, data: { ...columns, blocks: { create: blockRows(draft) } } });
      await recordAudit({
        db,
        actorId: staffUserId,
        actorKind: 'staff',
        action: 'appeal.update',
        entityType: 'appeal',
        entityId: id,
        before,
        after,
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      // The unique code: another officer may have taken it between the form and the save.
      if (error.code === 'P2002') return { ok: false, reason: 'code-taken' };
      // A block's programme or project, or the segment, deleted since the form was shown.
      if (error.code === 'P2003' || error.code === 'P2025') return { ok: false, reason: 'unknown-reference' };
    }
    throw error;
  }
}

/**
 * Queues one email of the appeal to a staff member's own address, as transactional mail (no
 * consent to check: the address is theirs, not a donor's), audited as `appeal.test-send`. Each
 * call is a new message. Null when there is no such appeal.
 */
export async function queueAppealTestEmail({
  appealId,
  staffUserId,
  to,
  locale,
}: {
  appealId: string;
  staffUserId: string;
  to: string;
  locale: Locale;
}): Promise<{ emailId: string } | null> {
  return getPrisma().$transaction(async (db) => {
    const appeal = await db.appeal.findUnique({ where: { id: appealId }, select: { id: true } });
    if (!appeal) return null;
    const email = await enqueueEmail({
      db,
      template: APPEAL_TEMPLATE,
      to,
      locale,
      props: { appealId, donorId: null, isTest: true },
      idempotencyKey: `appeal-test:${appealId}:${randomUUID()}`,
    });
    await recordAudit({
      db,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'appeal.test-send',
      entityType: 'appeal',
      entityId: appealId,
      after: { to, locale, emailId: email.id },
    });
    return { emailId: email.id };
  });
}
