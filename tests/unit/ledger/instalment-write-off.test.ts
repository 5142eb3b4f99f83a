// Writing off one instalment (issue #12 item 6, docs/decisions/030): the command's refusals and
// idempotency, and every "pledged, unpaid" reader moving by exactly what was written off — the
// summaries and public figures, IATI commitments, reminders, bank matching — with the ledger
// check passing after, and failing on a forged write-off.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '~/generated/prisma/client.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { InstalmentWriteOffError, writeOffInstalment } from '~/ledger/instalment-write-off-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getIatiData } from '~/funding/iati/iati-queries.server.ts';
import { queueInstalmentReminders } from '~/giving/instalment-reminder-commands.server.ts';
import { listInstalmentsOwed, suggestInstalments } from '~/finance/bank/open-instalment-queries.server.ts';
import { spreadOverInstalments } from '~/finance/bank/bank-match-commands.server.ts';
import { getPledgeOverview } from '~/giving/giving-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { toUsdMinor } from '~/platform/money.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { buildLedgerFixture } from './ledger-fixture.ts';

let fixture: Awaited<ReturnType<typeof buildLedgerFixture>>;
let staffId = '';
const db = getPrisma();

/** The instalment of pledge `reference` with this sequence. */
async function instalmentOf(reference: string, sequence: number) {
  const pledge = await db.pledge.findUniqueOrThrow({ where: { reference }, include: { instalments: true } });
  const instalment = pledge.instalments.find((row) => row.sequence === sequence);
  if (!instalment) throw new Error(`no instalment ${sequence} of ${reference}`);
  return instalment;
}

async function openUsd(instalmentId: string): Promise<bigint> {
  return (await db.openInstalment.findUnique({ where: { instalmentId } }))?.openUsdMinor ?? 0n;
}

async function refusal(instalmentId: string, requestKey = randomUUID()): Promise<string> {
  try {
    await writeOffInstalment({ instalmentId, reason: 'Donor closed', staffUserId: staffId, requestKey });
  } catch (error) {
    if (error instanceof InstalmentWriteOffError) return error.problem;
    throw error;
  }
  return 'written off';
}

beforeAll(async () => {
  fixture = await buildLedgerFixture(db);
  staffId = (await createStaff({ email: 'write-off@example.org', name: 'Finance', roles: ['FINANCE'] })).id;
  await refreshFundingSummaries();
});

