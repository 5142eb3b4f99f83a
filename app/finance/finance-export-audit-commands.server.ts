// Who took which finance export: the files carry donors' names and every amount, so each
// download is recorded like a change (issue #12 item 11).
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { FinanceExportRequest } from './finance-export.server.ts';

export async function recordFinanceExport({
  db = getPrisma(),
  staffUserId,
  request,
}: {
  db?: DbClient;
  staffUserId: string | null;
  request: FinanceExportRequest;
}): Promise<void> {
  await recordAudit({
    db,
    actorId: staffUserId,
    actorKind: staffUserId ? 'staff' : 'system',
    action: 'finance.export',
    entityType: 'FinanceExport',
    entityId: request.kind,
    after: { ...request },
  });
}
