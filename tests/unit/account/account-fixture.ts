// Donors with giving for the account tests: written straight into the money tables (tests may),
// general-purpose so nothing needs allocating, then the summaries refreshed so the ledger check
// after the file still agrees. Amounts and dates are relative to the database's clock.
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { toUsdMinor } from '~/platform/money.ts';
import { accountCookie } from '~/account/account-cookie.server.ts';
import { createOwnedSession } from '~/platform/sessions/session-commands.server.ts';
import { DONOR_SESSION_TIMEOUTS } from '~/account/donor-session-commands.server.ts';
import { cookieFrom, get } from '../staff/helpers.ts';

let sequence = 0;

export async function createDonor(db: PrismaClient, email: string, overrides: { displayName?: string; erasedAt?: Date } = {}) {
  return db.donor.create({
    data: { type: 'INDIVIDUAL', email, displayName: overrides.displayName ?? email.split('@')[0]!, erasedAt: overrides.erasedAt ?? null },
  });
}

const rateOf = { USD: '1', EUR: '1.08', JPY: '0.0067', KWD: '3.25' } as const;

/** A one-off card gift, paid in full, `daysAgo` days before now. */
export async function giveOnce(
  db: PrismaClient,
  donorId: string,
  {
    currency = 'USD',
    amountMinor = 5_000n,
    daysAgo = 1,
    coversFee = false,
  }: { currency?: keyof typeof rateOf; amountMinor?: bigint; daysAgo?: number; coversFee?: boolean } = {},
) {
  sequence += 1;
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const usdRate = rateOf[currency];
  const pledge = await db.pledge.create({
    data: {
      reference: `ACC-${String(sequence).padStart(4, '0')}-${donorId.slice(0, 4).toUpperCase()}`,
      donorId,
      frequency: 'ONCE',
      method: 'CARD',
      currency,
      amountMinor,
      usdRate,
      earmarkType: 'GENERAL_PURPOSE',
      coversFee,
      pledgedAt: at,
    },
  });
  const payment = await db.payment.create({
    data: {
      donorId,
      pledgeId: pledge.id,
      method: 'CARD',
      provider: 'STRIPE',
      providerPaymentId: `pi_account_${sequence}_${donorId.slice(0, 8)}`,
      currency,
      amountMinor,
      usdRate,
      usdMinor: toUsdMinor({ amountMinor, currency, usdRate }),
      earmarkType: 'GENERAL_PURPOSE',
      receivedAt: at,
    },
  });
  return { pledge, payment };
}

/** A bank-transfer pledge in two instalments, the first paid. */
export async function pledgeInInstalments(db: PrismaClient, donorId: string, { daysAgo = 0 }: { daysAgo?: number } = {}) {
  sequence += 1;
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const pledge = await db.pledge.create({
    data: {
      reference: `ACC-${String(sequence).padStart(4, '0')}-${donorId.slice(0, 4).toUpperCase()}`,
      donorId,
      frequency: 'INSTALMENTS',
      method: 'BANK_TRANSFER',
      currency: 'EUR',
      amountMinor: 20_000n,
      usdRate: '1.08',
      earmarkType: 'GENERAL_PURPOSE',
      pledgedAt: at,
    },
  });
  const first = await db.pledgeInstalment.create({ data: { pledgeId: pledge.id, sequence: 1, dueOn: at, amountMinor: 10_000n } });
  await db.pledgeInstalment.create({
    data: { pledgeId: pledge.id, sequence: 2, dueOn: new Date(at.getTime() + 400 * 86_400_000), amountMinor: 10_000n },
  });
  const payment = await db.payment.create({
    data: {
      donorId,
      pledgeId: pledge.id,
      instalmentId: first.id,
      method: 'BANK_TRANSFER',
      provider: 'BANK',
      providerPaymentId: `bank_account_${sequence}_${donorId.slice(0, 8)}`,
      currency: 'EUR',
      amountMinor: 10_000n,
      usdRate: '1.08',
      usdMinor: toUsdMinor({ amountMinor: 10_000n, currency: 'EUR', usdRate: '1.08' }),
      earmarkType: 'GENERAL_PURPOSE',
      receivedAt: at,
    },
  });
  return { pledge, payment };
}

export async function refreshSummaries(db: PrismaClient) {
  await refreshFundingSummaries({ db });
}

/** A signed-in donor's Cookie header, as the browser would send it after /account/verify. */
export async function donorCookie(donorId: string): Promise<{ cookie: string; sessionId: string }> {
  const { secret, session } = await createOwnedSession({ donorId, timeouts: DONOR_SESSION_TIMEOUTS });
  return { cookie: cookieFrom(await accountCookie.serialize(get('/account'), secret)), sessionId: session.id };
}
