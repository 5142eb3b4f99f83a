// /staff/appeals/segments/new renders from its loader's data, in Arabic: every control labelled,
// the count in a status region (announced when the live count replaces it), and both buttons of
// the form without JavaScript — "Count" and "Save".
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { args, get, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor } from './segment-fixture.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  useRouteError: () => null,
  useFetcher: () => ({ data: undefined, load: () => undefined }),
  Link: ({ children, to }: { children: ReactNode; to: string }) => <a href={to}>{children}</a>,
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) => (
    <form method={method} {...rest}>
      {children}
    </form>
  ),
}));

const { default: NewSegment, loader } = await import('~/routes/staff.appeals.segments.new.tsx');

let cookie = '';
beforeAll(async () => {
  ({ cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-segment-render@example.org'));
  await createDonor({ name: 'Rana', countryCode: 'EG', locale: 'ar' });
});

describe('the segment form renders', () => {
  it('in Arabic, with labelled controls, the count in a status region, and Count and Save buttons', async () => {
    page.data = unwrap(await loader(args(get('/staff/appeals/segments/new?lng=ar', { cookie })))).data;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
        <NewSegment />
      </I18nextProvider>,
    );
    expect(html).toContain('<h1 id="segment-title">شريحة جديدة</h1>');
    for (const id of [
      'segment-name',
      'segment-regions',
      'segment-countries',
      'segment-projects',
      'segment-from',
      'segment-to',
      'segment-total-min',
      'segment-total-below',
    ])
      expect(html).toContain(`for="${id}"`);
    expect(html).toMatch(
      /<p role="status"[^>]*>عدد المانحين في هذه الشريحة الآن: ١<\/p>|<p role="status"[^>]*>عدد المانحين في هذه الشريحة الآن: 1<\/p>/,
    );
    expect(html).toContain('name="intent" value="count"');
    expect(html).toContain('name="intent" value="save"');
    expect(html).toContain('LYBUNT');
  });

  it('says the segment is saved after a save, and only then', async () => {
    const loaded = unwrap(await loader(args(get('/staff/appeals/segments/new?lng=ar', { cookie })))).data;
    page.data = { ...(loaded as object), saved: true };
    const render = () =>
      renderToStaticMarkup(
        <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
          <NewSegment />
        </I18nextProvider>,
      );
    expect(render()).toContain('<p role="status">تم حفظ الشريحة.</p>');
    page.data = loaded;
    expect(render()).not.toContain('تم حفظ الشريحة.');
  });
});
