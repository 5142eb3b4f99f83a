// The identity of a bank credit (decision 026): the bank's own references with the account,
// booking date, currency and amount, hashed. The same credit in an overlapping statement gets the
// same identity; two credits with no reference that look alike in one statement are told apart by
// their order of appearance among those alike.
import { createHash } from 'node:crypto';
import type { ParsedCredit } from './bank-statement.ts';

/** Identities of a statement's credits, in order. */
export function identitiesOf(iban: string, credits: readonly ParsedCredit[]): string[] {
  const seen = new Map<string, number>();
  return credits.map((credit) => {
    const hasReference = Boolean(credit.accountServicerRef || credit.endToEndId || credit.entryRef);
    const parts = [
      iban,
      credit.bookingDate,
      credit.currency,
      credit.amountMinor.toString(),
      credit.accountServicerRef ?? '',
      credit.entryRef ?? '',
      credit.endToEndId ?? '',
      // Without any bank reference, what the remitter wrote is the next best tell
      hasReference ? '' : `${credit.remittance}|${credit.structuredRef ?? ''}|${credit.debtorName ?? ''}`,
    ].join('|');
    const occurrence = (seen.get(parts) ?? 0) + 1;
    seen.set(parts, occurrence);
    return createHash('sha256').update(`${parts}#${occurrence}`).digest('hex');
  });
}

/** A pledge reference quoted in remittance information ("CPJ-7K3M-9Q2X", also without dashes). */
export function pledgeReferenceIn(...texts: (string | null)[]): string | null {
  for (const text of texts) {
    const match = text ? /CPJ[\s-]?([0-9A-Z]{4})[\s-]?([0-9A-Z]{4})(?![0-9A-Z])/i.exec(text) : null;
    if (match) return `CPJ-${match[1]}-${match[2]}`.toUpperCase();
  }
  return null;
}
