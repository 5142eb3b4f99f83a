// Tools the demo seed builds its plan with: a seeded PRNG, UTC dates relative to "now", monthly
// operational rates, and an in-memory list of rows per table (inserted with createMany later).
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../app/generated/prisma/client.ts';
import { currencyExponent, parseRate, toUsdMinor } from '../../app/platform/money.ts';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { int, pick };
}
export type Rng = ReturnType<typeof createRng>;

const DAY = 86_400_000;

export function createCalendar(now: Date, rng: Rng) {
  const currentYear = now.getUTCFullYear();
  const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));
  const date = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
  const addDays = (value: Date, days: number) => new Date(value.getTime() + days * DAY);
  // A minute before now, but never before this year began: this year's money stays in this year.
  const latest = new Date(Math.max(now.getTime() - 60_000, yearStart(currentYear).getTime()));
  const notAfterNow = (value: Date) => (value.getTime() > latest.getTime() ? latest : value);
  /** A random moment of `year` that is already in the past (working hours, UTC). */
  const pastMoment = (year: number, fromDay = 0, toDay = 364) => {
    const elapsed = year < currentYear ? 364 : Math.max(0, Math.floor((latest.getTime() - yearStart(year).getTime()) / DAY) - 1);
    const first = Math.min(fromDay, elapsed);
    const last = Math.max(first, Math.min(toDay, elapsed));
    const moment = new Date(yearStart(year).getTime() + rng.int(first, last) * DAY + rng.int(8, 17) * 3_600_000);
    return notAfterNow(moment);
  };
  const dayOnly = (value: Date) => new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  return { now, currentYear, yearStart, date, addDays, notAfterNow, pastMoment, dayOnly };
}
export type Calendar = ReturnType<typeof createCalendar>;

const baseRates: Record<string, number> = {
  // USD per major unit, in units of 1e-8, at the start of the demo period
  EUR: 108_000_000,
  GBP: 126_000_000,
  CHF: 112_000_000,
  JPY: 680_000,
  SEK: 9_500_000,
  NOK: 9_300_000,
  KWD: 325_000_000,
};

function formatRateUnits(units: number): string {
  const text = String(units).padStart(9, '0');
  const whole = text.slice(0, -8).replace(/^0+(?=\d)/, '');
  const fraction = text.slice(-8).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Monthly operational rates from January of the first demo year to the current month. */
export function createFxTable(calendar: Calendar, firstYear: number, rng: Rng) {
  const months: Date[] = [];
  for (let cursor = calendar.date(firstYear, 1, 1); cursor <= calendar.now;) {
    months.push(cursor);
    cursor = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1));
  }
  const rates = new Map<string, string[]>();
  for (const [currency, base] of Object.entries(baseRates)) {
    let units = base;
    const series: string[] = [];
    for (let index = 0; index < months.length; index++) {
      units = Math.round((units * (10_000 + rng.int(-140, 150))) / 10_000);
      // published rates of major currencies carry 6 decimals; small-unit currencies need 8
      const published = units >= 1_000_000 ? Math.round(units / 100) * 100 : units;
      series.push(formatRateUnits(published));
    }
    rates.set(currency, series);
  }
  const rateOn = (currency: string, on: Date): string => {
    if (currency === 'USD') return '1';
    const series = rates.get(currency);
    if (!series) throw new Error(`no demo rates for ${currency}`);
    const index = (on.getUTCFullYear() - firstYear) * 12 + on.getUTCMonth();
    return series[Math.max(0, Math.min(series.length - 1, index))] as string;
  };
  const rows: Prisma.FxRateCreateManyInput[] = [];
  for (const [currency, series] of rates) {
    series.forEach((usdRate, index) =>
      rows.push({ currency, month: months[index] as Date, usdRate, source: 'Demo operational rates (illustrative)' }),
    );
  }
  return { rateOn, rows };
}

/** USD cents → minor units of `currency` at `rate`, rounded to a whole multiple of `stepMajor`. */
export function fromUsd(usdMinor: bigint, currency: string, rate: string, stepMajor: bigint): bigint {
  const { numerator, scale } = parseRate(rate);
  const exponent = BigInt(currencyExponent(currency));
  const raw = (usdMinor * 10n ** (exponent + BigInt(scale))) / (100n * numerator);
  const step = stepMajor * 10n ** exponent;
  const rounded = ((raw + step / 2n) / step) * step;
  return rounded > 0n ? rounded : step;
}

