// The ledger check's half for the summary tables (docs/decisions/009): each table recomputed in
// plain TypeScript from the raw facts, deliberately not through summary-rows.server.ts, and
// compared row by row with what is stored. A writer that adds facts without refreshing the
// summaries, or a refresh that computes them wrongly, shows up here after every database test file.
import { isPromise } from '~/ledger/pledge-commands.server.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { toUsdMinor } from '~/platform/money.ts';

const NIL = '00000000-0000-0000-0000-000000000000';
/** Donor types that a place page groups instead of naming (people, or who may be). */
const PEOPLE = new Set(['INDIVIDUAL', 'OTHER']);

export async function loadSummaryFacts({ db }: { db: DbClient }) {
  const [projects, donors, pledges, instalments, events, payments, reversals, allocations, entries, writeOffs] = [
    await db.project.findMany({ select: { id: true, programmeId: true, countryCode: true } }),
    await db.donor.findMany({ select: { id: true, type: true, isAnonymous: true } }),
    await db.pledge.findMany(),
    await db.pledgeInstalment.findMany(),
    await db.pledgeEvent.findMany(),
    await db.payment.findMany(),
    await db.reversal.findMany(),
    await db.allocation.findMany(),
    await db.regularBudgetEntry.findMany(),
    await db.instalmentWriteOff.findMany(),
  ];
  return { projects, donors, pledges, instalments, events, payments, reversals, allocations, entries, writeOffs };
}

type Facts = Awaited<ReturnType<typeof loadSummaryFacts>>;

/** The kind of each pledge's latest event (latest createdAt, then highest id). */
export function latestEventKinds(events: Facts['events']): Map<string, string> {
  const latest = new Map<string, Facts['events'][number]>();
  for (const event of events) {
    const current = latest.get(event.pledgeId);
    const isLater =
      !current ||
      event.createdAt.getTime() > current.createdAt.getTime() ||
      (event.createdAt.getTime() === current.createdAt.getTime() && event.id > current.id);
    if (isLater) latest.set(event.pledgeId, event);
  }
  return new Map([...latest].map(([pledgeId, event]) => [pledgeId, event.kind]));
}

function sumBy<T>(rows: T[], key: (row: T) => string, value: (row: T) => bigint): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0n) + value(row));
  return sums;
}

/** Rows keyed by a string, each a record of comparable values. */
type Table = Map<string, Record<string, string>>;

const show = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value));
const record = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, show(value)]));

function compareTable(name: string, expected: Table, stored: Table): string[] {
  const problems: string[] = [];
  for (const [key, want] of expected) {
    const got = stored.get(key);
    if (!got) problems.push(`${name} ${key} is missing (summaries not refreshed after money moved?)`);
    else
      for (const field of Object.keys(want))
        if (want[field] !== got[field]) problems.push(`${name} ${key} ${field}: stored ${got[field]}, facts give ${want[field]}`);
  }
  for (const key of stored.keys()) if (!expected.has(key)) problems.push(`${name} ${key} has no facts behind it`);
  return problems;
}

