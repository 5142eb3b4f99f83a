// The suppression list: addresses that hard-bounced or complained (filled by the Resend webhook).
// Every send asks it beside consent; a suppressed address gets no email of any kind (decision 036).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** Addresses are compared lower-cased and trimmed, as they are stored. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Which of `addresses` are suppressed, normalized. */
export async function suppressedAmong({ db = getPrisma(), addresses }: { db?: DbClient; addresses: string[] }): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db.emailSuppression.findMany({
    where: { address: { in: [...new Set(addresses.map(normalizeAddress))] } },
    select: { address: true },
  });
  return new Set(rows.map((row) => row.address));
}
