// The currencies a donor may give in on /give, and the smallest and largest gift in each. Moved
// below the capabilities because the giving form and the programme officers' suggested amounts
// (app/programmes) both check amounts against them.

/** Currencies offered on /give (issue #4), each with its ISO 4217 exponent in money.ts. */
export const givingCurrencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'KWD'] as const;
export type GivingCurrency = (typeof givingCurrencies)[number];

export function isGivingCurrency(value: unknown): value is GivingCurrency {
  return typeof value === 'string' && (givingCurrencies as readonly string[]).includes(value);
}

/** Smallest and largest gift per currency, in minor units (about 1 USD to 10 million USD). */
export const amountLimits: Record<GivingCurrency, { min: bigint; max: bigint }> = {
  USD: { min: 100n, max: 1_000_000_000n },
  EUR: { min: 100n, max: 1_000_000_000n },
  GBP: { min: 100n, max: 1_000_000_000n },
  CHF: { min: 100n, max: 1_000_000_000n },
  JPY: { min: 100n, max: 1_500_000_000n },
  SEK: { min: 1_000n, max: 10_000_000_000n },
  NOK: { min: 1_000n, max: 10_000_000_000n },
  KWD: { min: 300n, max: 3_000_000_000n },
};
