// Finance staff move pooled money to a project and year (docs/decisions/025): every origin of the
// pool gives a part in proportion to its unallocated balance, largest-remainder rounding, recorded
// as one decision (pool_allocations) and one allocation row per origin, in one transaction with
// the summaries it changes and its audit entry.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { formatUsd } from '~/platform/money.ts';
import { splitByLargestRemainder } from './largest-remainder.ts';
import { refreshAfterMoneyChange } from './payment-commands.server.ts';

/** The pools staff allocate from (a PROJECT pool is already its project's). */
export type AllocatablePool = 'GENERAL_PURPOSE' | 'PROGRAMME' | 'REGULAR_BUDGET';

// Serialises allocations from one pool; the refresh lock (727_100_001) and rate limits (727_100_002) use others.
const POOL_LOCK_KEY = 727_100_003;

export type PoolAllocationProblem = 'AMOUNT_NOT_POSITIVE' | 'UNKNOWN_PROJECT' | 'PROJECT_OUTSIDE_PROGRAMME' | 'EXCEEDS_POOL';

/** A refused allocation: nothing was written. `availableUsdMinor` is the pool's balance when it says so. */
export class PoolAllocationError extends Error {
  constructor(
    readonly problem: PoolAllocationProblem,
    message: string,
    readonly availableUsdMinor?: bigint,
  ) {
    super(message);
    this.name = 'PoolAllocationError';
  }
}

export interface AllocatePoolMoneyInput {
  db?: DbClient;
  staffUserId: string;
  pool: AllocatablePool;
  programmeId?: string | null;
  projectId: string;
  year: number;
  usdMinor: bigint;
  note?: string;
}

interface Origin {
  originId: string;
  balance: bigint;
  donorId: string | null;
}

const poolWhere = (pool: AllocatablePool, programmeId: string | null) =>
  Prisma.sql`u.pool = ${pool}::"MoneyPool" AND u."programmeId" IS NOT DISTINCT FROM ${programmeId}::uuid AND u."usdMinor" > 0`;

/**
 * Locks the pool's origins, then reads their balances, oldest first (the order of decision
 * 025's last tie-break). A refund locks its payment the same way (recordReversal), so a balance
 * read here cannot be lowered before this transaction commits.
 */
