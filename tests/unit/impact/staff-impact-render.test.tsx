// /staff/impact renders from its loader's data, in Arabic: headings in order, labelled controls,
// the runs' progress as text, and the preview framed from its own address in a sandbox.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { args, get, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProject } from './impact-report-fixture.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  useRouteError: () => null,
  useRevalidator: () => ({ state: 'idle', revalidate: () => undefined }),
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) => (
    <form method={method} {...rest}>
      {children}
    </form>
  ),
}));

const { default: StaffImpact, loader } = await import('~/routes/staff.impact.tsx');
const { createImpactReportRun } = await import('~/impact/impact-report-run-commands.server.ts');

let cookie = '';
let donorId = '';
beforeAll(async () => {
  ({ cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-render@example.org'));
  const project = await createProject('RENDER-1');
  donorId = (await createDonor({ name: 'Lina', consents: [true], gifts: [{ projectId: project.id, usdMinor: 30_00n, on: '2025-11-02' }] }))
    .id;
  await createImpactReportRun({ period: '2025-Q4', trigger: 'COMMAND', now: new Date('2026-01-02T06:00:00Z') });
});

describe('the staff impact page renders', () => {
  it('in Arabic, with labelled controls, the run under way and the preview in a sandboxed frame', async () => {
    page.data = unwrap(await loader(args(get(`/staff/impact?lng=ar&donor=${donorId}&quarter=2025-Q4`, { cookie })))).data;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
        <StaffImpact />
      </I18nextProvider>,
    );
    expect(html).toContain('تقارير الأثر');
    for (const id of ['trigger-period', 'preview-donor', 'preview-quarter']) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('جارٍ…');
    expect(html).toContain('سطر الأوامر');
    expect(html).toMatch(new RegExp(`<iframe[^>]*src="/staff/impact/preview\\?donor=${donorId}&amp;quarter=2025-Q4"[^>]*sandbox=""`));
    const levels = [...html.matchAll(/<h([1-6])[^>]*>/g)].map((match) => Number(match[1]));
    expect(levels[0]).toBe(1);
    for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
  });
});