describe('writeOffInstalment', () => {
  it('writes off what a partly paid instalment still owes; every pledged-unpaid figure drops by exactly that', async () => {
    // T-4: KWD 1.500 programme pledge, 1.000 paid: 0.500 owed at 3.25 = $1.63 (half away from zero).
    const kwd = await instalmentOf('T-4', 1);
    const owedUsd = toUsdMinor({ amountMinor: 500n, currency: 'KWD', usdRate: '3.25' });
    expect(await openUsd(kwd.id)).toBe(owedUsd);
    const before = await getFundingFigures({ fromYear: 2025, toYear: 2025 });
    const outcome = await writeOffInstalment({
      instalmentId: kwd.id,
      reason: 'Ministry closed',
      staffUserId: staffId,
      requestKey: randomUUID(),
    });
    expect(outcome.changed).toBe(true);
    expect(outcome.writeOff.amountMinor).toBe(500n);
    expect(await openUsd(kwd.id)).toBe(0n);
    const after = await getFundingFigures({ fromYear: 2025, toYear: 2025 });
    expect(before.pledgedUnpaidUsdMinor - after.pledgedUnpaidUsdMinor).toBe(Number(owedUsd));
    expect(after.fundedUsdMinor).toBe(before.fundedUsdMinor);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'instalment.write_off', entityId: kwd.id } });
    expect(audit.actorId).toBe(staffId);
    expect(JSON.stringify(audit.before)).toContain('"owedMinor":"500"');
    expect(JSON.stringify(audit.after)).toContain('Ministry closed');
    expect(await checkLedger({ db })).toEqual([]);
  });

  it('moves the project figure and the IATI commitment by the instalment; the donor sees it written off', async () => {
    // T-6: USD 200.00 to project A2, second instalment (2025-08-01) of 100.00 open.
    const second = await instalmentOf('T-6', 2);
    const projectBefore = await getFundingFigures({ fromYear: 2025, toYear: 2025, projectId: fixture.a2.id });
    const commitment = async () =>
      (await getIatiData()).projects.find((project) => project.code === 'A2')?.commitments.reduce((sum, row) => sum + row.usdMinor, 0n) ??
      0n;
    const committedBefore = await commitment();
    await writeOffInstalment({ instalmentId: second.id, reason: 'Budget cut', staffUserId: staffId, requestKey: randomUUID() });
    const projectAfter = await getFundingFigures({ fromYear: 2025, toYear: 2025, projectId: fixture.a2.id });
    expect(projectBefore.pledgedUnpaidUsdMinor - projectAfter.pledgedUnpaidUsdMinor).toBe(10_000);
    expect(committedBefore - (await commitment())).toBe(10_000n);
    const overview = await getPledgeOverview({ reference: 'T-6', locale: 'en' });
    expect(overview?.instalments.map((row) => row.status)).toEqual(['paid', 'written-off']);
    expect(await checkLedger({ db })).toEqual([]);
  });

  it('writes off once when the same form is submitted twice, and refuses another write-off of it', async () => {
    const jpy = await instalmentOf('T-2', 2);
    const requestKey = randomUUID();
    const first = await writeOffInstalment({ instalmentId: jpy.id, reason: 'Twice', staffUserId: staffId, requestKey });
    const second = await writeOffInstalment({ instalmentId: jpy.id, reason: 'Twice', staffUserId: staffId, requestKey });
    expect(first.changed).toBe(true);
    expect(second.changed).toBe(false);
    expect(second.writeOff.id).toBe(first.writeOff.id);
    expect(await db.instalmentWriteOff.count({ where: { instalmentId: jpy.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'instalment.write_off', entityId: jpy.id } })).toBe(1);
    expect(await refusal(jpy.id)).toBe('ALREADY_WRITTEN_OFF');
  });

  it('refuses, writing nothing: fully paid, a pledge cancelled or written off, no promise, no such instalment', async () => {
    const card = await db.pledge.create({
      data: {
        reference: 'T-CARD',
        donorId: fixture.donor.id,
        frequency: 'ONCE',
        method: 'CARD',
        currency: 'USD',
        amountMinor: 5_000n,
        usdRate: '1',
        earmarkType: 'GENERAL_PURPOSE',
        instalments: { create: { sequence: 1, dueOn: new Date('2025-01-01T00:00:00Z'), amountMinor: 5_000n } },
      },
      include: { instalments: true },
    });
    const count = await db.instalmentWriteOff.count();
    expect(await refusal((await instalmentOf('T-2', 1)).id)).toBe('FULLY_PAID');
    expect(await refusal((await instalmentOf('T-8', 1)).id)).toBe('PLEDGE_CLOSED'); // the written-off GBP pledge
    expect(await refusal((await instalmentOf('T-11', 1)).id)).toBe('PLEDGE_CLOSED'); // the cancelled one
    expect(await refusal(card.instalments[0]!.id)).toBe('NOT_A_PROMISE');
    expect(await refusal(randomUUID())).toBe('NOT_FOUND');
    expect(await db.instalmentWriteOff.count()).toBe(count);
    // A cancelled-then-reinstated pledge is live again: it can be written off.
    expect(await refusal((await instalmentOf('T-12', 1)).id)).toBe('written off');
  });

  it('the table is append-only', async () => {
    await expect(db.instalmentWriteOff.updateMany({ data: { reason: 'edited' } })).rejects.toThrow();
    await expect(db.instalmentWriteOff.deleteMany({})).rejects.toThrow();
  });
});

