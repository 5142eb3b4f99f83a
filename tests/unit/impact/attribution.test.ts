// Shares of a project's contributors (attribution.ts): they add up to exactly 100.00 %, each is
// within one basis point of its exact value, and the order the contributions come in changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharesInBasisPoints, WHOLE_IN_BASIS_POINTS } from '~/impact/attribution.ts';

const contributions = fc.uniqueArray(
  fc.record({
    contributorId: fc.string({ unit: fc.constantFrom(...'abcdef0123'), minLength: 1, maxLength: 6 }),
    usdMinor: fc.bigInt({ min: -5_000n, max: 10_000_000_000n }),
  }),
  { selector: (entry) => entry.contributorId, minLength: 1, maxLength: 30 },
);

describe('sharesInBasisPoints', () => {
  it('adds up to 10,000 basis points, each within one of its exact share, whatever the order', () => {
    fc.assert(
      fc.property(contributions, (list) => {
        const shares = sharesInBasisPoints(list);
        const positive = list.filter((entry) => entry.usdMinor > 0n);
        const total = positive.reduce((sum, entry) => sum + entry.usdMinor, 0n);
        const sum = [...shares.values()].reduce((acc, share) => acc + share, 0n);
        expect(sum).toBe(total > 0n ? WHOLE_IN_BASIS_POINTS : 0n);
        for (const entry of list) {
          const share = shares.get(entry.contributorId)!;
          if (entry.usdMinor <= 0n) {
            expect(share).toBe(0n);
            continue;
          }
          const diff = share * total - WHOLE_IN_BASIS_POINTS * entry.usdMinor;
          expect((diff < 0n ? -diff : diff) < total).toBe(true);
        }
        expect(sharesInBasisPoints([...list].reverse())).toEqual(shares);
      }),
      { seed: 1313 },
    );
  });

  it('gives the unit left over to the larger amount, then to the smaller id', () => {
    // 1/3 each: 3,333 + 3,333 + 3,333 = 9,999; one unit left, equal remainders and amounts → smallest id
    expect(
      sharesInBasisPoints([
        { contributorId: 'c', usdMinor: 100n },
        { contributorId: 'a', usdMinor: 100n },
        { contributorId: 'b', usdMinor: 100n },
      ]),
    ).toEqual(
      new Map([
        ['a', 3_334n],
        ['b', 3_333n],
        ['c', 3_333n],
      ]),
    );
    // 300 of 700 = 4,285.71…; 400 of 700 = 5,714.28… → 4,286 and 5,714
    expect(
      sharesInBasisPoints([
        { contributorId: 'd', usdMinor: 300n },
        { contributorId: 'e', usdMinor: 400n },
      ]),
    ).toEqual(
      new Map([
        ['d', 4_286n],
        ['e', 5_714n],
      ]),
    );
  });
});
