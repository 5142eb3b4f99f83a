// The "Done when" bank scenario at the model level (the Playwright walk-through is left to
// the lead): a camt.053 of 20 credits for seeded bank-transfer pledges — one partial, one overpaid,
// one with a bank charge, one unrelated — 17 match themselves, 3 are matched by hand, the project's
// funded figure moves by exactly what was settled, and a re-import adds nothing.
import { beforeAll, expect, it } from 'vitest';
import { importBankFile } from '~/finance/bank/bank-import-commands.server.ts';
import { markBankEntryNotContribution, matchBankEntry } from '~/finance/bank/bank-match-commands.server.ts';
import { listOpenBankEntries } from '~/finance/bank/bank-review-queries.server.ts';
import { suggestInstalments } from '~/finance/bank/open-instalment-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildCamt053, type CamtCredit } from '../../fixtures/bank/camt-builder.ts';
import { BANK_IBAN, buildBankFixture } from './bank-fixture.ts';

const db = getPrisma();
let f: Awaited<ReturnType<typeof buildBankFixture>>;
const funded = async () =>
  (await db.fundingSummary.findMany({ where: { projectId: f.project.id } })).reduce((sum, row) => sum + row.earmarkedUsdMinor, 0n);
const credit = (index: number, amount: string, extra: Partial<CamtCredit> = {}): CamtCredit => ({
  amount,
  currency: 'USD',
  bookingDate: '2026-06-10',
  bankRef: `DW-${index}`,
  ...extra,
});

beforeAll(async () => {
  f = await buildBankFixture(db);
  for (let index = 1; index <= 19; index++) {
    await f.pledge({
      reference: `CPJ-DONE-${String(index).padStart(4, '0')}`,
      donor: `Donor Number${index}`,
      instalments: [10_000n],
      project: true,
    });
  }
  await refreshFundingSummaries();
});

it('17 match themselves, 3 by hand, the funded figure moves by exactly what was settled, re-import adds nothing', async () => {
  const before = await funded();
  const ref = (index: number) => `Gift CPJ-DONE-${String(index).padStart(4, '0')}`;
  const credits = [
    ...Array.from({ length: 14 }, (_, i) => credit(i + 1, '100.00', { remittance: ref(i + 1) })),
    credit(15, '40.00', { remittance: ref(15) }), // partial
    credit(16, '130.00', { remittance: ref(16) }), // overpaid by 30.00
    credit(17, '97.50', { remittance: ref(17), instructed: '100.00', charges: '2.50' }), // bank charge
    credit(18, '100.00', { debtor: 'Donor Number18', remittance: 'June gift' }), // no reference: by hand
    credit(19, '60.00', { debtor: 'Donor Number19' }), // no reference, partial: by hand
    credit(20, '12.34', { debtor: 'Bank interest', remittance: 'Interest' }), // unrelated
  ];
  const file = buildCamt053({ version: '08', statementId: 'DONE-1', iban: BANK_IBAN, credits });
  expect(await importBankFile({ db, content: file, fileName: 'done.xml' })).toEqual({ entries: 20, new: 20, matched: 17, unmatched: 3 });

  const { entries } = await listOpenBankEntries({ db });
  const byDebtor = (name: string) => entries.find((entry) => entry.debtorName === name)!;
  for (const name of ['Donor Number18', 'Donor Number19']) {
    const entry = byDebtor(name);
    const [suggestion] = await suggestInstalments({ db, currency: 'USD', amountMinor: entry.openMinor, debtorName: entry.debtorName });
    expect(suggestion?.pledge.donorName).toBe(name);
    await matchBankEntry({
      db,
      entryId: entry.id,
      staffId: f.staff.id,
      parts: [{ instalmentId: suggestion!.instalmentId, amountMinor: entry.openMinor }],
    });
  }
  await markBankEntryNotContribution({ db, entryId: byDebtor('Bank interest').id, reason: 'Bank interest', staffId: f.staff.id });

  // 14 × 100 + 40 + 100 (of 130) + 100 (gross of 97.50) + 100 + 60
  expect((await funded()) - before).toBe(180_000n);
  // what is left for a person: the overpayment's 30.00 only
  expect((await listOpenBankEntries({ db })).entries.map((entry) => entry.openMinor)).toEqual([3_000n]);
  expect(await importBankFile({ db, content: file, fileName: 'done.xml' })).toEqual({ entries: 20, new: 0, matched: 0, unmatched: 0 });
  expect((await funded()) - before).toBe(180_000n);
});
