// The bank review's suggestions for a whole page of credits in one query: by the amount still owed
// in the pledge's currency (open_instalments), by the remitter's words in donor names, words that
// hundreds of donors share (and numbers) left out, and a payment already received taken off what is owed.
import { beforeAll, expect, it } from 'vitest';
import { importBankFile } from '~/finance/bank/bank-import-commands.server.ts';
import { COMMON_NAME_WORD_DONORS, suggestInstalmentsForCredits } from '~/finance/bank/open-instalment-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildCamt053 } from '../../fixtures/bank/camt-builder.ts';
import { BANK_IBAN, buildBankFixture } from './bank-fixture.ts';

const db = getPrisma();
let f: Awaited<ReturnType<typeof buildBankFixture>>;

beforeAll(async () => {
  f = await buildBankFixture(db);
  await f.pledge({ reference: 'CPJ-SUGG-0001', donor: 'Amina Haddad', instalments: [25_000n, 25_000n] });
  await f.pledge({ reference: 'CPJ-SUGG-0002', donor: 'Kestrel Foundation', currency: 'EUR', instalments: [80_000n] });
  await f.pledge({ reference: 'CPJ-SUGG-0003', donor: 'Olu Bakare', instalments: [50_000n] });
  // 200.00 of its 500.00 arrives by bank, matched by its reference
  const file = buildCamt053({
    version: '08',
    statementId: 'SUG-1',
    iban: BANK_IBAN,
    credits: [{ amount: '200.00', currency: 'USD', bookingDate: '2026-03-01', bankRef: 'SUG-1', remittance: 'CPJ-SUGG-0003' }],
  });
  expect(await importBankFile({ db, content: file, fileName: 'sug.xml' })).toMatchObject({ matched: 1 });
  // Many donors whose names share "trust": the word tells nothing about which one paid.
  await db.donor.createMany({
    data: Array.from({ length: COMMON_NAME_WORD_DONORS + 1 }, (_, index) => ({
      type: 'INDIVIDUAL' as const,
      displayName: `Trust ${index}`,
    })),
  });
  await f.pledge({ reference: 'CPJ-SUGG-0004', donor: 'Trust 777', instalments: [99_900n] });
  await refreshFundingSummaries();
});

it('answers a page of credits at once: by name, by amount owed in its currency, by what a part payment left', async () => {
  const suggestions = await suggestInstalmentsForCredits({
    db,
    credits: [
      { key: 'by-name', currency: 'USD', amountMinor: 1_234n, debtorName: 'HADDAD AMINA' },
      { key: 'by-amount', currency: 'EUR', amountMinor: 80_000n, debtorName: null },
      { key: 'wrong-currency', currency: 'USD', amountMinor: 80_000n, debtorName: 'Kestrel' },
      { key: 'remainder', currency: 'USD', amountMinor: 30_000n, debtorName: 'Unknown remitter' },
    ],
  });
  const references = (key: string) => suggestions.get(key)!.map((row) => `${row.pledge.reference}/${row.sequence}`);
  // both of Amina's instalments, earliest due first
  expect(references('by-name')).toEqual(['CPJ-SUGG-0001/1', 'CPJ-SUGG-0001/2']);
  expect(references('by-amount')).toEqual(['CPJ-SUGG-0002/1']);
  expect(suggestions.get('by-amount')![0]).toMatchObject({
    openMinor: 80_000n,
    pledge: { currency: 'EUR', donorName: 'Kestrel Foundation' },
  });
  // Kestrel's pledge is in euros: a dollar credit is not its payment
  expect(references('wrong-currency')).toEqual([]);
  // 500.00 pledged, 200.00 received: 300.00 still owed
  expect(references('remainder')).toEqual(['CPJ-SUGG-0003/1']);
});

it('ranks name before amount, and leaves out a word hundreds of donors share', async () => {
  const suggestions = await suggestInstalmentsForCredits({
    db,
    credits: [
      { key: 'name-and-amount', currency: 'USD', amountMinor: 25_000n, debtorName: 'Amina' },
      { key: 'common-word', currency: 'USD', amountMinor: 1_000n, debtorName: 'Trust' },
      { key: 'common-word-and-amount', currency: 'USD', amountMinor: 99_900n, debtorName: 'Trust' },
      // numbers are not names (dates, invoice numbers): "777" would otherwise find "Trust 777"
      { key: 'numbers-only', currency: 'USD', amountMinor: 1_000n, debtorName: '777 2026' },
    ],
    limit: 3,
  });
  expect(suggestions.get('name-and-amount')!.map((row) => row.pledge.donorName)).toEqual(['Amina Haddad', 'Amina Haddad']);
  expect(suggestions.get('common-word')).toEqual([]);
  expect(suggestions.get('numbers-only')).toEqual([]);
  expect(suggestions.get('common-word-and-amount')!.map((row) => row.pledge.reference)).toEqual(['CPJ-SUGG-0004']);
});
