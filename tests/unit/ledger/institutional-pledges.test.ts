// Institutional pledges recorded by finance (issue #12 item 4, decision 029): the schedule must
// add up, the document month's rate is pinned, a missing rate records nothing, a double submit
// records once, pledged-unpaid moves at once, and transfers settle instalments without ever
// taking more than is open.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { FxRateMissingError, upsertFxRate } from '~/ledger/fx-rate-commands.server.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import {
  InstitutionalPledgeError,
  listPledgeInstalmentsOpen,
  recordInstitutionalPledge,
  recordPledgeTransfer,
  type InstitutionalPledgeInput,
} from '~/ledger/institutional-pledge-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let staffId: string;

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
  staffId = (await createStaff({ email: 'finance@example.org', name: 'Finance', roles: ['FINANCE'] })).id;
  // February's rate differs from March's: a pledge dated in March must pin March's.
  await upsertFxRate({ currency: 'EUR', month: day('2025-02-01'), usdRate: '1.05' });
  await upsertFxRate({ currency: 'EUR', month: day('2025-03-01'), usdRate: '1.1' });
  await refreshFundingSummaries();
});

/** A Member State's EUR pledge to programme A: three instalments of 100,000.00 in 2025 (110,000.00 USD each at 1.1). */
function memberStatePledge(overrides: Partial<InstitutionalPledgeInput> = {}): InstitutionalPledgeInput {
  return {
    donor: {
      create: {
        type: 'MEMBER_STATE',
        displayName: `Freedonia ${randomUUID().slice(0, 8)}`,
        countryCode: 'FR',
        organisationId: null,
        email: null,
      },
    },
    currency: 'EUR',
    earmark: { earmarkType: 'PROGRAMME', programmeId: fixture.progA.id },
    documentDate: day('2025-03-15'),
    documentReference: 'NV/2025/117',
    isAnonymous: false,
    method: 'BANK_TRANSFER',
    totalMinor: 30_000_000n,
    schedule: [
      { dueOn: day('2025-04-01'), amountMinor: 10_000_000n },
      { dueOn: day('2025-07-01'), amountMinor: 10_000_000n },
      { dueOn: day('2025-10-01'), amountMinor: 10_000_000n },
    ],
    requestKey: randomUUID(),
    staffId,
    ...overrides,
  };
}

const unpaidOfA = async () =>
  (await getFundingFigures({ programmeId: fixture.progA.id, fromYear: 2025, toYear: 2025 })).pledgedUnpaidUsdMinor;
const counts = async () => {
  const db = getPrisma();
  return {
    pledges: await db.pledge.count(),
    donors: await db.donor.count(),
    payments: await db.payment.count(),
    audit: await db.auditLog.count(),
  };
};

