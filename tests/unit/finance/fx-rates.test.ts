// Issue #12 item 7: UN operational rates — a CSV import (either direction of the rate), in one
// transaction, audited, correcting a month without touching gifts already received; a bad line
// refuses the whole file naming the line; the months that had gifts without their own rate are
// listed for finance; the same import from `npm run fx:import`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFxRateFile } from '~/finance/fx-rates/fx-rate-csv.ts';
import { listMissingRates } from '~/finance/fx-rates/fx-rate-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { action, loader } from '~/routes/staff.finance.fx-rates.tsx';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';

const db = () => getPrisma();
let finance: { id: string; cookie: string };
const dir = mkdtempSync(path.join(tmpdir(), 'fx-import-'));

beforeAll(async () => {
  const user = await createStaff({ email: 'fx-finance@example.org', name: 'Fx Finance', roles: ['FINANCE'] });
  const { secret } = await createSession({ staffUserId: user.id });
  finance = { id: user.id, cookie: cookieFrom(await serializeSessionCookie(get('/'), secret)) };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rate = (currency: string, month: string) =>
  db()
    .fxRate.findUnique({ where: { currency_month: { currency, month: new Date(`${month}-01T00:00:00Z`) } } })
    .then((row) => row?.usdRate.toFixed() ?? null);
const post = (rates: string, lng = 'en') =>
  action(args(postForm(`/staff/finance/fx-rates?lng=${lng}`, { rates }, { cookie: finance.cookie })));

describe('reading a rates file', () => {
  it('takes USD per unit or units per USD (inverted to 12 decimals), months as YYYY-MM or YYYY-MM-01', () => {
    const parsed = parseFxRateFile('\uFEFFcurrency,month,units_per_usd\r\neur,2031-03,0.8\r\nJPY,2031-03-01,150\r\nKWD,2031-03,0.3075\r\n');
    expect(parsed).toEqual({
      ok: true,
      rates: [
        { line: 2, currency: 'EUR', month: new Date('2031-03-01T00:00:00Z'), usdRate: '1.25' },
        { line: 3, currency: 'JPY', month: new Date('2031-03-01T00:00:00Z'), usdRate: '0.006666666667' },
        { line: 4, currency: 'KWD', month: new Date('2031-03-01T00:00:00Z'), usdRate: '3.252032520325' },
      ],
    });
    expect(parseFxRateFile('currency,month,usd_per_unit\nCHF,2031-03,1.1234567890123456\n')).toMatchObject({
      ok: true,
      rates: [{ usdRate: '1.123456789012' }],
    });
  });

  it('names the line at fault', () => {
    const errors = [
      ['currency,month\nEUR,2031-03\n', { line: 1, problem: 'header' }],
      ['currency,month,usd_per_unit\nEUR,2031-03,1.1\nXYZ,2031-03,1\n', { line: 3, problem: 'currency', value: 'XYZ' }],
      ['currency,month,usd_per_unit\nUSD,2031-03,1\n', { line: 2, problem: 'usd' }],
      ['currency,month,usd_per_unit\nEUR,2031-13,1.1\n', { line: 2, problem: 'month', value: '2031-13' }],
      ['currency,month,usd_per_unit\nEUR,2031-03,-1\n', { line: 2, problem: 'rate', value: '-1' }],
      ['currency,month,usd_per_unit\nEUR,2031-03,=1+1\n', { line: 2, problem: 'rate', value: '=1+1' }],
      ['currency,month,usd_per_unit\nEUR,2031-03,1.1,x\n', { line: 2, problem: 'columns' }],
      ['currency,month,usd_per_unit\nEUR,2031-03,1.1\neur,2031-03-01,1.2\n', { line: 3, problem: 'duplicate', value: '2' }],
      ['currency,month,usd_per_unit\n', { line: 2, problem: 'empty' }],
      ['', { line: 1, problem: 'empty' }],
    ] as const;
    for (const [text, error] of errors) expect(parseFxRateFile(text), text).toEqual({ ok: false, error });
  });
});

describe('/staff/finance/fx-rates', () => {
  it('imports, corrects a month (audited, before → after), leaves equal months alone', async () => {
    const first = unwrap(await post('currency,month,usd_per_unit\nEUR,2031-04,1.0800\nGBP,2031-04,1.27\n')).data as {
      ok: boolean;
      message: string;
    };
    expect(first).toEqual({ ok: true, message: 'Imported: 2 new, 0 corrected, 0 unchanged.' });
    const second = unwrap(await post('currency,month,usd_per_unit\nEUR,2031-04,1.09\nGBP,2031-04,1.2700\n', 'fr')).data as {
      message: string;
    };
    expect(second.message).toBe('Importé : 0 nouveaux, 1 corrigés, 1 inchangés. EUR avril 2031 : 1.08 → 1.09');
    expect(await rate('EUR', '2031-04')).toBe('1.09');
    const audits = await db().auditLog.findMany({ where: { action: 'fx_rates.import', actorId: finance.id }, orderBy: { id: 'asc' } });
    expect(audits.at(-1)?.after).toMatchObject({
      added: 0,
      unchanged: 1,
      changed: [{ currency: 'EUR', month: '2031-04', from: '1.08', to: '1.09' }],
    });
  });

  it('refuses a file with a bad line as a whole, in the reader’s language, changing nothing', async () => {
    const before = await db().fxRate.count();
    const result = unwrap(await post('currency,month,usd_per_unit\nCHF,2031-05,1.12\nSEK,2031-5,0.09\n', 'es'));
    expect(result.status).toBe(400);
    expect((result.data as { message: string }).message).toBe('Línea 3: «2031-5» no es un mes (AAAA-MM). No se importó nada.');
    expect(await db().fxRate.count()).toBe(before);
  });

  it('lists months whose gifts had no rate of their own, and this month for currencies with rates', async () => {
    await post('currency,month,usd_per_unit\nNOK,2031-06,0.093\n');
    // A pledge and a gift in July (the gift on its last UTC evening), a gift in the first minutes of August.
    const donor = await db().donor.create({ data: { type: 'COMPANY', displayName: 'Fjord AS' } });
    const pledge = await db().pledge.create({
      data: {
        reference: 'FX-NOK-1',
        donorId: donor.id,
        frequency: 'ONCE',
        method: 'CARD',
        currency: 'NOK',
        amountMinor: 100_000n,
        usdRate: '0.093',
        earmarkType: 'GENERAL_PURPOSE',
        pledgedAt: new Date('2031-07-03T09:00:00Z'),
      },
    });
    for (const [index, receivedAt] of ['2031-07-31T23:30:00Z', '2031-08-01T00:10:00Z'].entries()) {
      await db().payment.create({
        data: {
          donorId: donor.id,
          pledgeId: pledge.id,
          method: 'CARD',
          provider: 'MANUAL',
          providerPaymentId: `fx-nok-${index}`,
          currency: 'NOK',
          amountMinor: 50_000n,
          usdRate: '0.093',
          usdMinor: 4_650n,
          earmarkType: 'GENERAL_PURPOSE',
          receivedAt: new Date(receivedAt),
        },
      });
    }
    await refreshFundingSummaries({ donorIds: [donor.id], pledgeIds: [pledge.id] });
    const missing = await listMissingRates({ now: new Date('2031-08-15T12:00:00Z') });
    expect(missing.filter((row) => row.currency === 'NOK')).toEqual([
      { currency: 'NOK', month: '2031-08', uses: 1, usedMonth: '2031-06' },
      { currency: 'NOK', month: '2031-07', uses: 2, usedMonth: '2031-06' },
    ]);
    expect(missing.some((row) => row.currency === 'NOK' && row.month === '2031-06')).toBe(false);
    const page = unwrap(await loader(args(get('/staff/finance/fx-rates', { cookie: finance.cookie })))).data as {
      missing: unknown[];
      history: unknown[];
    };
    expect(Array.isArray(page.missing) && Array.isArray(page.history)).toBe(true);
  });

  it('is for finance and admins only, and same-origin posts only', async () => {
    const officer = await createStaff({ email: 'fx-officer@example.org', name: 'Fx Officer', roles: ['PROGRAMME_OFFICER'] });
    const { secret } = await createSession({ staffUserId: officer.id });
    const cookie = cookieFrom(await serializeSessionCookie(get('/'), secret));
    expect((await thrownResponse(() => loader(args(get('/staff/finance/fx-rates', { cookie }))))).status).toBe(403);
    expect((await thrownResponse(() => action(args(postForm('/staff/finance/fx-rates', { rates: 'x' }, { cookie }))))).status).toBe(403);
    const crossOrigin = postForm(
      '/staff/finance/fx-rates',
      { rates: 'currency,month,usd_per_unit\nEUR,2031-09,1\n' },
      { cookie: finance.cookie, origin: 'https://evil.example' },
    );
    expect((await thrownResponse(() => action(args(crossOrigin)))).status).toBe(403);
    expect(await rate('EUR', '2031-09')).toBeNull();
  });

  it('the command imports the same file and exits 1 on a bad one, importing nothing', () => {
    const good = path.join(dir, 'rates.csv');
    writeFileSync(good, 'currency,month,units_per_usd\nSEK,2031-10,10\n');
    const run = (file: string) =>
      spawnSync('npx', ['tsx', 'scripts/fx-import.ts', file], { env: { ...process.env }, encoding: 'utf8', timeout: 60_000 });
    const ok = run(good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toEqual({ added: 1, changed: 0, unchanged: 0 });
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'currency,month,units_per_usd\nSEK,2031-11,10\nSEK,2031-12,zero\n');
    const refused = run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Line 3');
  });
});
