// /staff/finance/bank: finance uploads a camt.053 and sees the counts, reviews what is open with
// suggestions, matches by hand and sets aside; a programme officer is refused; a malformed upload
// gets a translated error naming the line and changes nothing.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action, loader } from '~/routes/staff.finance.bank.tsx';
import { buildBankFixture } from '../finance/bank-fixture.ts';
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
beforeAll(async () => {
  const f = await buildBankFixture(db);
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
