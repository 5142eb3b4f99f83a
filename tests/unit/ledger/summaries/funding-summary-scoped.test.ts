import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import type { Prisma } from '~/generated/prisma/client.ts';
import { refreshFundingSummaries, verifyFundingSummaries, type SummaryTouch } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const year = new Date().getUTCFullYear();

beforeAll(async () => {
  await seedDemoData({ db: getPrisma() });
});

/** Writes facts and refreshes what they touched in one transaction, as a money writer does. */
async function write(work: (tx: Prisma.TransactionClient) => Promise<SummaryTouch>) {
  await getPrisma().$transaction(async (tx) => refreshFundingSummaries({ db: tx, ...(await work(tx)) }));
}

describe('scoped refresh', () => {
  it('rebuilds only the projects it is given, and leaves them equal to the facts', async () => {
    const db = getPrisma();
    const [first, second] = await db.project.findMany({ take: 2, orderBy: { code: 'asc' } });
    await write(async (tx) => {
      const entry = await tx.regularBudgetEntry.create({ data: { programmeId: first!.programmeId, year, usdMinor: 777_00n } });
      await tx.allocation.create({
        data: { projectId: first!.id, year, source: 'REGULAR_BUDGET', usdMinor: 777_00n, regularBudgetEntryId: entry.id },
      });
      return { projectIds: [first!.id], programmeIds: [first!.programmeId] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    const untouched = await db.fundingSummary.findMany({ where: { projectId: second!.id } });
    const seededAt = await db.fundingSummary.findFirstOrThrow({ where: { projectId: first!.id, year } });
    expect(untouched.every((row) => row.refreshedAt < seededAt.refreshedAt)).toBe(true);
  });

  it('keeps every table exact through a writer-like sequence: gift, promise, payment, refund, cancellation, anonymity', async () => {
    const db = getPrisma();
    const project = await db.project.findFirstOrThrow({ orderBy: { code: 'desc' } });
    const donor = await db.donor.create({ data: { type: 'FOUNDATION', displayName: 'Scoped Refresh Foundation', countryCode: 'NO' } });
    const at = new Date(Date.UTC(year, 0, 15));
    const payFor = (
      tx: Prisma.TransactionClient,
      data: { pledgeId?: string; instalmentId?: string; amountMinor: bigint; earmarkType: 'PROJECT' | 'GENERAL_PURPOSE' },
    ) =>
      tx.payment.create({
        data: {
          donorId: donor.id,
          pledgeId: data.pledgeId ?? null,
          instalmentId: data.instalmentId ?? null,
          method: 'BANK_TRANSFER',
          provider: 'BANK',
          currency: 'USD',
          amountMinor: data.amountMinor,
          usdRate: '1',
          usdMinor: data.amountMinor,
          earmarkType: data.earmarkType,
          projectId: data.earmarkType === 'PROJECT' ? project.id : null,
          receivedAt: at,
        },
      });

    // A general-purpose gift with no pledge, half of it allocated by staff.
    await write(async (tx) => {
      const payment = await payFor(tx, { amountMinor: 40_000n, earmarkType: 'GENERAL_PURPOSE' });
      await tx.allocation.create({
        data: { projectId: project.id, year, source: 'GENERAL_PURPOSE', usdMinor: 20_000n, paymentId: payment.id },
      });
      return { donorIds: [donor.id], projectIds: [project.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);

    // A promise in two instalments to the project; the first paid and allocated.
    const pledge = await db.$transaction(async (tx) => {
      const created = await tx.pledge.create({
        data: {
          reference: 'SCOPED-1',
          donorId: donor.id,
          frequency: 'INSTALMENTS',
          method: 'BANK_TRANSFER',
          currency: 'USD',
          amountMinor: 90_000n,
          usdRate: '1',
          earmarkType: 'PROJECT',
          projectId: project.id,
          pledgedAt: at,
        },
      });
      await tx.pledgeInstalment.createMany({
        data: [
          { pledgeId: created.id, sequence: 1, dueOn: at, amountMinor: 45_000n },
          { pledgeId: created.id, sequence: 2, dueOn: new Date(Date.UTC(year + 1, 0, 15)), amountMinor: 45_000n },
        ],
      });
      await refreshFundingSummaries({ db: tx, pledgeIds: [created.id] });
      return created;
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    const [first] = await db.pledgeInstalment.findMany({ where: { pledgeId: pledge.id }, orderBy: { sequence: 'asc' } });
    let paymentId = '';
    await write(async (tx) => {
      const payment = await payFor(tx, { pledgeId: pledge.id, instalmentId: first!.id, amountMinor: 45_000n, earmarkType: 'PROJECT' });
      paymentId = payment.id;
      await tx.allocation.create({ data: { projectId: project.id, year, source: 'EARMARKED', usdMinor: 45_000n, paymentId: payment.id } });
      return { pledgeIds: [pledge.id], donorIds: [donor.id], projectIds: [project.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);

    // Part of that payment refunded (the allocation reversed with it), then the pledge cancelled.
    await write(async (tx) => {
      const reversal = await tx.reversal.create({ data: { paymentId, kind: 'REFUND', amountMinor: 5_000n, usdMinor: 5_000n } });
      await tx.allocation.create({
        data: { projectId: project.id, year, source: 'EARMARKED', usdMinor: -5_000n, paymentId, reversalId: reversal.id },
      });
      return { pledgeIds: [pledge.id], donorIds: [donor.id], projectIds: [project.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    await write(async (tx) => {
      await tx.pledgeEvent.create({ data: { pledgeId: pledge.id, kind: 'CANCELLED', reason: 'test' } });
      return { pledgeIds: [pledge.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);

    // The donor turns out to be a company: every table keyed or labelled by donor type follows.
    await write(async (tx) => {
      await tx.donor.update({ where: { id: donor.id }, data: { type: 'COMPANY' } });
      return { donorIds: [donor.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    expect((await db.programmeDonorAllocation.findMany({ where: { donorId: donor.id } })).map((row) => row.donorType)).toEqual(['COMPANY']);
    await write(async (tx) => {
      await tx.donor.update({ where: { id: donor.id }, data: { type: 'FOUNDATION' } });
      return { donorIds: [donor.id] };
    });

    // The donor asks to be anonymous: everything they gave moves to the anonymous pool.
    await write(async (tx) => {
      await tx.donor.update({ where: { id: donor.id }, data: { isAnonymous: true } });
      return { donorIds: [donor.id] };
    });
    expect(await verifyFundingSummaries({ db })).toEqual([]);
    const shown = await db.programmeDonorAllocation.findMany({
      where: { OR: [{ donorId: donor.id }, { donorKey: 'anonymous:FOUNDATION' }] },
    });
    expect(shown.every((row) => row.donorId === null)).toBe(true);
    expect(await db.donorContributionTotal.findUnique({ where: { donorKey: donor.id } })).toBeNull();
  });
});
