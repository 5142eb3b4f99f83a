// The donor's impact reports archive (issue #14 item 7): the reports that were sent to them —
// impact_reports rows whose outbox row reached SENT — newest first. Skipped reports and reports
// still queued or failed are not listed: the archive holds what the donor received.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface SentImpactReport {
  period: string;
  sentAt: Date;
}

export async function listSentImpactReports({
  db = getPrisma(),
  donorId,
}: {
  db?: DbClient;
  donorId: string;
}): Promise<SentImpactReport[]> {
  const rows = await db.impactReport.findMany({
    where: { donorId, email: { is: { status: 'SENT', donorId } } },
    select: { period: true, email: { select: { sentAt: true, createdAt: true } } },
    orderBy: [{ createdAt: 'desc' }, { period: 'desc' }],
  });
  return rows
    .map((row) => ({ period: row.period, sentAt: row.email?.sentAt ?? row.email?.createdAt ?? new Date(0) }))
    .sort((x, y) => y.sentAt.getTime() - x.sentAt.getTime() || (x.period < y.period ? 1 : x.period > y.period ? -1 : 0));
}
