// The appeal email (issue #15 item 2; docs/decisions/047) through the outbox's renderer: six
// languages (Arabic right to left), the fallback language for a reader whose language has no text,
// live figures read at render time (a later gift shows in the next rendering), the call to action
// /give?appeal=CODE&project=…, the plain-text part, the footer and the RFC 8058 headers, and an
// intro whose Markdown cannot carry markup or unsafe links.
import { beforeAll, describe, expect, it } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { readAppealEmailContent } from '~/appeals/appeal-draft-queries.server.ts';
import { appealEmailView, introBlocks } from '~/appeals/appeal-email.server.ts';
import type { AppealDraft, LanguageTexts } from '~/appeals/appeal-draft-schema.ts';
import { renderEmail } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { verifyLinkToken } from '~/platform/signed-link.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { createDonor, createProject } from '../impact/impact-report-fixture.ts';

const donorId = '5c0f2a4e-8b1d-4e6f-9a2b-3c4d5e6f7a81';
const subjects: Record<Locale, string> = {
  en: 'Help a survivor rebuild her life',
  fr: 'Aidez une survivante à reconstruire sa vie',
  es: 'Ayude a una sobreviviente a rehacer su vida',
  ru: 'Помогите пострадавшей начать жизнь заново',
  zh: '帮助一名幸存者重建生活',
  ar: 'ساعدوا ناجية على إعادة بناء حياتها',
};
const textsIn = (locale: Locale): LanguageTexts => ({
  title: `Title ${locale}`,
  subject: subjects[locale],
  preheader: `Preview ${locale}`,
  intro: `Intro ${locale}: shelters and **legal aid**.\n\n- first\n- second`,
});

let staffUserId: string;
let project: Awaited<ReturnType<typeof createProject>>;

