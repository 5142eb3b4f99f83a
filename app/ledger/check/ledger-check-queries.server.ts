// The ledger check (DOMAIN.md, money rule 4): recomputes every public figure in plain TypeScript
// from raw rows, deliberately NOT through the SQL of funding.server.ts or the summaries, and
// compares it with what the read models and every summary table say (the tables other than
// funding_summaries: ledger-check-summaries.server.ts). It also checks the invariants of the
// money facts. It runs after every database test file and in `npm test` (scripts/ledger-check.ts).
import type { DbClient } from '~/platform/db.server.ts';
import { Prisma } from '~/generated/prisma/client.ts';
import { currencyExponent, toUsdMinor } from '~/platform/money.ts';
import {
  getFundingFigures,
  getGeneralPurposePool,
  listProgrammeFunding,
  type FundingFigures,
} from '~/ledger/funding-figure-queries.server.ts';
import { checkSummaryTables, latestEventKinds } from './summaries-check-queries.server.ts';
import { checkPaymentFees } from './payment-fee-check-queries.server.ts';
import { checkDonorGiftSummaries } from './donor-gift-check-queries.server.ts';
import { checkDonorFundedScopes, checkDonorGivingModes } from './donor-segment-check-queries.server.ts';
import { checkAppealSendCounts } from './appeal-send-count-check-queries.server.ts';
import { checkAskableDonors } from './askable-donor-check-queries.server.ts';
import { isPromise } from '~/ledger/pledge-commands.server.ts';

interface Sums {
  requirement: bigint;
  regularBudget: bigint;
  generalPurpose: bigint;
  earmarked: bigint;
  pledgedUnpaid: bigint;
}

const zero = (): Sums => ({ requirement: 0n, regularBudget: 0n, generalPurpose: 0n, earmarked: 0n, pledgedUnpaid: 0n });

function add(map: Map<string, Sums>, key: string, field: keyof Sums, value: bigint): void {
  let sums = map.get(key);
  if (!sums) map.set(key, (sums = zero()));
  sums[field] += value;
}

async function loadFacts(db: DbClient) {
  const [
    programmes,
    projects,
    requirements,
    allocations,
    payments,
    reversals,
    entries,
    pledges,
    events,
    instalments,
    summaries,
    decisions,
    writeOffs,
  ] = [
    await db.programme.findMany({ select: { id: true, code: true } }),
    await db.project.findMany({ select: { id: true, code: true, programmeId: true } }),
    await db.projectRequirement.findMany(),
    await db.allocation.findMany(),
    await db.payment.findMany(),
    await db.reversal.findMany(),
    await db.regularBudgetEntry.findMany(),
    await db.pledge.findMany(),
    await db.pledgeEvent.findMany(),
    await db.pledgeInstalment.findMany(),
    await db.fundingSummary.findMany(),
    await db.poolAllocation.findMany(),
    await db.instalmentWriteOff.findMany(),
  ];
  return {
    programmes,
    projects,
    requirements,
    allocations,
    payments,
    reversals,
    entries,
    pledges,
    events,
    instalments,
    summaries,
    decisions,
    writeOffs,
  };
}

type Facts = Awaited<ReturnType<typeof loadFacts>>;

/** USD still open per instalment of live promises (see funding.server.ts). */
function openInstalments(facts: Facts) {
  const latestEvent = latestEventKinds(facts.events);
  const reversedAmount = new Map<string, bigint>();
  for (const reversal of facts.reversals) {
    reversedAmount.set(reversal.paymentId, (reversedAmount.get(reversal.paymentId) ?? 0n) + reversal.amountMinor);
  }
  const settled = new Map<string, bigint>();
  for (const payment of facts.payments) {
    if (!payment.instalmentId) continue;
    const net = payment.amountMinor - (reversedAmount.get(payment.id) ?? 0n);
    settled.set(payment.instalmentId, (settled.get(payment.instalmentId) ?? 0n) + net);
  }
  const writtenOff = new Map(facts.writeOffs.map((writeOff) => [writeOff.instalmentId, writeOff.amountMinor]));
  const pledgeById = new Map(facts.pledges.map((pledge) => [pledge.id, pledge]));
  const open: { pledge: Facts['pledges'][number]; year: number; usd: bigint }[] = [];
  for (const instalment of facts.instalments) {
    const pledge = pledgeById.get(instalment.pledgeId);
    if (!pledge || !isPromise(pledge)) continue;
    const kind = latestEvent.get(pledge.id);
    if (kind === 'CANCELLED' || kind === 'WRITTEN_OFF') continue;
    const remaining = instalment.amountMinor - (settled.get(instalment.id) ?? 0n) - (writtenOff.get(instalment.id) ?? 0n);
    if (remaining <= 0n) continue;
    const usd = toUsdMinor({ amountMinor: remaining, currency: pledge.currency, usdRate: pledge.usdRate.toFixed() });
    open.push({ pledge, year: instalment.dueOn.getUTCFullYear(), usd });
  }
  return open;
}

