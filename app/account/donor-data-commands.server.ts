// The command-line twins of "My data" (issue #14 item 8), for requests that arrive by letter or
// through a data-protection officer: `npm run donor:export` and `npm run donor:erase`. A donor is
// named by id or by email address; erasure is irreversible, so only an active administrator may
// run it, and the audit log credits them.
import { DonorErasureError, eraseDonor, type ErasureOutcome } from '~/ledger/donor-erasure-commands.server.ts';
import type { Db } from '~/platform/db.server.ts';
import { exportDonorData, type DonorDataExport } from './donor-data-export-queries.server.ts';

export class DonorDataCommandError extends Error {
  override name = 'DonorDataCommandError';
}

/** A donor by uuid or by (case-insensitive) email address. */
export type DonorReference = { id: string } | { email: string };

async function findDonorId(db: Db, reference: DonorReference): Promise<string> {
  const donor =
    'id' in reference
      ? await db.donor.findUnique({ where: { id: reference.id }, select: { id: true } })
      : await db.donor.findUnique({ where: { email: reference.email.trim().toLowerCase() }, select: { id: true } });
  if (!donor) throw new DonorDataCommandError(`no donor ${'id' in reference ? reference.id : reference.email}`);
  return donor.id;
}

export async function exportDonorDataFor({ db, donor }: { db: Db; donor: DonorReference }): Promise<DonorDataExport> {
  const data = await exportDonorData({ db, donorId: await findDonorId(db, donor) });
  if (!data) throw new DonorDataCommandError('the donor was removed while being exported');
  return data;
}

export async function eraseDonorFor({
  db,
  donor,
  staffEmail,
}: {
  db: Db;
  donor: DonorReference;
  staffEmail: string;
}): Promise<ErasureOutcome> {
  const staff = await db.staffUser.findUnique({ where: { email: staffEmail.trim().toLowerCase() } });
  if (!staff?.isActive || !staff.roles.includes('ADMIN')) throw new DonorDataCommandError(`${staffEmail} is not an active administrator`);
  const donorId = await findDonorId(db, donor);
  try {
    return await db.$transaction((tx) => eraseDonor({ db: tx, donorId, actor: { kind: 'staff', staffUserId: staff.id } }), {
      timeout: 60_000,
    });
  } catch (error) {
    if (error instanceof DonorErasureError && error.code === 'activeMonthlyGift')
      throw new DonorDataCommandError('the donor has a monthly gift still running: cancel it first');
    throw error;
  }
}
