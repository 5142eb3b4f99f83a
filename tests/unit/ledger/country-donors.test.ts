// A country's first donors found through their bounds (decision 062) equal the plain answer — every
// donor summed over the years, ordered by sum then key, the first `limit` — whatever the years, the
// limit, negative rows, ties, or loose bounds that make the search read further. The rows are
// written straight into country_donor_years and country_donor_bounds inside a transaction that is
// rolled back: this checks the search, and the ledger check compares the tables with the facts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Prisma } from '~/generated/prisma/client.ts';
import { queryPlaceDonors } from '~/ledger/donor-giving-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

const COUNTRY = 'ZW';
const TYPES = ['MEMBER_STATE', 'COMPANY', 'FOUNDATION', 'INTERGOVERNMENTAL'] as const;

interface Row {
  key: string;
  year: number;
  type: string;
  usd: bigint;
}

class Rollback extends Error {}

/** Runs `check` against the rows in a transaction that is always rolled back. */
async function withRows(rows: Row[], boundScale: bigint, check: (tx: DbClient) => Promise<void>): Promise<void> {
  try {
    await getPrisma().$transaction(
      async (tx) => {
        const bounds = new Map<string, bigint>();
        for (const row of rows) bounds.set(row.key, (bounds.get(row.key) ?? 0n) + (row.usd > 0n ? row.usd : 0n));
        for (let start = 0; start < rows.length; start += 1000) {
          const chunk = rows.slice(start, start + 1000);
          await tx.$executeRaw`INSERT INTO country_donor_years ("countryCode", "donorKey", year, "donorType", "allocatedUsdMinor") VALUES ${Prisma.join(
            chunk.map((row) => Prisma.sql`(${COUNTRY}, ${row.key}, ${row.year}, ${row.type}::"DonorType", ${row.usd})`),
          )}`;
        }
        const positive = [...bounds].filter(([, bound]) => bound > 0n);
        if (positive.length > 0)
          await tx.$executeRaw`INSERT INTO country_donor_bounds ("countryCode", "donorKey", "boundUsdMinor") VALUES ${Prisma.join(
            positive.map(([key, bound]) => Prisma.sql`(${COUNTRY}, ${key}, ${bound * boundScale})`),
          )}`;
        await check(tx);
        throw new Rollback();
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** The plain answer: every donor's sum over the years, non-zero, largest first then by key in byte order. */
function expected(rows: Row[], fromYear: number, toYear: number, limit: number) {
  const sums = new Map<string, { type: string; usd: bigint }>();
  for (const row of rows.filter((r) => r.year >= fromYear && r.year <= toYear)) {
    const entry = sums.get(row.key) ?? { type: row.type, usd: 0n };
    entry.usd += row.usd;
    sums.set(row.key, entry);
  }
  const byType = new Map<string, bigint>();
  for (const { type, usd } of sums.values()) byType.set(type, (byType.get(type) ?? 0n) + usd);
  const donors = [...sums]
    .filter(([, entry]) => entry.usd !== 0n)
    .sort(([keyA, a], [keyB, b]) => (a.usd === b.usd ? (keyA < keyB ? -1 : 1) : a.usd > b.usd ? -1 : 1))
    .slice(0, limit)
    .map(([key, entry]) => ({ key, donorType: entry.type, allocatedUsdMinor: Number(entry.usd) }));
  const types = [...byType]
    .filter(([, usd]) => usd !== 0n)
    .sort(([typeA, a], [typeB, b]) => (a === b ? (typeA < typeB ? -1 : 1) : a > b ? -1 : 1))
    .map(([donorType, usd]) => ({ donorType, allocatedUsdMinor: Number(usd) }));
  return { donors, byType: types };
}

async function found(tx: DbClient, fromYear: number, toYear: number, limit: number) {
  const result = await queryPlaceDonors({ db: tx, countryCode: COUNTRY, fromYear, toYear, limit });
  return {
    donors: result.donors.map((donor) => ({
      key: donor.donorId ?? `${donor.kind}:${donor.donorType}`,
      donorType: donor.donorType,
      allocatedUsdMinor: donor.allocatedUsdMinor,
    })),
    byType: result.byType,
  };
}

/** A deterministic pseudo-random sequence (the same rows every run). */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** `donors` institutions giving in some of 2019–2026, a share of rows negative (reversals taken back later). */
function ledger(donors: number, seed: number, { negativeShare = 0.1, amounts = 1_000_000 } = {}): Row[] {
  const random = sequence(seed);
  const rows: Row[] = [];
  for (let index = 0; index < donors; index += 1) {
    const key = randomUUID();
    const type = TYPES[index % TYPES.length]!;
    for (let year = 2019; year <= 2026; year += 1) {
      if (random() < 0.4) continue;
      const usd = BigInt(Math.floor(random() * amounts) + 1);
      rows.push({ key, year, type, usd: random() < negativeShare ? -usd : usd });
    }
  }
  // The groups that are never named: people and anonymous gifts of a type.
  for (const key of ['people:INDIVIDUAL', 'anonymous:COMPANY']) {
    for (let year = 2019; year <= 2026; year += 1) {
      rows.push({ key, year, type: key.split(':')[1]!, usd: BigInt(Math.floor(random() * amounts * 3)) + 1n });
    }
  }
  return rows;
}

const RANGES: [number, number][] = [
  [2019, 2026],
  [2022, 2026],
  [2024, 2025],
  [2026, 2026],
  [2019, 2019],
  [2010, 2012],
];

describe('a country’s donors through their bounds', () => {
  it('equal the plain answer for every year range and limit, with negative rows', async () => {
    const rows = ledger(400, 7);
    await withRows(rows, 1n, async (tx) => {
      for (const [fromYear, toYear] of RANGES) {
        for (const limit of [1, 3, 50, 500]) {
          expect(await found(tx, fromYear, toYear, limit), `${fromYear}–${toYear} limit ${limit}`).toEqual(
            expected(rows, fromYear, toYear, limit),
          );
        }
      }
    });
  });

  it('equal it when the bounds are loose (the search reads several rounds) and when amounts tie', async () => {
    const loose = ledger(700, 11);
    await withRows(loose, 40n, async (tx) => {
      for (const [fromYear, toYear] of RANGES.slice(0, 4)) {
        expect(await found(tx, fromYear, toYear, 50), `loose ${fromYear}–${toYear}`).toEqual(expected(loose, fromYear, toYear, 50));
      }
    });
    // Amounts from 1 to 3: almost every sum ties with many others, so the key decides the order.
    const ties = ledger(300, 13, { amounts: 3, negativeShare: 0 });
    await withRows(ties, 1n, async (tx) => {
      for (const [fromYear, toYear] of RANGES.slice(0, 4)) {
        expect(await found(tx, fromYear, toYear, 50), `ties ${fromYear}–${toYear}`).toEqual(expected(ties, fromYear, toYear, 50));
      }
    });
  });

  it('list donors who only took money back when fewer than the limit gave, as the plain answer does', async () => {
    const rows = ledger(30, 17, { negativeShare: 0.6 });
    await withRows(rows, 1n, async (tx) => {
      const answer = expected(rows, 2019, 2026, 50);
      expect(answer.donors.some((donor) => donor.allocatedUsdMinor < 0)).toBe(true);
      expect(await found(tx, 2019, 2026, 50)).toEqual(answer);
    });
  });
});
