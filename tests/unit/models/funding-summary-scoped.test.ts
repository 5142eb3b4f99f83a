import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../prisma/seed.ts';
import { refreshFundingSummaries, verifyFundingSummaries } from '~/models/funding-summary.server.ts';
import { getPrisma } from '~/utils/db.server.ts';

describe('scoped refresh', () => {
  it('rebuilds only the projects it is given, and leaves them equal to the facts', async () => {
    const db = getPrisma();
    await seedDemoData({ db });
    const [first, second] = await db.project.findMany({ take: 2, orderBy: { code: 'asc' } });
    const year = new Date().getUTCFullYear();
    await db.$transaction(async (tx) => {
      const entry = await tx.regularBudgetEntry.create({ data: { programmeId: first!.programmeId, year, usdMinor: 777_00n } });
      await tx.allocation.create({ data: { projectId: first!.id, year, source: 'REGULAR_BUDGET', usdMinor: 777_00n, regularBudgetEntryId: entry.id } });
      await refreshFundingSummaries({ db: tx, projectIds: [first!.id] });
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    const untouched = await db.fundingSummary.findMany({ where: { projectId: second!.id } });
    const seededAt = await db.fundingSummary.findFirstOrThrow({ where: { projectId: first!.id, year } });
    expect(untouched.every((row) => row.refreshedAt < seededAt.refreshedAt)).toBe(true);
  });
});