async function lockedOrigins(tx: DbClient, pool: AllocatablePool, programmeId: string | null): Promise<Origin[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POOL_LOCK_KEY}, hashtext(${`${pool}:${programmeId ?? ''}`}))`;
  if (pool === 'REGULAR_BUDGET') {
    await tx.$queryRaw`SELECT e.id FROM regular_budget_entries e JOIN unallocated_balances u ON u."originId" = e.id
      WHERE ${poolWhere(pool, programmeId)} ORDER BY e.id FOR UPDATE OF e`;
    return tx.$queryRaw<Origin[]>`
      SELECT u."originId"::text AS "originId", u."usdMinor" AS balance, NULL::text AS "donorId"
      FROM unallocated_balances u JOIN regular_budget_entries e ON e.id = u."originId"
      WHERE ${poolWhere(pool, programmeId)} ORDER BY e."createdAt", e.id`;
  }
  await tx.$queryRaw`SELECT p.id FROM payments p JOIN unallocated_balances u ON u."originId" = p.id
    WHERE ${poolWhere(pool, programmeId)} ORDER BY p.id FOR UPDATE OF p`;
  return tx.$queryRaw<Origin[]>`
    SELECT u."originId"::text AS "originId", u."usdMinor" AS balance, p."donorId"::text AS "donorId"
    FROM unallocated_balances u JOIN payments p ON p.id = u."originId"
    WHERE ${poolWhere(pool, programmeId)} ORDER BY p."receivedAt", p.id`;
}

async function fundedUsdMinor(tx: DbClient, projectId: string, year: number): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ funded: bigint | null }[]>`
    SELECT ("regularBudgetUsdMinor" + "generalPurposeUsdMinor" + "earmarkedUsdMinor")::bigint AS funded
    FROM funding_summaries WHERE "projectId" = ${projectId}::uuid AND year = ${year}`;
  return row?.funded ?? 0n;
}

const sourceOf = { GENERAL_PURPOSE: 'GENERAL_PURPOSE', PROGRAMME: 'EARMARKED', REGULAR_BUDGET: 'REGULAR_BUDGET' } as const;
const poolWords = { GENERAL_PURPOSE: 'general-purpose pool', PROGRAMME: 'programme pool', REGULAR_BUDGET: 'regular-budget pool' } as const;

/**
 * Allocates `usdMinor` from a pool to a project and year (decision 025). Refuses (writing nothing)
 * an amount that is not positive or exceeds the pool, an unknown project, or a project outside a
 * programme pool's programme. Returns the decision and each origin's part.
 */
export async function allocatePoolMoney({ db = getPrisma(), ...input }: AllocatePoolMoneyInput) {
  const programmeId = input.pool === 'GENERAL_PURPOSE' ? null : (input.programmeId ?? null);
  if (input.usdMinor <= 0n) throw new PoolAllocationError('AMOUNT_NOT_POSITIVE', 'The amount to allocate must be more than zero.');
  const run = async (tx: DbClient) => {
    const project = await tx.project.findUnique({ where: { id: input.projectId }, select: { id: true, code: true, programmeId: true } });
    if (!project) throw new PoolAllocationError('UNKNOWN_PROJECT', 'No such project.');
    if (input.pool !== 'GENERAL_PURPOSE' && project.programmeId !== programmeId) {
      throw new PoolAllocationError('PROJECT_OUTSIDE_PROGRAMME', `Project ${project.code} is not in this programme.`);
    }
    const origins = await lockedOrigins(tx, input.pool, programmeId);
    const available = origins.reduce((sum, origin) => sum + origin.balance, 0n);
    if (input.usdMinor > available) {
      throw new PoolAllocationError(
        'EXCEEDS_POOL',
        `The ${poolWords[input.pool]} holds ${formatUsd(available, 'en')}; ${formatUsd(input.usdMinor, 'en')} cannot be allocated from it.`,
        available,
      );
    }
    const fundedBefore = await fundedUsdMinor(tx, project.id, input.year);
    const decision = await tx.poolAllocation.create({
      data: {
        pool: input.pool,
        programmeId,
        projectId: project.id,
        year: input.year,
        usdMinor: input.usdMinor,
        note: input.note ?? '',
        createdById: input.staffUserId,
      },
    });
    const parts = splitByLargestRemainder(
      input.usdMinor,
      origins.map((origin) => ({ id: origin.originId, weight: origin.balance })),
    );
    const donorOf = new Map(origins.map((origin) => [origin.originId, origin.donorId]));
    // An origin whose share rounds to zero gives nothing: allocations are never zero (decision 017).
    const given = parts.filter((part) => part.part > 0n);
    // One INSERT from arrays: Prisma's createMany takes seconds for thousands of rows (bench:pool-allocation).
    const originColumn = Prisma.raw(input.pool === 'REGULAR_BUDGET' ? '"regularBudgetEntryId"' : '"paymentId"');
    await tx.$executeRaw`
      INSERT INTO allocations ("projectId", year, source, "usdMinor", ${originColumn}, "poolAllocationId", note, "createdById")
      SELECT ${project.id}::uuid, ${input.year}, ${sourceOf[input.pool]}::"FundingSource", g.part, g.origin, ${decision.id}::uuid,
             ${input.note ?? ''}, ${input.staffUserId}::uuid
      FROM unnest(${given.map((part) => part.id)}::uuid[], ${given.map((part) => part.part.toString())}::bigint[]) AS g(origin, part)`;
    const donorIds = [...new Set(given.map((part) => donorOf.get(part.id)).filter((id): id is string => Boolean(id)))];
    await refreshAfterMoneyChange({
      db: tx,
      touch: { projectIds: [project.id], programmeIds: [programmeId], donorIds, pledgeIds: [] },
    });
    const fundedAfter = await fundedUsdMinor(tx, project.id, input.year);
    await recordAudit({
      db: tx,
      actorId: input.staffUserId,
      actorKind: 'staff',
      action: 'allocation.pool_allocate',
      entityType: 'PoolAllocation',
      entityId: decision.id,
      before: {
        summary: `The ${poolWords[input.pool]} held ${formatUsd(available, 'en')}; ${project.code} ${input.year} was funded ${formatUsd(fundedBefore, 'en')}.`,
        poolUsdMinor: available,
        projectFundedUsdMinor: fundedBefore,
      },
      after: {
        summary: `${formatUsd(input.usdMinor, 'en')} allocated to ${project.code} ${input.year} from ${given.length} gifts of ${donorIds.length} donors; the pool holds ${formatUsd(available - input.usdMinor, 'en')}.`,
        poolUsdMinor: available - input.usdMinor,
        projectFundedUsdMinor: fundedAfter,
        pool: input.pool,
        programmeId,
        projectCode: project.code,
        year: input.year,
        usdMinor: input.usdMinor,
        note: input.note ?? '',
        origins: given.length,
      },
    });
    return {
      poolAllocation: decision,
      parts: given.map(({ id, part }) => ({ originId: id, donorId: donorOf.get(id) ?? null, usdMinor: part })),
    };
  };
  // Several hundred origins with their summaries: more than Prisma's 5 s default on a busy machine.
  return '$transaction' in db ? db.$transaction(run, { timeout: 60_000, maxWait: 30_000 }) : run(db);
}
