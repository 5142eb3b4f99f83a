// Who must hear about a day's pool allocations (issue #13 item 3), one keyset page of donors at a
// time: each donor whose money staff moved that UTC day, with their part per project, summed over
// every decision of the day. Reversal rows (a later refund taking money back) are not news of the
// allocation: like listAllocationNotices, the notice tells what each decision took when made.
import type { LocalizedText } from '~/platform/i18n.ts';
import { holdsConsentSql } from '~/platform/consent-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface AllocationNoticeRecipient {
  donorId: string;
  email: string;
  locale: string;
  displayName: string;
  projects: { code: string; title: LocalizedText; countryCode: string | null; regionCode: string; usdMinor: bigint }[];
}

/** Below every uuid: the cursor of the first page. */
export const FIRST_DONOR_CURSOR = '00000000-0000-0000-0000-000000000000';

/** One notice per donor per UTC day: the outbox key that makes a rerun or a crash never send two. */
export function allocationNoticeIdempotencyKey({ donorId, day }: { donorId: string; day: string }): string {
  return `allocation-notice:${donorId}:${day}`;
}

/**
 * Up to `limit` donors after `afterDonorId` (by id) whose money a pool allocation decided on the
 * UTC `day` (YYYY-MM-DD) moved, who have an address, consent to reports, are not erased and have no notice for that
 * day yet — so a rerun reads nothing it already queued. `nextCursor` is null on the last page.
 */
export async function listAllocationNoticeRecipients({
  db = getPrisma(),
  day,
  afterDonorId = FIRST_DONOR_CURSOR,
  limit,
}: {
  db?: DbClient;
  day: string;
  afterDonorId?: string;
  limit: number;
}): Promise<{ recipients: AllocationNoticeRecipient[]; nextCursor: string | null }> {
  const from = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(from.getTime())) throw new RangeError(`not a day: ${day}`);
  const to = new Date(from.getTime() + 86_400_000);
  // Most days have no decision at all: then nothing else is read.
  const decisions = await db.poolAllocation.findMany({ where: { createdAt: { gte: from, lt: to } }, select: { id: true } });
  if (decisions.length === 0) return { recipients: [], nextCursor: null };
  const decisionIds = decisions.map((decision) => decision.id);
  // Donors are walked in id order (primary key) from the cursor, each asked whether one of its
  // payments gave to a decision of the day: a page costs its own donors' index probes, not a
  // re-read of the whole day (a day of 100,000 donors would otherwise re-aggregate 200 times).
  const rows = await db.$queryRaw<
    {
      donorId: string;
      email: string;
      locale: string;
      displayName: string;
      code: string;
      title: unknown;
      countryCode: string | null;
      regionCode: string;
      usdMinor: bigint;
    }[]
  >`
    WITH page AS (
      SELECT d.id, d.email, d.locale, d."displayName"
      FROM donors d
      WHERE d.id > ${afterDonorId}::uuid AND d.email IS NOT NULL AND d."erasedAt" IS NULL
        -- only donors who hold report consent now (the outbox asks again at send time)
        AND ${holdsConsentSql('d.id', 'IMPACT_REPORTS')}
        AND EXISTS (SELECT 1 FROM payments p JOIN allocations a ON a."paymentId" = p.id
                    WHERE p."donorId" = d.id AND a."poolAllocationId" = ANY(${decisionIds}::uuid[]) AND a."reversalId" IS NULL)
        -- allocationNoticeIdempotencyKey, spelled in SQL
        AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o."idempotencyKey" = 'allocation-notice:' || d.id::text || ':' || ${day})
      ORDER BY d.id
      LIMIT ${limit}
    ), parts AS (
      SELECT page.id AS "donorId", a."projectId", SUM(a."usdMinor")::bigint AS "usdMinor"
      FROM page JOIN payments p ON p."donorId" = page.id
      JOIN allocations a ON a."paymentId" = p.id AND a."poolAllocationId" = ANY(${decisionIds}::uuid[]) AND a."reversalId" IS NULL
      GROUP BY 1, 2
    )
    SELECT page.id::text AS "donorId", page.email, page.locale, page."displayName", pr.code, pr.title, pr."countryCode",
           pr."regionCode", parts."usdMinor"
    FROM page JOIN parts ON parts."donorId" = page.id JOIN projects pr ON pr.id = parts."projectId"
    ORDER BY page.id, pr.code`;
  const recipients: AllocationNoticeRecipient[] = [];
  for (const row of rows) {
    let recipient = recipients.at(-1);
    if (recipient?.donorId !== row.donorId) {
      recipient = { donorId: row.donorId, email: row.email, locale: row.locale, displayName: row.displayName, projects: [] };
      recipients.push(recipient);
    }
    // Titles are written by the staff editor as { en, fr, ... }: a parse boundary.
    const { code, countryCode, regionCode, usdMinor } = row;
    recipient.projects.push({ code, title: row.title as LocalizedText, countryCode, regionCode, usdMinor });
  }
  return { recipients, nextCursor: recipients.length === limit ? recipients.at(-1)!.donorId : null };
}
