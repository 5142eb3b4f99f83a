// Who paid for what share of a project (DOMAIN.md money rule 3): a contributor's share is their
// net allocated money ÷ all net allocated money of the project, in basis points (0.01 %), rounded
// by the largest remainder (decision 025's rule) so the shares of a project's contributors add up
// to exactly 100.00 % and each is within one basis point of its exact value. Pure: a report and
// its web version, generated twice, say the same.
import { splitByLargestRemainder } from '~/ledger/largest-remainder.ts';

/** 100 % in basis points. */
export const WHOLE_IN_BASIS_POINTS = 10_000n;

/** Regular-budget money has no donor; it is one contributor of its own. */
export const REGULAR_BUDGET_CONTRIBUTOR = 'regular-budget';

export interface Contribution {
  /** A donor id, or REGULAR_BUDGET_CONTRIBUTOR */
  contributorId: string;
  /** Net allocated money (allocations minus their reversals), USD minor units */
  usdMinor: bigint;
}

/**
 * Each contributor's share of the project in basis points. Contributors with nothing left (every
 * gift refunded) get 0 and take no unit from the others; an empty project gives every share 0.
 * Ties of the largest remainder go to the larger amount, then to the smaller contributor id, so
 * the result does not depend on the order of `contributions`.
 */
export function sharesInBasisPoints(contributions: readonly Contribution[]): Map<string, bigint> {
  const weights = [...contributions]
    .map(({ contributorId, usdMinor }) => ({ id: contributorId, weight: usdMinor > 0n ? usdMinor : 0n }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = weights.some(({ weight }) => weight > 0n) ? WHOLE_IN_BASIS_POINTS : 0n;
  return new Map(splitByLargestRemainder(total, weights).map(({ id, part }) => [id, part]));
}
