// `npm run bank:import -- FILE`: one JSON line and exit 0; a malformed file exits 1 with the error
// on stderr and imports nothing. Runs the real script against this file's database.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { runCommandScript } from '../run-command.ts';
import { BANK_IBAN, buildBankFixture } from './bank-fixture.ts';

const db = getPrisma();
const fixturePath = (name: string) => fileURLToPath(new URL(`../../fixtures/bank/${name}`, import.meta.url));

const bankImport = (...args: string[]) => runCommandScript('scripts/bank-import.ts', args);

beforeAll(async () => {
  const f = await buildBankFixture(db);
  await f.pledge({ reference: 'CPJ-AAAA-BBBB', donor: 'Ada Lovelace', instalments: [90_000n] });
  await refreshFundingSummaries();
});

describe('bank:import', () => {
  it('prints one JSON line and exits 0; a second run adds nothing', () => {
    const first = bankImport(fixturePath('camt053-v02.xml'), '--account', BANK_IBAN, '--format', 'camt');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toEqual({ entries: 3, new: 3, matched: 1, unmatched: 2 });
    const second = bankImport(fixturePath('camt053-v02.xml'));
    expect([second.code, JSON.parse(second.stdout)]).toEqual([0, { entries: 3, new: 0, matched: 0, unmatched: 0 }]);
  });

  it('a malformed file exits 1 with the error on stderr and imports nothing', async () => {
    const before = await db.bankStatement.count();
    const bad = bankImport(fixturePath('malformed-unclosed.xml'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('line 27: <NtryDtls>: element is not closed');
    expect(bankImport('no-such-file.xml').code).toBe(1);
    expect(bankImport().code).toBe(1);
    expect(await db.bankStatement.count()).toBe(before);
  });
});
