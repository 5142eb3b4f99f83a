// Finance exports for the accounting system (issue #12 item 10): payments (gross, fee, net),
// pledges, allocations and reversals of a period, read in keyset batches so a year of a large
// ledger streams without being held in memory. Amounts come as integer minor units and as
// decimals in their currency's ISO 4217 exponent; nothing is rounded.
import { CsvDecimal } from '~/platform/csv.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { minorToDecimalString } from '~/platform/money.ts';

export const EXPORT_KINDS = ['payments', 'pledges', 'allocations', 'reversals'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export type ExportValue = string | bigint | CsvDecimal | boolean | null;
export type ExportRow = Record<string, ExportValue>;

/** A period of whole UTC days: `from` included, `toExclusive` the day after the last. */
export interface ExportPeriod {
  from: Date;
  toExclusive: Date;
}

const decimal = (minor: bigint | null, currency: string | null) =>
  minor === null || currency === null ? null : new CsvDecimal(minorToDecimalString(minor, currency));
const usd = (minor: bigint) => decimal(minor, 'USD');

interface Kind<Raw extends { at: Date; id: string }> {
  /** The rows after (at, id), in (at, id) order. */
  select(db: DbClient, period: ExportPeriod, after: { at: Date; id: string }, limit: number): Promise<Raw[]>;
  toRow(raw: Raw): ExportRow;
}

interface PaymentRaw {
  at: Date;
  id: string;
  reference: string | null;
  donorId: string;
  donorName: string;
  donorType: string;
  method: string;
  provider: string;
  providerPaymentId: string | null;
  currency: string;
  amountMinor: bigint;
  feeCurrency: string | null;
  grossMinor: bigint | null;
  feeMinor: bigint | null;
  netMinor: bigint | null;
  usdRate: string;
  usdMinor: bigint;
  earmark: string;
  programme: string | null;
  project: string | null;
}

const payments: Kind<PaymentRaw> = {
  select: (db, period, after, limit) => db.$queryRaw<PaymentRaw[]>`
    SELECT p."receivedAt" AS at, p.id, pl.reference, d.id AS "donorId", d."displayName" AS "donorName", d.type::text AS "donorType",
           p.method::text AS method, p.provider::text AS provider, p."providerPaymentId", p.currency, p."amountMinor",
           f.currency AS "feeCurrency", f."grossMinor", f."feeMinor", f."netMinor", p."usdRate"::text AS "usdRate", p."usdMinor",
           p."earmarkType"::text AS earmark, pr.code AS programme, pj.code AS project
      FROM payments p JOIN donors d ON d.id = p."donorId"
      LEFT JOIN pledges pl ON pl.id = p."pledgeId" LEFT JOIN payment_fees f ON f."paymentId" = p.id
      LEFT JOIN programmes pr ON pr.id = p."programmeId" LEFT JOIN projects pj ON pj.id = p."projectId"
     WHERE p."receivedAt" >= ${period.from} AND p."receivedAt" < ${period.toExclusive} AND (p."receivedAt", p.id) > (${after.at}, ${after.id}::uuid)
     ORDER BY p."receivedAt", p.id LIMIT ${limit}`,
  // A payment without a provider settlement (bank transfer) has gross = net = the amount received.
  toRow: (raw) => ({
    payment_id: raw.id,
    received_at: raw.at.toISOString(),
    pledge_reference: raw.reference,
    donor_id: raw.donorId,
    donor_name: raw.donorName,
    donor_type: raw.donorType,
    method: raw.method,
    provider: raw.provider,
    provider_payment_id: raw.providerPaymentId,
    currency: raw.currency,
    amount: decimal(raw.amountMinor, raw.currency),
    amount_minor: raw.amountMinor,
    settlement_currency: raw.feeCurrency ?? raw.currency,
    gross: decimal(raw.grossMinor ?? raw.amountMinor, raw.feeCurrency ?? raw.currency),
    fee: decimal(raw.feeMinor ?? 0n, raw.feeCurrency ?? raw.currency),
    net: decimal(raw.netMinor ?? raw.amountMinor, raw.feeCurrency ?? raw.currency),
    gross_minor: raw.grossMinor ?? raw.amountMinor,
    fee_minor: raw.feeMinor ?? 0n,
    net_minor: raw.netMinor ?? raw.amountMinor,
    usd_rate: raw.usdRate,
    usd: usd(raw.usdMinor),
    usd_minor: raw.usdMinor,
    earmark: raw.earmark,
    programme_code: raw.programme,
    project_code: raw.project,
  }),
};

interface PledgeRaw {
  at: Date;
  id: string;
  reference: string;
  donorId: string;
  donorName: string;
  donorType: string;
  frequency: string;
  method: string;
  currency: string;
  amountMinor: bigint;
  usdRate: string;
  instalments: number;
  scheduledMinor: bigint;
  paidMinor: bigint;
  status: string | null;
  earmark: string;
  programme: string | null;
  project: string | null;
}

const pledges: Kind<PledgeRaw> = {
  select: (db, period, after, limit) => db.$queryRaw<PledgeRaw[]>`
    SELECT pl."pledgedAt" AS at, pl.id, pl.reference, d.id AS "donorId", d."displayName" AS "donorName", d.type::text AS "donorType",
           pl.frequency::text AS frequency, pl.method::text AS method, pl.currency, pl."amountMinor", pl."usdRate"::text AS "usdRate",
           (SELECT count(*)::int FROM pledge_instalments i WHERE i."pledgeId" = pl.id) AS instalments,
           (SELECT coalesce(sum(i."amountMinor"), 0)::bigint FROM pledge_instalments i WHERE i."pledgeId" = pl.id) AS "scheduledMinor",
           (SELECT coalesce(sum(p."amountMinor"), 0)::bigint FROM payments p WHERE p."pledgeId" = pl.id AND p.currency = pl.currency) AS "paidMinor",
           (SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1) AS status,
           pl."earmarkType"::text AS earmark, pr.code AS programme, pj.code AS project
      FROM pledges pl JOIN donors d ON d.id = pl."donorId"
      LEFT JOIN programmes pr ON pr.id = pl."programmeId" LEFT JOIN projects pj ON pj.id = pl."projectId"
     WHERE pl."pledgedAt" >= ${period.from} AND pl."pledgedAt" < ${period.toExclusive} AND (pl."pledgedAt", pl.id) > (${after.at}, ${after.id}::uuid)
     ORDER BY pl."pledgedAt", pl.id LIMIT ${limit}`,
  toRow: (raw) => ({
    pledge_id: raw.id,
    pledged_at: raw.at.toISOString(),
    reference: raw.reference,
    donor_id: raw.donorId,
    donor_name: raw.donorName,
    donor_type: raw.donorType,
    frequency: raw.frequency,
    method: raw.method,
    // The last cancel / write-off / reinstate event; open pledges have none.
    status: raw.status === null || raw.status === 'REINSTATED' ? 'OPEN' : raw.status,
    currency: raw.currency,
    amount: decimal(raw.amountMinor, raw.currency),
    amount_minor: raw.amountMinor,
    instalments: BigInt(raw.instalments),
    scheduled: decimal(raw.scheduledMinor, raw.currency),
    scheduled_minor: raw.scheduledMinor,
    paid: decimal(raw.paidMinor, raw.currency),
    paid_minor: raw.paidMinor,
    usd_rate: raw.usdRate,
    earmark: raw.earmark,
    programme_code: raw.programme,
    project_code: raw.project,
  }),
};

interface AllocationRaw {
  at: Date;
  id: string;
  project: string;
  year: number;
  source: string;
  usdMinor: bigint;
  paymentId: string | null;
  regularBudgetEntryId: string | null;
  reversalId: string | null;
  createdBy: string | null;
  note: string;
}

const allocations: Kind<AllocationRaw> = {
  select: (db, period, after, limit) => db.$queryRaw<AllocationRaw[]>`
    SELECT a."createdAt" AS at, a.id, pj.code AS project, a.year, a.source::text AS source, a."usdMinor", a."paymentId"::text AS "paymentId",
           a."regularBudgetEntryId"::text AS "regularBudgetEntryId", a."reversalId"::text AS "reversalId", s.email AS "createdBy", a.note
      FROM allocations a JOIN projects pj ON pj.id = a."projectId" LEFT JOIN staff_users s ON s.id = a."createdById"
     WHERE a."createdAt" >= ${period.from} AND a."createdAt" < ${period.toExclusive} AND (a."createdAt", a.id) > (${after.at}, ${after.id}::uuid)
     ORDER BY a."createdAt", a.id LIMIT ${limit}`,
  toRow: (raw) => ({
    allocation_id: raw.id,
    created_at: raw.at.toISOString(),
    project_code: raw.project,
    year: BigInt(raw.year),
    source: raw.source,
    usd: usd(raw.usdMinor),
    usd_minor: raw.usdMinor,
    payment_id: raw.paymentId,
    regular_budget_entry_id: raw.regularBudgetEntryId,
    reversal_id: raw.reversalId,
    created_by: raw.createdBy,
    note: raw.note,
  }),
};

interface ReversalRaw {
  at: Date;
  id: string;
  paymentId: string;
  reference: string | null;
  kind: string;
  providerReversalId: string | null;
  currency: string;
  amountMinor: bigint;
  usdMinor: bigint;
  reason: string;
}

const reversals: Kind<ReversalRaw> = {
  select: (db, period, after, limit) => db.$queryRaw<ReversalRaw[]>`
    SELECT r."createdAt" AS at, r.id, r."paymentId"::text AS "paymentId", pl.reference, r.kind::text AS kind, r."providerReversalId",
           p.currency, r."amountMinor", r."usdMinor", r.reason
      FROM reversals r JOIN payments p ON p.id = r."paymentId" LEFT JOIN pledges pl ON pl.id = p."pledgeId"
     WHERE r."createdAt" >= ${period.from} AND r."createdAt" < ${period.toExclusive} AND (r."createdAt", r.id) > (${after.at}, ${after.id}::uuid)
     ORDER BY r."createdAt", r.id LIMIT ${limit}`,
  toRow: (raw) => ({
    reversal_id: raw.id,
    created_at: raw.at.toISOString(),
    payment_id: raw.paymentId,
    pledge_reference: raw.reference,
    kind: raw.kind,
    provider_reversal_id: raw.providerReversalId,
    currency: raw.currency,
    amount: decimal(raw.amountMinor, raw.currency),
    amount_minor: raw.amountMinor,
    usd: usd(raw.usdMinor),
    usd_minor: raw.usdMinor,
    reason: raw.reason,
  }),
};

const kinds: { [K in ExportKind]: Kind<{ at: Date; id: string }> } = {
  payments: payments as unknown as Kind<{ at: Date; id: string }>,
  pledges: pledges as unknown as Kind<{ at: Date; id: string }>,
  allocations: allocations as unknown as Kind<{ at: Date; id: string }>,
  reversals: reversals as unknown as Kind<{ at: Date; id: string }>,
};

/** The column names of an export, in order (the CSV header; the keys of each JSON object). */
export const EXPORT_COLUMNS: { [K in ExportKind]: readonly string[] } = {
  payments: [
    'payment_id',
    'received_at',
    'pledge_reference',
    'donor_id',
    'donor_name',
    'donor_type',
    'method',
    'provider',
    'provider_payment_id',
    'currency',
    'amount',
    'amount_minor',
    'settlement_currency',
    'gross',
    'fee',
    'net',
    'gross_minor',
    'fee_minor',
    'net_minor',
    'usd_rate',
    'usd',
    'usd_minor',
    'earmark',
    'programme_code',
    'project_code',
  ],
  pledges: [
    'pledge_id',
    'pledged_at',
    'reference',
    'donor_id',
    'donor_name',
    'donor_type',
    'frequency',
    'method',
    'status',
    'currency',
    'amount',
    'amount_minor',
    'instalments',
    'scheduled',
    'scheduled_minor',
    'paid',
    'paid_minor',
    'usd_rate',
    'earmark',
    'programme_code',
    'project_code',
  ],
  allocations: [
    'allocation_id',
    'created_at',
    'project_code',
    'year',
    'source',
    'usd',
    'usd_minor',
    'payment_id',
    'regular_budget_entry_id',
    'reversal_id',
    'created_by',
    'note',
  ],
  reversals: [
    'reversal_id',
    'created_at',
    'payment_id',
    'pledge_reference',
    'kind',
    'provider_reversal_id',
    'currency',
    'amount',
    'amount_minor',
    'usd',
    'usd_minor',
    'reason',
  ],
};

/** The export's rows in batches of `batchSize`, oldest first. */
export async function* readExportRows({
  db = getPrisma(),
  kind,
  period,
  batchSize = 5_000,
}: {
  db?: DbClient;
  kind: ExportKind;
  period: ExportPeriod;
  batchSize?: number;
}): AsyncGenerator<ExportRow[]> {
  const reader = kinds[kind];
  let after = { at: new Date('0001-01-01T00:00:00Z'), id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const batch = await reader.select(db, period, after, batchSize);
    if (batch.length === 0) return;
    yield batch.map((raw) => reader.toRow(raw));
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    after = { at: last.at, id: last.id };
  }
}
