// The append-only consent log read one way everywhere: the latest row per donor and kind wins.
// Withdrawing (app/ledger) and sending marketing mail (the outbox, at send time) both ask it.
import type { ConsentKind } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

/** The donor's latest word on `kind`: true granted, false withdrawn, null never asked. */
export async function latestConsentWord({ db = getPrisma(), donorId, kind }: { db?: DbClient; donorId: string; kind: ConsentKind }) {
  const latest = await db.donorConsent.findFirst({
    where: { donorId, kind },
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    select: { isGranted: true },
  });
  return latest?.isGranted ?? null;
}