/** A "nice" rounding step for an amount of about `usdMajor` dollars, in major units of `currency`. */
export function niceStep(usdMajor: number, currency: string): bigint {
  const factor = currency === 'JPY' ? 100n : currency === 'SEK' || currency === 'NOK' ? 10n : 1n;
  if (usdMajor >= 100_000) return 1_000n * factor;
  if (usdMajor >= 5_000) return 100n * factor;
  return currency === 'KWD' ? 1n : 5n * factor;
}

export function createRows() {
  return {
    programmes: [] as Prisma.ProgrammeCreateManyInput[],
    projects: [] as Prisma.ProjectCreateManyInput[],
    requirements: [] as Prisma.ProjectRequirementCreateManyInput[],
    donors: [] as Prisma.DonorCreateManyInput[],
    consents: [] as Prisma.DonorConsentCreateManyInput[],
    suppressions: [] as Prisma.EmailSuppressionCreateManyInput[],
    fxRates: [] as Prisma.FxRateCreateManyInput[],
    regularBudget: [] as Prisma.RegularBudgetEntryCreateManyInput[],
    appeals: [] as Prisma.AppealCreateManyInput[],
    recipients: [] as Prisma.AppealRecipientCreateManyInput[],
    pledges: [] as Prisma.PledgeCreateManyInput[],
    instalments: [] as Prisma.PledgeInstalmentCreateManyInput[],
    pledgeEvents: [] as Prisma.PledgeEventCreateManyInput[],
    payments: [] as Prisma.PaymentCreateManyInput[],
    paymentFees: [] as Prisma.PaymentFeeCreateManyInput[],
    reversals: [] as Prisma.ReversalCreateManyInput[],
    staffUsers: [] as Prisma.StaffUserCreateManyInput[],
    poolAllocations: [] as Prisma.PoolAllocationCreateManyInput[],
    allocations: [] as Prisma.AllocationCreateManyInput[],
    updates: [] as Prisma.ImpactUpdateCreateManyInput[],
    indicators: [] as Prisma.IndicatorCreateManyInput[],
    indicatorValues: [] as Prisma.IndicatorValueCreateManyInput[],
  };
}
export type Rows = ReturnType<typeof createRows>;

export type Earmark =
  { type: 'GENERAL_PURPOSE' } | { type: 'PROGRAMME'; programmeId: string } | { type: 'PROJECT'; programmeId: string; projectId: string };

/** Money that staff may allocate later (general-purpose or programme-level), oldest first. */
export interface Source {
  id: string;
  remaining: bigint;
  receivedAt: Date;
}

