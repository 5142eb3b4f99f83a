// funding_summaries: the ledger's figures per project and year, kept for fast public pages. The
// table is derived data: it is rebuilt from the money facts in one transaction, and both
// verifyFundingSummaries and the ledger check compare it with the facts.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/utils/db.server.ts';
import { openInstalmentsSql } from './funding.server.ts';

// Serialises concurrent rebuilds (job + manual run): delete-then-insert would otherwise collide.
const REFRESH_LOCK_KEY = 727_100_001;

export interface SummaryRow {
  projectId: string;
  year: number;
  requirementUsdMinor: bigint;
  regularBudgetUsdMinor: bigint;
  generalPurposeUsdMinor: bigint;
  earmarkedUsdMinor: bigint;
  pledgedUnpaidUsdMinor: bigint;
}

/**
 * Per project-year figures from the facts. A project-year appears when it has a requirement, an
 * allocation, or a PROJECT-pledge instalment with something still unpaid. Pledged-unpaid here is
 * the project's own pledges only: programme-level pledges have no project to sit on.
 */
function expectedRowsSql(projectIds?: string[]): Prisma.Sql {
  const only = (column: string) =>
    projectIds ? Prisma.sql`${Prisma.raw(column)} = ANY(${projectIds}::uuid[])` : Prisma.sql`TRUE`;
  return Prisma.sql`
    SELECT k.project_id AS "projectId", k.year::int AS year,
           SUM(k.req)::bigint AS "requirementUsdMinor", SUM(k.rb)::bigint AS "regularBudgetUsdMinor",
           SUM(k.gp)::bigint AS "generalPurposeUsdMinor", SUM(k.em)::bigint AS "earmarkedUsdMinor",
           SUM(k.unpaid)::bigint AS "pledgedUnpaidUsdMinor"
    FROM (
      SELECT r."projectId" AS project_id, r.year, r."usdMinor" AS req, 0::bigint AS rb, 0::bigint AS gp, 0::bigint AS em, 0::bigint AS unpaid
      FROM project_requirements r WHERE ${only('r."projectId"')}
      UNION ALL
      SELECT a."projectId", a.year, 0,
             CASE WHEN a.source = 'REGULAR_BUDGET' THEN a."usdMinor" ELSE 0 END,
             CASE WHEN a.source = 'GENERAL_PURPOSE' THEN a."usdMinor" ELSE 0 END,
             CASE WHEN a.source = 'EARMARKED' THEN a."usdMinor" ELSE 0 END, 0
      FROM allocations a WHERE ${only('a."projectId"')}
      UNION ALL
      SELECT o.project_id, o.year, 0, 0, 0, 0, o.usd
      FROM (${openInstalmentsSql(undefined, 1900, 9999)}) o
      WHERE o.earmark = 'PROJECT' AND o.usd > 0 AND ${only('o.project_id')}
    ) k
    GROUP BY k.project_id, k.year`;
}

function hasTransaction(db: DbClient): db is Extract<DbClient, { $transaction: unknown }> {
  return '$transaction' in db;
}

/**
 * Rebuilds funding_summaries from the facts in one transaction; returns what it wrote. With
 * `projectIds`, only those projects' rows: a writer of money facts calls it inside its own
 * transaction for the projects it touched, so the summaries never lag behind the ledger
 * (docs/decisions/005).
 */
export async function refreshFundingSummaries(
  args: { db?: DbClient; projectIds?: string[] } = {},
): Promise<{ rows: number; projects: number; years: number }> {
  const db = args.db ?? getPrisma();
  const { projectIds } = args;
  const rebuild = async (tx: DbClient) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK_KEY})`;
    if (!projectIds) {
      // A full rebuild aggregates whole tables: give its hash joins memory instead of spilling
      // sorts to disk, and skip JIT compilation, which costs more than it saves here.
      await tx.$executeRaw`SET LOCAL work_mem = '128MB'`;
      await tx.$executeRaw`SET LOCAL jit = off`;
    }
    if (projectIds) await tx.$executeRaw`DELETE FROM funding_summaries WHERE "projectId" = ANY(${projectIds}::uuid[])`;
    else await tx.$executeRaw`DELETE FROM funding_summaries`;
    const rows = await tx.$executeRaw`
      INSERT INTO funding_summaries ("projectId", year, "requirementUsdMinor", "regularBudgetUsdMinor",
        "generalPurposeUsdMinor", "earmarkedUsdMinor", "pledgedUnpaidUsdMinor", "refreshedAt")
      SELECT e."projectId", e.year, e."requirementUsdMinor", e."regularBudgetUsdMinor", e."generalPurposeUsdMinor",
             e."earmarkedUsdMinor", e."pledgedUnpaidUsdMinor", now()
      FROM (${expectedRowsSql(projectIds)}) e`;
    const [counts] = await tx.$queryRaw<{ projects: bigint; years: bigint }[]>`
      SELECT COUNT(DISTINCT "projectId")::bigint AS projects, COUNT(DISTINCT year)::bigint AS years FROM funding_summaries`;
    return { rows, projects: Number(counts?.projects ?? 0n), years: Number(counts?.years ?? 0n) };
  };
  // A full rebuild of a large ledger takes longer than Prisma's 5 s default for interactive transactions.
  return hasTransaction(db) ? db.$transaction(rebuild, { timeout: 120_000, maxWait: 30_000 }) : rebuild(db);
}

const figureKeys = [
  'requirementUsdMinor',
  'regularBudgetUsdMinor',
  'generalPurposeUsdMinor',
  'earmarkedUsdMinor',
  'pledgedUnpaidUsdMinor',
] as const;

/** Compares funding_summaries with the facts; returns one line per mismatch (empty = in step). */
export async function verifyFundingSummaries(args: { db?: DbClient } = {}): Promise<string[]> {
  const db = args.db ?? getPrisma();
  const expected = await db.$queryRaw<SummaryRow[]>(expectedRowsSql());
  const stored = await db.fundingSummary.findMany();
  const key = (row: { projectId: string; year: number }) => `${row.projectId}/${row.year}`;
  const storedByKey = new Map(stored.map((row) => [key(row), row]));
  const problems: string[] = [];
  for (const row of expected) {
    const saved = storedByKey.get(key(row));
    storedByKey.delete(key(row));
    if (!saved) {
      problems.push(`funding summary missing for project ${row.projectId} year ${row.year}`);
      continue;
    }
    for (const field of figureKeys) {
      if (BigInt(saved[field]) !== BigInt(row[field])) {
        problems.push(`funding summary ${key(row)} ${field}: stored ${saved[field]}, facts give ${row[field]}`);
      }
    }
  }
  for (const extra of storedByKey.keys()) problems.push(`funding summary ${extra} has no facts behind it`);
  return problems;
}
