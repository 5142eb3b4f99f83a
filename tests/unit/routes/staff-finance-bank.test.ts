// /staff/finance/bank: finance uploads a camt.053 and sees the counts, reviews what is open with
// suggestions, matches by hand and sets aside; a programme officer is refused; a malformed upload
// gets a translated error naming the line and changes nothing.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action, loader } from '~/routes/staff.finance.bank.tsx';
import { buildCamt053 } from '../../fixtures/bank/camt-builder.ts';
import { BANK_IBAN, buildBankFixture } from '../finance/bank-fixture.ts';
import { ORIGIN, args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';

const db = getPrisma();
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bank/${name}`, import.meta.url), 'utf8');

function upload(cookie: string, name: string, content: string) {
  const body = new FormData();
  body.set('intent', 'import');
  body.set('account', '');
  body.set('file', new File([content], name, { type: 'application/xml' }));
  return new Request(`${ORIGIN}/staff/finance/bank`, { method: 'POST', headers: { Origin: ORIGIN, Cookie: cookie }, body });
}

type Page = Awaited<ReturnType<typeof loader>>['data'];
const page = async (cookie: string, query = '') => unwrap(await loader(args(get(`/staff/finance/bank${query}`, { cookie })))).data as Page;

let finance: { cookie: string };
let f: Awaited<ReturnType<typeof buildBankFixture>>;
beforeAll(async () => {
  f = await buildBankFixture(db);
  await f.pledge({ reference: 'CPJ-AAAA-BBBB', donor: 'Ada Lovelace', instalments: [90_000n] });
  await f.pledge({ reference: 'CPJ-FOND-0001', donor: 'Fondation Exemple', instalments: [20_000n] });
  await refreshFundingSummaries();
  finance = await signedIn(['FINANCE'], 'fin@example.org');
});

describe('/staff/finance/bank', () => {
  it('refuses a programme officer', async () => {
    const officer = await signedIn(['PROGRAMME_OFFICER'], 'po@example.org');
    expect((await thrownResponse(() => loader(args(get('/staff/finance/bank', { cookie: officer.cookie }))))).status).toBe(403);
  });

  it('upload → counts; the unmatched credit is listed with a suggestion; a match by hand records the payment', async () => {
    const response = (await action(args(upload(finance.cookie, 'march.xml', fixture('camt053-v02.xml'))))) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get('Location') ?? '';
    expect(location).toBe('/staff/finance/bank?entries=3&new=3&matched=1&unmatched=2');
    const shown = await page(finance.cookie, `${location.slice(location.indexOf('?'))}&lng=fr`);
    expect(shown.result).toBe('Importé : 3 crédits dans le fichier, 3 nouveaux, 1 rapprochés automatiquement, 2 laissés à examiner.');
    const fondation = shown.entries.find((entry) => entry.debtor === 'Fondation Exemple');
    expect(fondation?.suggestions[0]?.value).toBe('CPJ-FOND-0001/1');

    const matched = await action(
      args(
        postForm(
          '/staff/finance/bank',
          { intent: 'match', entryId: fondation!.id, instalment1: 'CPJ-FOND-0001/1', amount1: '200.00' },
          { cookie: finance.cookie },
        ),
      ),
    );
    expect((matched as Response).headers.get('Location')).toBe('/staff/finance/bank?done=matched');
    expect(await db.payment.count({ where: { provider: 'BANK', pledge: { reference: 'CPJ-FOND-0001' } } })).toBe(1);
  });

  it('sets the other credit aside, and refuses a bad match with a message', async () => {
    const [entry] = (await page(finance.cookie)).entries;
    const refused = unwrap(
      await action(
        args(
          postForm(
            '/staff/finance/bank',
            { intent: 'match', entryId: entry!.id, instalment1: 'CPJ-NONE-0000/1', amount1: '1' },
            { cookie: finance.cookie },
          ),
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ error: expect.stringContaining('CPJ-NONE-0000/1') });
    await action(
      args(
        postForm('/staff/finance/bank', { intent: 'not-contribution', entryId: entry!.id, reason: 'Interest' }, { cookie: finance.cookie }),
      ),
    );
    expect((await page(finance.cookie)).entries).toHaveLength(0);
  });

  it('undoes a wrong match: the payment is reversed as a correction, the amount is open again, once only', async () => {
    const [latest] = (await page(finance.cookie)).recentMatches;
    expect(latest).toMatchObject({ instalment: 'CPJ-FOND-0001/1', amount: '$200.00', how: 'matched by hand', isUndone: false });
    const undo = () =>
      action(
        args(
          postForm(
            '/staff/finance/bank',
            { intent: 'undo-match', matchId: latest!.id, reason: 'Wrong foundation' },
            { cookie: finance.cookie },
          ),
        ),
      );
    expect(((await undo()) as Response).headers.get('Location')).toBe('/staff/finance/bank?done=undone');

    const payment = await db.payment.findFirstOrThrow({ where: { pledge: { reference: 'CPJ-FOND-0001' } } });
    expect(
      await db.reversal.findMany({ where: { paymentId: payment.id }, select: { kind: true, amountMinor: true, usdMinor: true } }),
    ).toEqual([{ kind: 'CORRECTION', amountMinor: 20_000n, usdMinor: payment.usdMinor }]);
    const shown = await page(finance.cookie);
    expect(shown.entries.find((entry) => entry.debtor === 'Fondation Exemple')).toMatchObject({ open: '$200.00' });
    expect(shown.recentMatches[0]).toMatchObject({ id: latest!.id, isUndone: true });
    expect(await db.auditLog.count({ where: { action: 'bank.match.undone' } })).toBe(1);

    // a second undo changes nothing
    const again = unwrap(await undo());
    expect(again).toMatchObject({ status: 400, data: { error: 'This match was already undone.' } });
    expect(await db.reversal.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it('an overpayment: the excess is recorded as returned to the sender, with date and bank reference, audited', async () => {
    await f.pledge({ reference: 'CPJ-OVER-0001', donor: 'Grace Hopper', instalments: [10_000n] });
    await refreshFundingSummaries();
    const file = buildCamt053({
      version: '08',
      statementId: 'OVER-1',
      iban: BANK_IBAN,
      credits: [{ amount: '130.00', currency: 'USD', bookingDate: '2026-06-10', bankRef: 'OVER-1', remittance: 'CPJ-OVER-0001' }],
    });
    await action(args(upload(finance.cookie, 'over.xml', file)));
    const excess = (await page(finance.cookie)).entries.find((entry) => entry.open === '$30.00');
    expect(excess).toMatchObject({ debtor: expect.any(String), open: '$30.00', isPartlyMatched: true });
    const post = (fields: Record<string, string>) =>
      action(args(postForm('/staff/finance/bank', { intent: 'returned', entryId: excess!.id, ...fields }, { cookie: finance.cookie })));

    const refused = unwrap(await post({ returnedOn: '2026-13-01', bankReference: 'RET-77' }));
    expect(refused.status).toBe(400);
    expect(await db.bankMatch.count({ where: { kind: 'RETURNED' } })).toBe(0);

    const done = (await post({ returnedOn: '2026-06-12', bankReference: 'RET-77' })) as Response;
    expect(done.headers.get('Location')).toBe('/staff/finance/bank?done=returned');
    expect(await db.bankMatch.findMany({ where: { kind: 'RETURNED' }, select: { amountMinor: true, reason: true } })).toEqual([
      { amountMinor: 3_000n, reason: 'returned 2026-06-12, bank reference RET-77' },
    ]);
    expect((await page(finance.cookie, '?done=returned')).done).toBe('What was open on the credit is recorded as returned to the sender.');
    expect((await page(finance.cookie)).entries.map((entry) => entry.id)).not.toContain(excess!.id);
    expect(await db.auditLog.count({ where: { action: 'bank.entry.returned', entityId: excess!.id } })).toBe(1);
    // nothing is left to return a second time
    expect(unwrap(await post({ returnedOn: '2026-06-12', bankReference: 'RET-77' })).status).toBe(400);
  });

  it('a malformed upload: translated error naming the line, nothing imported', async () => {
    const before = await db.bankStatement.count();
    const response = unwrap(await action(args(upload(finance.cookie, 'bad.xml', fixture('malformed-decimals.xml')))));
    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      error: 'Nothing was imported. The file has a fault: line 12: <Amt>: "900.001": USD has 2 decimal places',
    });
    expect(await db.bankStatement.count()).toBe(before);
  });
});