async function refusal(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('recording an institutional pledge', () => {
  test.each([
    ['scheduleSumDiffers', { totalMinor: 30_000_001n }],
    [
      'datesNotAscending',
      {
        schedule: [
          { dueOn: day('2025-07-01'), amountMinor: 15_000_000n },
          { dueOn: day('2025-04-01'), amountMinor: 15_000_000n },
        ],
      },
    ],
    [
      'amountNotPositive',
      {
        schedule: [
          { dueOn: day('2025-04-01'), amountMinor: 30_000_000n },
          { dueOn: day('2025-07-01'), amountMinor: 0n },
        ],
      },
    ],
    ['scheduleEmpty', { schedule: [], totalMinor: 0n }],
  ] as const)('refuses a schedule (%s) and writes nothing', async (code, overrides) => {
    const before = await counts();
    const error = await refusal(() => recordInstitutionalPledge(memberStatePledge(overrides)));
    expect(error).toBeInstanceOf(InstitutionalPledgeError);
    expect((error as InstitutionalPledgeError).code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  test('a currency without a rate for the document month is refused by name, and nothing is written', async () => {
    const before = await counts();
    const error = await refusal(() => recordInstitutionalPledge(memberStatePledge({ currency: 'CHF' })));
    expect(error).toBeInstanceOf(FxRateMissingError);
    expect((error as FxRateMissingError).currency).toBe('CHF');
    expect(await counts()).toEqual(before);
  });

  test('an individual cannot be given an institutional pledge', async () => {
    const person = await getPrisma().donor.create({ data: { type: 'INDIVIDUAL', displayName: 'A person', email: 'person@example.org' } });
    const error = await refusal(() => recordInstitutionalPledge(memberStatePledge({ donor: { donorId: person.id } })));
    expect((error as InstitutionalPledgeError).code).toBe('donorNotInstitutional');
  });

  test('records donor, pledge and schedule with the document month rate pinned, moves pledged-unpaid at once, audited', async () => {
    const unpaid = await unpaidOfA();
    const input = memberStatePledge();
    const { pledge, created } = await recordInstitutionalPledge(input);
    expect(created).toBe(true);
    expect(pledge.reference).toMatch(/^CPJ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const row = await getPrisma().pledge.findUniqueOrThrow({ where: { id: pledge.id }, include: { donor: true, instalments: true } });
    expect(row).toMatchObject({
      frequency: 'INSTALMENTS',
      method: 'BANK_TRANSFER',
      currency: 'EUR',
      amountMinor: 30_000_000n,
      earmarkType: 'PROGRAMME',
      programmeId: fixture.progA.id,
      pledgedAt: day('2025-03-15'),
      documentReference: 'NV/2025/117',
      requestKey: input.requestKey,
      createdById: staffId,
    });
    expect(row.usdRate.toFixed()).toBe('1.1');
    expect(row.donor).toMatchObject({ type: 'MEMBER_STATE', email: null, countryCode: 'FR', isProfilePending: false });
    expect(row.instalments.map((line) => line.amountMinor)).toEqual([10_000_000n, 10_000_000n, 10_000_000n]);
    expect(await unpaidOfA()).toBe(unpaid + 33_000_000);
    const audit = await getPrisma().auditLog.findFirstOrThrow({ where: { action: 'pledge.recorded', entityId: pledge.id } });
    expect(audit).toMatchObject({ actorId: staffId, actorKind: 'staff' });
    expect(audit.after).toMatchObject({
      reference: pledge.reference,
      amountMinor: '30000000',
      usdRate: '1.1',
      documentReference: 'NV/2025/117',
    });
  });

  test('a single row is a one-off pledge', async () => {
    const { pledge } = await recordInstitutionalPledge(
      memberStatePledge({ totalMinor: 5_000_000n, schedule: [{ dueOn: day('2025-05-01'), amountMinor: 5_000_000n }], method: 'OTHER' }),
    );
    expect(await getPrisma().pledge.findUniqueOrThrow({ where: { id: pledge.id } })).toMatchObject({ frequency: 'ONCE', method: 'OTHER' });
  });

  test('the same form submitted twice records one pledge and one donor', async () => {
    const input = memberStatePledge();
    const first = await recordInstitutionalPledge(input);
    const before = await counts();
    const unpaid = await unpaidOfA();
    const [again, concurrent] = await Promise.all([recordInstitutionalPledge(input), recordInstitutionalPledge(input)]);
    expect(again).toEqual({ pledge: first.pledge, created: false });
    expect(concurrent).toEqual({ pledge: first.pledge, created: false });
    expect(await counts()).toEqual(before);
    expect(await unpaidOfA()).toBe(unpaid);
  });
});

describe('recording a transfer received', () => {
  test('settles the first instalment, moves pledged-unpaid by its USD, records once per request key, audited', async () => {
    const { pledge } = await recordInstitutionalPledge(memberStatePledge());
    const unpaid = await unpaidOfA();
    const transfer = {
      reference: pledge.reference,
      currency: 'EUR',
      amountMinor: 10_000_000n,
      receivedAt: day('2025-04-10'),
      instalmentSequence: null,
      note: 'Bank ref 55-221',
      requestKey: randomUUID(),
      staffId,
    };
    expect(await recordPledgeTransfer(transfer)).toEqual({ created: true, openMinor: 20_000_000n });
    const open = await listPledgeInstalmentsOpen({ db: getPrisma(), pledgeId: pledge.id });
    expect(open.map((row) => row.openMinor)).toEqual([0n, 10_000_000n, 10_000_000n]);
    expect(await unpaidOfA()).toBe(unpaid - 11_000_000);
    const payment = await getPrisma().payment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
    expect(payment).toMatchObject({ provider: 'MANUAL', method: 'BANK_TRANSFER', amountMinor: 10_000_000n, usdMinor: 11_000_000n });
    const before = await counts();
    expect(await recordPledgeTransfer(transfer)).toEqual({ created: false, openMinor: 20_000_000n });
    expect(await counts()).toEqual(before);
    const audit = await getPrisma().auditLog.findFirstOrThrow({ where: { action: 'pledge.transfer.recorded', entityId: pledge.id } });
    expect(audit.after).toMatchObject({ openMinor: '20000000', note: 'Bank ref 55-221' });
  });

  test('without an instalment named, the amount is spread over open instalments in due order', async () => {
    const { pledge } = await recordInstitutionalPledge(memberStatePledge());
    const base = {
      reference: pledge.reference,
      currency: 'EUR',
      receivedAt: day('2025-04-10'),
      instalmentSequence: null,
      note: '',
      staffId,
    };
    await recordPledgeTransfer({ ...base, amountMinor: 15_000_000n, requestKey: randomUUID() });
    const open = await listPledgeInstalmentsOpen({ db: getPrisma(), pledgeId: pledge.id });
    expect(open.map((row) => row.openMinor)).toEqual([0n, 5_000_000n, 10_000_000n]);
  });

  test.each([
    ['moreThanOpen', { amountMinor: 30_000_001n, instalmentSequence: null }],
    ['moreThanOwed', { amountMinor: 10_000_001n, instalmentSequence: 2 }],
    ['instalmentNotFound', { amountMinor: 1n, instalmentSequence: 9 }],
    ['currencyDiffers', { amountMinor: 1n, instalmentSequence: null, currency: 'USD' }],
    ['amountNotPositive', { amountMinor: 0n, instalmentSequence: null }],
  ] as const)('refuses %s and records nothing', async (code, overrides) => {
    const { pledge } = await recordInstitutionalPledge(memberStatePledge());
    const before = await counts();
    const unpaid = await unpaidOfA();
    const error = await refusal(() =>
      recordPledgeTransfer({
        reference: pledge.reference,
        currency: 'EUR',
        receivedAt: day('2025-04-10'),
        note: '',
        requestKey: randomUUID(),
        staffId,
        ...overrides,
      }),
    );
    expect((error as InstitutionalPledgeError).code).toBe(code);
    expect(await counts()).toEqual(before);
    expect(await unpaidOfA()).toBe(unpaid);
  });

  test('the whole pledge paid leaves nothing open and refuses one more minor unit', async () => {
    const { pledge } = await recordInstitutionalPledge(memberStatePledge());
    const base = {
      reference: pledge.reference,
      currency: 'EUR',
      receivedAt: day('2025-11-02'),
      instalmentSequence: null,
      note: '',
      staffId,
    };
    expect((await recordPledgeTransfer({ ...base, amountMinor: 30_000_000n, requestKey: randomUUID() })).openMinor).toBe(0n);
    const error = await refusal(() => recordPledgeTransfer({ ...base, amountMinor: 1n, requestKey: randomUUID() }));
    expect((error as InstitutionalPledgeError).code).toBe('moreThanOpen');
  });
});
