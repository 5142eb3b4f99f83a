// /staff/finance/instalments (decision 030): finance sees overdue instalments oldest first,
// filtered by plain URL parameters, and writes one off with a reason; bad input is answered with
// a translated error and changes nothing; the donor record offers the same form to finance only.
// The fixture's instalments fell due in 2025 and early 2026, so they are overdue whenever this runs.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { action, loader } from '~/routes/staff.finance.instalments.tsx';
import { action as donorAction, loader as donorLoader } from '~/routes/staff.donors.$id.tsx';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { buildLedgerFixture } from '../ledger/ledger-fixture.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

const db = getPrisma();
let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let finance: Awaited<ReturnType<typeof signedIn>>;
let mobiliser: Awaited<ReturnType<typeof signedIn>>;

interface Page {
  caption: string;
  rows: { id: string; reference: string; sequence: string; owed: string; donor: string; requestKey: string }[];
  previous: string | null;
  next: string | null;
  notice: string | null;
}

beforeAll(async () => {
  fixture = await buildLedgerFixture(db);
  await refreshFundingSummaries();
  finance = await signedIn(['FINANCE'], 'finance-instalments@example.org');
  mobiliser = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-instalments@example.org');
});

const page = async (query = '', cookie = finance.cookie) =>
  unwrap(await loader(args(get(`/staff/finance/instalments${query}`, { cookie })))).data as Page;

const post = (fields: Record<string, string>, { cookie = finance.cookie, path = '/staff/finance/instalments' } = {}) =>
  action(args(postForm(path, fields, { cookie })));

const rowsOf = (result: Page) => result.rows.map((row) => `${row.reference}#${row.sequence}`);

describe('/staff/finance/instalments', () => {
  it('lists the overdue instalments of live promises, oldest first, with what each still owes', async () => {
    const result = await page();
    // The refunded USD pledge (400.00 owed again, 2025-02-01), KWD (partly paid, 05-01), the reinstated
    // pledge (07-01), USD #2 (08-01), JPY #2 (09-01), JPY #3 (2026-02-01).
    expect(rowsOf(result)).toEqual(['T-9#1', 'T-4#1', 'T-12#1', 'T-6#2', 'T-2#2', 'T-2#3']);
    expect(result.rows[0]).toMatchObject({ donor: 'Ruritania', owed: '$400.00' });
    expect(result.rows[1]?.owed).toContain('0.500');
    expect(result.caption).toContain('6');
  });

  it('filters by currency, donor type and days overdue, as plain URL parameters', async () => {
    expect(rowsOf(await page('?currency=JPY'))).toEqual(['T-2#2', 'T-2#3']);
    expect(rowsOf(await page('?donorType=INDIVIDUAL'))).toEqual([]);
    expect(rowsOf(await page('?donorType=MEMBER_STATE&currency=USD'))).toEqual(['T-9#1', 'T-12#1', 'T-6#2']);
    expect(rowsOf(await page('?minDays=36000'))).toEqual([]);
    // Nonsense is ignored rather than refused.
    expect(rowsOf(await page('?currency=%27%3B&minDays=-4&page=x'))).toHaveLength(6);
    const second = await page('?page=2');
    expect(second.rows).toEqual([]);
    expect(second.previous).toBe('?');
  });

  it('refuses bad input with a translated error, writing nothing', async () => {
    const target = (await page('?currency=USD')).rows.find((row) => row.reference === 'T-6')!;
    const fields = { intent: 'write-off', instalmentId: target.id, requestKey: target.requestKey };
    const noReason = unwrap(await post({ ...fields, reason: '  ' }));
    expect(noReason.status).toBe(400);
    expect(noReason.data).toMatchObject({ instalmentId: target.id, error: 'Give a reason of at least 3 characters.' });
    const french = unwrap(await post({ ...fields, reason: 'x' }, { path: '/staff/finance/instalments?lng=fr' }));
    expect(french.data).toMatchObject({ error: "Indiquez un motif d'au moins 3 caractères." });
    expect(unwrap(await post({ ...fields, instalmentId: 'not-a-uuid', reason: 'Closed' })).status).toBe(400);
    expect(unwrap(await post({ ...fields, requestKey: '', reason: 'Closed' })).status).toBe(400);
    expect(await db.instalmentWriteOff.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'instalment.write_off' } })).toBe(0);
  });

  it('writes one off with a reason: it leaves the list, and a second form for it is refused in words', async () => {
    const target = (await page('?currency=USD')).rows.find((row) => row.reference === 'T-6')!;
    const response = (await post(
      { intent: 'write-off', instalmentId: target.id, requestKey: target.requestKey, reason: 'Donor budget cut' },
      { path: '/staff/finance/instalments?currency=USD' },
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/staff/finance/instalments?currency=USD&writtenOff=1');
    const after = await page('?currency=USD&writtenOff=1');
    expect(rowsOf(after)).toEqual(['T-9#1', 'T-12#1']);
    expect(after.notice).toBe('The instalment was written off.');
    expect(await db.instalmentWriteOff.findUnique({ where: { instalmentId: target.id } })).toMatchObject({
      amountMinor: 10_000n,
      reason: 'Donor budget cut',
      createdById: finance.user.id,
    });
    // The same form again: the same write-off, no error.
    const again = (await post({
      intent: 'write-off',
      instalmentId: target.id,
      requestKey: target.requestKey,
      reason: 'Donor budget cut',
    })) as Response;
    expect(again.status).toBe(302);
    const other = unwrap(await post({ intent: 'write-off', instalmentId: target.id, requestKey: randomUUID(), reason: 'Again' }));
    expect(other.status).toBe(409);
    expect(other.data).toMatchObject({ error: 'This instalment has already been written off.' });
    expect(await db.instalmentWriteOff.count()).toBe(1);
  });

  it('refuses other roles and cross-origin posts', async () => {
    const fields = { intent: 'write-off', instalmentId: randomUUID(), requestKey: randomUUID(), reason: 'Closed' };
    expect((await thrownResponse(() => post(fields, { cookie: mobiliser.cookie }))).status).toBe(403);
    const foreign = postForm('/staff/finance/instalments', fields, { cookie: finance.cookie, origin: 'https://evil.example' });
    expect((await thrownResponse(() => action(args(foreign)))).status).toBe(403);
  });
});

