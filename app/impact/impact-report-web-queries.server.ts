// The web version of an impact report reads the report the donor was sent: its outbox row, found
// by the same idempotency key the scheduler wrote it under, so the page shows exactly the email's
// figures (frozen when the report was made) without recomputing anything.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { impactReportIdempotencyKey } from './impact-report-links.server.ts';

export type StoredImpactReport = { found: false } | { found: true; isDonorErased: boolean; locale: string; props: unknown };

/**
 * The stored report of (donor, period), or found: false when there is none for that donor — no
 * row, a row of another template, or a row of another donor (the key names the donor, but the
 * row's own donor must agree). `props` is JSON from the outbox: parse it before use.
 */
export async function findStoredImpactReport({
  db = getPrisma(),
  donorId,
  period,
}: {
  db?: DbClient;
  donorId: string;
  period: string;
}): Promise<StoredImpactReport> {
  const row = await db.emailOutbox.findUnique({
    where: { idempotencyKey: impactReportIdempotencyKey({ donorId, period }) },
    select: { template: true, donorId: true, locale: true, props: true, donor: { select: { erasedAt: true } } },
  });
  if (!row || row.template !== 'impact-report' || row.donorId !== donorId) return { found: false };
  return { found: true, isDonorErased: row.donor?.erasedAt != null, locale: row.locale, props: row.props };
}
