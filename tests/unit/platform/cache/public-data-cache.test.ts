import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { listProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { enablePublicDataCache, isPublicDataCacheActive, stopPublicDataCache } from '~/platform/cache/public-data-cache.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const year = new Date().getUTCFullYear();

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 20));
  }
}

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
  enablePublicDataCache();
  await listProgrammeFunding({ year }); // starts the change listener
  await waitFor(() => isPublicDataCacheActive());
});

afterAll(() => stopPublicDataCache());

describe('public data cache', () => {
  it('serves repeated reads from memory', async () => {
    const first = await listProgrammeFunding({ year });
    expect(await listProgrammeFunding({ year })).toBe(first); // the very same object: no query
  });

  it('drops cached figures when a money fact is committed, by any connection', async () => {
    const before = await listProgrammeFunding({ year });
    const db = getPrisma();
    const project = await db.project.findFirstOrThrow({ where: { programmeId: before[0]!.id } });
    const entry = await db.regularBudgetEntry.create({
      data: { programmeId: before[0]!.id, year, usdMinor: 1_000_000n, note: 'cache test' },
    });
    await db.allocation.create({
      data: { projectId: project.id, year, source: 'REGULAR_BUDGET', usdMinor: 1_000_000n, regularBudgetEntryId: entry.id },
    });
    await refreshFundingSummaries({ db });
    // The notice arrives asynchronously after commit; then the next read reloads.
    await waitFor(async () => (await listProgrammeFunding({ year })) !== before);
    const after = await listProgrammeFunding({ year });
    expect(after[0]!.fundedBySource.regularBudget).toBe(before[0]!.fundedBySource.regularBudget + 1_000_000);
  });

  it('reads inside a transaction bypass the cache', async () => {
    const cached = await listProgrammeFunding({ year });
    const fresh = await getPrisma().$transaction((tx) => listProgrammeFunding({ year, db: tx }));
    expect(fresh).not.toBe(cached);
    expect(fresh).toEqual(cached);
  });
});