/** Figures per "project/year" key, per "programme/year" key and per "*\/year" (portfolio). */
function recompute(facts: Facts) {
  const programmeOf = new Map(facts.projects.map((project) => [project.id, project.programmeId]));
  const byProject = new Map<string, Sums>();
  const byProgramme = new Map<string, Sums>();
  const both = (projectId: string, year: number, field: keyof Sums, value: bigint) => {
    add(byProject, `${projectId}/${year}`, field, value);
    add(byProgramme, `${programmeOf.get(projectId)}/${year}`, field, value);
    add(byProgramme, `*/${year}`, field, value);
  };
  for (const requirement of facts.requirements) both(requirement.projectId, requirement.year, 'requirement', requirement.usdMinor);
  for (const allocation of facts.allocations) {
    const field =
      allocation.source === 'REGULAR_BUDGET' ? 'regularBudget' : allocation.source === 'GENERAL_PURPOSE' ? 'generalPurpose' : 'earmarked';
    both(allocation.projectId, allocation.year, field, allocation.usdMinor);
  }
  for (const { pledge, year, usd } of openInstalments(facts)) {
    add(byProgramme, `*/${year}`, 'pledgedUnpaid', usd);
    if (pledge.earmarkType === 'PROJECT' && pledge.projectId) {
      add(byProject, `${pledge.projectId}/${year}`, 'pledgedUnpaid', usd);
      add(byProgramme, `${programmeOf.get(pledge.projectId)}/${year}`, 'pledgedUnpaid', usd);
    } else if (pledge.earmarkType === 'PROGRAMME' && pledge.programmeId) {
      add(byProgramme, `${pledge.programmeId}/${year}`, 'pledgedUnpaid', usd);
    }
  }
  return { byProject, byProgramme };
}

/** Unallocated balances: "GP", "programme:<id>", "project:<id>"; plus per-payment and per-entry use. */
function balances(facts: Facts) {
  const pools = new Map<string, bigint>();
  const move = (key: string, value: bigint) => pools.set(key, (pools.get(key) ?? 0n) + value);
  const poolOf = (payment: Facts['payments'][number]) =>
    payment.earmarkType === 'GENERAL_PURPOSE'
      ? 'GP'
      : payment.earmarkType === 'PROGRAMME'
        ? `programme:${payment.programmeId}`
        : `project:${payment.projectId}`;
  const paymentById = new Map(facts.payments.map((payment) => [payment.id, payment]));
  const netOfPayment = new Map<string, bigint>();
  for (const payment of facts.payments) {
    move(poolOf(payment), payment.usdMinor);
    netOfPayment.set(payment.id, payment.usdMinor);
  }
  for (const reversal of facts.reversals) {
    const payment = paymentById.get(reversal.paymentId);
    if (!payment) continue;
    move(poolOf(payment), -reversal.usdMinor);
    netOfPayment.set(payment.id, (netOfPayment.get(payment.id) ?? 0n) - reversal.usdMinor);
  }
  const entryById = new Map(facts.entries.map((entry) => [entry.id, entry]));
  for (const entry of facts.entries) move(`programme:${entry.programmeId}`, entry.usdMinor);
  const allocatedOf = new Map<string, bigint>();
  for (const allocation of facts.allocations) {
    const origin = allocation.paymentId ?? allocation.regularBudgetEntryId;
    if (!origin) continue;
    allocatedOf.set(origin, (allocatedOf.get(origin) ?? 0n) + allocation.usdMinor);
    const payment = allocation.paymentId ? paymentById.get(allocation.paymentId) : undefined;
    const entry = allocation.regularBudgetEntryId ? entryById.get(allocation.regularBudgetEntryId) : undefined;
    if (payment) move(poolOf(payment), -allocation.usdMinor);
    else if (entry) move(`programme:${entry.programmeId}`, -allocation.usdMinor);
  }
  return { pools, netOfPayment, allocatedOf, paymentById, entryById };
}

