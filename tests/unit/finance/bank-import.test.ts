// Importing bank statements and matching their credits: idempotent re-import, overlapping
// statements, partial and over-payments, bank charges, staff's manual match / split / not a
// contribution, and nothing at all recorded from a malformed file. The ledger check runs after.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BankFileError } from '~/finance/bank/bank-file-error.ts';
import { importBankFile } from '~/finance/bank/bank-import-commands.server.ts';
import { BankMatchError, markBankEntryNotContribution, matchBankEntry } from '~/finance/bank/bank-match-commands.server.ts';
import { listInstalmentsOwed } from '~/finance/bank/open-instalment-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildCamt053 } from '../../fixtures/bank/camt-builder.ts';
import { BANK_IBAN, buildBankFixture } from './bank-fixture.ts';

const db = getPrisma();
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bank/${name}`, import.meta.url), 'utf8');
let f: Awaited<ReturnType<typeof buildBankFixture>>;

const owedOn = async (reference: string) => (await listInstalmentsOwed({ db, references: [reference] })).map((row) => row.openMinor);
const entryOpen = async (bankRef: string) => {
  const entry = await db.bankEntry.findFirstOrThrow({ where: { accountServicerRef: bankRef }, include: { matches: true } });
  return { entry, openMinor: entry.grossMinor - entry.matches.reduce((sum, match) => sum + match.amountMinor, 0n) };
};

beforeAll(async () => {
  f = await buildBankFixture(db);
  await f.pledge({ reference: 'CPJ-AAAA-BBBB', donor: 'Ada Lovelace', instalments: [90_000n], project: true });
  await f.pledge({ reference: 'CPJ-CCCC-DDDD', donor: 'Charles Babbage', instalments: [5_000n, 5_000n] });
  await f.pledge({ reference: 'CPJ-PART-0001', donor: 'Partial Donor', instalments: [100_000n] });
  await f.pledge({ reference: 'CPJ-OVER-0001', donor: 'Over Payer', instalments: [10_000n] });
  await f.pledge({ reference: 'CPJ-CHRG-0001', donor: 'Charged Donor', instalments: [50_000n] });
  await f.pledge({ reference: 'CPJ-SPLT-0001', donor: 'Fondation Exemple', instalments: [12_000n, 8_000n] });
  await f.pledge({ reference: 'CPJ-EURO-0001', donor: 'Euro Donor', currency: 'EUR', instalments: [10_000n] });
  await refreshFundingSummaries();
});

describe('camt.053 import', () => {
  it('records credits, matches by reference across instalments, and a re-import adds nothing', async () => {
    const first = await importBankFile({ db, content: fixture('camt053-v02.xml'), fileName: 'v02.xml' });
    // 900.00 for CPJ-AAAA-BBBB; the batch: 100.00 for CPJ-CCCC-DDDD (two instalments of 50.00), 200.00 unknown
    expect(first).toEqual({ entries: 3, new: 3, matched: 2, unmatched: 1 });
    expect(await owedOn('CPJ-AAAA-BBBB')).toEqual([0n]);
    expect(await owedOn('CPJ-CCCC-DDDD')).toEqual([0n, 0n]);
    const payments = await db.payment.findMany({ where: { provider: 'BANK' }, orderBy: { providerPaymentId: 'asc' } });
    expect(payments.map((p) => p.amountMinor).sort()).toEqual([5_000n, 5_000n, 90_000n]);
    expect(payments.every((p) => p.method === 'BANK_TRANSFER' && p.providerPaymentId?.startsWith('bank:'))).toBe(true);
    // project-earmarked money is allocated at once by the ledger's payment writer
    expect(await db.allocation.count({ where: { projectId: f.project.id } })).toBe(1);

    const again = await importBankFile({ db, content: fixture('camt053-v02.xml'), fileName: 'v02.xml' });
    expect(again).toEqual({ entries: 3, new: 0, matched: 0, unmatched: 0 });
    expect(await db.bankEntry.count()).toBe(3);
    expect(await db.payment.count({ where: { provider: 'BANK' } })).toBe(3);
  });

  it('an overlapping statement adds only the credits not seen before', async () => {
    const renamed = fixture('camt053-v02.xml').replace('STMT-02-A', 'STMT-02-X').replace('STMT-02-B', 'STMT-02-Y');
    expect(await importBankFile({ db, content: renamed, fileName: 'renamed.xml' })).toEqual({
      entries: 3,
      new: 0,
      matched: 0,
      unmatched: 0,
    });
    const credit = (bankRef: string) => ({
      amount: '900.00',
      currency: 'USD',
      bookingDate: '2026-03-05',
      bankRef,
      remittance: 'no reference',
    });
    const march = buildCamt053({ version: '02', statementId: 'MAR-1', iban: BANK_IBAN, credits: [credit('OV-1'), credit('OV-2')] });
    const overlap = buildCamt053({
      version: '02',
      statementId: 'MAR-2',
      iban: BANK_IBAN,
      credits: [credit('OV-2'), credit('BANKREF-0001-NEW')],
    });
    expect(await importBankFile({ db, content: march, fileName: 'march.xml' })).toEqual({ entries: 2, new: 2, matched: 0, unmatched: 2 });
    expect(await importBankFile({ db, content: overlap, fileName: 'overlap.xml' })).toEqual({
      entries: 2,
      new: 1,
      matched: 0,
      unmatched: 1,
    });
  });

  it('partial payment leaves the instalment partly open; an overpayment leaves the excess open on the entry', async () => {
    const file = buildCamt053({
      version: '08',
      statementId: 'STMT-PO',
      iban: BANK_IBAN,
      credits: [
        { amount: '400.00', currency: 'USD', bookingDate: '2026-06-01', bankRef: 'PO-1', remittance: 'CPJ-PART-0001' },
        { amount: '150.00', currency: 'USD', bookingDate: '2026-06-01', bankRef: 'PO-2', remittance: 'ref cpj over 0001' },
      ],
    });
    expect(await importBankFile({ db, content: file, fileName: 'po.xml' })).toEqual({ entries: 2, new: 2, matched: 2, unmatched: 0 });
    expect(await owedOn('CPJ-PART-0001')).toEqual([60_000n]);
    expect(await owedOn('CPJ-OVER-0001')).toEqual([0n]);
    expect((await entryOpen('PO-2')).openMinor).toBe(5_000n);
    expect((await entryOpen('PO-1')).openMinor).toBe(0n);
  });

  it('bank charges: the instalment is reduced by the instructed gross, the charge is recorded', async () => {
    const file = buildCamt053({
      version: '04',
      statementId: 'STMT-CH',
      iban: BANK_IBAN,
      credits: [
        {
          amount: '485.00',
          instructed: '500.00',
          charges: '15.00',
          currency: 'USD',
          bookingDate: '2026-06-02',
          bankRef: 'CH-1',
          remittance: 'CPJ-CHRG-0001',
        },
      ],
    });
    await importBankFile({ db, content: file, fileName: 'ch.xml' });
    const { entry } = await entryOpen('CH-1');
    expect([entry.amountMinor, entry.instructedMinor, entry.chargeMinor, entry.grossMinor]).toEqual([48_500n, 50_000n, 1_500n, 50_000n]);
    expect(await owedOn('CPJ-CHRG-0001')).toEqual([0n]);
  });

  it('a malformed file or an unknown account records nothing', async () => {
    const before = [await db.bankEntry.count(), await db.bankStatement.count(), await db.payment.count(), await db.auditLog.count()];
    await expect(importBankFile({ db, content: fixture('malformed-decimals.xml'), fileName: 'bad.xml' })).rejects.toThrowError(
      'line 12: <Amt>: "900.001": USD has 2 decimal places',
    );
    await expect(importBankFile({ db, content: fixture('camt053-v04.xml'), fileName: 'v04.xml' })).rejects.toThrowError(
      'no bank account DE89370400440532013000 is registered',
    );
    await expect(
      importBankFile({ db, content: fixture('camt053-v02.xml'), fileName: 'v02.xml', iban: 'DE89370400440532013000' }),
    ).rejects.toThrowError(BankFileError);
    expect([await db.bankEntry.count(), await db.bankStatement.count(), await db.payment.count(), await db.auditLog.count()]).toEqual(
      before,
    );
  });

  it('CSV with the account’s saved mapping', async () => {
    await db.bankAccount.create({
      data: {
        iban: 'DE89370400440532013000',
        currency: 'EUR',
        name: 'EUR account',
        csvMapping: {
          delimiter: ';',
          decimalSeparator: ',',
          dateFormat: 'DD.MM.YYYY',
          columns: {
            bookingDate: 'Buchungstag',
            amount: 'Betrag',
            currency: 'Währung',
            reference: 'Verwendungszweck',
            counterparty: 'Auftraggeber',
            bankReference: 'Bankreferenz',
          },
        },
      },
    });
    const csv = fixture('statement-semicolon.csv').replace('CPJ-JJJJ-KKKK', 'CPJ-EURO-0001');
    expect(await importBankFile({ db, content: csv, fileName: 'june.csv', iban: 'DE89 3704 0044 0532 0130 00' })).toEqual({
      entries: 2,
      new: 2,
      matched: 1,
      unmatched: 1,
    });
    expect(await owedOn('CPJ-EURO-0001')).toEqual([0n]);
    const overpaid = await entryOpen('BR-1');
    expect(overpaid.openMinor).toBe(115_000n);
  });
});

describe('staff actions on unmatched credits', () => {
  it('split one credit over two instalments, audited', async () => {
    const { entry } = await entryOpen('BANKREF-0003-2'); // 200.00 from "Fondation Exemple"
    const [first, second] = await listInstalmentsOwed({ db, references: ['CPJ-SPLT-0001'] });
    const result = await matchBankEntry({
      db,
      entryId: entry.id,
      staffId: f.staff.id,
      parts: [
        { instalmentId: first!.instalmentId, amountMinor: 12_000n },
        { instalmentId: second!.instalmentId, amountMinor: 8_000n },
      ],
    });
    expect(result.openMinor).toBe(0n);
    expect(await owedOn('CPJ-SPLT-0001')).toEqual([0n, 0n]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: entry.id } });
    expect(audit).toMatchObject({ action: 'bank.entry.split', actorId: f.staff.id, before: { openMinor: '20000', currency: 'USD' } });
  });

  it('refuses bad matches and changes nothing', async () => {
    const { entry } = await entryOpen('PO-2'); // 50.00 open (overpayment)
    const [part] = await listInstalmentsOwed({ db, references: ['CPJ-PART-0001'] }); // owes 600.00
    const [euro] = await listInstalmentsOwed({ db, references: ['CPJ-EURO-0001'] });
    const attempt = (instalmentId: string, amountMinor: bigint, entryId = entry.id) =>
      matchBankEntry({ db, entryId, staffId: f.staff.id, parts: [{ instalmentId, amountMinor }] });
    const payments = await db.payment.count();
    await expect(attempt(part!.instalmentId, 5_001n)).rejects.toMatchObject({ code: 'moreThanOpen' });
    await expect(attempt(euro!.instalmentId, 100n)).rejects.toMatchObject({ code: 'currencyDiffers' });
    await expect(attempt(part!.instalmentId, 0n)).rejects.toMatchObject({ code: 'amountNotPositive' });
    await expect(attempt(part!.instalmentId, 100n, '00000000-0000-0000-0000-000000000000')).rejects.toBeInstanceOf(BankMatchError);
    expect(await db.payment.count()).toBe(payments);
    // the excess of an overpayment can go to another pledge of the donor when staff know better
    await attempt(part!.instalmentId, 5_000n);
    expect(await owedOn('CPJ-PART-0001')).toEqual([55_000n]);
    expect((await entryOpen('PO-2')).openMinor).toBe(0n);
    await expect(attempt(part!.instalmentId, 1n)).rejects.toMatchObject({ code: 'nothingOpen' });
  });

  it('not a contribution sets the open amount aside, audited', async () => {
    const { entry } = await entryOpen('BANKREF-0001-NEW');
    await markBankEntryNotContribution({ db, entryId: entry.id, reason: 'Bank correction', staffId: f.staff.id });
    expect((await entryOpen('BANKREF-0001-NEW')).openMinor).toBe(0n);
    expect(await db.auditLog.findFirst({ where: { entityId: entry.id, action: 'bank.entry.not_contribution' } })).not.toBeNull();
    await expect(markBankEntryNotContribution({ db, entryId: entry.id, reason: 'x', staffId: f.staff.id })).rejects.toMatchObject({
      code: 'nothingOpen',
    });
  });

  it('bank_open_entries holds exactly the entries whose gross exceeds their matches, with that difference', async () => {
    const fromFacts = await db.$queryRaw<{ entryId: string; openMinor: bigint }[]>`
      SELECT e.id::text AS "entryId", e."grossMinor" - COALESCE(SUM(m."amountMinor"), 0)::bigint AS "openMinor"
      FROM bank_entries e LEFT JOIN bank_matches m ON m."entryId" = e.id
      GROUP BY e.id HAVING e."grossMinor" > COALESCE(SUM(m."amountMinor"), 0) ORDER BY 1`;
    const kept = await db.$queryRaw<{ entryId: string; openMinor: bigint }[]>`
      SELECT "entryId"::text AS "entryId", "openMinor" FROM bank_open_entries ORDER BY 1`;
    // This file's imports leave some credits open and settle others in full: both kinds are covered.
    expect(fromFacts.length).toBeGreaterThan(0);
    expect(await db.bankEntry.count()).toBeGreaterThan(fromFacts.length);
    expect(kept).toEqual(fromFacts);
  });

  it('bank entries and matches are append-only', async () => {
    await expect(db.$executeRaw`UPDATE bank_entries SET remittance = 'x'`).rejects.toThrowError(/append-only/);
    await expect(db.$executeRaw`DELETE FROM bank_matches`).rejects.toThrowError(/append-only/);
  });
});
