// ISO 20022 camt.053 (bank-to-customer statement) versions .001.02, .001.04 and .001.08, read into
// ParsedStatements. Only booked credits are kept; every fault names its line and element.
import { MoneyError, isSupportedCurrency, parseAmount } from '~/platform/money.ts';
import { BankFileError } from './bank-file-error.ts';
import { isCalendarDate, type ParsedCredit, type ParsedStatement } from './bank-statement.ts';
import { child, children, parseXmlTree, textAt, type XmlElement } from './xml-tree.ts';

const SUPPORTED_VERSIONS = ['02', '04', '08'] as const;
export type CamtVersion = (typeof SUPPORTED_VERSIONS)[number];

/** Parses a camt.053 file; throws BankFileError for anything malformed or unsupported. */
export function parseCamt053(xml: string): { version: CamtVersion; statements: ParsedStatement[] } {
  const root = parseXmlTree(xml);
  if (root.name !== 'Document') throw new BankFileError('the root element must be <Document>', { line: root.line, element: root.name });
  const namespace = root.attributes.xmlns ?? Object.entries(root.attributes).find(([key]) => key.startsWith('xmlns:'))?.[1] ?? '';
  const match = /camt\.053\.001\.(\d{2})$/.exec(namespace);
  const version = SUPPORTED_VERSIONS.find((item) => item === match?.[1]);
  if (!version) {
    throw new BankFileError(`unsupported statement format "${namespace || 'no namespace'}" (camt.053.001.02, .04 or .08 expected)`, {
      line: root.line,
      element: 'Document',
    });
  }
  const message = required(root, 'BkToCstmrStmt');
  const statements = children(message, 'Stmt').map((statement) => parseStatement(statement));
  if (statements.length === 0) throw new BankFileError('no <Stmt> in the file', { line: message.line, element: 'BkToCstmrStmt' });
  return { version, statements };
}

function parseStatement(statement: XmlElement): ParsedStatement {
  const iban = required(statement, 'Acct/Id/IBAN').text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) throw at(child(statement, 'Acct/Id/IBAN'), `"${iban}" is not an IBAN`);
  const credits: ParsedCredit[] = [];
  let debitsSkipped = 0;
  for (const entry of children(statement, 'Ntry')) {
    const indicator = required(entry, 'CdtDbtInd').text.trim();
    if (indicator !== 'CRDT' && indicator !== 'DBIT') throw at(child(entry, 'CdtDbtInd'), `"${indicator}" is neither CRDT nor DBIT`);
    const status = textAt(entry, 'Sts/Cd') ?? textAt(entry, 'Sts');
    // A reversal flag turns a credit into the return of an earlier debit: not a contribution.
    if (indicator === 'DBIT' || textAt(entry, 'RvslInd') === 'true' || (status !== null && status !== 'BOOK')) {
      debitsSkipped += indicator === 'DBIT' ? 1 : 0;
      continue;
    }
    credits.push(...parseEntry(entry));
  }
  return {
    iban,
    statementRef: required(statement, 'Id').text.trim(),
    fromDate: dateOf(child(statement, 'FrToDt/FrDtTm')),
    toDate: dateOf(child(statement, 'FrToDt/ToDtTm')),
    credits,
    debitsSkipped,
  };
}

