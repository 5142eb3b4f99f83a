import { beforeAll, describe, expect, test } from 'vitest';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import type { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildLedgerFixture } from '../ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;

class Rollback extends Error {}

/** Runs a corruption inside a transaction that is always rolled back, and returns what the check saw. */
async function problemsAfter(corrupt: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<string[]> {
  let problems: string[] = [];
  await getPrisma()
    .$transaction(async (tx) => {
      await corrupt(tx);
      problems = await checkLedger({ db: tx });
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return problems;
}

beforeAll(async () => {
  fixture = await buildLedgerFixture(getPrisma());
  await refreshFundingSummaries();
});

describe('checkLedger', () => {
  test('passes on consistent facts with fresh summaries', async () => {
    expect(await checkLedger({ db: getPrisma() })).toEqual([]);
  });

  test('detects a processing fee that does not add up, is not in an ISO currency, or belongs to a bank transfer', async () => {
    const problems = await problemsAfter(async (tx) => {
      const fee = { currency: 'USD', grossMinor: 10_000n, feeMinor: 320n, feeDetails: [], exchangeRate: '1.07' };
      await tx.paymentFee.create({ data: { ...fee, paymentId: fixture.jpyPaid.id, providerTransactionId: 'txn_a', netMinor: 9_000n } });
      await tx.paymentFee.create({
        data: { ...fee, paymentId: fixture.gp.id, providerTransactionId: 'txn_b', currency: 'usd', netMinor: 9_680n },
      });
    });
    expect(problems).toContain(`processing fee txn_a (payment ${fixture.jpyPaid.id}): gross 10000 − fee 320 ≠ net 9000`);
    expect(problems).toContain(`processing fee txn_b (payment ${fixture.gp.id}): currency "usd" is not an ISO code`);
    expect(problems).toContain(`processing fee txn_a (payment ${fixture.jpyPaid.id}): the payment came from BANK, not Stripe`);
  });

  test('detects a corrupted funding summary', async () => {
    const problems = await problemsAfter((tx) =>
      tx.fundingSummary.update({
        where: { projectId_year: { projectId: fixture.a1.id, year: 2025 } },
        data: { earmarkedUsdMinor: { increment: 1n } },
      }),
    );
    // Seen in the summary row itself and in every figure read from it: list, programme, portfolio, project.
    expect(problems).toContain(`funding summary ${fixture.a1.id}/2025 earmarked: stored 340001, facts give 340000`);
    expect(problems).toContain('programme PRGA 2025 (list) funded: ledger query says 1555201, facts give 1555200');
    expect(problems).toContain('programme PRGA 2025 funded earmarked: ledger query says 355201, facts give 355200');
    expect(problems).toContain('project A1 2024–2026 funded: ledger query says 1340001, facts give 1340000');
    expect(problems.every((line) => /PRGA 2025|portfolio 2025|A1 2024–2026|funding summary/.test(line))).toBe(true);
  });

  test('detects a summary gone stale after money moved', async () => {
    const problems = await problemsAfter((tx) =>
      tx.allocation.create({
        data: { projectId: fixture.b1.id, year: 2026, source: 'GENERAL_PURPOSE', usdMinor: 1_000n, paymentId: fixture.gp.id },
      }),
    );
    expect(problems).toContainEqual(expect.stringContaining(`funding summary ${fixture.b1.id}/2026 is missing`));
    // The general-purpose payment it came from has less left to allocate, and its donor more allocated.
    expect(problems).toContain(`unallocated balance ${fixture.gp.id} usdMinor: stored 100000, facts give 99000`);
    expect(problems).toContainEqual(
      expect.stringContaining(`donor allocation summary ${fixture.b1.id}/2026/${fixture.donor.id}/false is missing`),
    );
    expect(problems).toContain('general-purpose pool: query says 100000, facts give 99000');
  });

  test('detects an over-allocated payment and the negative pool it causes', async () => {
    const problems = await problemsAfter(async (tx) => {
      await tx.allocation.create({
        data: { projectId: fixture.a1.id, year: 2025, source: 'EARMARKED', usdMinor: 1n, paymentId: fixture.jpyPaid.id },
      });
      await refreshFundingSummaries({ db: tx });
    });
    expect(problems).toContain(`payment ${fixture.jpyPaid.id}: over-allocated: 340001 allocated, 340000 received net`);
    expect(problems).toContain(`unallocated pool project:${fixture.a1.id} is negative: -1`);
  });

  test('detects allocations whose source or target does not match the money', async () => {
    const problems = await problemsAfter(async (tx) => {
      // general-purpose money counted as earmarked
      await tx.allocation.create({
        data: { projectId: fixture.a2.id, year: 2025, source: 'EARMARKED', usdMinor: 10n, paymentId: fixture.gp.id },
      });
      // programme A's regular budget spent on programme B's project
      await tx.allocation.create({
        data: { projectId: fixture.b1.id, year: 2025, source: 'REGULAR_BUDGET', usdMinor: 10n, regularBudgetEntryId: fixture.rb.id },
      });
      // both origins at once: the database refuses it (money-fact-checks.test.ts); the check still sees it
      await tx.$executeRaw`ALTER TABLE allocations DROP CONSTRAINT allocations_one_origin, DROP CONSTRAINT allocations_source_matches_origin`;
      await tx.allocation.create({
        data: {
          projectId: fixture.a1.id,
          year: 2025,
          source: 'EARMARKED',
          usdMinor: 10n,
          paymentId: fixture.jpyPaid.id,
          regularBudgetEntryId: fixture.rb.id,
        },
      });
      await refreshFundingSummaries({ db: tx });
    });
    expect(problems.some((line) => line.includes('GENERAL_PURPOSE payment allocated as EARMARKED'))).toBe(true);
    expect(problems.some((line) => line.includes('regular budget of another programme'))).toBe(true);
    expect(problems.some((line) => line.includes('needs exactly one of paymentId / regularBudgetEntryId'))).toBe(true);
  });

  test('detects a pool allocation decision whose rows do not add up or spend another pool', async () => {
    const problems = await problemsAfter(async (tx) => {
      const staff = await tx.staffUser.create({ data: { email: 'check@example.org', name: 'Check', roles: ['FINANCE'] } });
      const decision = await tx.poolAllocation.create({
        data: { pool: 'GENERAL_PURPOSE', projectId: fixture.a2.id, year: 2025, usdMinor: 500n, createdById: staff.id },
      });
      // 400 written for 500 decided; and programme money under a general-purpose decision
      await tx.allocation.create({
        data: {
          projectId: fixture.a2.id,
          year: 2025,
          source: 'GENERAL_PURPOSE',
          usdMinor: 400n,
          paymentId: fixture.gp.id,
          poolAllocationId: decision.id,
        },
      });
      await tx.allocation.create({
        data: {
          projectId: fixture.a2.id,
          year: 2025,
          source: 'REGULAR_BUDGET',
          usdMinor: 1n,
          regularBudgetEntryId: fixture.rb.id,
          poolAllocationId: decision.id,
        },
      });
      await refreshFundingSummaries({ db: tx });
    });
    expect(problems.some((line) => line.includes('its rows add up to 401, not 500'))).toBe(true);
    expect(problems.some((line) => line.includes('spends REGULAR_BUDGET money, its decision the GENERAL_PURPOSE pool'))).toBe(true);
  });

  test('detects a dispute step without its withdrawal, and a dispute both won and lost', async () => {
    const problems = await problemsAfter(async (tx) => {
      const step = (kind: 'DISPUTE_WITHDRAWN' | 'DISPUTE_REINSTATED' | 'DISPUTE_FINAL', id: string, amountMinor: bigint) =>
        tx.reversal.create({ data: { paymentId: fixture.gp.id, kind, providerReversalId: id, amountMinor, usdMinor: amountMinor } });
      await step('DISPUTE_REINSTATED', 'dp_orphan:reinstated', -100n);
      await step('DISPUTE_WITHDRAWN', 'dp_both:withdrawn', 100n);
      await step('DISPUTE_REINSTATED', 'dp_both:reinstated', -100n);
      await step('DISPUTE_FINAL', 'dp_both:final', 0n);
      await step('DISPUTE_WITHDRAWN', 'dp_short:withdrawn', 100n);
      await step('DISPUTE_REINSTATED', 'dp_short:reinstated', -60n);
      await refreshFundingSummaries({ db: tx });
    });
    expect(problems).toContain('dispute dp_orphan: DISPUTE_REINSTATED without a withdrawal from the same payment');
    expect(problems).toContain('dispute dp_both: both reinstated and final');
    expect(problems).toContain('dispute dp_short: reinstated 60 of 100 withdrawn');
    expect(problems.filter((line) => line.startsWith('dispute '))).toHaveLength(3);
  });

  test('detects a payment whose USD amount does not follow its pinned rate', async () => {
    const problems = await problemsAfter(async (tx) => {
      // The database refuses it (money-fact-checks.test.ts); the check still sees it without the constraint.
      await tx.$executeRaw`ALTER TABLE payments DROP CONSTRAINT payments_usd_follows_pinned_rate`;
      await tx.payment.create({
        data: {
          donorId: fixture.donor.id,
          method: 'CARD',
          provider: 'STRIPE',
          currency: 'EUR',
          amountMinor: 1_000n,
          usdRate: '1.1',
          usdMinor: 1_099n,
          earmarkType: 'GENERAL_PURPOSE',
          receivedAt: new Date('2025-03-03T00:00:00Z'),
        },
      });
      await refreshFundingSummaries({ db: tx, donorIds: [fixture.donor.id] });
    });
    expect(problems).toEqual([expect.stringMatching(/usdMinor 1099 but the pinned rate gives 1100/)]);
  });

  test('detects a payment whose writer refreshed its project but not its donor', async () => {
    const problems = await problemsAfter(async (tx) => {
      const payment = await tx.payment.create({
        data: {
          donorId: fixture.donor.id,
          method: 'BANK_TRANSFER',
          provider: 'BANK',
          currency: 'USD',
          amountMinor: 5_000n,
          usdRate: '1',
          usdMinor: 5_000n,
          earmarkType: 'PROJECT',
          projectId: fixture.a2.id,
          receivedAt: new Date('2025-06-01T00:00:00Z'),
        },
      });
      await tx.allocation.create({
        data: { projectId: fixture.a2.id, year: 2025, source: 'EARMARKED', usdMinor: 5_000n, paymentId: payment.id },
      });
      await refreshFundingSummaries({ db: tx, projectIds: [fixture.a2.id] });
    });
    // Project figures follow the project; the donor's contributions and top-donor figures do not.
    expect(problems.some((line) => /^(programme PRG|project [AB]\d|portfolio|funding summary)/.test(line))).toBe(false);
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^donor contribution summary ${fixture.donor.id}/2025/false/PROJECT/${fixture.a2.id} paidUsdMinor: stored 15000, facts give 20000`,
        ),
      ),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^contribution year total 2025\/MEMBER_STATE\/false paidUsdMinor/));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^donor contribution total ${fixture.donor.id} paidUsdMinor`)));
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^donor allocation summary ${fixture.a2.id}/2025/${fixture.donor.id}/false allocatedUsdMinor`)),
    );
  });

  test('detects a corrupted donor summary', async () => {
    const problems = await problemsAfter(
      (tx) =>
        tx.$executeRaw`UPDATE donor_contribution_totals SET "paidUsdMinor" = "paidUsdMinor" + 1 WHERE "donorId" = ${fixture.donor.id}::uuid`,
    );
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^donor contribution total ${fixture.donor.id} paidUsdMinor: stored \\d+, facts give \\d+$`)),
    ]);
  });

  test('detects an appeal send count that no longer matches the recipients’ emails', async () => {
    const appealId = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const problems = await problemsAfter(
      (tx) => tx.$executeRaw`INSERT INTO appeal_send_counts ("appealId", status, delta, at) VALUES (${appealId}::uuid, 'SENT', 3, now())`,
    );
    expect(problems).toEqual([`appeal send counts ${appealId} SENT: stored 3, recipients' emails 0`]);
  });

  test('detects an askable donor the rules do not give (the fixture donor never consented to appeals)', async () => {
    const problems = await problemsAfter(async (tx) => {
      await tx.$executeRaw`INSERT INTO askable_donors ("donorId", type, locale) VALUES (${fixture.donor.id}::uuid, 'COMPANY', 'fr')
                           ON CONFLICT ("donorId") DO UPDATE SET type = 'COMPANY'`;
    });
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^askable donor ${fixture.donor.id}: stored COMPANY \\w+ \\S+, rules give nothing$`)),
    ]);
  });

  test('reports a Stripe event the inbox gave up on, not one still waiting', async () => {
    const problems = await problemsAfter(async (tx) => {
      await tx.$executeRaw`INSERT INTO stripe_event_inbox (id, type, shard, payload, attempts, "availableAt", "lastError")
        VALUES ('evt_given_up', 'invoice.paid', 3, '{}', 12, 'infinity', 'PaymentIntent pi_1 is processing'),
               ('evt_waiting', 'invoice.paid', 3, '{}', 2, now() + interval '1 minute', 'PaymentIntent pi_2 is processing')`;
    });
    expect(problems).toEqual(['stripe event evt_given_up (invoice.paid) not applied after 12 tries: PaymentIntent pi_1 is processing']);
  });

  test('passes on an empty database', async () => {
    const problems = await problemsAfter((tx) =>
      tx.$executeRawUnsafe(
        `TRUNCATE allocations, reversals, payments, pledge_events, pledge_instalments, pledges, regular_budget_entries, project_requirements,
           funding_summaries, open_instalments, unallocated_balances, donor_allocation_summaries, programme_donor_allocations, project_donor_groups, country_donor_years, country_donor_bounds, donor_year_contributions,
           donor_contribution_summaries, donor_year_counts, donor_gift_summaries, donor_funded_scopes, donor_giving_modes,
           contribution_year_totals, donor_contribution_totals, projects, programmes, donors CASCADE`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
