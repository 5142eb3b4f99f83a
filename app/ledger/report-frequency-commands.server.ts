// The donor's own choice of impact report frequency (issue #13), from the signed preferences page.
// The donor row holds the current choice; like every donor row, it is written only in app/ledger (decision 013).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { ImpactReportFrequency as ReportFrequency } from '~/generated/prisma/client.ts';

/** The donor's current choice, or null when there is no such donor (or it was erased). */
export async function getReportFrequency({ db = getPrisma(), donorId }: { db?: DbClient; donorId: string }) {
  const donor = await db.donor.findFirst({ where: { id: donorId, erasedAt: null }, select: { impactReportFrequency: true } });
  return donor?.impactReportFrequency ?? null;
}

/** Sets the choice; 'unknown-donor' when the link names no live donor. */
export async function setReportFrequency({
  db = getPrisma(),
  donorId,
  frequency,
}: {
  db?: DbClient;
  donorId: string;
  frequency: ReportFrequency;
}): Promise<'saved' | 'unknown-donor'> {
  const { count } = await db.donor.updateMany({ where: { id: donorId, erasedAt: null }, data: { impactReportFrequency: frequency } });
  return count === 1 ? 'saved' : 'unknown-donor';
}