function expectedTables(facts: Facts) {
  const donorById = new Map(facts.donors.map((donor) => [donor.id, donor]));
  const pledgeById = new Map(facts.pledges.map((pledge) => [pledge.id, pledge]));
  const latest = latestEventKinds(facts.events);
  const reversedAmount = sumBy(
    facts.reversals,
    (r) => r.paymentId,
    (r) => r.amountMinor,
  );
  const reversedUsd = sumBy(
    facts.reversals,
    (r) => r.paymentId,
    (r) => r.usdMinor,
  );
  const settled = sumBy(
    facts.payments.filter((p) => p.instalmentId),
    (p) => p.instalmentId ?? '',
    (p) => p.amountMinor - (reversedAmount.get(p.id) ?? 0n),
  );
  const writtenOff = sumBy(
    facts.writeOffs,
    (w) => w.instalmentId,
    (w) => w.amountMinor,
  );
  const allocatedFrom = sumBy(
    facts.allocations,
    (a) => a.paymentId ?? a.regularBudgetEntryId ?? '',
    (a) => a.usdMinor,
  );
  const isAnonymous = (donorId: string, pledgeId: string | null) =>
    Boolean(donorById.get(donorId)?.isAnonymous || (pledgeId && pledgeById.get(pledgeId)?.isAnonymous));

  const openInstalments: Table = new Map();
  for (const instalment of facts.instalments) {
    const pledge = pledgeById.get(instalment.pledgeId);
    const kind = latest.get(instalment.pledgeId);
    if (!pledge || !isPromise(pledge) || kind === 'CANCELLED' || kind === 'WRITTEN_OFF') continue;
    const remaining = instalment.amountMinor - (settled.get(instalment.id) ?? 0n) - (writtenOff.get(instalment.id) ?? 0n);
    const usd = remaining > 0n ? toUsdMinor({ amountMinor: remaining, currency: pledge.currency, usdRate: pledge.usdRate.toFixed() }) : 0n;
    if (usd <= 0n) continue;
    openInstalments.set(
      instalment.id,
      record({
        pledgeId: pledge.id,
        earmarkType: pledge.earmarkType,
        year: instalment.dueOn.getUTCFullYear(),
        openUsdMinor: usd,
        currency: pledge.currency,
        openMinor: remaining,
        programmeId: pledge.earmarkType === 'PROGRAMME' ? pledge.programmeId : null,
        projectId: pledge.earmarkType === 'PROJECT' ? pledge.projectId : null,
      }),
    );
  }

  const unallocated: Table = new Map();
  for (const payment of facts.payments) {
    const balance = payment.usdMinor - (reversedUsd.get(payment.id) ?? 0n) - (allocatedFrom.get(payment.id) ?? 0n);
    if (balance === 0n) continue;
    unallocated.set(
      payment.id,
      record({
        pool: payment.earmarkType,
        usdMinor: balance,
        programmeId: payment.earmarkType === 'PROGRAMME' ? payment.programmeId : null,
        projectId: payment.earmarkType === 'PROJECT' ? payment.projectId : null,
      }),
    );
  }
  for (const entry of facts.entries) {
    const balance = entry.usdMinor - (allocatedFrom.get(entry.id) ?? 0n);
    if (balance !== 0n)
      unallocated.set(entry.id, record({ pool: 'REGULAR_BUDGET', usdMinor: balance, programmeId: entry.programmeId, projectId: null }));
  }

  const paymentById = new Map(facts.payments.map((payment) => [payment.id, payment]));
  const programmeOf = new Map(facts.projects.map((project) => [project.id, project.programmeId]));
  const allocatedByDonor = new Map<string, { type: string; usd: bigint; projectId: string; year: number; placeKey: string }>();
  const allocatedByProgramme = new Map<string, { donorId: string | null; type: string; usd: bigint }>();
  const allocatedByGroup = new Map<string, { donorId: string | null; type: string; usd: bigint }>();
  for (const allocation of facts.allocations) {
    const payment = allocation.paymentId ? paymentById.get(allocation.paymentId) : undefined;
    if (!payment) continue;
    const type = donorById.get(payment.donorId)?.type ?? '';
    const anonymous = isAnonymous(payment.donorId, payment.pledgeId);
    const shownAs = anonymous ? `anonymous:${type}` : payment.donorId;
    const isGroup = anonymous || PEOPLE.has(type);
    const placeKey = isGroup && !anonymous ? `people:${type}` : shownAs;
    const key = [allocation.projectId, allocation.year, payment.donorId, anonymous].join('/');
    const entry = allocatedByDonor.get(key) ?? { type, usd: 0n, projectId: allocation.projectId, year: allocation.year, placeKey };
    entry.usd += allocation.usdMinor;
    allocatedByDonor.set(key, entry);
    const programmeKey = [programmeOf.get(allocation.projectId), allocation.year, shownAs].join('/');
    const programmeEntry = allocatedByProgramme.get(programmeKey) ?? { donorId: anonymous ? null : payment.donorId, type, usd: 0n };
    programmeEntry.usd += allocation.usdMinor;
    allocatedByProgramme.set(programmeKey, programmeEntry);
    const groupKey = [allocation.projectId, allocation.year, placeKey].join('/');
    const groupEntry = allocatedByGroup.get(groupKey) ?? { donorId: isGroup ? null : payment.donorId, type, usd: 0n };
    groupEntry.usd += allocation.usdMinor;
    allocatedByGroup.set(groupKey, groupEntry);
  }
  const nonZero = <T extends { usd: bigint }>(entries: Map<string, T>) => [...entries].filter(([, entry]) => entry.usd !== 0n);
  const donorAllocations: Table = new Map(
    nonZero(allocatedByDonor).map(([key, entry]) => [key, record({ donorType: entry.type, allocatedUsdMinor: entry.usd })]),
  );
  const programmeAllocations: Table = new Map(
    nonZero(allocatedByProgramme).map(([key, entry]) => [
      key,
      record({ donorId: entry.donorId, donorType: entry.type, allocatedUsdMinor: entry.usd }),
    ]),
  );

  const projectGroups: Table = new Map(
    nonZero(allocatedByGroup).map(([key, entry]) => [
      key,
      record({ donorId: entry.donorId, donorType: entry.type, allocatedUsdMinor: entry.usd }),
    ]),
  );

  // A country's rows: the donor allocation rows of its projects, per donor as a place shows them;
  // the bound adds up each row's positive part (decision 062).
  const countryOf = new Map(facts.projects.map((project) => [project.id, project.countryCode]));
  const allocatedByCountry = new Map<string, { type: string; usd: bigint }>();
  const boundByCountry = new Map<string, { usd: bigint }>();
  for (const entry of allocatedByDonor.values()) {
    const country = countryOf.get(entry.projectId);
    if (!country || entry.usd === 0n) continue;
    const yearKey = [country, entry.placeKey, entry.year].join('/');
    const yearEntry = allocatedByCountry.get(yearKey) ?? { type: entry.type, usd: 0n };
    yearEntry.usd += entry.usd;
    allocatedByCountry.set(yearKey, yearEntry);
    const boundKey = [country, entry.placeKey].join('/');
    const boundEntry = boundByCountry.get(boundKey) ?? { usd: 0n };
    if (entry.usd > 0n) boundEntry.usd += entry.usd;
    boundByCountry.set(boundKey, boundEntry);
  }
  const countryYears: Table = new Map(
    nonZero(allocatedByCountry).map(([key, entry]) => [key, record({ donorType: entry.type, allocatedUsdMinor: entry.usd })]),
  );
  const countryBounds: Table = new Map(nonZero(boundByCountry).map(([key, entry]) => [key, record({ boundUsdMinor: entry.usd })]));

  // Contributions: payments in the year received (net), promises not cancelled in the year pledged.
  type Contribution = {
    donorId: string;
    year: number;
    anonymous: boolean;
    type: string;
    pledged: bigint;
    paid: bigint;
    gp: bigint;
    facts: number;
  };
  const contributions = new Map<string, Contribution>();
  const scopeOf = (gift: { earmarkType: string; programmeId: string | null; projectId: string | null }) =>
    (gift.earmarkType === 'PROGRAMME' ? gift.programmeId : gift.earmarkType === 'PROJECT' ? gift.projectId : null) ?? NIL;
  const addContribution = (
    donorId: string,
    at: Date,
    pledgeId: string | null,
    gift: Parameters<typeof scopeOf>[0],
    pledged: bigint,
    paid: bigint,
    gp: bigint,
  ) => {
    const anonymous = isAnonymous(donorId, pledgeId);
    const year = at.getUTCFullYear();
    const key = [donorId, year, anonymous, gift.earmarkType, scopeOf(gift)].join('/');
    const entry = contributions.get(key) ?? {
      donorId,
      year,
      anonymous,
      type: donorById.get(donorId)?.type ?? '',
      pledged: 0n,
      paid: 0n,
      gp: 0n,
      facts: 0,
    };
    entry.pledged += pledged;
    entry.paid += paid;
    entry.gp += gp;
    entry.facts += 1;
    contributions.set(key, entry);
  };
  for (const payment of facts.payments) {
    const net = payment.usdMinor - (reversedUsd.get(payment.id) ?? 0n);
    const pledge = payment.pledgeId ? pledgeById.get(payment.pledgeId) : undefined;
    const pledged = pledge && isPromise(pledge) ? 0n : net;
    addContribution(
      payment.donorId,
      payment.receivedAt,
      payment.pledgeId,
      payment,
      pledged,
      net,
      payment.earmarkType === 'GENERAL_PURPOSE' ? net : 0n,
    );
  }
  for (const pledge of facts.pledges) {
    if (!isPromise(pledge) || latest.get(pledge.id) === 'CANCELLED') continue;
    const usd = toUsdMinor({ amountMinor: pledge.amountMinor, currency: pledge.currency, usdRate: pledge.usdRate.toFixed() });
    addContribution(pledge.donorId, pledge.pledgedAt, pledge.id, pledge, usd, 0n, 0n);
  }
  const donorContributions: Table = new Map(
    [...contributions].map(([key, c]) => [
      key,
      record({ donorType: c.type, pledgedUsdMinor: c.pledged, paidUsdMinor: c.paid, generalPurposeUsdMinor: c.gp, facts: c.facts }),
    ]),
  );

  const yearTotals = new Map<string, Omit<Contribution, 'donorId'>>();
  const donorTotals = new Map<string, { donorId: string | null; type: string; pledged: bigint; paid: bigint; years: Set<number> }>();
  const donorYears = new Map<string, { paid: bigint; facts: number }>();
  for (const c of contributions.values()) {
    const yearKey = [c.year, c.type, c.anonymous].join('/');
    const total = yearTotals.get(yearKey) ?? {
      year: c.year,
      anonymous: c.anonymous,
      type: c.type,
      pledged: 0n,
      paid: 0n,
      gp: 0n,
      facts: 0,
    };
    total.pledged += c.pledged;
    total.paid += c.paid;
    total.gp += c.gp;
    total.facts += c.facts;
    yearTotals.set(yearKey, total);
    const donorKey = c.anonymous ? `anonymous:${c.type}` : c.donorId;
    const donor = donorTotals.get(donorKey) ?? {
      donorId: c.anonymous ? null : c.donorId,
      type: c.type,
      pledged: 0n,
      paid: 0n,
      years: new Set<number>(),
    };
    donor.pledged += c.pledged;
    donor.paid += c.paid;
    donor.years.add(c.year);
    donorTotals.set(donorKey, donor);
    const yearOfDonor = donorYears.get([c.year, donorKey].join('/')) ?? { paid: 0n, facts: 0 };
    yearOfDonor.paid += c.paid;
    yearOfDonor.facts += c.facts;
    donorYears.set([c.year, donorKey].join('/'), yearOfDonor);
  }
  // Each donor's years paired with the year before (0: none), counted per donor type.
  const yearCounts = new Map<string, number>();
  for (const donor of donorTotals.values()) {
    let previous = 0;
    for (const year of [...donor.years].sort((a, b) => a - b)) {
      const key = [donor.type, year, previous].join('/');
      yearCounts.set(key, (yearCounts.get(key) ?? 0) + 1);
      previous = year;
    }
  }
  return {
    openInstalments,
    unallocated,
    donorAllocations,
    programmeAllocations,
    projectGroups,
    countryYears,
    countryBounds,
    donorContributions,
    donorYears: new Map([...donorYears].map(([key, y]) => [key, record({ paidUsdMinor: y.paid, facts: y.facts })])),
    yearCounts: new Map([...yearCounts].map(([key, donors]) => [key, record({ donors })])),
    yearTotals: new Map(
      [...yearTotals].map(([key, t]) => [
        key,
        record({ pledgedUsdMinor: t.pledged, paidUsdMinor: t.paid, generalPurposeUsdMinor: t.gp, facts: t.facts }),
      ]),
    ),
    donorTotals: new Map(
      [...donorTotals].map(([key, d]) => [
        key,
        record({
          donorId: d.donorId,
          donorType: d.type,
          pledgedUsdMinor: d.pledged,
          paidUsdMinor: d.paid,
          years: [...d.years].sort((a, b) => a - b),
        }),
      ]),
    ),
  };
}