async function draft(code: string, overrides: Partial<AppealDraft> = {}): Promise<string> {
  const saved = await saveAppealDraft({
    draft: {
      code,
      goalUsdMinor: 15_000_000n,
      segmentId: null,
      fallbackLocale: 'en',
      texts: Object.fromEntries(locales.map((locale) => [locale, textsIn(locale)])),
      blocks: [{ kind: 'project', id: project.id }],
      ...overrides,
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  return saved.id;
}

const render = (appealId: string, locale: string, props: Record<string, unknown> = {}) =>
  renderEmail({ template: 'appeal', locale, props: { appealId, donorId, ...props } });

beforeAll(async () => {
  staffUserId = (await createStaff({ email: 'composer-email@example.org', name: 'Composer', roles: ['RESOURCE_MOBILIZATION'] })).id;
  project = await createProject('CMPE01'); // needs $100,000.00 in 2025; runs 2025–2026
  await createDonor({ name: 'Early', gifts: [{ projectId: project.id, usdMinor: 4_000_000n, on: '2025-03-01' }] });
});

describe('the appeal email', () => {
  it('renders in each of the six languages, in that language, Arabic right to left, with the figures and the give link', async () => {
    const appealId = await draft('six-languages');
    for (const locale of locales) {
      const email = await render(appealId, locale);
      expect(email.subject).toBe(subjects[locale]);
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.html).toContain(`dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(email.html).toContain(`Preview ${locale}`);
      expect(email.html).toContain(`Intro ${locale}: shelters and <strong>legal aid</strong>.`);
      expect(email.text).toContain(`Intro ${locale}: shelters and legal aid.`);
      expect(email.text).toContain('- first\n- second');
      // A donor's email links through a tracked link (decision 050); the preview links plainly.
      expect(email.html).toMatch(/href="https?:\/\/[^"]+\/a\/[\w-]+\.[\w-]+"/);
      expect(email.text).toMatch(/: https?:\/\/[^\s]+\/a\/[\w-]+\.[\w-]+/);
      const preview = await render(appealId, locale, { donorId: null });
      expect(preview.html).toContain('/give?appeal=six-languages&amp;project=CMPE01');
      expect(preview.text).toMatch(/: https?:\/\/[^\s]+\/give\?appeal=six-languages&project=CMPE01/);
    }
    const en = await render(appealId, 'en');
    for (const part of [en.html, en.text]) {
      expect(part).toContain('Project CMPE01');
      expect(part).toContain('Needed from 2025 to 2026: $100,000.00. Funded: $40,000.00 (40%).');
      expect(part).toContain('Still missing: $60,000.00');
      expect(part).toContain('Give to this project');
      expect(part).toContain('Vienna International Centre');
    }
    expect(en.html).toContain('width:40%');
    const ar = await render(appealId, 'ar');
    expect(ar.html).toContain('ما زال ينقص');
    expect(ar.html).toContain('تبرّع لهذا المشروع');
    const fr = await render(appealId, 'fr');
    expect(fr.text).toContain('Il manque encore');
  });

  it('reads the figures when it is rendered: a gift made after the draft shows in the next email', async () => {
    const appealId = await draft('live-figures');
    expect((await render(appealId, 'en')).text).toContain('Still missing: $60,000.00');
    await createDonor({ name: 'Later', gifts: [{ projectId: project.id, usdMinor: 1_000_000n, on: '2025-04-01' }] });
    const after = await render(appealId, 'en');
    expect(after.text).toContain('Funded: $50,000.00 (50%).');
    expect(after.text).toContain('Still missing: $50,000.00');
    // The draft keeps which project, never its figures.
    const blocks = await getPrisma().appealBlock.findMany({ where: { appealId } });
    expect(blocks.map((block) => Object.keys(block).sort())).toEqual([['appealId', 'id', 'position', 'programmeId', 'projectId']]);
  });

  it('sends a reader whose language has no text the whole email in the fallback language', async () => {
    const appealId = await draft('fallback-arabic', { fallbackLocale: 'ar', texts: { ar: textsIn('ar'), fr: textsIn('fr') } });
    const zh = await render(appealId, 'zh');
    expect(zh.subject).toBe(subjects.ar);
    expect(zh.html).toContain('lang="ar"');
    expect(zh.html).toContain('dir="rtl"');
    expect(zh.html).toContain('ما زال ينقص');
    expect((await render(appealId, 'fr')).subject).toBe(subjects.fr);
  });

  it('carries the one-click unsubscribe of appeals for this donor in the headers, the footer and the text', async () => {
    const email = await render(await draft('unsubscribe-headers'), 'en');
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = email.headers?.['List-Unsubscribe']?.match(/^<(.+)>$/)?.[1] ?? '';
    expect(url).toMatch(/\/email\/unsubscribe\//);
    expect(verifyLinkToken({ purpose: 'unsubscribe', token: url.split('/email/unsubscribe/')[1]! })).toEqual({ donorId, kind: 'APPEALS' });
    expect(email.html).toContain(url);
    expect(email.text).toContain(`Unsubscribe from appeals: ${url}`);
    expect(email.text).toMatch(/Choose how often you receive reports: https?:\/\/\S+\/email\/preferences\//);
  });

  it('marks a test: its subject, a notice, and links that name no donor', async () => {
    const email = await render(await draft('test-mark'), 'es', { donorId: null, isTest: true });
    expect(email.subject).toBe(`[Prueba] ${subjects.es}`);
    expect(email.text).toContain('Prueba de un borrador de llamamiento');
    const url = email.headers?.['List-Unsubscribe']?.match(/^<(.+)>$/)?.[1] ?? '';
    expect(verifyLinkToken({ purpose: 'unsubscribe', token: url.split('/email/unsubscribe/')[1]! })?.donorId).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
  });

  it('shows a programme block with the programme’s figures for the year of the rendering', async () => {
    const appealId = await draft('programme-block', { blocks: [{ kind: 'programme', id: project.programmeId }] });
    const content = await readAppealEmailContent({ appealId, now: new Date('2025-06-01T00:00:00Z') });
    const view = appealEmailView({
      content: content!,
      locale: 'en',
      donorId: null,
      isTest: false,
      appOrigin: 'https://portal.example.org',
    });
    expect(view.props.blocks).toEqual([
      expect.objectContaining({
        label: 'Global programme',
        figuresLine: expect.stringMatching(/^Needed in 2025: \$[\d,]+\.00\. Funded: \$[\d,]+\.00 \(\d+(\.\d)?%\)\.$/),
        url: 'https://portal.example.org/give?appeal=programme-block&programme=sched',
      }),
    ]);
  });
});

describe('the intro’s Markdown', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '[click](javascript:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD4=)',
    '[plain http](http://insecure.example/)',
    '[quote](https://ok.example/?q="><script>alert(2)</script>)',
    '**<b onmouseover=alert(3)>bold</b>**',
    '<a href="https://evil.example">raw html link</a>',
  ].join('\n\n');

  it('keeps only https links and renders every other character as text', async () => {
    const appealId = await draft('xss-attempts', { texts: { en: { ...textsIn('en'), intro: attacks } } });
    const { html, text } = await render(appealId, 'en');
    // No element but the template's own, no event-handler attribute inside a tag, no link but https.
    expect(html).not.toMatch(/<script|<img|<b\s|<a\s+href="https:\/\/evil/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    const origin = new URL(getEnv().APP_ORIGIN).origin;
    for (const [, href = ''] of html.matchAll(/href="([^"]*)"/g)) {
      if (!href.startsWith(`${origin}/`)) expect(href).toMatch(/^https:\/\//);
    }
    expect(html).toContain('href="https://ok.example/?q=%22%3E%3Cscript%3Ealert(2)%3C/script%3E"');
    expect(html).not.toMatch(/href="(javascript|data|http:\/\/insecure)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('<strong>&lt;b onmouseover=alert(3)&gt;bold&lt;/b&gt;</strong>');
    expect(html).toContain('>plain http<');
    expect(html).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;raw html link&lt;/a&gt;');
    expect(text).toContain('<script>alert(1)</script>'); // the plain-text part is text: nothing runs there
    expect(text).not.toContain('javascript:');
  });

  it('turns the subset into a tree: paragraphs, emphasis, strong, https links and both kinds of list', () => {
    expect(introBlocks('A *b* **c** [d](https://e.example/)\n\n1. one\n2. two\n\n- x')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'A ' },
          { type: 'em', children: [{ type: 'text', text: 'b' }] },
          { type: 'text', text: ' ' },
          { type: 'strong', children: [{ type: 'text', text: 'c' }] },
          { type: 'text', text: ' ' },
          { type: 'link', href: 'https://e.example/', children: [{ type: 'text', text: 'd' }] },
        ],
      },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]] },
      { type: 'list', ordered: false, items: [[{ type: 'text', text: 'x' }]] },
    ]);
    expect(introBlocks('[http](http://a.example/) [js](javascript:x)')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'http' },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'js' },
        ],
      },
    ]);
  });
});