/** Writes pledges, instalments, payments and allocations into `rows`, keeping them consistent. */
export function createLedgerWriter(rows: Rows, rateOn: (currency: string, on: Date) => string) {
  let reference = 0;
  let providerSequence = 0;
  const earmarkColumns = (earmark: Earmark) => ({
    earmarkType: earmark.type,
    programmeId: earmark.type === 'GENERAL_PURPOSE' ? null : earmark.programmeId,
    projectId: earmark.type === 'PROJECT' ? earmark.projectId : null,
  });
  const gpSources: Source[] = [];
  const programmeSources = new Map<string, Source[]>();

  function pledge(args: {
    donorId: string;
    frequency: 'ONCE' | 'MONTHLY' | 'INSTALMENTS';
    method: 'CARD' | 'BANK_TRANSFER' | 'DIRECT_DEBIT';
    currency: string;
    amountMinor?: bigint;
    pledgedAt: Date;
    earmark: Earmark;
    instalments?: { dueOn: Date; amountMinor: bigint }[];
    appealId?: string;
    isAnonymous?: boolean;
    dedication?: string;
    coversFee?: boolean;
  }) {
    const id = randomUUID();
    const instalments = (args.instalments ?? []).map((instalment, index) => ({ id: randomUUID(), sequence: index + 1, ...instalment }));
    const amountMinor = args.amountMinor ?? instalments.reduce((total, instalment) => total + instalment.amountMinor, 0n);
    const usdRate = rateOn(args.currency, args.pledgedAt);
    rows.pledges.push({
      id,
      reference: `DEMO-${String(++reference).padStart(5, '0')}`,
      donorId: args.donorId,
      frequency: args.frequency,
      method: args.method,
      currency: args.currency,
      amountMinor,
      usdRate,
      ...earmarkColumns(args.earmark),
      appealId: args.appealId ?? null,
      isAnonymous: args.isAnonymous ?? false,
      dedication: args.dedication ?? null,
      coversFee: args.coversFee ?? false,
      pledgedAt: args.pledgedAt,
    });
    for (const instalment of instalments) rows.instalments.push({ ...instalment, pledgeId: id });
    return { id, currency: args.currency, earmark: args.earmark, donorId: args.donorId, method: args.method, usdRate, instalments };
  }
  type PledgeRef = ReturnType<typeof pledge>;

  /** A payment received for a pledge; project-earmarked money is allocated at once (automatic). */
  function pay(args: { pledge: PledgeRef; instalmentId?: string; amountMinor: bigint; receivedAt: Date; allocateToYear?: number }) {
    const { pledge: parent } = args;
    const id = randomUUID();
    const usdRate = rateOn(parent.currency, args.receivedAt);
    const usdMinor = toUsdMinor({ amountMinor: args.amountMinor, currency: parent.currency, usdRate });
    const isCard = parent.method === 'CARD';
    providerSequence += 1;
    rows.payments.push({
      id,
      donorId: parent.donorId,
      pledgeId: parent.id,
      instalmentId: args.instalmentId ?? null,
      method: parent.method,
      provider: isCard ? 'STRIPE' : 'BANK',
      providerPaymentId: isCard
        ? `pi_demo_${String(providerSequence).padStart(6, '0')}`
        : `BANK-DEMO-${String(providerSequence).padStart(6, '0')}`,
      currency: parent.currency,
      amountMinor: args.amountMinor,
      usdRate,
      usdMinor,
      ...earmarkColumns(parent.earmark),
      receivedAt: args.receivedAt,
      createdAt: args.receivedAt,
    });
    if (isCard) {
      // Stripe's fee as a balance transaction in the gift's own currency (demo approximation: 2.9 %).
      const feeMinor = (args.amountMinor * 29n) / 1000n;
      rows.paymentFees.push({
        paymentId: id,
        providerTransactionId: `txn_demo_${String(providerSequence).padStart(6, '0')}`,
        currency: parent.currency,
        grossMinor: args.amountMinor,
        feeMinor,
        netMinor: args.amountMinor - feeMinor,
        exchangeRate: null,
        feeDetails: [{ type: 'stripe_fee', amount: Number(feeMinor), currency: parent.currency, description: 'Stripe processing fees' }],
        recordedAt: args.receivedAt,
      });
    }
    const year = args.allocateToYear ?? args.receivedAt.getUTCFullYear();
    if (parent.earmark.type === 'PROJECT') {
      rows.allocations.push({
        projectId: parent.earmark.projectId,
        year,
        source: 'EARMARKED',
        usdMinor,
        paymentId: id,
        note: 'Automatic: project earmark',
        createdAt: args.receivedAt,
      });
    } else {
      const source = { id, remaining: usdMinor, receivedAt: args.receivedAt };
      if (parent.earmark.type === 'GENERAL_PURPOSE') gpSources.push(source);
      else {
        const list = programmeSources.get(parent.earmark.programmeId) ?? [];
        list.push(source);
        programmeSources.set(parent.earmark.programmeId, list);
      }
    }
    return { id, usdMinor, amountMinor: args.amountMinor, receivedAt: args.receivedAt, earmark: parent.earmark };
  }

  /** Staff allocation of pooled money, oldest money first, never more than a payment holds. */
  function allocateFromPool(args: {
    sources: Source[];
    projectId: string;
    year: number;
    usdMinor: bigint;
    source: 'GENERAL_PURPOSE' | 'EARMARKED';
    availableBy: Date;
  }): bigint {
    let needed = args.usdMinor;
    const ordered = [...args.sources].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    for (const pool of ordered) {
      if (needed <= 0n) break;
      if (pool.remaining <= 0n || pool.receivedAt.getTime() > args.availableBy.getTime()) continue;
      const take = pool.remaining < needed ? pool.remaining : needed;
      pool.remaining -= take;
      needed -= take;
      rows.allocations.push({
        projectId: args.projectId,
        year: args.year,
        source: args.source,
        usdMinor: take,
        paymentId: pool.id,
        note:
          args.source === 'GENERAL_PURPOSE'
            ? 'Allocated by finance from general-purpose funds'
            : 'Allocated by the programme from programme-level funds',
        createdAt: args.availableBy,
      });
    }
    return args.usdMinor - needed;
  }

  return { pledge, pay, allocateFromPool, gpSources, programmeSources };
}
