import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByLargestRemainder } from '~/ledger/largest-remainder.ts';

const weightsArb = fc
  .array(fc.bigInt({ min: 0n, max: 10_000_000_000n }), { minLength: 1, maxLength: 40 })
  .filter((weights) => weights.some((weight) => weight > 0n))
  .map((weights) => weights.map((weight, index) => ({ id: `o${index}`, weight })));

const sumOf = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

describe('splitByLargestRemainder', () => {
  it('works a small case by hand: 10 over 1:1:1 gives the extra unit to the first', () => {
    const parts = splitByLargestRemainder(10n, [
      { id: 'a', weight: 5n },
      { id: 'b', weight: 5n },
      { id: 'c', weight: 5n },
    ]);
    expect(parts.map((p) => p.part)).toEqual([4n, 3n, 3n]);
  });

  it('gives the leftover units to the largest remainders, then the larger weight', () => {
    // exact shares need no rounding
    expect(
      splitByLargestRemainder(100n, [
        { id: 'a', weight: 2n },
        { id: 'b', weight: 3n },
        { id: 'c', weight: 5n },
      ]).map((p) => p.part),
    ).toEqual([20n, 30n, 50n]);
    // 8 over 1:2:4: exact 1.14, 2.29, 4.57; floors 1, 2, 4 and the last unit to the largest remainder (.57)
    expect(
      splitByLargestRemainder(8n, [
        { id: 'a', weight: 1n },
        { id: 'b', weight: 2n },
        { id: 'c', weight: 4n },
      ]).map((p) => p.part),
    ).toEqual([1n, 2n, 5n]);
    // 1 over 3:3:6: remainders 3, 3, 6 (of 12): the unit goes to c
    expect(
      splitByLargestRemainder(1n, [
        { id: 'a', weight: 3n },
        { id: 'b', weight: 3n },
        { id: 'c', weight: 6n },
      ]).map((p) => p.part),
    ).toEqual([0n, 0n, 1n]);
  });

  it('refuses a negative total, negative weights and a total with nothing to go to', () => {
    expect(() => splitByLargestRemainder(-1n, [{ id: 'a', weight: 1n }])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(1n, [{ id: 'a', weight: -1n }])).toThrow(RangeError);
    expect(() => splitByLargestRemainder(1n, [{ id: 'a', weight: 0n }])).toThrow(RangeError);
    expect(splitByLargestRemainder(0n, [{ id: 'a', weight: 0n }])).toEqual([{ id: 'a', part: 0n }]);
  });

  it('properties: exact sum, no negative part, none above its weight, within one unit of the exact share, deterministic', () => {
    fc.assert(
      fc.property(
        weightsArb.chain((weights) => fc.tuple(fc.constant(weights), fc.bigInt({ min: 0n, max: sumOf(weights.map((w) => w.weight)) }))),
        ([weights, total]) => {
          const parts = splitByLargestRemainder(total, weights);
          const sum = sumOf(weights.map((w) => w.weight));
          expect(sumOf(parts.map((p) => p.part))).toBe(total);
          expect(parts.map((p) => p.id)).toEqual(weights.map((w) => w.id));
          parts.forEach(({ part }, index) => {
            const weight = weights[index]!.weight;
            expect(part >= 0n).toBe(true);
            expect(part <= weight).toBe(true);
            // |part − total·w/sum| < 1  ⇔  |part·sum − total·w| < sum
            const diff = part * sum - total * weight;
            expect((diff < 0n ? -diff : diff) < sum).toBe(true);
          });
          expect(splitByLargestRemainder(total, weights)).toEqual(parts);
        },
      ),
      { numRuns: 300, seed: 25 },
    );
  });

  it('property: a larger weight never gets a smaller part (monotone)', () => {
    fc.assert(
      fc.property(weightsArb, fc.bigInt({ min: 0n, max: 1_000_000_000n }), (weights, total) => {
        const parts = splitByLargestRemainder(total, weights);
        for (let i = 0; i < weights.length; i++)
          for (let j = 0; j < weights.length; j++)
            if (weights[i]!.weight > weights[j]!.weight) expect(parts[i]!.part >= parts[j]!.part).toBe(true);
      }),
      { numRuns: 200, seed: 26 },
    );
  });
});
