// The statement parsers on hand-written files (tests/fixtures/bank): each camt.053 version, CSV
// with a saved mapping, and every malformed case refused with its line and element.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BankFileError } from '~/finance/bank/bank-file-error.ts';
import { parseCamt053 } from '~/finance/bank/camt-parser.ts';
import { csvMappingSchema, parseCsvStatement } from '~/finance/bank/csv-statement-parser.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bank/${name}`, import.meta.url), 'utf8');

describe('camt.053', () => {
  it('.001.02: several statements, a batched entry, debits skipped, placeholders dropped', () => {
    const { version, statements } = parseCamt053(fixture('camt053-v02.xml'));
    expect(version).toBe('02');
    expect(statements.map((s) => [s.statementRef, s.iban, s.fromDate, s.credits.length, s.debitsSkipped])).toEqual([
      ['STMT-02-A', 'CH9300762011623852957', '2026-03-01', 1, 1],
      ['STMT-02-B', 'CH9300762011623852957', null, 2, 0],
    ]);
    expect(statements[0]?.credits[0]).toMatchObject({
      amountMinor: 90_000n,
      currency: 'USD',
      bookingDate: '2026-03-01',
      accountServicerRef: 'BANKREF-0001',
      entryRef: 'E1',
      endToEndId: 'E2E-0001',
      remittance: 'Gift CPJ-AAAA-BBBB thank you',
      debtorName: 'Ada Lovelace',
    });
    const batch = statements[1]?.credits ?? [];
    expect(batch.map((c) => [c.amountMinor, c.accountServicerRef, c.endToEndId, c.structuredRef])).toEqual([
      [10_000n, 'BANKREF-0003-1', 'E2E-0003', 'CPJ-CCCC-DDDD'],
      [20_000n, 'BANKREF-0003-2', null, null],
    ]);
  });

  it('.001.04: instructed amount and charges; charges recorded on an entry without details', () => {
    const { version, statements } = parseCamt053(fixture('camt053-v04.xml'));
    expect(version).toBe('04');
    const [charged, plain] = statements[0]?.credits ?? [];
    expect(charged).toMatchObject({
      amountMinor: 48_500n,
      instructedMinor: 50_000n,
      chargeMinor: 1_500n,
      debtorName: 'Republic of Ruritania',
    });
    expect(plain).toMatchObject({ amountMinor: 4_050n, instructedMinor: null, chargeMinor: 50n, bookingDate: '2026-04-01' });
  });

  it('.001.08: Dbtr/Pty/Nm, three-decimal currency, pending entries left out', () => {
    const { version, statements } = parseCamt053(fixture('camt053-v08.xml'));
    expect(version).toBe('08');
    expect(statements[0]?.credits.map((c) => [c.amountMinor, c.debtorName, c.remittance])).toEqual([
      [1_000n, 'State of Kuwait', 'cpj-gggg-hhhh'],
      [500n, 'Kuwait Fund', ''],
    ]);
  });

  it.each([
    ['malformed-decimals.xml', 'line 12: <Amt>: "900.001": USD has 2 decimal places'],
    ['malformed-unclosed.xml', 'line 27: <NtryDtls>: element is not closed (opened on line 17)'],
    ['malformed-doctype.xml', 'line 2: a DOCTYPE is not allowed in a bank statement'],
    ['malformed-version.xml', 'line 2: <Document>: unsupported statement format'],
    ['malformed-batch-total.xml', 'line 40: <Amt>: the transactions add up to 35000, the entry says 30000'],
    ['malformed-date.xml', 'line 14: <Dt>: "2026-04-31" is not a date'],
  ])('%s is refused naming where', (name, message) => {
    expect(() => parseCamt053(fixture(name))).toThrowError(BankFileError);
    expect(() => parseCamt053(fixture(name))).toThrowError(message);
  });

  it('refuses text that is not XML, and a missing element by name', () => {
    expect(() => parseCamt053('hello')).toThrowError('text outside the root element');
    expect(() => parseCamt053('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><Foo/></Document>')).toThrowError(
      '<Document>: BkToCstmrStmt is missing',
    );
  });
});

describe('CSV with a saved mapping', () => {
  const mapping = csvMappingSchema.parse({
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
  });

  it('reads credits, skips debits, keeps quoted delimiters', () => {
    const statement = parseCsvStatement({
      text: fixture('statement-semicolon.csv'),
      mapping,
      iban: 'DE89370400440532013000',
      accountCurrency: 'EUR',
      statementRef: 'x',
    });
    expect(statement.debitsSkipped).toBe(1);
    expect([statement.fromDate, statement.toDate]).toEqual(['2026-06-01', '2026-06-02']);
    expect(statement.credits.map((c) => [c.bookingDate, c.amountMinor, c.remittance, c.debtorName, c.accountServicerRef, c.line])).toEqual([
      ['2026-06-01', 125_000n, 'Spende CPJ-JJJJ-KKKK', 'Erika Mustermann', 'BR-1', 2],
      ['2026-06-02', 7_550n, 'Beitrag; ohne Referenz', 'Muster GmbH', 'BR-3', 4],
    ]);
  });

  it('names the line of a bad amount, date or missing column', () => {
    const plain = csvMappingSchema.parse({ columns: { bookingDate: 'date', amount: 'amount', reference: 'memo' } });
    const parse =
      (text: string, used = plain) =>
      () =>
        parseCsvStatement({ text, mapping: used, iban: 'X', accountCurrency: 'USD', statementRef: 'x' });
    expect(parse(fixture('malformed-amount.csv'))).toThrowError('line 3: "10.005": USD has 2 decimal places');
    expect(parse('date,amount,memo\n2026-02-30,1.00,x\n')).toThrowError('line 2: "2026-02-30" is not a date');
    expect(parse('when,amount,memo\n')).toThrowError('line 1: column "date" is not in the header');
  });
});
