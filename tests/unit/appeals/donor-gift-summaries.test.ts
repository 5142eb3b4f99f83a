// donor_gift_summaries (decision 046) after one statement that inserts gifts for more donors than
// the per-donor locks allow (the bulk path of the trigger): every donor summed, as the facts say.
import { describe, expect, it } from 'vitest';
import { checkDonorGiftSummaries } from '~/ledger/check/donor-gift-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createBenchProjects, seedDonors, seedProjectGifts } from '../../../bench/donor-seeding.ts';

describe('donor gift summaries kept by a bulk insert', () => {
  it('sums each of 1,500 donors once when one statement inserts all their payments', async () => {
    const db = getPrisma();
    const projectIds = await createBenchProjects(db, ['BULK1', 'BULK2']);
    await seedDonors(db, { count: 1_500 });
    await seedProjectGifts(db, { projectIds });
    expect(await db.donorGiftSummary.count()).toBe(1_500);
    expect(await checkDonorGiftSummaries({ db })).toEqual([]);
  });
});
