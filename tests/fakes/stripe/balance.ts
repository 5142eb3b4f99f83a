// Balance transactions: what a succeeded charge adds to the account's balance, as Stripe reports it
// (GET /v1/balance_transactions/:id, or `expand[]=latest_charge.balance_transaction` on a
// PaymentIntent). The emulated account settles in US dollars, like a default US Stripe account:
// a charge in another currency is converted at the emulator's own rate (`exchange_rate`), and the
// fee is Stripe's US list price (2.9 % + 30 cents, plus 1 % when converting), in the balance's currency.
import type Stripe from 'stripe';
import { currencyExponent } from './money.ts';
import { newId, nowSeconds } from './objects.ts';
import type { Store } from './store.ts';

/** The account's settlement currency. */
export const SETTLEMENT_CURRENCY = 'usd';

/** USD per major unit for the currencies the portal takes (Stripe's own rate of the day, emulated). */
export const EMULATED_USD_RATES: Record<string, number> = {
  eur: 1.0712,
  gbp: 1.269,
  chf: 1.1175,
  jpy: 0.006691,
  sek: 0.0952,
  nok: 0.0931,
  kwd: 3.2531,
};

/** The fee on `amount` (minor units of the settlement currency). */
export function emulatedFee(amount: number, converted: boolean): number {
  const percent = converted ? 3.9 : 2.9;
  return Math.round((amount * percent) / 100) + 30;
}

/** Creates the charge's balance transaction and points `charge.balance_transaction` at it. */
export function settleCharge(store: Store, charge: Stripe.Charge): Stripe.BalanceTransaction {
  const rate = charge.currency === SETTLEMENT_CURRENCY ? undefined : EMULATED_USD_RATES[charge.currency];
  // A currency without an emulated rate settles as it is (Stripe supports settling in several).
  const currency = rate === undefined ? charge.currency : SETTLEMENT_CURRENCY;
  const scale = 10 ** (currencyExponent(SETTLEMENT_CURRENCY) - currencyExponent(charge.currency));
  const amount = rate === undefined ? charge.amount : Math.round(charge.amount * rate * scale);
  const fee = emulatedFee(amount, rate !== undefined);
  const created = nowSeconds();
  const transaction: Stripe.BalanceTransaction = {
    id: newId('txn_'),
    object: 'balance_transaction',
    amount,
    available_on: created + 2 * 86_400,
    balance_type: 'payments',
    created,
    currency,
    description: charge.description,
    exchange_rate: rate ?? null,
    fee,
    fee_details: [{ amount: fee, application: null, currency, description: 'Stripe processing fees', type: 'stripe_fee' }],
    net: amount - fee,
    reporting_category: 'charge',
    source: charge.id,
    status: 'pending',
    type: 'charge',
  };
  store.put<'balance_transaction'>(transaction);
  charge.balance_transaction = transaction.id;
  return transaction;
}
