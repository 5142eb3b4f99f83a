// The institutional pledge forms through their real actions (issue #12 item 4): bad input answers
// 400 with translated errors and changes nothing, a missing rate names currency and month, a good
// form records once however often it is sent, and a transfer refuses more than is open.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertFxRate } from '~/ledger/fx-rate-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as newPledgeAction, loader as newPledgeLoader } from '~/routes/staff.finance.pledges.new.tsx';
import { action as pledgeAction, loader as pledgeLoader } from '~/routes/staff.finance.pledges.$reference.tsx';
import { DONORS_LISTED } from '~/finance/pledges/pledge-pages.server.ts';
import { listInstitutionalPledges } from '~/finance/pledges/pledge-queries.server.ts';
import { args, postForm, get, thrownResponse, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

let cookie = '';
let programmeId = '';

beforeAll(async () => {
  ({ cookie } = await signedIn(['FINANCE'], 'pledges-finance@example.org'));
  const db = getPrisma();
  const title = { en: 'Programme P', fr: 'P', es: 'P', ru: 'P', zh: 'P', ar: 'P' };
  programmeId = (await db.programme.create({ data: { slug: 'prg-p', code: 'PRGP', title, mandate: title, sortOrder: 1 } })).id;
  await upsertFxRate({ currency: 'JPY', month: new Date('2025-01-01T00:00:00Z'), usdRate: '0.0065' });
});

/** A Member State's JPY pledge of ¥3,000,000 in three instalments, as the form sends it. */
function pledgeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    requestKey: randomUUID(),
    donorMode: 'new',
    donorId: '',
    donorType: 'MEMBER_STATE',
    donorName: `Nippon ${randomUUID().slice(0, 6)}`,
    donorCountry: 'jp',
    donorOrganisationId: '',
    donorEmail: '',
    currency: 'JPY',
    earmark: 'PROGRAMME',
    programmeId,
    projectId: '',
    documentDate: '2025-02-10',
    documentReference: 'NV-2025-15',
    publicName: 'named',
    method: 'BANK_TRANSFER',
    total: '3,000,000',
    dueOn1: '2025-03-01',
    amount1: '1000000',
    dueOn2: '2025-06-01',
    amount2: '1000000',
    dueOn3: '2025-09-01',
    amount3: '1000000',
    ...overrides,
  };
}

const post = (path: string, fields: Record<string, string>, origin?: string) => args(postForm(path, fields, { cookie, origin }));
const counts = async () => ({ pledges: await getPrisma().pledge.count(), payments: await getPrisma().payment.count() });

async function recordPledge(fields = pledgeForm()): Promise<string> {
  const response = await newPledgeAction(post('/staff/finance/pledges/new', fields));
  expect(response).toBeInstanceOf(Response);
  const location = (response as Response).headers.get('Location') ?? '';
  expect(location).toMatch(/^\/staff\/finance\/pledges\/CPJ-[0-9A-Z]{4}-[0-9A-Z]{4}\?recorded=1$/);
  return location.split('/').pop()!.split('?')[0]!;
}

