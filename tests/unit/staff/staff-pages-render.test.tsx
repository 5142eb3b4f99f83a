// The staff pages render from their loaders' data, in Arabic too: headings in order, counts as
// text, labelled form controls. Remix's hooks are replaced by the data the real loaders return.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, unwrap } from './helpers.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  useRouteError: () => null,
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) => (
    <form method={method} {...rest}>
      {children}
    </form>
  ),
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

const { default: StaffHome, loader: homeLoader } = await import('~/routes/staff._index.tsx');
const { default: StaffUsers, loader: usersLoader } = await import('~/routes/staff.users.tsx');
const { default: StaffAudit, loader: auditLoader } = await import('~/routes/staff.audit.tsx');

let cookie = '';
beforeAll(async () => {
  const admin = await createStaff({ email: 'admin@example.org', name: 'Amina', roles: ['ADMIN'] });
  const { secret } = await createSession({ staffUserId: admin.id });
  cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
});

async function render(Component: () => ReactNode, loader: (a: ReturnType<typeof args>) => Promise<unknown>, path: string) {
  page.data = unwrap(await loader(args(get(path, { cookie })))).data;
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
      <Component />
    </I18nextProvider>,
  );
}

const headings = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>/g)].map((match) => Number(match[1]));

describe('staff pages render', () => {
  it('home: cards under an h2, each with an h3 and its count in words', async () => {
    const html = await render(StaffHome, homeLoader, '/staff?lng=ar');
    expect(html).toContain('ما ينتظرك');
    expect(html).toContain('حسابات الموظفين النشطة: 1');
    const levels = headings(html);
    expect(levels[0]).toBe(1);
    for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
  });

  it('users: every control has a label, the invitation form included', async () => {
    const html = await render(StaffUsers, usersLoader, '/staff/users?lng=ar');
    expect(html).toContain('دعوة موظف');
    for (const id of ['invite-name', 'invite-email', 'invite-locale']) expect(html).toContain(`for="${id}"`);
    expect(html).not.toContain('تعطيل حساب Amina'); // no disabling oneself
  });

  it('audit: filters labelled, entries with changes in words, the CSV link kept the filters', async () => {
    const html = await render(StaffAudit, auditLoader, '/staff/audit?lng=ar&actorKind=anonymous');
    for (const id of ['audit-actor', 'audit-actorKind', 'audit-from', 'audit-to']) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('/staff/audit.csv?actorKind=anonymous');
    const bad = await render(StaffAudit, auditLoader, '/staff/audit?lng=ar&from=x');
    expect(bad).toContain('role="alert"');
    expect(bad).toContain('«من (تاريخ)» غير صالح.');
  });
});