function parseEntry(entry: XmlElement): ParsedCredit[] {
  const amountElement = required(entry, 'Amt');
  const currency = currencyOf(amountElement);
  const entryAmount = amountOf(amountElement, currency);
  const bookingDate = dateOf(child(entry, 'BookgDt/Dt') ?? child(entry, 'BookgDt/DtTm'));
  if (!bookingDate) throw at(child(entry, 'BookgDt') ?? entry, 'booking date missing');
  const valueDate = dateOf(child(entry, 'ValDt/Dt') ?? child(entry, 'ValDt/DtTm'));
  const details = children(entry, 'NtryDtls').flatMap((group) => children(group, 'TxDtls'));
  const base = {
    bookingDate,
    valueDate,
    currency,
    accountServicerRef: textAt(entry, 'AcctSvcrRef'),
    entryRef: textAt(entry, 'NtryRef'),
  };
  const entryCharges = chargesOf(child(entry, 'Chrgs') ? entry : undefined, currency);
  if (details.length === 0) {
    return [
      {
        ...base,
        amountMinor: entryAmount,
        instructedMinor: null,
        chargeMinor: entryCharges,
        endToEndId: null,
        remittance: '',
        structuredRef: null,
        debtorName: null,
        line: entry.line,
      },
    ];
  }
  const credits = details.map((detail) => {
    const own = child(detail, 'Amt') ?? child(detail, 'AmtDtls/TxAmt/Amt');
    if (!own && details.length > 1) throw at(detail, 'a batched entry needs an amount for each transaction');
    const amountMinor = own ? amountOf(own, currency) : entryAmount;
    const instructed = child(detail, 'AmtDtls/InstdAmt/Amt');
    const instructedMinor = instructed && currencyOf(instructed) === currency ? amountOf(instructed, currency) : null;
    const charges = chargesOf(detail, currency) || (details.length === 1 ? entryCharges : 0n);
    const remittanceInfo = child(detail, 'RmtInf');
    return {
      ...base,
      accountServicerRef: textAt(detail, 'Refs/AcctSvcrRef') ?? base.accountServicerRef,
      amountMinor,
      instructedMinor: instructedMinor !== null && instructedMinor >= amountMinor ? instructedMinor : null,
      chargeMinor: charges > 0n ? charges : instructedMinor !== null && instructedMinor > amountMinor ? instructedMinor - amountMinor : 0n,
      endToEndId: nonPlaceholder(textAt(detail, 'Refs/EndToEndId')),
      remittance: children(remittanceInfo, 'Ustrd')
        .map((line) => line.text.trim())
        .filter(Boolean)
        .join(' '),
      structuredRef:
        children(remittanceInfo, 'Strd')
          .map((strd) => textAt(strd, 'CdtrRefInf/Ref'))
          .find(Boolean) ?? null,
      debtorName: textAt(detail, 'RltdPties/Dbtr/Nm') ?? textAt(detail, 'RltdPties/Dbtr/Pty/Nm'),
      line: detail.line,
    };
  });
  const total = credits.reduce((sum, credit) => sum + credit.amountMinor, 0n);
  if (total !== entryAmount) throw at(amountElement, `the transactions add up to ${total}, the entry says ${entryAmount} (minor units)`);
  return credits;
}

/** Charges on an entry or transaction: the total when given, otherwise the sum of the records. */
function chargesOf(holder: XmlElement | undefined, currency: string): bigint {
  const charges = children(holder, 'Chrgs');
  if (charges.length === 0) return 0n;
  const total = child(charges[0], 'TtlChrgsAndTaxAmt');
  if (total) return amountOf(total, currency);
  // .02 repeats <Chrgs><Amt/></Chrgs>; .04 and later hold <Rcrd><Amt/></Rcrd> records
  const amounts = charges.flatMap((item) => [child(item, 'Amt'), ...children(item, 'Rcrd').map((record) => child(record, 'Amt'))]);
  return amounts.reduce((sum, amount) => sum + (amount ? amountOf(amount, currency) : 0n), 0n);
}

function currencyOf(amount: XmlElement): string {
  const currency = amount.attributes.Ccy ?? '';
  if (!isSupportedCurrency(currency)) throw at(amount, `currency "${currency}" is missing or not supported`);
  return currency;
}

function amountOf(amount: XmlElement, currency: string): bigint {
  const text = amount.text.trim();
  if (currencyOf(amount) !== currency) throw at(amount, `currency ${amount.attributes.Ccy} differs from the entry's ${currency}`);
  if (!/^\d+(\.\d+)?$/.test(text)) throw at(amount, `"${text}" is not an amount`);
  try {
    return parseAmount(text, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw at(amount, `"${text}": ${error.message}`);
    throw error;
  }
}

function dateOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  const text = element.text.trim().slice(0, 10);
  if (!isCalendarDate(text)) throw at(element, `"${element.text.trim()}" is not a date`);
  return text;
}

const nonPlaceholder = (value: string | null) => (value === null || value === 'NOTPROVIDED' ? null : value);

function required(parent: XmlElement, path: string): XmlElement {
  const found = child(parent, path);
  if (!found) throw new BankFileError(`${path} is missing`, { line: parent.line, element: parent.name });
  return found;
}

function at(element: XmlElement | undefined, message: string): BankFileError {
  return new BankFileError(message, { line: element?.line, element: element?.name });
}
