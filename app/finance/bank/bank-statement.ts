// What a parsed bank file holds, whatever its format: statements of one account, each with the
// credit transactions that may be contributions. Amounts are minor units (app/platform/money.ts).

/** One credit as the bank reported it; a batched camt entry gives one per transaction detail. */
export interface ParsedCredit {
  /** YYYY-MM-DD */
  bookingDate: string;
  valueDate: string | null;
  currency: string;
  /** What arrived on the account for this transaction (net of any bank charges) */
  amountMinor: bigint;
  /** What the remitter instructed (AmtDtls/InstdAmt), when the bank says so in the same currency */
  instructedMinor: bigint | null;
  /** Bank charges deducted on the way, when reported */
  chargeMinor: bigint;
  accountServicerRef: string | null;
  entryRef: string | null;
  endToEndId: string | null;
  /** Unstructured remittance lines joined with a space */
  remittance: string;
  /** Structured creditor reference (RmtInf/Strd/CdtrRefInf/Ref) */
  structuredRef: string | null;
  debtorName: string | null;
  /** Where it is in the file, for messages */
  line: number;
}

export interface ParsedStatement {
  iban: string;
  /** The bank's statement id (camt Stmt/Id), or a name made from the file for CSV */
  statementRef: string;
  /** YYYY-MM-DD or null when the file does not say */
  fromDate: string | null;
  toDate: string | null;
  credits: ParsedCredit[];
  /** Debits seen and skipped (contributions are credits only; decision 026) */
  debitsSkipped: number;
}

/** The gross a credit settles: the instructed amount when known, otherwise what arrived. */
export function grossOf(credit: Pick<ParsedCredit, 'amountMinor' | 'instructedMinor'>): bigint {
  return credit.instructedMinor ?? credit.amountMinor;
}

/** A real YYYY-MM-DD day (2026-04-31 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}
