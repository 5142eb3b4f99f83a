// The appeal email's batch path (docs/decisions/055): the outbox renders an appeal once per batch,
// language, variant and kind, then puts each reader's links into that HTML. Every email must be byte
// for byte what a full render of the template for that reader gives — in several languages
// (Arabic right to left), with a programme and a project block, a subject variant, a test send,
// a preview without a donor, and an intro full of characters HTML escapes.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import AppealEmail, { appealText } from '../../../emails/appeal.tsx';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { readAppealEmailContent } from '~/appeals/appeal-draft-queries.server.ts';
import { appealEmailView, renderAppealEmail } from '~/appeals/appeal-email.server.ts';
import type { LanguageTexts } from '~/appeals/appeal-draft-schema.ts';
import { renderEmail } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { RenderBatchCache } from '~/platform/email/templates.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { createDonor, createProject } from '../impact/impact-report-fixture.ts';

const donors = ['5c0f2a4e-8b1d-4e6f-9a2b-3c4d5e6f7a81', 'a1b2c3d4-0000-4e6f-9a2b-3c4d5e6f7a82', 'ffffffff-1111-4222-8333-444444444444'];
const textsIn = (locale: Locale): LanguageTexts => ({
  title: `Title ${locale}`,
  subject: `Subject ${locale} <"&'> ساعدوا`,
  preheader: `Preview ${locale} & more`,
  // Characters HTML escapes, a link, and text that looks like a slot without the nonce.
  intro: `Intro ${locale}: "quotes" & <tags> it's **bold** [a link](https://example.org/?a=1&b=<2>)\n\n- appeal-slot-0\n- appeal-slot-abc-1`,
});

let appealId: string;

async function fullRender({
  donorId,
  locale,
  isTest = false,
  variant = null,
}: {
  donorId: string | null;
  locale: Locale;
  isTest?: boolean;
  variant?: number | null;
}) {
  const content = await readAppealEmailContent({ appealId });
  const view = appealEmailView({ content: content!, locale, donorId, isTest, variant });
  const html = await render(createElement(AppealEmail, view.props));
  const { lang: _lang, dir: _dir, ...textProps } = view.props;
  return { subject: view.subject, html, text: appealText(textProps), headers: view.headers, locale: view.locale };
}

beforeAll(async () => {
  const staffUserId = (await createStaff({ email: 'batch-email@example.org', name: 'Batch', roles: ['RESOURCE_MOBILIZATION'] })).id;
  const project = await createProject('BTCH01');
  await createDonor({ name: 'Giver', gifts: [{ projectId: project.id, usdMinor: 1_234_567n, on: '2025-03-01' }] });
  const saved = await saveAppealDraft({
    draft: {
      code: 'batch-path',
      goalUsdMinor: 15_000_000n,
      segmentId: null,
      fallbackLocale: 'fr',
      // Chinese is not written: a Chinese reader gets the French email.
      texts: Object.fromEntries(locales.filter((locale) => locale !== 'zh').map((locale) => [locale, textsIn(locale)])),
      blocks: [
        { kind: 'project', id: project.id },
        { kind: 'programme', id: project.programmeId },
      ],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  appealId = saved.id;
  await getPrisma().appeal.update({
    where: { id: appealId },
    data: { subjectVariants: [{ en: 'Variant <one> & "two"', ar: 'البديل الأول' }] },
  });
});

describe('the appeal email rendered for a batch', () => {
  it('gives each reader, in each language, exactly the email a full render gives', async () => {
    const cache: RenderBatchCache = new Map();
    for (const locale of locales) {
      for (const donorId of donors) {
        const fast = await renderAppealEmail({ appealId, donorId, isTest: false, locale, cache });
        expect(fast).toEqual(await fullRender({ donorId, locale }));
      }
    }
    // One read of the appeal and one render per language written (Chinese falls back to French).
    expect([...cache.keys()].sort()).toEqual(
      [`appeal:${appealId}`, ...locales.filter((locale) => locale !== 'zh').map((locale) => `appeal:${appealId}:${locale}:0:false`)].sort(),
    );
  });

  it('is exact for a subject variant, a test send and a preview without a donor, in Arabic and English', async () => {
    const cache: RenderBatchCache = new Map();
    for (const locale of ['ar', 'en'] as const) {
      for (const args of [
        { donorId: donors[0]!, variant: 1 },
        { donorId: donors[1]!, variant: 0 },
        { donorId: null, isTest: true },
        { donorId: null },
      ]) {
        const fast = await renderAppealEmail({ appealId, locale, isTest: false, cache, ...args });
        const full = await fullRender({ locale, ...args });
        expect(fast).toEqual(full);
      }
    }
  });

  it('puts each reader’s own links in: no slot is left and no two readers share a link', async () => {
    const cache: RenderBatchCache = new Map();
    const emails = await Promise.all(
      donors.map((donorId) => renderEmail({ template: 'appeal', locale: 'ar', props: { appealId, donorId }, cache })),
    );
    for (const email of emails) {
      expect(email.html).not.toMatch(/appeal-slot-[0-9a-f]{24}-/);
      expect(email.html).toContain('appeal-slot-0'); // the officer's own text stays as written
    }
    const unsubscribes = emails.map((email) => email.headers?.['List-Unsubscribe']);
    expect(new Set(unsubscribes).size).toBe(donors.length);
    emails.forEach((email, index) => expect(email.html).toContain(unsubscribes[index]!.slice(1, -1)));
  });
});
