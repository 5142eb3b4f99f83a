// The allocation form's effect: the checked form to the ledger's allocatePoolMoney (decision 025),
// its refusals to the form's error keys.
import { allocatePoolMoney, PoolAllocationError } from '~/ledger/pool-allocation-commands.server.ts';
import { parseAmount } from '~/platform/money.ts';
import { parsePoolChoice, type AllocationForm } from './allocation-schema.ts';

export type AllocationOutcome =
  { status: 'allocated'; poolAllocationId: string } | { status: 'refused'; errorKey: string; availableUsdMinor?: bigint };

const errorKeys = {
  AMOUNT_NOT_POSITIVE: 'form.errors.amountInvalid',
  UNKNOWN_PROJECT: 'form.errors.projectRequired',
  PROJECT_OUTSIDE_PROGRAMME: 'form.errors.projectOutsideProgramme',
  EXCEEDS_POOL: 'form.errors.exceedsPool',
} as const;

/** Allocates what the form asks for, as `staffUserId`; a refusal writes nothing and says why. */
export async function allocateFromForm({ staffUserId, form }: { staffUserId: string; form: AllocationForm }): Promise<AllocationOutcome> {
  const { pool, programmeId } = parsePoolChoice(form.pool);
  try {
    const { poolAllocation } = await allocatePoolMoney({
      staffUserId,
      pool,
      programmeId,
      projectId: form.projectId,
      year: form.year,
      usdMinor: parseAmount(form.amount, 'USD'),
      note: form.note ?? '',
    });
    return { status: 'allocated', poolAllocationId: poolAllocation.id };
  } catch (error) {
    if (!(error instanceof PoolAllocationError)) throw error;
    return { status: 'refused', errorKey: errorKeys[error.problem], availableUsdMinor: error.availableUsdMinor };
  }
}
