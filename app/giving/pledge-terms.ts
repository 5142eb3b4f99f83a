// What a /give request means for the ledger: the donor's details, the consents with their words,
// and the pledge's terms (method, frequency, total with the covered fee, instalment schedule).
// Pure: the ledger records these terms as they are and knows nothing of the form.
import type { ConsentToRecord, NewPledgeTerms, ScheduleLine } from '~/ledger/pledge-commands.server.ts';
import type { DonorDetails } from '~/ledger/donor-profile-commands.server.ts';
import { donorDisplayName, donorTypeColumn } from '~/ledger/donor-profile.ts';
import { cardAmountStep, type GiveRequest } from './give-schema.ts';
import { coveredFeeMinor } from './fee-cover.ts';

/** Adds whole months to a date (UTC), keeping the day or the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/**
 * Splits a total into `count` instalments in minor units: equal parts (multiples of `step`), the
 * remainder on the first, so the parts always add up to the total exactly.
 */
export function splitIntoInstalments(totalMinor: bigint, count: number, step = 1n): bigint[] {
  const part = (totalMinor / BigInt(count) / step) * step;
  const remainder = totalMinor - part * BigInt(count);
  return Array.from({ length: count }, (_, index) => (index === 0 ? part + remainder : part));
}

/** The instalments a request implies: one due today for a one-off gift, none for monthly. */
export function instalmentSchedule(request: GiveRequest, totalMinor: bigint, today: Date, step = 1n): ScheduleLine[] {
  if (request.frequency === 'monthly') return [];
  if (request.frequency === 'once') return [{ sequence: 1, dueOn: today, amountMinor: totalMinor }];
  const first = new Date(`${request.firstDueOn}T00:00:00Z`);
  const interval = request.intervalMonths ?? 1;
  return splitIntoInstalments(totalMinor, request.instalmentCount ?? 2, step).map((amountMinor, index) => ({
    sequence: index + 1,
    dueOn: addMonths(first, index * interval),
    amountMinor,
  }));
}

/** The donor as the form describes them. */
export function donorDetailsOf(request: GiveRequest): DonorDetails {
  return {
    email: request.email,
    type: donorTypeColumn[request.donorType],
    displayName: donorDisplayName(request),
    givenName: request.givenName,
    familyName: request.familyName,
    organisationName: request.organisationName ?? null,
    organisationId: request.organisationId ?? null,
    countryCode: request.countryCode ?? null,
    locale: request.locale,
    isAnonymous: request.isAnonymous,
  };
}

/** The consents the donor ticked, with the exact words they were shown. */
export function consentsOf(request: GiveRequest): ConsentToRecord[] {
  return [
    request.consentImpactReports ? ({ kind: 'IMPACT_REPORTS', wording: request.consentWording?.impactReports } as const) : null,
    request.consentAppeals ? ({ kind: 'APPEALS', wording: request.consentWording?.appeals } as const) : null,
  ].filter((consent) => consent !== null);
}

/** The pledge's terms on `now`: the fee a card donor covers is added, and the schedule follows. */
export function pledgeTermsOf(request: GiveRequest, now: Date): NewPledgeTerms {
  const method = request.method === 'card' ? 'CARD' : 'BANK_TRANSFER';
  // Covering the fee only makes sense for card payments; a transfer has no card fee to cover.
  const coversFee = method === 'CARD' && request.coversFee;
  // Card amounts of three-decimal currencies move in steps of 10 (Stripe): round the fee up to one.
  const step = method === 'CARD' ? cardAmountStep(request.currency) : 1n;
  const fee = coversFee ? coveredFeeMinor(request.amountMinor, request.currency) : 0n;
  const totalMinor = request.amountMinor + fee;
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return {
    frequency: request.frequency === 'once' ? 'ONCE' : request.frequency === 'monthly' ? 'MONTHLY' : 'INSTALMENTS',
    method,
    currency: request.currency,
    amountMinor: totalMinor,
    isAnonymous: request.isAnonymous,
    dedication: request.dedication ?? null,
    coversFee,
    schedule: instalmentSchedule(request, totalMinor, today, step),
  };
}
