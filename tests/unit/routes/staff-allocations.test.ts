// /staff/finance/allocations: finance allocates pool money through the form (decision 025), a
// bad or too large amount gets a clear error and changes nothing, programme officers only look,
// other roles are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { action, loader } from '~/routes/staff.finance.allocations.tsx';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { buildLedgerFixture } from '../ledger/ledger-fixture.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

const db = getPrisma();
let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;

interface Page {
  canAllocate: boolean;
  pools: { choice: string; label: string; balance: string }[];
  projects: { id: string; gap: string; programmePool: string }[];
  decisions: { amount: string; parts: { donor: string; part: string }[] }[];
}

let finance: Awaited<ReturnType<typeof signedIn>>;
let officer: Awaited<ReturnType<typeof signedIn>>;
let mobiliser: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  fixture = await buildLedgerFixture(db);
  await refreshFundingSummaries();
  finance = await signedIn(['FINANCE'], 'finance@example.org');
  officer = await signedIn(['PROGRAMME_OFFICER'], 'officer@example.org');
  mobiliser = await signedIn(['RESOURCE_MOBILIZATION'], 'rm@example.org');
});

const post = (fields: Record<string, string>, cookie = finance.cookie) =>
  action(args(postForm('/staff/finance/allocations', fields, { cookie })));

describe('/staff/finance/allocations', () => {
  it('shows the pools and each project’s gap beside its programme’s pools, in the reader’s language', async () => {
    const page = unwrap(await loader(args(get('/staff/finance/allocations?year=2025&lng=fr', { cookie: finance.cookie })))).data as Page;
    expect(page.canAllocate).toBe(true);
    expect(page.pools).toContainEqual(expect.objectContaining({ choice: 'GENERAL_PURPOSE', label: 'Réserve à des fins générales' }));
    expect(page.pools.find((pool) => pool.choice === 'GENERAL_PURPOSE')?.balance).toMatch(/1\s000,00\s\$US/);
    expect(page.projects.map((project) => project.id)).toContain(fixture.a1.id);
  });

  it('finance allocates through the form: the decision, its donor parts and the audit entry are recorded', async () => {
    const response = (await post({
      pool: 'GENERAL_PURPOSE',
      projectId: fixture.a1.id,
      year: '2025',
      amount: '250.00',
      note: 'gap',
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toMatch(/^\/staff\/finance\/allocations\?year=2025&allocated=[0-9a-f-]{36}$/);
    const page = unwrap(await loader(args(get('/staff/finance/allocations?year=2025', { cookie: finance.cookie })))).data as Page;
    expect(page.decisions[0]).toMatchObject({ amount: '$250.00', parts: [{ donor: 'Ruritania', part: '$250.00' }] });
    expect(await db.auditLog.count({ where: { action: 'allocation.pool_allocate', actorId: finance.user.id } })).toBe(1);
  });

  it('a bad amount, or more than the pool holds, answers 400 with the reason and records nothing', async () => {
    const before = await db.poolAllocation.count();
    const bad = unwrap(await post({ pool: 'GENERAL_PURPOSE', projectId: fixture.a1.id, year: '2025', amount: '-5' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.data)).toContain('form.errors.amountInvalid');
    const tooMuch = unwrap(await post({ pool: 'GENERAL_PURPOSE', projectId: fixture.a1.id, year: '2025', amount: '100,000' }));
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.data).toMatchObject({ available: '$750.00' });
    expect(JSON.stringify(tooMuch.data)).toContain('form.errors.exceedsPool');
    const outside = unwrap(await post({ pool: `PROGRAMME:${fixture.progB.id}`, projectId: fixture.a1.id, year: '2025', amount: '1' }));
    expect(JSON.stringify(outside.data)).toContain('form.errors.projectOutsideProgramme');
    expect(await db.poolAllocation.count()).toBe(before);
  });

  it('a programme officer sees the page but cannot allocate; other roles are refused', async () => {
    const page = unwrap(await loader(args(get('/staff/finance/allocations', { cookie: officer.cookie })))).data as Page;
    expect(page.canAllocate).toBe(false);
    const refused = await thrownResponse(() =>
      post({ pool: 'GENERAL_PURPOSE', projectId: fixture.a1.id, year: '2025', amount: '1' }, officer.cookie),
    );
    expect(refused.status).toBe(403);
    const mobiliserRefused = await thrownResponse(() => loader(args(get('/staff/finance/allocations', { cookie: mobiliser.cookie }))));
    expect(mobiliserRefused.status).toBe(403);
  });

  it('refuses a cross-origin POST', async () => {
    const response = await thrownResponse(() =>
      action(
        args(
          postForm(
            '/staff/finance/allocations',
            { pool: 'GENERAL_PURPOSE', projectId: fixture.a1.id, year: '2025', amount: '1' },
            { cookie: finance.cookie, origin: 'https://evil.example' },
          ),
        ),
      ),
    );
    expect(response.status).toBe(403);
  });
});