describe('recording a pledge', () => {
  it.each([
    ['an amount with decimals JPY does not have', { amount1: '1000000.5' }, 'amount1'],
    ['a date that does not exist', { dueOn2: '2025-02-30' }, 'dueOn2'],
    ['no country for a Member State', { donorCountry: '' }, 'donorCountry'],
    ['a programme earmark without a programme', { programmeId: '' }, 'programmeId'],
    ['no instalment at all', { dueOn1: '', amount1: '', dueOn2: '', amount2: '', dueOn3: '', amount3: '' }, 'schedule'],
    ['instalments that do not add up', { total: '3,000,001' }, 'total'],
    ['due dates out of order', { dueOn1: '2025-07-01' }, 'schedule'],
  ])('refuses %s with a translated error on that field and records nothing', async (_name, overrides, fieldName) => {
    const before = await counts();
    const { data, status } = unwrap(await newPledgeAction(post('/staff/finance/pledges/new?lng=fr', pledgeForm(overrides))));
    expect(status).toBe(400);
    const errors = (data as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toContain(fieldName);
    expect(errors[fieldName]).not.toMatch(/^errors\./);
    expect(await counts()).toEqual(before);
  });

  it('a currency without a rate names it and the month, links to the rates, and records nothing', async () => {
    const before = await counts();
    const { data, status } = unwrap(
      await newPledgeAction(
        post('/staff/finance/pledges/new', pledgeForm({ currency: 'NOK', total: '30', amount1: '10', amount2: '10', amount3: '10' })),
      ),
    );
    expect(status).toBe(400);
    const result = data as { errors: Record<string, string>; missingRate: boolean };
    expect(result.missingRate).toBe(true);
    expect(result.errors.form).toContain('NOK');
    expect(result.errors.form).toContain('February 2025');
    expect(await counts()).toEqual(before);
  });

  it('refuses a cross-origin post', async () => {
    const before = await counts();
    const response = await thrownResponse(() => newPledgeAction(post('/staff/finance/pledges/new', pledgeForm(), 'https://evil.example')));
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('records the pledge once when the same form is sent twice', async () => {
    const fields = pledgeForm();
    const first = await recordPledge(fields);
    const before = await counts();
    expect(await recordPledge(fields)).toBe(first);
    expect(await counts()).toEqual(before);
    const pledge = await getPrisma().pledge.findUniqueOrThrow({ where: { reference: first }, include: { donor: true } });
    expect(pledge).toMatchObject({ currency: 'JPY', amountMinor: 3_000_000n, documentReference: 'NV-2025-15', frequency: 'INSTALMENTS' });
    expect(pledge.donor).toMatchObject({ type: 'MEMBER_STATE', countryCode: 'JP', email: null });
  });
});

describe('recording a transfer received', () => {
  const transfer = (overrides: Record<string, string> = {}) => ({
    requestKey: randomUUID(),
    amount: '1000000',
    currency: 'JPY',
    receivedOn: '2025-03-04',
    instalment: '',
    note: 'MT103 4471',
    ...overrides,
  });

  it('refuses more than is open, another currency or a bad date, changing nothing', async () => {
    const reference = await recordPledge();
    const path = `/staff/finance/pledges/${reference}`;
    for (const [overrides, fieldName] of [
      [{ amount: '3000001' }, 'amount'],
      [{ amount: '1000001', instalment: '1' }, 'amount'],
      [{ currency: 'USD', amount: '10' }, 'currency'],
      [{ receivedOn: 'yesterday' }, 'receivedOn'],
    ] as const) {
      const before = await counts();
      const { data, status } = unwrap(await pledgeAction({ ...post(path, transfer(overrides)), params: { reference } }));
      expect(status).toBe(400);
      expect(Object.keys((data as { errors: Record<string, string> }).errors)).toEqual([fieldName]);
      expect(await counts()).toEqual(before);
    }
  });

  it('records the first instalment once however often the form is sent, and the page shows it paid', async () => {
    const reference = await recordPledge();
    const path = `/staff/finance/pledges/${reference}`;
    const fields = transfer();
    const before = await counts();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await pledgeAction({ ...post(path, fields), params: { reference } });
      expect((response as Response).headers.get('Location')).toBe(`${path}?transfer=1`);
    }
    expect(await counts()).toEqual({ ...before, payments: before.payments + 1 });
    const page = unwrap(await pledgeLoader({ ...args(get(`${path}?transfer=1`, { cookie })), params: { reference } })).data as {
      instalments: { open: string; isOpen: boolean }[];
      payments: unknown[];
      notice: string;
    };
    expect(page.instalments.map((row) => row.isOpen)).toEqual([false, true, true]);
    expect(page.payments).toHaveLength(1);
    expect(page.notice).toBe('The transfer has been recorded.');
  });

  it('answers 404 for the pledge of an individual (not an institutional pledge)', async () => {
    const db = getPrisma();
    const person = await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: 'Someone', email: 'someone@example.org' } });
    const pledge = await db.pledge.create({
      data: {
        reference: 'CPJ-TEST-0001',
        donorId: person.id,
        frequency: 'ONCE',
        method: 'BANK_TRANSFER',
        currency: 'JPY',
        amountMinor: 100n,
        usdRate: '0.0065',
        earmarkType: 'GENERAL_PURPOSE',
      },
    });
    await refreshFundingSummaries({ pledgeIds: [pledge.id], donorIds: [person.id] });
    const response = await thrownResponse(() =>
      pledgeAction({
        ...post(`/staff/finance/pledges/${pledge.reference}`, transfer({ amount: '10' })),
        params: { reference: pledge.reference },
      }),
    );
    expect(response.status).toBe(404);
  });
});

describe('choosing the donor', () => {
  type Page = { donors: { id: string; label: string }[]; donorsNote: string | null };
  const form = async (query: string) =>
    unwrap(await newPledgeLoader(args(get(`/staff/finance/pledges/new${query}`, { cookie })))).data as Page;

  it("lists a search's matches, never every donor, and keeps the one chosen", async () => {
    const db = getPrisma();
    await db.donor.createMany({
      data: Array.from({ length: DONORS_LISTED + 10 }, (_, index) => ({
        type: 'FOUNDATION' as const,
        displayName: `Lighthouse Fund ${String(index).padStart(3, '0')}`,
      })),
    });
    const individual = await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: 'Lighthouse Keeper' } });
    const all = await form('');
    expect(all.donors).toHaveLength(DONORS_LISTED);
    expect(all.donorsNote).toMatch(/^Showing the first 50 of \d+ donors by name/);

    const found = await form('?donorQuery=FUND%20059');
    expect(found.donors.map((donor) => donor.label)).toEqual(['Lighthouse Fund 059 (Foundation)']);
    expect(found.donorsNote).toBeNull();

    // an individual is never offered, even by id; an institution chosen elsewhere stays listed
    expect((await form('?donorQuery=keeper')).donorsNote).toBe(
      "No recorded donor's name holds “keeper”. Check the spelling, or record a new donor below.",
    );
    expect((await form(`?donorQuery=keeper&donorId=${individual.id}`)).donors).toEqual([]);
    const chosen = found.donors[0]!.id;
    expect((await form(`?donorQuery=fund%20001&donorId=${chosen}`)).donors.map((donor) => donor.id)).toContain(chosen);
  });
});

describe('the list of pledges', () => {
  it('counts matches up to a cap and past it says "more than", still paging while pages are full', async () => {
    await recordPledge();
    await recordPledge();
    const all = await listInstitutionalPledges({ type: null, query: '', limit: 50, offset: 0 });
    expect(all.total).toBe(all.rows.length);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const capped = await listInstitutionalPledges({ type: null, query: '', limit: 1, offset: 0, countCap: 1 });
    expect(capped).toMatchObject({ total: null, rows: [all.rows[0]] });
    expect((await listInstitutionalPledges({ type: null, query: '', limit: 1, offset: 0, countCap: all.total! })).total).toBe(all.total);
  });
});
