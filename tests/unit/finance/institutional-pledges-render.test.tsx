// The institutional pledge pages render from their real loaders' data in Arabic: one h1,
// headings in order, every control labelled (the form is long: donor, document, earmark and a
// schedule of fixed rows). Remix's hooks are replaced by that data.
import { randomUUID } from 'node:crypto';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertFxRate } from '~/ledger/fx-rate-commands.server.ts';
import { recordInstitutionalPledge, recordPledgeTransfer } from '~/ledger/institutional-pledge-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { args, get, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  useNavigation: () => ({ state: 'idle' }),
  useRouteError: () => null,
  Form: ({ children, method, ...rest }: { children: ReactNode; method?: string }) => (
    <form method={method} {...rest}>
      {children}
    </form>
  ),
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

type Loader = (a: ReturnType<typeof args>) => Promise<unknown>;
let cookie = '';
let reference = '';
let donorId = '';

beforeAll(async () => {
  const { cookie: staffCookie, user } = await signedIn(['FINANCE'], 'render-pledges@example.org');
  cookie = staffCookie;
  await upsertFxRate({ currency: 'EUR', month: new Date('2025-01-01T00:00:00Z'), usdRate: '1.08' });
  const { pledge } = await recordInstitutionalPledge({
    donor: { create: { type: 'MEMBER_STATE', displayName: 'Render Republic', countryCode: 'DE', organisationId: null, email: null } },
    currency: 'EUR',
    earmark: { earmarkType: 'GENERAL_PURPOSE' },
    documentDate: new Date('2025-01-20T00:00:00Z'),
    documentReference: 'NV/2025/3',
    isAnonymous: false,
    method: 'BANK_TRANSFER',
    totalMinor: 200_000n,
    schedule: [
      { dueOn: new Date('2025-02-01T00:00:00Z'), amountMinor: 100_000n },
      { dueOn: new Date('2025-08-01T00:00:00Z'), amountMinor: 100_000n },
    ],
    requestKey: randomUUID(),
    staffId: user.id,
  });
  reference = pledge.reference;
  await recordPledgeTransfer({
    reference,
    currency: 'EUR',
    amountMinor: 100_000n,
    receivedAt: new Date('2025-02-03T00:00:00Z'),
    instalmentSequence: 1,
    note: '',
    requestKey: randomUUID(),
    staffId: user.id,
  });
  donorId = (await getPrisma().pledge.findUniqueOrThrow({ where: { reference } })).donorId;
});

async function render(Component: () => ReactNode, loader: Loader, path: string, params: Record<string, string> = {}) {
  const separator = path.includes('?') ? '&' : '?';
  page.data = unwrap(await loader({ ...args(get(`${path}${separator}lng=ar`, { cookie })), params })).data;
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance('ar', getLocaleResources('ar'))}>
      <Component />
    </I18nextProvider>,
  );
}

function expectAccessible(html: string) {
  const levels = [...html.matchAll(/<h([1-6])[^>]*>/g)].map((match) => Number(match[1]));
  expect(levels.filter((level) => level === 1)).toHaveLength(1);
  for (let index = 1; index < levels.length; index++) expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
  const labelled = new Set([...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((match) => match[1]));
  const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));
  for (const match of html.matchAll(/<(input|select|textarea)([^>]*)>/g)) {
    const [, tag, attributes] = match;
    if (/type="(hidden|submit)"/.test(attributes!)) continue;
    const id = /\bid="([^"]+)"/.exec(attributes!)?.[1];
    const named = /aria-label(ledby)?="/.test(attributes!);
    const before = html.slice(0, match.index);
    const insideLabel = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    expect(named || insideLabel || (id !== undefined && labelled.has(id)), `${tag}${attributes} has no label`).toBe(true);
    // A description a control points at must exist.
    const describedBy = /aria-describedby="([^"]+)"/.exec(attributes!)?.[1];
    if (describedBy) expect(ids.has(describedBy), `${tag}${attributes} describedby a missing element`).toBe(true);
  }
}

describe('institutional pledge pages render in Arabic', () => {
  it('the list', async () => {
    const route = await import('~/routes/staff.finance.pledges._index.tsx');
    const html = await render(route.default, route.loader as Loader, '/staff/finance/pledges?type=MEMBER_STATE');
    expect(html).toContain('<h1 id="pledges-title">تعهدات المؤسسات</h1>');
    expect(html).toContain(reference);
    expect(html).toContain('Render Republic');
    expectAccessible(html);
  });

  it('the recording form', async () => {
    const route = await import('~/routes/staff.finance.pledges.new.tsx');
    const html = await render(route.default, route.loader as Loader, '/staff/finance/pledges/new');
    expect(html).toContain('تسجيل تعهد مؤسسة');
    expect(html).toContain('name="amount8"');
    expectAccessible(html);
  });

  it('one pledge with its schedule, payment and transfer form', async () => {
    const route = await import('~/routes/staff.finance.pledges.$reference.tsx');
    const html = await render(route.default, route.loader as Loader, `/staff/finance/pledges/${reference}`, { reference });
    expect(html).toContain('NV/2025/3');
    expect(html).toContain('تسجيل تحويل مستلم');
    expectAccessible(html);
  });

  it('the donor record links a finance officer to the donor’s institutional pledges', async () => {
    const route = await import('~/routes/staff.donors.$id.tsx');
    const html = await render(route.default, route.loader as Loader, `/staff/donors/${donorId}`, { id: donorId });
    expect(html).toContain('href="/staff/finance/pledges?q=Render+Republic"');
    expectAccessible(html);
  });
});
