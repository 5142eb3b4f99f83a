// /staff/appeals/:id renders from its loader's data, in Arabic: every control labelled, each
// language's texts in its own language and direction, the preview in a sandboxed, titled frame
// with the language links (the current one marked), the test-send form, and a server's field
// errors next to their fields, tied to them for screen readers.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { args, get, ORIGIN, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createProject } from '../impact/impact-report-fixture.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown, action: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useActionData: () => page.action,
  useRouteError: () => null,
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) => (
    <a href={to} {...rest}>
      {children}
    </a>
  ),
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) => (
    <form method={method} {...rest}>
      {children}
    </form>
  ),
}));

const { default: EditAppeal, loader, action } = await import('~/routes/staff.appeals.$id.tsx');
const { action: newAction } = await import('~/routes/staff.appeals.new.tsx');

let cookie = '';
let appealId = '';

function post(path: string, fields: [string, string][]) {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { Origin: ORIGIN, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  ({ cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-composer-render@example.org'));
  const project = await createProject('CMPR01');
  const saved = (await newAction({
    ...args(
      post('/staff/appeals/new', [
        ['intent', 'save'],
        ['code', 'render-me'],
        ['goal', '1000'],
        ['fallbackLocale', 'ar'],
        ['texts.ar.title', 'حماية الناجين'],
        ['texts.ar.subject', 'ساعدوا ناجية'],
        ['texts.ar.intro', 'مقدمة'],
        ['block1', `project:${project.id}`],
      ]),
    ),
  })) as Response;
  appealId = (saved.headers.get('Location') ?? '').split('/')[3]!.split('?')[0]!;
});

function renderPage() {
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
      <EditAppeal />
    </I18nextProvider>,
  );
}

describe('the appeal composer renders', () => {
  it('in Arabic, every control labelled, texts in their own language and direction, the preview framed and sandboxed', async () => {
    page.data = unwrap(
      await loader({ ...args(get(`/staff/appeals/${appealId}?lng=ar&lang=fr`, { cookie })), params: { id: appealId } }),
    ).data;
    page.action = undefined;
    const html = renderPage();
    expect(html).toContain('<h1 id="appeal-title">النداء: render-me</h1>');
    const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
      .map((match) => match[0])
      .filter((tag) => !/type="hidden"/.test(tag));
    expect(controls.length).toBeGreaterThan(25);
    for (const tag of controls) {
      const id = /\bid="([^"]+)"/.exec(tag)?.[1];
      expect(id, tag).toBeTruthy();
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).toMatch(/<textarea[^>]*lang="ar"[^>]*dir="rtl"|<textarea[^>]*dir="rtl"[^>]*lang="ar"/);
    expect(html).toMatch(/<input[^>]*lang="zh"[^>]*dir="ltr"|<input[^>]*dir="ltr"[^>]*lang="zh"/);
    expect(html).toContain('النصوص باللغة العربية (اللغة الاحتياطية: إلزامية)');
    expect(html).toMatch(/<iframe title="[^"]+" src="\/staff\/appeals\/preview\?appeal=[^"]+&amp;lang=fr" sandbox=""/);
    expect(html).toMatch(/<a href="\/staff\/appeals\/[^"]+\?lang=fr" lang="fr" aria-current="page">/);
    expect(html).toContain('name="intent" value="test"');
    expect(html).toContain('name="lang" value="fr"');
  });

  it('shows the server’s field errors next to their fields, described by them, in Arabic', async () => {
    page.data = unwrap(await loader({ ...args(get(`/staff/appeals/${appealId}?lng=ar`, { cookie })), params: { id: appealId } })).data;
    page.action = unwrap(
      await action({
        ...args(
          post(`/staff/appeals/${appealId}?lng=ar`, [
            ['intent', 'save'],
            ['code', 'bad code'],
            ['goal', '1000'],
            ['fallbackLocale', 'ar'],
            ['texts.ar.title', 'حماية الناجين'],
            ['texts.ar.subject', ''],
            ['texts.ar.intro', 'مقدمة'],
            ['block1', ''],
          ]),
        ),
        params: { id: appealId },
      }),
    ).data;
    const html = renderPage();
    const described = (name: string) =>
      new RegExp(`<[^>]*name="${name.replace(/[[\].]/g, '\\$&')}"[^>]*aria-describedby="([^"]+)"`).exec(html)?.[1];
    for (const [name, message] of [
      ['code', 'استخدم من 2 إلى 64'],
      ['texts.ar.subject', 'إلزامي: هذه هي اللغة الاحتياطية.'],
      ['block1', 'اختر برنامجاً أو مشروعاً واحداً على الأقل.'],
    ] as const) {
      const ids = described(name) ?? '';
      const errorId = ids.split(' ').find((id) => html.includes(`<p id="${id}" class="field__error">`));
      expect(errorId, name).toBeTruthy();
      expect(html).toMatch(new RegExp(`<p id="${errorId}" class="field__error">[^<]*${message.replace(/[.()]/g, '\\$&')}`));
    }
    expect(html).toMatch(/<input[^>]*name="code"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*name="code"/);
  });

  it('keeps the A/B subject test folded until it has a value or an error, then open with the error tied to its field', async () => {
    page.data = unwrap(await loader({ ...args(get(`/staff/appeals/${appealId}?lng=ar`, { cookie })), params: { id: appealId } })).data;
    page.action = undefined;
    expect(renderPage()).toMatch(/<details class="appeal-test"><summary>اختبار A\/B للموضوع \(اختياري\)<\/summary>/);
    page.action = unwrap(
      await action({
        ...args(
          post(`/staff/appeals/${appealId}?lng=ar`, [
            ['intent', 'save'],
            ['code', 'render-me'],
            ['goal', '1000'],
            ['fallbackLocale', 'ar'],
            ['texts.ar.title', 'حماية الناجين'],
            ['texts.ar.subject', 'ساعدوا ناجية'],
            ['texts.ar.intro', 'مقدمة'],
            ['block1', ''],
            ['testSample', '20'],
            ['testWait', '4'],
            ['testWaitUnit', 'hours'],
          ]),
        ),
        params: { id: appealId },
      }),
    ).data;
    const html = renderPage();
    expect(html).toContain('<details class="appeal-test" open="">');
    const ids = /<input[^>]*name="variants\.ar\.b"[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(html).toMatch(/<input[^>]*name="variants\.ar\.b"[^>]*dir="rtl"/);
    const errorId = ids.split(' ').find((id) => html.includes(`<p id="${id}" class="field__error">`));
    expect(html).toContain(`<p id="${errorId}" class="field__error">يحتاج اختبار الموضوع إلى الموضوع B باللغة الاحتياطية.</p>`);
  });
});
