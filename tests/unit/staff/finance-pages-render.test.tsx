// The finance and donor pages render from their real loaders' data, in Arabic: one h1, headings
// in order, and every form control with a label. Remix's hooks are replaced by that data.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { args, get, unwrap } from './helpers.ts';
import { signedIn } from './signed-in.ts';

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
const routes: [string, string, () => Promise<{ default: () => ReactNode; loader: Loader }>][] = [
  ['failed Stripe events', '/staff/finance/stripe-events', () => import('~/routes/staff.finance.stripe-events._index.tsx')],
  [
    'finance exports',
    '/staff/finance/exports?kind=payments&format=xls&from=2026-01-01&to=2025-01-01&invalid=1',
    () => import('~/routes/staff.finance.exports.tsx'),
  ],
  ['operational rates', '/staff/finance/fx-rates', () => import('~/routes/staff.finance.fx-rates.tsx')],
  ['donor search', '/staff/donors?q=Render', () => import('~/routes/staff.donors._index.tsx')],
  ['bank statements', '/staff/finance/bank', () => import('~/routes/staff.finance.bank.tsx')],
  ['pool allocation', '/staff/finance/allocations', () => import('~/routes/staff.finance.allocations.tsx')],
  ['overdue instalments', '/staff/finance/instalments', () => import('~/routes/staff.finance.instalments.tsx')],
];

let cookie = '';
let donorId = '';
beforeAll(async () => {
  ({ cookie } = await signedIn(['ADMIN'], 'render-finance@example.org'));
  donorId = (await getPrisma().donor.create({ data: { type: 'COMPANY', displayName: 'Render Trading Ltd', email: 'render@example.org' } }))
    .id;
  // An overdue instalment, so the instalments page and the donor record show their write-off forms.
  const pledge = await getPrisma().pledge.create({
    data: {
      reference: 'RENDER-1',
      donorId,
      frequency: 'INSTALMENTS',
      method: 'BANK_TRANSFER',
      currency: 'EUR',
      amountMinor: 50_000n,
      usdRate: '1.08',
      earmarkType: 'GENERAL_PURPOSE',
      instalments: {
        create: [
          { sequence: 1, dueOn: new Date('2025-01-15T00:00:00Z'), amountMinor: 25_000n },
          { sequence: 2, dueOn: new Date('2025-07-15T00:00:00Z'), amountMinor: 25_000n },
        ],
      },
    },
  });
  await refreshFundingSummaries({ pledgeIds: [pledge.id], donorIds: [donorId] });
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
  for (const match of html.matchAll(/<(input|select|textarea)([^>]*)>/g)) {
    const [, tag, attributes] = match;
    if (/type="(hidden|submit)"/.test(attributes!)) continue;
    const id = /\bid="([^"]+)"/.exec(attributes!)?.[1];
    const named = /aria-label(ledby)?="/.test(attributes!);
    const before = html.slice(0, match.index);
    const insideLabel = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    expect(named || insideLabel || (id !== undefined && labelled.has(id)), `${tag}${attributes} has no label`).toBe(true);
  }
}

describe('finance and donor pages render in Arabic', () => {
  for (const [name, path, load] of routes) {
    it(name, async () => {
      const route = await load();
      const html = await render(route.default, route.loader, path);
      expectAccessible(html);
    });
  }

  it('a donor’s record', async () => {
    const route = await import('~/routes/staff.donors.$id.tsx');
    const html = await render(route.default, route.loader as Loader, `/staff/donors/${donorId}`, { id: donorId });
    expect(html).toContain('Render Trading Ltd');
    // Each open instalment offers its write-off form, in Arabic.
    expect(html.match(/<summary>شطب…<\/summary>/g)).toHaveLength(2);
    expectAccessible(html);
  });

  it('overdue instalments list the pledge with a labelled write-off form in Arabic', async () => {
    const route = await import('~/routes/staff.finance.instalments.tsx');
    const html = await render(route.default, route.loader as Loader, '/staff/finance/instalments?currency=EUR');
    expect(html).toContain('<h1 id="instalments-title">الأقساط المتأخرة</h1>');
    expect(html).toContain('RENDER-1');
    expect(html).toContain('<label for="write-off-reason-');
    expect(html).toContain('السبب (مطلوب)');
    expectAccessible(html);
  });
});