async function storedTables(db: DbClient) {
  const [
    open,
    unallocated,
    allocations,
    programmeAllocations,
    groups,
    countryYears,
    countryBounds,
    contributions,
    yearTotals,
    donorYears,
    donorTotals,
    yearCounts,
  ] = [
    await db.openInstalment.findMany(),
    await db.unallocatedBalance.findMany(),
    await db.donorAllocationSummary.findMany(),
    await db.programmeDonorAllocation.findMany(),
    await db.projectDonorGroup.findMany(),
    await db.countryDonorYear.findMany(),
    await db.countryDonorBound.findMany(),
    await db.donorContributionSummary.findMany(),
    await db.contributionYearTotal.findMany(),
    await db.donorYearContribution.findMany(),
    await db.donorContributionTotal.findMany(),
    await db.donorYearCount.findMany(),
  ];
  return {
    openInstalments: new Map(
      open.map((r) => [
        r.instalmentId,
        record({
          pledgeId: r.pledgeId,
          earmarkType: r.earmarkType,
          year: r.year,
          openUsdMinor: r.openUsdMinor,
          currency: r.currency,
          openMinor: r.openMinor,
          programmeId: r.programmeId,
          projectId: r.projectId,
        }),
      ]),
    ),
    unallocated: new Map(
      unallocated.map((r) => [
        r.originId,
        record({ pool: r.pool, usdMinor: r.usdMinor, programmeId: r.programmeId, projectId: r.projectId }),
      ]),
    ),
    donorAllocations: new Map(
      allocations.map((r) => [
        [r.projectId, r.year, r.donorId, r.isAnonymous].join('/'),
        record({ donorType: r.donorType, allocatedUsdMinor: r.allocatedUsdMinor }),
      ]),
    ),
    programmeAllocations: new Map(
      programmeAllocations.map((r) => [
        [r.programmeId, r.year, r.donorKey].join('/'),
        record({ donorId: r.donorId, donorType: r.donorType, allocatedUsdMinor: r.allocatedUsdMinor }),
      ]),
    ),
    projectGroups: new Map(
      groups.map((r) => [
        [r.projectId, r.year, r.donorKey].join('/'),
        record({ donorId: r.donorId, donorType: r.donorType, allocatedUsdMinor: r.allocatedUsdMinor }),
      ]),
    ),
    countryYears: new Map(
      countryYears.map((r) => [
        [r.countryCode, r.donorKey, r.year].join('/'),
        record({ donorType: r.donorType, allocatedUsdMinor: r.allocatedUsdMinor }),
      ]),
    ),
    countryBounds: new Map(countryBounds.map((r) => [[r.countryCode, r.donorKey].join('/'), record({ boundUsdMinor: r.boundUsdMinor })])),
    donorYears: new Map(donorYears.map((r) => [[r.year, r.donorKey].join('/'), record({ paidUsdMinor: r.paidUsdMinor, facts: r.facts })])),
    yearCounts: new Map(yearCounts.map((r) => [[r.donorType, r.year, r.previousYear].join('/'), record({ donors: r.donors })])),
    donorContributions: new Map(
      contributions.map((r) => [
        [r.donorId, r.year, r.isAnonymous, r.earmarkType, r.scopeId].join('/'),
        record({
          donorType: r.donorType,
          pledgedUsdMinor: r.pledgedUsdMinor,
          paidUsdMinor: r.paidUsdMinor,
          generalPurposeUsdMinor: r.generalPurposeUsdMinor,
          facts: r.facts,
        }),
      ]),
    ),
    yearTotals: new Map(
      yearTotals.map((r) => [
        [r.year, r.donorType, r.isAnonymous].join('/'),
        record({
          pledgedUsdMinor: r.pledgedUsdMinor,
          paidUsdMinor: r.paidUsdMinor,
          generalPurposeUsdMinor: r.generalPurposeUsdMinor,
          facts: r.facts,
        }),
      ]),
    ),
    donorTotals: new Map(
      donorTotals.map((r) => [
        r.donorKey,
        record({
          donorId: r.donorId,
          donorType: r.donorType,
          pledgedUsdMinor: r.pledgedUsdMinor,
          paidUsdMinor: r.paidUsdMinor,
          years: r.years,
        }),
      ]),
    ),
  };
}

const tableNames = {
  openInstalments: 'open instalment',
  unallocated: 'unallocated balance',
  donorAllocations: 'donor allocation summary',
  programmeAllocations: 'programme donor allocation',
  projectGroups: 'project donor group',
  countryYears: 'country donor year',
  countryBounds: 'country donor bound',
  donorYears: 'donor year contribution',
  donorContributions: 'donor contribution summary',
  yearTotals: 'contribution year total',
  donorTotals: 'donor contribution total',
  yearCounts: 'donor year count',
} as const;

/** Every summary table but funding_summaries (checked with the figures) against the facts; [] = in step. */
export async function checkSummaryTables({ db }: { db: DbClient }): Promise<string[]> {
  const expected = expectedTables(await loadSummaryFacts({ db }));
  const stored = await storedTables(db);
  return (Object.keys(tableNames) as (keyof typeof tableNames)[]).flatMap((table) =>
    compareTable(tableNames[table], expected[table], stored[table]),
  );
}
