// What counts as a promise (funding.server.ts, definitions): INSTALMENTS pledges and ONCE pledges
// not paid by card. A one-off card gift's pledge row is written before the Stripe Checkout
// session, so an abandoned checkout must add nothing to pledged-unpaid or to "pledged".
import { beforeAll, describe, expect, test } from 'vitest';
import { getIatiData } from '~/funding/iati/iati-queries.server.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { listContributions } from '~/funding/funding-report-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let donorId: string;
let counter = 0;

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
  const donor = await getPrisma().donor.create({ data: { type: 'COMPANY', displayName: 'Promise Test Ltd' } });
  donorId = donor.id;
  await refreshFundingSummaries();
});

/** A USD pledge to project A1 with one instalment due 2025-06-01, written as the giving flow would, summaries refreshed. */
async function pledgeToA1(frequency: 'ONCE' | 'INSTALMENTS', method: 'CARD' | 'BANK_TRANSFER', amountMinor: bigint) {
  const db = getPrisma();
  return db.$transaction(async (tx) => {
    const pledge = await tx.pledge.create({
      data: {
        reference: `PROMISE-${++counter}`,
        donorId,
        frequency,
        method,
        currency: 'USD',
        amountMinor,
        usdRate: '1',
        earmarkType: 'PROJECT',
        projectId: fixture.a1.id,
        pledgedAt: new Date('2025-05-20T10:00:00Z'),
      },
    });
    const instalment = await tx.pledgeInstalment.create({
      data: { pledgeId: pledge.id, sequence: 1, dueOn: new Date('2025-06-01T00:00:00Z'), amountMinor },
    });
    await refreshFundingSummaries({ db: tx, pledgeIds: [pledge.id], donorIds: [donorId], projectIds: [fixture.a1.id] });
    return { pledge, instalment };
  });
}

async function pay(pledge: { id: string }, instalmentId: string, amountMinor: bigint) {
  await getPrisma().$transaction(async (tx) => {
    await tx.payment.create({
      data: {
        donorId,
        pledgeId: pledge.id,
        instalmentId,
        method: 'CARD',
        provider: 'STRIPE',
        providerPaymentId: `pi_promise_${++counter}`,
        currency: 'USD',
        amountMinor,
        usdRate: '1',
        usdMinor: amountMinor,
        earmarkType: 'PROJECT',
        projectId: fixture.a1.id,
        receivedAt: new Date('2025-05-20T10:05:00Z'),
      },
    });
    await refreshFundingSummaries({ db: tx, pledgeIds: [pledge.id], donorIds: [donorId], projectIds: [fixture.a1.id] });
  });
}

const unpaidOfA1 = async () => (await getFundingFigures({ projectId: fixture.a1.id, fromYear: 2025, toYear: 2025 })).pledgedUnpaidUsdMinor;
const contributionOfDonor = async () =>
  (await listContributions({ fromYear: 2025, toYear: 2025, limit: 10_000 })).find((row) => row.donorId === donorId);
const iatiCommitmentsOfDonor = async () =>
  (await getIatiData()).projects
    .flatMap((project) => project.commitments)
    .filter((commitment) => commitment.provider.kind === 'donor' && commitment.provider.donorId === donorId)
    .reduce((sum, commitment) => sum + commitment.usdMinor, 0n);

describe('a one-off card gift is not a promise', () => {
  test('without a payment (abandoned checkout) it adds nothing to pledged-unpaid, pledged or IATI commitments', async () => {
    const before = await unpaidOfA1();
    await pledgeToA1('ONCE', 'CARD', 50_000n);
    expect(await unpaidOfA1()).toBe(before);
    expect(await contributionOfDonor()).toBeUndefined();
    expect(await iatiCommitmentsOfDonor()).toBe(0n);
  });

  test('with a payment it counts as pledged = paid, still nothing unpaid', async () => {
    const before = await unpaidOfA1();
    const { pledge, instalment } = await pledgeToA1('ONCE', 'CARD', 20_000n);
    await pay(pledge, instalment.id, 20_000n);
    expect(await unpaidOfA1()).toBe(before);
    expect(await contributionOfDonor()).toMatchObject({ pledgedUsdMinor: 20_000, paidUsdMinor: 20_000 });
    expect(await iatiCommitmentsOfDonor()).toBe(0n);
  });

  test('a part-paid card gift is not owed the rest either: pledged is what was paid', async () => {
    const before = await unpaidOfA1();
    const { pledge, instalment } = await pledgeToA1('ONCE', 'CARD', 10_000n);
    await pay(pledge, instalment.id, 4_000n);
    expect(await unpaidOfA1()).toBe(before);
    expect(await contributionOfDonor()).toMatchObject({ pledgedUsdMinor: 24_000, paidUsdMinor: 24_000 });
  });
});

describe('promises', () => {
  test('a one-off bank-transfer pledge is owed until paid, and pledged at its full amount', async () => {
    const unpaid = await unpaidOfA1();
    const contribution = await contributionOfDonor();
    const { pledge, instalment } = await pledgeToA1('ONCE', 'BANK_TRANSFER', 30_000n);
    expect(await unpaidOfA1()).toBe(unpaid + 30_000);
    expect(await contributionOfDonor()).toMatchObject({
      pledgedUsdMinor: (contribution?.pledgedUsdMinor ?? 0) + 30_000,
      paidUsdMinor: contribution?.paidUsdMinor,
    });
    expect(await iatiCommitmentsOfDonor()).toBe(30_000n);
    await pay(pledge, instalment.id, 10_000n);
    expect(await unpaidOfA1()).toBe(unpaid + 20_000);
    // Paying a promise does not pledge again: pledged stays, paid grows.
    expect(await contributionOfDonor()).toMatchObject({
      pledgedUsdMinor: (contribution?.pledgedUsdMinor ?? 0) + 30_000,
      paidUsdMinor: (contribution?.paidUsdMinor ?? 0) + 10_000,
    });
  });

  test('a pledge in instalments is a promise whatever the method', async () => {
    const unpaid = await unpaidOfA1();
    await pledgeToA1('INSTALMENTS', 'CARD', 7_000n);
    expect(await unpaidOfA1()).toBe(unpaid + 7_000);
  });
});
