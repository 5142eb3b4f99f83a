// Suggested amounts (issue #16 item 2; decision 057): the staff form's schema, the command that
// replaces a currency's list with an audit entry, the staff page's loader and action, and what
// /give shows for a programme or a project of it — the reader's language, else English, else no
// text; currencies without a list keep the form's own amounts.
import { beforeAll, describe, expect, it } from 'vitest';
import { getGiftSuggestions } from '~/giving/suggested-amount-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { saveSuggestedAmounts } from '~/programmes/suggested-amount-commands.server.ts';
import { suggestedAmountsSchema } from '~/programmes/suggested-amount-schema.ts';
import { buildGivePage } from '~/routes/give._index/give-page.server.ts';
import { action as amountsAction, loader as amountsLoader } from '~/routes/staff.programmes.$slug_.amounts.tsx';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { args, cookieFrom, get, postForm, unwrap } from '../staff/helpers.ts';

const db = getPrisma();
const NOW = new Date('2031-03-10T12:00:00Z'); // a fixed day: nothing here depends on today's date
let actorId = '';
let programmeId = '';
let otherProgrammeId = '';
let officer = '';

const issuesOf = (input: unknown) => {
  const result = suggestedAmountsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`);
};

beforeAll(async () => {
  const user = await db.staffUser.create({ data: { email: 'amounts-officer@example.org', name: 'Officer', roles: ['PROGRAMME_OFFICER'] } });
  actorId = user.id;
  const { secret } = await createSession({ staffUserId: user.id });
  officer = cookieFrom(await serializeSessionCookie(get('/'), secret));
  const programme = await db.programme.create({
    data: { slug: 'maritime-crime', code: 'GMCP', title: { en: 'Maritime crime', fr: 'Criminalité maritime' }, mandate: { en: '…' } },
  });
  programmeId = programme.id;
  otherProgrammeId = (
    await db.programme.create({ data: { slug: 'cybercrime', code: 'GPCC', title: { en: 'Cybercrime' }, mandate: { en: '…' } } })
  ).id;
  await db.project.create({
    data: {
      code: 'GMCX01',
      programmeId,
      title: { en: 'Coast guard training' },
      description: { en: '…' },
      regionCode: '011',
      sectorCode: '15210',
      status: 'IMPLEMENTATION',
      startDate: new Date('2030-01-01T00:00:00Z'),
      endDate: new Date('2032-12-31T00:00:00Z'),
    },
  });
});

describe('the staff form’s schema', () => {
  it('turns typed amounts into minor units of the currency, keeps the written languages and the preselected row', () => {
    const usd = suggestedAmountsSchema.parse({
      currency: 'USD',
      rows: [{ amount: '25' }, { amount: '1,000.50', text: { en: 'A week of training', ar: 'أسبوع تدريب', fr: '' } }, undefined],
      preselected: '1',
    });
    expect(usd).toEqual({
      currency: 'USD',
      amounts: [
        { amountMinor: 2_500n, text: {}, isPreselected: false },
        { amountMinor: 100_050n, text: { en: 'A week of training', ar: 'أسبوع تدريب' }, isPreselected: true },
      ],
    });
    expect(suggestedAmountsSchema.parse({ currency: 'JPY', rows: [{ amount: '5000' }] }).amounts[0]).toMatchObject({
      amountMinor: 5_000n,
      isPreselected: true, // none chosen: the first
    });
    expect(suggestedAmountsSchema.parse({ currency: 'KWD', rows: [{ amount: '15.25' }] }).amounts[0]?.amountMinor).toBe(15_250n);
  });

  it('refuses duplicates, amounts outside the limits, decimals the currency lacks, texts without an amount, long texts', () => {
    expect(issuesOf({ currency: 'USD', rows: [{ amount: '50' }, { amount: '50.00' }] })).toEqual([
      'rows.1.amount:errors.suggestedAmountDuplicate',
    ]);
    expect(issuesOf({ currency: 'USD', rows: [{ amount: '0' }, { amount: '-5' }, { amount: 'ten' }, { amount: '0.50' }] })).toEqual([
      'rows.0.amount:errors.suggestedAmountPositive',
      'rows.1.amount:errors.suggestedAmountInvalid',
      'rows.2.amount:errors.suggestedAmountInvalid',
      'rows.3.amount:errors.suggestedAmountRange',
    ]);
    expect(issuesOf({ currency: 'USD', rows: [{ amount: '20000000' }] })).toEqual(['rows.0.amount:errors.suggestedAmountRange']);
    expect(issuesOf({ currency: 'JPY', rows: [{ amount: '500.5' }] })).toEqual(['rows.0.amount:errors.suggestedAmountDecimals']);
    expect(issuesOf({ currency: 'KWD', rows: [{ amount: '15.255' }] })).toEqual(['rows.0.amount:errors.suggestedAmountLastDigit']);
    expect(issuesOf({ currency: 'USD', rows: [{ text: { en: 'Orphan text' } }] })).toEqual(['rows.0.amount:errors.suggestedAmountMissing']);
    expect(issuesOf({ currency: 'USD', rows: [{ amount: '5', text: { zh: '长'.repeat(141) } }] })).toEqual([
      'rows.0.text.zh:errors.tooLong',
    ]);
    expect(issuesOf({ currency: 'USD', rows: [{ amount: '5' }, undefined], preselected: '1' })).toEqual([
      'preselected:errors.suggestedPreselected',
    ]);
    expect(issuesOf({ currency: 'XAU', rows: [] })).toEqual(['currency:errors.currency']);
    expect(issuesOf({ currency: 'USD', rows: Array.from({ length: 7 }, (_, i) => ({ amount: String(i + 1) })) })).toContain(
      'rows:errors.suggestedAmountsTooMany',
    );
  });
});

describe('saving and reading', () => {
  it('replaces one currency’s list with an audit entry holding before and after; other currencies stay', async () => {
    const input = (rows: { amount: string; text?: Record<string, string> }[], preselected: string) =>
      suggestedAmountsSchema.parse({ currency: 'USD', rows, preselected });
    await saveSuggestedAmounts({
      actorId,
      programmeId,
      input: suggestedAmountsSchema.parse({ currency: 'EUR', rows: [{ amount: '40', text: { en: 'Euro text' } }] }),
    });
    await saveSuggestedAmounts({ actorId, programmeId, input: input([{ amount: '30' }, { amount: '60' }], '0') });
    await saveSuggestedAmounts({
      actorId,
      programmeId,
      input: input(
        [
          { amount: '25', text: { en: 'Fuel for one patrol', fr: 'Le carburant d’une patrouille' } },
          { amount: '75', text: { ru: 'Только по-русски' } },
          { amount: '150' },
        ],
        '1',
      ),
    });
    const rows = await db.suggestedAmount.findMany({ where: { programmeId }, orderBy: [{ currency: 'asc' }, { position: 'asc' }] });
    expect(rows.map((row) => `${row.currency} ${row.position} ${row.amountMinor} ${row.isPreselected}`)).toEqual([
      'EUR 0 4000 true',
      'USD 0 2500 false',
      'USD 1 7500 true',
      'USD 2 15000 false',
    ]);
    const audits = await db.auditLog.findMany({
      where: { action: 'programme.suggested-amounts.update', entityId: programmeId },
      orderBy: { at: 'asc' },
    });
    expect(audits).toHaveLength(3);
    expect(audits[2]).toMatchObject({ actorId, actorKind: 'staff', entityType: 'Programme' });
    expect(audits[2]?.before).toMatchObject({ currency: 'USD', amounts: [{ amountMinor: '3000' }, { amountMinor: '6000' }] });
    expect(audits[2]?.after).toMatchObject({
      currency: 'USD',
      amounts: [{ amountMinor: '2500', text: { en: 'Fuel for one patrol' } }, {}, {}],
    });
  });

  it('gives /give the reader’s language, else English, else no text, for the programme and for its projects', async () => {
    const french = (await getGiftSuggestions({ kind: 'programme', key: 'maritime-crime', locale: 'fr' })).get('USD');
    expect(french?.map((row) => [row.amountMinor, row.text, row.isPreselected])).toEqual([
      [2_500n, 'Le carburant d’une patrouille', false],
      [7_500n, '', true],
      [15_000n, '', false],
    ]);
    const viaProject = await getGiftSuggestions({ kind: 'project', key: 'GMCX01', locale: 'zh' });
    expect(viaProject.get('USD')?.map((row) => row.text)).toEqual(['Fuel for one patrol', '', '']);
    expect(viaProject.get('EUR')?.map((row) => row.text)).toEqual(['Euro text']);
    expect((await getGiftSuggestions({ kind: 'project', key: 'GMCX01', locale: 'ru' })).get('USD')?.[1]?.text).toBe('Только по-русски');
    expect((await getGiftSuggestions({ kind: 'programme', key: 'cybercrime', locale: 'en' })).size).toBe(0);
    expect((await getGiftSuggestions({ kind: 'project', key: 'NOSUCH', locale: 'en' })).size).toBe(0);
  });

  it('/give for a project: the programme’s amounts with their texts, its preselected amount; defaults elsewhere', async () => {
    const page = await buildGivePage(new Request('http://localhost/give?project=GMCX01'), 'en', NOW);
    expect(page.defaultValue.amount).toBe('75.00');
    const usd = page.currencies.find((option) => option.code === 'USD');
    expect(usd?.quick).toEqual([
      { value: '25.00', label: '$25.00', text: 'Fuel for one patrol' },
      { value: '75.00', label: '$75.00' },
      { value: '150.00', label: '$150.00' },
    ]);
    // A currency without a list: the form's own amounts, no texts.
    expect(page.currencies.find((option) => option.code === 'GBP')?.quick.every((option) => option.text === undefined)).toBe(true);
    // No programme chosen: the usual $50 and the usual amounts.
    const general = await buildGivePage(new Request('http://localhost/give'), 'en', NOW);
    expect(general.defaultValue.amount).toBe('50.00');
    expect(general.currencies.find((option) => option.code === 'USD')?.quick.map((option) => option.value)).toEqual([
      '25.00',
      '50.00',
      '100.00',
      '250.00',
    ]);
    // A programme without a list keeps the usual $50.
    expect((await buildGivePage(new Request('http://localhost/give?programme=cybercrime'), 'en', NOW)).defaultValue.amount).toBe('50.00');
  });
});

describe('the staff page', () => {
  it('shows the stored list padded to six rows, saves a valid one (PRG) and answers a bad one with field errors, writing nothing', async () => {
    const page = unwrap(
      await amountsLoader({
        ...args(get('/staff/programmes/maritime-crime/amounts?currency=USD', { cookie: officer })),
        params: { slug: 'maritime-crime' },
      }),
    ).data as { defaultValue: { rows: { amount: string }[]; preselected?: string } };
    expect(page.defaultValue.rows.map((row) => row.amount)).toEqual(['25.00', '75.00', '150.00', '', '', '']);
    expect(page.defaultValue.preselected).toBe('1');

    const post = (fields: Record<string, string>) =>
      amountsAction({
        ...args(postForm('/staff/programmes/cybercrime/amounts', { intent: 'save-amounts', ...fields }, { cookie: officer })),
        params: { slug: 'cybercrime' },
      });
    const bad = unwrap(await post({ currency: 'USD', 'rows[0].amount': '10', 'rows[1].amount': '10.00', 'rows[2].text.en': 'No amount' }));
    expect(bad.status).toBe(400);
    expect((bad.data as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
      'rows[1].amount': ['errors.suggestedAmountDuplicate'],
      'rows[2].amount': ['errors.suggestedAmountMissing'],
    });
    expect(await db.suggestedAmount.count({ where: { programmeId: otherProgrammeId } })).toBe(0);

    const saved = await post({
      currency: 'CHF',
      'rows[0].amount': '20',
      'rows[0].text.en': 'A training manual',
      'rows[0].text.ar': 'دليل تدريب',
      'rows[1].amount': '',
      'rows[2].amount': '90',
      preselected: '2',
    });
    expect((saved as Response).headers.get('Location')).toBe('/staff/programmes/cybercrime/amounts?currency=CHF&saved=1');
    const rows = await db.suggestedAmount.findMany({ where: { programmeId: otherProgrammeId }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.currency, row.amountMinor, row.isPreselected, row.text])).toEqual([
      ['CHF', 2_000n, false, { en: 'A training manual', ar: 'دليل تدريب' }],
      ['CHF', 9_000n, true, {}],
    ]);
  });
});
