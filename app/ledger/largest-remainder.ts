// The rule of decision 025: a total shared out in proportion to weights, in whole minor units,
// by the largest-remainder (Hamilton) method. Pure: impact reports and refunds rely on getting
// the same parts from the same inputs.

export interface Weighted<Id extends string = string> {
  id: Id;
  weight: bigint;
}

export interface Part<Id extends string = string> {
  id: Id;
  part: bigint;
}

/**
 * Splits `total` (≥ 0) over `weights` (each ≥ 0, at least one positive when total > 0) so that
 * the parts add up to `total` exactly and each is ⌊total × weight ÷ Σweights⌋ or one more. The
 * units left after the floors go to the largest remainders; ties go to the larger weight, then
 * to the earlier entry of `weights` (callers list origins oldest first). Parts come back in the
 * order of `weights`.
 */
export function splitByLargestRemainder<Id extends string>(total: bigint, weights: readonly Weighted<Id>[]): Part<Id>[] {
  if (total < 0n) throw new RangeError('the total to split must not be negative');
  let sum = 0n;
  for (const { id, weight } of weights) {
    if (weight < 0n) throw new RangeError(`weight of ${id} is negative`);
    sum += weight;
  }
  if (sum === 0n) {
    if (total === 0n) return weights.map(({ id }) => ({ id, part: 0n }));
    throw new RangeError('nothing to split the total over: every weight is zero');
  }
  const floors = weights.map(({ id, weight }, index) => ({
    id,
    index,
    weight,
    part: (total * weight) / sum,
    remainder: (total * weight) % sum,
  }));
  let left = total - floors.reduce((acc, entry) => acc + entry.part, 0n);
  const byClaim = [...floors].sort((a, b) => compareDesc(a.remainder, b.remainder) || compareDesc(a.weight, b.weight) || a.index - b.index);
  // left < number of positive-remainder entries, so one unit each never runs past them
  for (const entry of byClaim) {
    if (left === 0n) break;
    entry.part += 1n;
    left -= 1n;
  }
  return floors.map(({ id, part }) => ({ id, part }));
}

function compareDesc(a: bigint, b: bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
