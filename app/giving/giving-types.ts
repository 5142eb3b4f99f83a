// Shapes the giving routes and the giving service exchange (app/giving/giving.server.ts).
// Plain data only, so route components can import the types.

/** Where the browser goes after the pledge action. */
export type StartGivingResult =
  /** Card or wallet: the pledge exists; send the donor to Stripe's hosted Checkout page. */
  | { kind: 'checkout'; url: string }
  /** Bank transfer: the pledge exists; show /give/transfer/:reference (instructions also emailed). */
  | { kind: 'bank-transfer'; reference: string }
  /** Instalments by card: the pledge exists; /give/pledge/:reference lists the schedule and pays each. */
  | { kind: 'pledge'; reference: string };

/** A reason the giving service refused a valid-looking form; each has an i18n key "give:errors.<code>". */
export type GivingErrorCode =
  | 'unknownProgramme'
  | 'unknownProject'
  | 'unknownAppeal'
  | 'closedProject'
  | 'noExchangeRate'
  | 'providerUnavailable'
  /** Pay-an-instalment: no such pledge/instalment for this link, or not a card pledge. */
  | 'unknownPledge'
  | 'alreadyPaid';

export interface ScheduledInstalment {
  id: string;
  sequence: number;
  /** YYYY-MM-DD */
  dueOn: string;
  amountMinor: string;
  paidMinor: string;
  status: 'paid' | 'partly-paid' | 'due' | 'overdue' | 'written-off';
}

export interface EarmarkSummary {
  kind: 'general' | 'programme' | 'project';
  /** Programme slug or project code; absent for general-purpose. */
  key?: string;
  /** Title in the reader's language (programme or project), absent for general-purpose. */
  title?: string;
}

/** A pledge as its donor sees it after giving (no other donor's data). */
export interface PledgeOverview {
  reference: string;
  frequency: 'once' | 'monthly' | 'instalments';
  method: 'card' | 'bank_transfer';
  currency: string;
  /** Minor units as a decimal string (JSON-safe). */
  amountMinor: string;
  earmark: EarmarkSummary;
  donorDisplayName: string;
  pledgedAt: string;
  instalments: ScheduledInstalment[];
  cancelled: boolean;
}

/** What the thank-you page shows; it never decides that something is paid, the webhooks do. */
export interface CheckoutStatus {
  status: 'processing' | 'paid' | 'failed' | 'expired' | 'unknown';
  pledge: PledgeOverview | null;
  /** What this Checkout charges (or charged, once paid): one instalment of a pledge, not its total. */
  payment?: CheckoutPayment | null;
}

/** The money of one Checkout session, in the pledge's currency. */
export interface CheckoutPayment {
  /** Minor units as a decimal string: what was received once paid, else what the session charges. */
  amountMinor: string;
  /** The instalment this session pays (sequence of count), absent for one-off and monthly gifts. */
  instalment?: { sequence: number; count: number };
}

export interface BankDetails {
  accountName: string;
  bankName: string;
  iban: string;
  bic: string;
  bankAddress: string;
}

export interface BankTransferInstructions {
  pledge: PledgeOverview;
  bank: BankDetails;
}