describe('after a write-off', () => {
  it('sends no reminder for the written-off instalment, while its unpaid sibling still gets one', async () => {
    const donor = await db.donor.create({ data: { type: 'COMPANY', displayName: 'Reminded Ltd', email: 'reminded@example.org' } });
    const pledge = await db.pledge.create({
      data: {
        reference: 'T-REMIND',
        donorId: donor.id,
        frequency: 'INSTALMENTS',
        method: 'BANK_TRANSFER',
        currency: 'USD',
        amountMinor: 20_000n,
        usdRate: '1',
        earmarkType: 'GENERAL_PURPOSE',
        instalments: {
          create: [
            { sequence: 1, dueOn: new Date('2030-03-01T00:00:00Z'), amountMinor: 10_000n },
            { sequence: 2, dueOn: new Date('2030-03-01T00:00:00Z'), amountMinor: 10_000n },
          ],
        },
      },
      include: { instalments: { orderBy: { sequence: 'asc' } } },
    });
    await refreshFundingSummaries({ pledgeIds: [pledge.id], donorIds: [donor.id] });
    const [kept, written] = pledge.instalments as [(typeof pledge.instalments)[number], (typeof pledge.instalments)[number]];
    await writeOffInstalment({ instalmentId: written.id, reason: 'Agreed with donor', staffUserId: staffId, requestKey: randomUUID() });
    // Five days after both fell due: the "overdue-3" window.
    await queueInstalmentReminders({ now: new Date('2030-03-06T09:00:00Z') });
    const keys = (await db.emailOutbox.findMany({ where: { donorId: donor.id }, select: { idempotencyKey: true } })).map(
      (row) => row.idempotencyKey,
    );
    expect(keys).toEqual([`instalment-reminder:${kept.id}:overdue-3`]);
  });

  it('bank matching owes nothing on it: the reference spreads past it, and it is never suggested', async () => {
    const owed = await listInstalmentsOwed({ db, references: ['T-REMIND'] });
    expect(owed.map((row) => row.openMinor)).toEqual([10_000n, 0n]);
    // A credit of 200.00 quoting the reference settles only the instalment still owed.
    const { parts, remainderMinor } = spreadOverInstalments(20_000n, owed);
    expect(parts.map((part) => [part.instalment.sequence, part.amountMinor])).toEqual([[1, 10_000n]]);
    expect(remainderMinor).toBe(10_000n);
    const suggested = await suggestInstalments({ currency: 'USD', amountMinor: 10_000n, debtorName: 'Reminded Ltd', limit: 10 });
    expect(suggested.filter((row) => row.pledge.reference === 'T-REMIND').map((row) => row.sequence)).toEqual([1]);
  });
});

class Rollback extends Error {}

async function problemsAfter(corrupt: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<string[]> {
  let problems: string[] = [];
  await db
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

describe('the ledger check', () => {
  it('passes after the write-offs above', async () => {
    expect(await checkLedger({ db })).toEqual([]);
  });

  it('fails on a write-off of more than was owed, and on one the summaries were not refreshed for', async () => {
    const paidId = (await instalmentOf('T-6', 1)).id; // paid in full (over-paid)
    const open = await instalmentOf('T-2', 3); // JPY 250,000 still owed
    const problems = await problemsAfter(async (tx) => {
      await tx.instalmentWriteOff.create({
        data: { instalmentId: paidId, amountMinor: 1n, reason: 'forged', requestKey: randomUUID(), createdById: staffId },
      });
      await tx.instalmentWriteOff.create({
        data: { instalmentId: open.id, amountMinor: 250_000n, reason: 'forged', requestKey: randomUUID(), createdById: staffId },
      });
    });
    expect(problems.some((problem) => problem.includes('wrote off 1 USD but the instalment owed 0'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith(`open instalment ${open.id}`) || problem.includes(open.id))).toBe(true);
  });
});
