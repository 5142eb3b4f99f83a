// Stripe's test cards, as the hosted pages and the control API accept them. Spaces and dashes in
// the number are ignored; an expiry and CVC are checked when given (the page always gives them).
import { createHash } from 'node:crypto';
import type { CardDetails } from './objects.ts';

export interface CardDecline {
  code: string;
  declineCode: string | null;
  message: string;
  param: 'number' | 'exp_month' | 'exp_year' | 'cvc' | null;
}

export type CardCheck = { ok: true; card: CardDetails; disputes: boolean } | ({ ok: false } & CardDecline);

type TestCard = { brand: CardDetails['brand']; disputes?: boolean } | { decline: Omit<CardDecline, 'param'> };

const DECLINED = 'Your card was declined.';

export const TEST_CARDS: Record<string, TestCard> = {
  '4242424242424242': { brand: 'visa' },
  '5555555555554444': { brand: 'mastercard' },
  '4000000000000259': { brand: 'visa', disputes: true },
  '4000000000000002': { decline: { code: 'card_declined', declineCode: 'generic_decline', message: DECLINED } },
  '4000000000009995': {
    decline: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  },
};

function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

const fail = (code: string, message: string, param: CardDecline['param'], declineCode: string | null = null): CardCheck => ({
  ok: false,
  code,
  declineCode,
  message,
  param,
});

function parseExpiry(expiry: string | undefined, now: Date): { month: number; year: number } | CardCheck {
  if (expiry === undefined) return { month: 12, year: now.getUTCFullYear() + 5 };
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(expiry);
  if (!match) return fail('incomplete_expiry', "Your card's expiration date is incomplete.", 'exp_month');
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return fail('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  if (year * 12 + month < thisMonth) return fail('invalid_expiry_year_past', "Your card's expiration date is in the past.", 'exp_year');
  return { month, year };
}

/** What Stripe's test mode does with this card. */
export function checkCard(input: { card: string; expiry?: string; cvc?: string }, now = new Date()): CardCheck {
  const digits = input.card.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return fail('incorrect_number', 'Your card number is incorrect.', 'number');
  const expiry = parseExpiry(input.expiry, now);
  if ('ok' in expiry) return expiry;
  if (input.cvc !== undefined && !/^\d{3,4}$/.test(input.cvc.trim()))
    return fail('incomplete_cvc', "Your card's security code is incomplete.", 'cvc');
  const known = TEST_CARDS[digits];
  if (!known) {
    return fail(
      'card_declined',
      'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
      'number',
      'test_mode_live_card',
    );
  }
  if ('decline' in known) return { ok: false, ...known.decline, param: null };
  const fingerprint = createHash('sha256').update(digits).digest('base64url').slice(0, 16);
  return {
    ok: true,
    disputes: known.disputes ?? false,
    card: { brand: known.brand, last4: digits.slice(-4), expMonth: expiry.month, expYear: expiry.year, fingerprint },
  };
}