describe('write-off on the donor record', () => {
  const donorArgs = (request: Request) => ({ ...args(request), params: { id: fixture.donor.id } });

  it('shows each instalment’s status and offers the form to finance only', async () => {
    const record = unwrap(await donorLoader(donorArgs(get(`/staff/donors/${fixture.donor.id}`, { cookie: finance.cookie })))).data as {
      canWriteOff: boolean;
      pledges: { reference: string; instalments: { id: string; status: string; writeOff: { requestKey: string } | null }[] }[];
    };
    expect(record.canWriteOff).toBe(true);
    const usd = record.pledges.find((pledge) => pledge.reference === 'T-6')!;
    expect(usd.instalments[1]?.status).toMatch(/^Written off \$100\.00 on .+: Donor budget cut$/);
    expect(usd.instalments[1]?.writeOff).toBeNull();
    const jpy = record.pledges.find((pledge) => pledge.reference === 'T-2')!;
    expect(jpy.instalments.map((row) => row.writeOff !== null)).toEqual([false, true, true]);
    const asMobiliser = unwrap(await donorLoader(donorArgs(get(`/staff/donors/${fixture.donor.id}`, { cookie: mobiliser.cookie })))).data;
    expect(asMobiliser).toMatchObject({ canWriteOff: false });

    const third = jpy.instalments[2]!;
    const fields = { intent: 'write-off', instalmentId: third.id, requestKey: third.writeOff!.requestKey, reason: 'Agreed' };
    const path = `/staff/donors/${fixture.donor.id}`;
    expect((await thrownResponse(() => donorAction(donorArgs(postForm(path, fields, { cookie: mobiliser.cookie }))))).status).toBe(403);
    const response = (await donorAction(donorArgs(postForm(path, fields, { cookie: finance.cookie })))) as Response;
    expect(response.headers.get('Location')).toBe(`/staff/donors/${fixture.donor.id}?writtenOff`);
    expect(await db.instalmentWriteOff.count({ where: { instalmentId: third.id } })).toBe(1);
  });

  it('refuses an instalment of another donor', async () => {
    const other = await db.donor.create({ data: { type: 'COMPANY', displayName: 'Other Ltd' } });
    const jpy = await db.pledge.findUniqueOrThrow({ where: { reference: 'T-2' }, include: { instalments: true } });
    const fields = { intent: 'write-off', instalmentId: jpy.instalments[0]!.id, requestKey: randomUUID(), reason: 'Wrong donor' };
    const request = postForm(`/staff/donors/${other.id}`, fields, { cookie: finance.cookie });
    expect((await thrownResponse(() => donorAction({ ...args(request), params: { id: other.id } }))).status).toBe(404);
  });
});