function checkInvariants(facts: Facts, money: ReturnType<typeof balances>): string[] {
  const problems: string[] = [];
  const programmeOf = new Map(facts.projects.map((project) => [project.id, project.programmeId]));
  const pledgeById = new Map(facts.pledges.map((pledge) => [pledge.id, pledge]));
  const instalmentById = new Map(facts.instalments.map((instalment) => [instalment.id, instalment]));
  const reversalById = new Map(facts.reversals.map((reversal) => [reversal.id, reversal]));

  for (const payment of facts.payments) {
    const label = `payment ${payment.id}`;
    if (payment.amountMinor <= 0n) problems.push(`${label}: amount ${payment.amountMinor} is not positive`);
    try {
      currencyExponent(payment.currency);
      const expected = toUsdMinor({ amountMinor: payment.amountMinor, currency: payment.currency, usdRate: payment.usdRate.toFixed() });
      if (expected !== payment.usdMinor) problems.push(`${label}: usdMinor ${payment.usdMinor} but the pinned rate gives ${expected}`);
    } catch (error) {
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (payment.earmarkType === 'PROGRAMME' && !payment.programmeId) problems.push(`${label}: PROGRAMME earmark without programme`);
    if (payment.earmarkType === 'PROJECT' && !payment.projectId) problems.push(`${label}: PROJECT earmark without project`);
    const pledge = payment.pledgeId ? pledgeById.get(payment.pledgeId) : undefined;
    if (pledge && pledge.earmarkType !== payment.earmarkType)
      problems.push(`${label}: earmark ${payment.earmarkType} differs from its pledge's ${pledge.earmarkType}`);
    if (payment.instalmentId) {
      const instalment = instalmentById.get(payment.instalmentId);
      if (!instalment || instalment.pledgeId !== payment.pledgeId) problems.push(`${label}: instalment does not belong to its pledge`);
      if (pledge && pledge.currency !== payment.currency)
        problems.push(`${label}: settles a ${pledge.currency} instalment in ${payment.currency}`);
    }
    const net = money.netOfPayment.get(payment.id) ?? 0n;
    const allocated = money.allocatedOf.get(payment.id) ?? 0n;
    if (net < 0n) problems.push(`${label}: reversed more (${payment.usdMinor - net}) than received (${payment.usdMinor})`);
    if (allocated > net) problems.push(`${label}: over-allocated: ${allocated} allocated, ${net} received net`);
    if (allocated < 0n) problems.push(`${label}: allocations sum to ${allocated} (negative)`);
  }
  const reversedAmount = new Map<string, bigint>();
  for (const reversal of facts.reversals) {
    reversedAmount.set(reversal.paymentId, (reversedAmount.get(reversal.paymentId) ?? 0n) + reversal.amountMinor);
  }
  for (const [paymentId, reversed] of reversedAmount) {
    const payment = money.paymentById.get(paymentId);
    if (payment && reversed > payment.amountMinor)
      problems.push(`payment ${paymentId}: reversals of ${reversed} exceed the amount ${payment.amountMinor}`);
  }

  problems.push(...checkDisputes(facts.reversals));

  for (const entry of facts.entries) {
    const allocated = money.allocatedOf.get(entry.id) ?? 0n;
    if (allocated < 0n || (allocated > 0n && allocated > entry.usdMinor)) {
      problems.push(`regular-budget entry ${entry.id}: ${allocated} allocated of ${entry.usdMinor}`);
    }
  }

  for (const allocation of facts.allocations) {
    const label = `allocation ${allocation.id}`;
    if (Boolean(allocation.paymentId) === Boolean(allocation.regularBudgetEntryId)) {
      problems.push(`${label}: needs exactly one of paymentId / regularBudgetEntryId`);
      continue;
    }
    const projectProgramme = programmeOf.get(allocation.projectId);
    const entry = allocation.regularBudgetEntryId ? money.entryById.get(allocation.regularBudgetEntryId) : undefined;
    const payment = allocation.paymentId ? money.paymentById.get(allocation.paymentId) : undefined;
    if (entry) {
      if (allocation.source !== 'REGULAR_BUDGET') problems.push(`${label}: regular-budget money recorded as ${allocation.source}`);
      if (entry.programmeId !== projectProgramme) problems.push(`${label}: regular budget of another programme`);
    } else if (payment) {
      const expected = payment.earmarkType === 'GENERAL_PURPOSE' ? 'GENERAL_PURPOSE' : 'EARMARKED';
      if (allocation.source !== expected) problems.push(`${label}: ${payment.earmarkType} payment allocated as ${allocation.source}`);
      if (payment.earmarkType === 'PROJECT' && payment.projectId !== allocation.projectId)
        problems.push(`${label}: project-earmarked money allocated to another project`);
      if (payment.earmarkType === 'PROGRAMME' && payment.programmeId !== projectProgramme)
        problems.push(`${label}: programme-earmarked money allocated outside its programme`);
    }
    if (allocation.reversalId) {
      const reversal = reversalById.get(allocation.reversalId);
      if (!reversal || reversal.paymentId !== allocation.paymentId) problems.push(`${label}: reverses a reversal of another payment`);
      // It moves money the opposite way to its reversal: out for a refund, back in for a won dispute.
      if (reversal && (allocation.usdMinor === 0n || allocation.usdMinor > 0n === reversal.usdMinor > 0n)) {
        problems.push(`${label}: a reversal allocation must move money opposite to its reversal`);
      }
    }
  }

  problems.push(...checkPoolAllocations(facts, money));
  problems.push(...checkWriteOffs(facts, pledgeById, instalmentById));

  for (const [pool, balance] of money.pools) {
    if (balance < 0n) problems.push(`unallocated pool ${pool} is negative: ${balance}`);
  }
  return problems;
}

/**
 * Instalment write-offs (decision 030): each is positive, on an instalment of a promise, and no
 * more than the instalment owed when it was written — its amount less the net of the payments
 * recorded (and reversals made) before then. Whatever came later, what an instalment still owes
 * is never negative: the summaries clamp at zero and the check recomputes them the same way.
 */
function checkWriteOffs(
  facts: Facts,
  pledgeById: Map<string, Facts['pledges'][number]>,
  instalmentById: Map<string, Facts['instalments'][number]>,
): string[] {
  const problems: string[] = [];
  const writtenOff = new Set(facts.writeOffs.map((writeOff) => writeOff.instalmentId));
  const paymentsOf = new Map<string, Facts['payments']>();
  const reversalsOf = new Map<string, Facts['reversals']>();
  for (const payment of facts.payments) {
    if (!payment.instalmentId || !writtenOff.has(payment.instalmentId)) continue;
    paymentsOf.set(payment.instalmentId, [...(paymentsOf.get(payment.instalmentId) ?? []), payment]);
    reversalsOf.set(payment.id, []);
  }
  for (const reversal of facts.reversals) reversalsOf.get(reversal.paymentId)?.push(reversal);
  for (const writeOff of facts.writeOffs) {
    const label = `write-off ${writeOff.id}`;
    const instalment = instalmentById.get(writeOff.instalmentId);
    const pledge = instalment ? pledgeById.get(instalment.pledgeId) : undefined;
    if (!instalment || !pledge) {
      problems.push(`${label}: no such instalment`);
      continue;
    }
    if (!isPromise(pledge)) problems.push(`${label}: pledge ${pledge.reference} promises no instalments`);
    const before = (at: Date) => at.getTime() <= writeOff.createdAt.getTime();
    const payments = (paymentsOf.get(instalment.id) ?? []).filter((payment) => before(payment.createdAt));
    const paid = payments.reduce((sum, payment) => sum + payment.amountMinor, 0n);
    const reversed = payments
      .flatMap((payment) => reversalsOf.get(payment.id) ?? [])
      .filter((reversal) => before(reversal.createdAt))
      .reduce((sum, reversal) => sum + reversal.amountMinor, 0n);
    const owed = instalment.amountMinor - paid + reversed;
    if (writeOff.amountMinor <= 0n || writeOff.amountMinor > owed)
      problems.push(`${label}: wrote off ${writeOff.amountMinor} ${pledge.currency} but the instalment owed ${owed > 0n ? owed : 0n}`);
  }
  return problems;
}

/**
 * Staff allocation decisions (decision 025): the rows a decision wrote (those without a reversal)
 * add up to its amount, go to its project and year, and spend money of its pool; the rows that
 * later reversed some of it never take back more than it gave.
 */
function checkPoolAllocations(facts: Facts, money: ReturnType<typeof balances>): string[] {
  const problems: string[] = [];
  const written = new Map<string, bigint>();
  const reversed = new Map<string, bigint>();
  const byId = new Map(facts.decisions.map((decision) => [decision.id, decision]));
  for (const allocation of facts.allocations) {
    if (!allocation.poolAllocationId) continue;
    const decision = byId.get(allocation.poolAllocationId);
    const label = `allocation ${allocation.id} of decision ${allocation.poolAllocationId}`;
    if (!decision) {
      problems.push(`${label}: no such decision`);
      continue;
    }
    const into = allocation.reversalId ? reversed : written;
    into.set(decision.id, (into.get(decision.id) ?? 0n) + allocation.usdMinor);
    if (allocation.projectId !== decision.projectId || allocation.year !== decision.year)
      problems.push(`${label}: goes to another project or year than its decision`);
    const payment = allocation.paymentId ? money.paymentById.get(allocation.paymentId) : undefined;
    const entry = allocation.regularBudgetEntryId ? money.entryById.get(allocation.regularBudgetEntryId) : undefined;
    const pool = entry ? 'REGULAR_BUDGET' : payment?.earmarkType;
    const programmeId = entry ? entry.programmeId : payment?.earmarkType === 'PROGRAMME' ? payment.programmeId : null;
    if (pool !== decision.pool || (programmeId ?? null) !== (decision.programmeId ?? null))
      problems.push(`${label}: spends ${pool ?? 'unknown'} money, its decision the ${decision.pool} pool`);
  }
  for (const decision of facts.decisions) {
    const sum = written.get(decision.id) ?? 0n;
    if (sum !== decision.usdMinor) problems.push(`pool allocation ${decision.id}: its rows add up to ${sum}, not ${decision.usdMinor}`);
    const back = reversed.get(decision.id) ?? 0n;
    if (back > 0n || -back > sum) problems.push(`pool allocation ${decision.id}: reversals of ${-back} against ${sum} allocated`);
  }
  return problems;
}

/**
 * A dispute's steps (decision 017), keyed '<dispute>:withdrawn' / ':reinstated' / ':final' by the
 * Stripe handler: the money is withdrawn when it opens, then either given back in full (won) or
 * kept (lost), never both, and each step on the payment of its withdrawal. The sign of each kind
 * is the database's own CHECK (reversals_amount_sign_by_kind).
 */
function checkDisputes(reversals: Facts['reversals']): string[] {
  const problems: string[] = [];
  const steps = new Map<string, Map<string, Facts['reversals'][number]>>();
  for (const reversal of reversals) {
    if (!reversal.kind.startsWith('DISPUTE_') || !reversal.providerReversalId) continue;
    const dispute = reversal.providerReversalId.replace(/:(withdrawn|reinstated|final)$/, '');
    const byKind = steps.get(dispute) ?? new Map<string, Facts['reversals'][number]>();
    byKind.set(reversal.kind, reversal);
    steps.set(dispute, byKind);
  }
  for (const [dispute, byKind] of steps) {
    const withdrawn = byKind.get('DISPUTE_WITHDRAWN');
    const reinstated = byKind.get('DISPUTE_REINSTATED');
    const final = byKind.get('DISPUTE_FINAL');
    for (const step of [reinstated, final]) {
      if (step && (!withdrawn || withdrawn.paymentId !== step.paymentId))
        problems.push(`dispute ${dispute}: ${step.kind} without a withdrawal from the same payment`);
    }
    if (reinstated && final) problems.push(`dispute ${dispute}: both reinstated and final`);
    if (reinstated && withdrawn && (reinstated.amountMinor !== -withdrawn.amountMinor || reinstated.usdMinor !== -withdrawn.usdMinor))
      problems.push(`dispute ${dispute}: reinstated ${-reinstated.amountMinor} of ${withdrawn.amountMinor} withdrawn`);
  }
  return problems;
}

function compare(label: string, expected: Sums, actual: FundingFigures, problems: string[]): void {
  const funded = expected.regularBudget + expected.generalPurpose + expected.earmarked;
  const gap = expected.requirement > funded ? expected.requirement - funded : 0n;
  const coverage = expected.requirement > 0n && funded > 0n ? (funded * 10000n) / expected.requirement : 0n;
  const pairs: [string, bigint, number][] = [
    ['requirement', expected.requirement, actual.requirementUsdMinor],
    ['funded', funded, actual.fundedUsdMinor],
    ['funded regular budget', expected.regularBudget, actual.fundedBySource.regularBudget],
    ['funded general-purpose', expected.generalPurpose, actual.fundedBySource.generalPurpose],
    ['funded earmarked', expected.earmarked, actual.fundedBySource.earmarked],
    ['pledged-unpaid', expected.pledgedUnpaid, actual.pledgedUnpaidUsdMinor],
    ['gap', gap, actual.gapUsdMinor],
    ['coverage', coverage, actual.coverageBasisPoints],
  ];
  for (const [name, want, got] of pairs) {
    if (BigInt(got) !== want) problems.push(`${label} ${name}: ledger query says ${got}, facts give ${want}`);
  }
}

function checkSummaries(facts: Facts, byProject: Map<string, Sums>): string[] {
  if (facts.summaries.length === 0) return [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of facts.summaries) {
    const key = `${row.projectId}/${row.year}`;
    seen.add(key);
    const want = byProject.get(key) ?? zero();
    const pairs: [string, bigint, bigint][] = [
      ['requirement', want.requirement, row.requirementUsdMinor],
      ['regular budget', want.regularBudget, row.regularBudgetUsdMinor],
      ['general-purpose', want.generalPurpose, row.generalPurposeUsdMinor],
      ['earmarked', want.earmarked, row.earmarkedUsdMinor],
      ['pledged-unpaid', want.pledgedUnpaid, row.pledgedUnpaidUsdMinor],
    ];
    for (const [name, expected, stored] of pairs) {
      if (expected !== stored) problems.push(`funding summary ${key} ${name}: stored ${stored}, facts give ${expected}`);
    }
  }
  for (const [key, sums] of byProject) {
    const hasFigures = Object.values(sums).some((value) => value !== 0n);
    if (hasFigures && !seen.has(key)) problems.push(`funding summary ${key} is missing (summaries not refreshed after money moved?)`);
  }
  return problems;
}

/**
 * Recomputes every programme × year figure from raw facts and checks the invariants; [] = OK.
 * Reads one snapshot (REPEATABLE READ): the portal and the browser tests write while the check
 * reads, and figures read moments apart disagree by whatever moved between them (seen in CI: a
 * year's pledged-unpaid off by one instalment paid mid-check).
 */
export async function checkLedger(args: { db: DbClient }): Promise<string[]> {
  const { db } = args;
  if (!('$transaction' in db)) return checkLedgerIn(db);
  return db.$transaction((tx) => checkLedgerIn(tx), {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    timeout: 600_000,
    maxWait: 30_000,
  });
}

async function checkLedgerIn(db: DbClient): Promise<string[]> {
  const facts = await loadFacts(db);
  const { byProject, byProgramme } = recompute(facts);
  const money = balances(facts);
  const problems = checkInvariants(facts, money);

  const yearSet = new Set<number>();
  for (const key of [...byProject.keys(), ...byProgramme.keys()]) yearSet.add(Number(key.split('/')[1]));
  for (const entry of facts.entries) yearSet.add(entry.year);
  const years = [...yearSet].sort((a, b) => a - b);
  const thisYear = new Date().getUTCFullYear();
  const pool = (key: string) => money.pools.get(key) ?? 0n;

  for (const year of years.length > 0 ? years : [thisYear]) {
    for (const listed of await listProgrammeFunding({ year, db })) {
      compare(`programme ${listed.code} ${year} (list)`, byProgramme.get(`${listed.id}/${year}`) ?? zero(), listed, problems);
      const want = pool(`programme:${listed.id}`);
      if (BigInt(listed.unallocatedUsdMinor) !== want)
        problems.push(`programme ${listed.code} unallocated: query says ${listed.unallocatedUsdMinor}, facts give ${want}`);
    }
    for (const programme of facts.programmes) {
      const figures = await getFundingFigures({ programmeId: programme.id, fromYear: year, toYear: year, db });
      compare(`programme ${programme.code} ${year}`, byProgramme.get(`${programme.id}/${year}`) ?? zero(), figures, problems);
    }
    const portfolio = await getFundingFigures({ fromYear: year, toYear: year, db });
    compare(`portfolio ${year}`, byProgramme.get(`*/${year}`) ?? zero(), portfolio, problems);
    const allPools = [...money.pools.values()].reduce((a, b) => a + b, 0n);
    if (BigInt(portfolio.unallocatedUsdMinor) !== allPools)
      problems.push(`portfolio unallocated: query says ${portfolio.unallocatedUsdMinor}, facts give ${allPools}`);
  }

  if (years.length > 0) {
    const [from, to] = [years[0] as number, years[years.length - 1] as number];
    for (const project of facts.projects) {
      const expected = zero();
      for (let year = from; year <= to; year++) {
        const sums = byProject.get(`${project.id}/${year}`);
        if (sums) for (const key of Object.keys(expected) as (keyof Sums)[]) expected[key] += sums[key];
      }
      const figures = await getFundingFigures({ projectId: project.id, fromYear: from, toYear: to, db });
      compare(`project ${project.code} ${from}–${to}`, expected, figures, problems);
      const want = pool(`project:${project.id}`);
      if (BigInt(figures.unallocatedUsdMinor) !== want)
        problems.push(`project ${project.code} unallocated: query says ${figures.unallocatedUsdMinor}, facts give ${want}`);
    }
  }

  const generalPurpose = await getGeneralPurposePool({ db });
  if (BigInt(generalPurpose) !== pool('GP')) problems.push(`general-purpose pool: query says ${generalPurpose}, facts give ${pool('GP')}`);

  problems.push(...checkSummaries(facts, byProject));
  problems.push(...(await checkSummaryTables({ db })));
  problems.push(...(await checkPaymentFees({ db })));
  problems.push(...(await checkDonorGiftSummaries({ db })));
  problems.push(...(await checkDonorFundedScopes({ db })));
  problems.push(...(await checkDonorGivingModes({ db })));
  problems.push(...(await checkAppealSendCounts({ db })));
  problems.push(...(await checkAskableDonors({ db })));
  problems.push(...(await checkStripeInbox(db)));
  return problems;
}

/**
 * Stripe events the inbox gave up on (decision 011): money Stripe moved that the ledger may not
 * show. Waiting rows are normal; only those past their last try are problems.
 */
async function checkStripeInbox(db: DbClient): Promise<string[]> {
  const stuck = await db.$queryRaw<{ id: string; type: string; attempts: number; lastError: string | null }[]>`
    SELECT id, type, attempts, "lastError" FROM stripe_event_inbox WHERE "availableAt" = 'infinity' ORDER BY "receivedAt"`;
  return stuck.map(
    (row) => `stripe event ${row.id} (${row.type}) not applied after ${row.attempts} tries: ${row.lastError ?? 'no error recorded'}`,
  );
}

/** How much the check covered, for scripts/ledger-check.ts. */
export async function ledgerCoverage(args: { db: DbClient }): Promise<{ programmes: number; years: number }> {
  const [programmes, years] = [
    await args.db.programme.count(),
    await args.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*)::bigint AS n FROM (
        SELECT year FROM project_requirements UNION SELECT year FROM allocations
        UNION SELECT year FROM regular_budget_entries UNION SELECT EXTRACT(YEAR FROM "dueOn")::int FROM pledge_instalments
      ) y`,
  ];
  return { programmes, years: Number(years[0]?.n ?? 0n) };
}
