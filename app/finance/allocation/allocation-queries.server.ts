// What finance reads to allocate pool money (decision 025): the pools and their balances, each
// project's gap, past decisions, and each decision's parts per origin and donor — the parts that
// impact reports and donor notices rest on.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface PoolBalance {
  pool: 'GENERAL_PURPOSE' | 'PROGRAMME' | 'REGULAR_BUDGET';
  programmeId: string | null;
  usdMinor: bigint;
  origins: number;
}

/** Every pool staff can allocate from that holds money, general-purpose first. */
export async function listPoolBalances({ db = getPrisma() }: { db?: DbClient } = {}): Promise<PoolBalance[]> {
  const rows = await db.$queryRaw<{ pool: PoolBalance['pool']; programmeId: string | null; usdMinor: bigint; origins: bigint }[]>`
    SELECT pool::text AS pool, "programmeId"::text AS "programmeId", SUM("usdMinor")::bigint AS "usdMinor", COUNT(*)::bigint AS origins
    FROM unallocated_balances WHERE pool <> 'PROJECT' AND "usdMinor" > 0
    GROUP BY pool, "programmeId"
    ORDER BY pool = 'GENERAL_PURPOSE' DESC, "programmeId", pool`;
  return rows.map((row) => ({ ...row, origins: Number(row.origins) }));
}

export interface ProjectGap {
  projectId: string;
  code: string;
  programmeId: string;
  title: unknown;
  requirementUsdMinor: bigint;
  fundedUsdMinor: bigint;
  /** requirement − funded, never below 0 (DOMAIN.md) */
  gapUsdMinor: bigint;
}

/** Each project with a requirement in `year`, its funded figure and gap (funding_summaries), largest gap first. */
export async function listProjectGaps({ year, db = getPrisma() }: { year: number; db?: DbClient }): Promise<ProjectGap[]> {
  return db.$queryRaw<ProjectGap[]>`
    SELECT p.id::text AS "projectId", p.code, p."programmeId"::text AS "programmeId", p.title,
           s."requirementUsdMinor",
           (s."regularBudgetUsdMinor" + s."generalPurposeUsdMinor" + s."earmarkedUsdMinor")::bigint AS "fundedUsdMinor",
           GREATEST(s."requirementUsdMinor" - s."regularBudgetUsdMinor" - s."generalPurposeUsdMinor" - s."earmarkedUsdMinor", 0)::bigint AS "gapUsdMinor"
    FROM funding_summaries s JOIN projects p ON p.id = s."projectId"
    WHERE s.year = ${year} AND s."requirementUsdMinor" > 0
    ORDER BY "gapUsdMinor" DESC, p.code`;
}

export interface AllocationPart {
  originKind: 'PAYMENT' | 'REGULAR_BUDGET';
  /** The payment or regular-budget entry */
  originId: string;
  donorId: string | null;
  donorName: string | null;
  receivedAt: Date;
  /** What the decision took from this origin */
  usdMinor: bigint;
  /** Taken back since by refunds or disputes of the payment (decision 025), positive */
  reversedUsdMinor: bigint;
}

/** One decision's parts per origin (donors' payments, regular-budget entries), largest first. */
export async function listAllocationParts({
  poolAllocationId,
  db = getPrisma(),
}: {
  poolAllocationId: string;
  db?: DbClient;
}): Promise<AllocationPart[]> {
  return db.$queryRaw<AllocationPart[]>`
    SELECT CASE WHEN a."paymentId" IS NULL THEN 'REGULAR_BUDGET' ELSE 'PAYMENT' END AS "originKind",
           COALESCE(a."paymentId", a."regularBudgetEntryId")::text AS "originId",
           d.id::text AS "donorId", d."displayName" AS "donorName", COALESCE(p."receivedAt", e."createdAt") AS "receivedAt",
           COALESCE(SUM(a."usdMinor") FILTER (WHERE a."reversalId" IS NULL), 0)::bigint AS "usdMinor",
           (-COALESCE(SUM(a."usdMinor") FILTER (WHERE a."reversalId" IS NOT NULL), 0))::bigint AS "reversedUsdMinor"
    FROM allocations a
    LEFT JOIN payments p ON p.id = a."paymentId"
    LEFT JOIN donors d ON d.id = p."donorId"
    LEFT JOIN regular_budget_entries e ON e.id = a."regularBudgetEntryId"
    WHERE a."poolAllocationId" = ${poolAllocationId}::uuid
    GROUP BY 1, 2, d.id, d."displayName", 5
    ORDER BY "usdMinor" DESC, "receivedAt", "originId"`;
}

export interface DonorAllocationPart {
  poolAllocationId: string;
  projectId: string;
  projectCode: string;
  year: number;
  decidedAt: Date;
  /** The donor's part of the decision, net of reversals since */
  usdMinor: bigint;
}

/** The parts of staff allocation decisions that one donor's money made (impact reports), newest first. */
export async function listDonorAllocationParts({
  donorId,
  db = getPrisma(),
}: {
  donorId: string;
  db?: DbClient;
}): Promise<DonorAllocationPart[]> {
  return db.$queryRaw<DonorAllocationPart[]>`
    SELECT k.id::text AS "poolAllocationId", k."projectId"::text AS "projectId", pr.code AS "projectCode", k.year,
           k."createdAt" AS "decidedAt", SUM(a."usdMinor")::bigint AS "usdMinor"
    FROM allocations a
    JOIN payments p ON p.id = a."paymentId"
    JOIN pool_allocations k ON k.id = a."poolAllocationId"
    JOIN projects pr ON pr.id = k."projectId"
    WHERE p."donorId" = ${donorId}::uuid
    GROUP BY k.id, pr.code
    ORDER BY k."createdAt" DESC, k.id`;
}

export interface PoolAllocationRow {
  id: string;
  pool: PoolBalance['pool'];
  programmeId: string | null;
  projectCode: string;
  year: number;
  usdMinor: bigint;
  note: string;
  createdByName: string;
  createdAt: Date;
}

/** The newest allocation decisions. */
export async function listPoolAllocations({ limit, db = getPrisma() }: { limit: number; db?: DbClient }): Promise<PoolAllocationRow[]> {
  const rows = await db.poolAllocation.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      pool: true,
      programmeId: true,
      year: true,
      usdMinor: true,
      note: true,
      createdAt: true,
      project: { select: { code: true } },
      createdBy: { select: { name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    pool: row.pool as PoolBalance['pool'], // the CHECK pool_allocations_pool_has_programme excludes PROJECT
    programmeId: row.programmeId,
    projectCode: row.project.code,
    year: row.year,
    usdMinor: row.usdMinor,
    note: row.note,
    createdByName: row.createdBy.name,
    createdAt: row.createdAt,
  }));
}

/** Programme codes and titles, to name the programme pools. */
export async function listProgrammeNames({ db = getPrisma() }: { db?: DbClient } = {}) {
  return db.programme.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }], select: { id: true, code: true, title: true } });
}
