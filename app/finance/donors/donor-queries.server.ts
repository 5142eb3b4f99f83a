// Staff reading donors (issue #12 item 3): a search by name, email, organisation or payment
// reference, and one donor's whole record — pledges with instalments, payments with their
// reversals and allocations, consents as given, and the emails sent.
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { isUuid } from '~/platform/uuid.ts';

export interface DonorHit {
  id: string;
  displayName: string;
  email: string | null;
  type: string;
  organisationName: string | null;
  countryCode: string | null;
  /** Why it matched when it was not by name: the pledge reference or payment id typed. */
  matchedReference: string | null;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** At most `limit` donors matching `query` (2 to 200 characters), exact references first. */
export async function searchDonors({
  db = getPrisma(),
  query,
  limit = 50,
}: {
  db?: DbClient;
  query: string;
  limit?: number;
}): Promise<DonorHit[]> {
  const text = query.trim();
  const pattern = likePattern(text);
  return db.$queryRaw<DonorHit[]>`
    WITH by_reference AS (
      SELECT pl."donorId" AS id, pl.reference AS matched FROM pledges pl WHERE upper(pl.reference) = upper(${text})
      UNION
      SELECT p."donorId", p."providerPaymentId" FROM payments p WHERE p."providerPaymentId" = ${text}
    ), by_text AS (
      SELECT d.id, NULL::text AS matched FROM donors d
       WHERE d."displayName" ILIKE ${pattern} OR d.email ILIKE ${pattern} OR d."organisationName" ILIKE ${pattern}
          OR d."givenName" || ' ' || d."familyName" ILIKE ${pattern}
       LIMIT ${limit}
    ), hits AS (
      SELECT id, matched, 0 AS rank FROM by_reference UNION ALL SELECT id, matched, 1 FROM by_text
    )
    SELECT id, "displayName", email, type, "organisationName", "countryCode", "matchedReference" FROM (
      SELECT DISTINCT ON (d.id) d.id, d."displayName", d.email, d.type::text AS type, d."organisationName", d."countryCode",
             h.matched AS "matchedReference", h.rank
        FROM hits h JOIN donors d ON d.id = h.id
       ORDER BY d.id, h.rank
    ) found
    ORDER BY rank, "displayName", id LIMIT ${limit}`;
}

/** Payments listed on a donor's record, newest first (a foundation's monthly gift makes hundreds). */
export const PAYMENTS_SHOWN = 100;

/**
 * One donor's record, or null: profile, consents, pledges with their schedule, the latest
 * PAYMENTS_SHOWN payments (paymentCount counts all), what every instalment was paid net of
 * reversals (from all payments, not only those listed) and the latest 100 emails.
 */
export async function getDonorRecord({ db = getPrisma(), donorId }: { db?: DbClient; donorId: string }) {
  const [donor, paymentCount, paidRows] = await Promise.all([
    findDonorRecord(db, donorId),
    db.payment.count({ where: { donorId } }),
    db.$queryRaw<{ instalmentId: string; paidMinor: bigint }[]>`
      SELECT p."instalmentId"::text AS "instalmentId",
             SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))::bigint AS "paidMinor"
      FROM payments p WHERE p."donorId" = ${donorId}::uuid AND p."instalmentId" IS NOT NULL
      GROUP BY p."instalmentId"`,
  ]);
  if (!donor) return null;
  return { ...donor, paymentCount, paidByInstalment: new Map(paidRows.map((row) => [row.instalmentId, row.paidMinor])) };
}

function findDonorRecord(db: DbClient, donorId: string) {
  return db.donor.findUnique({
    where: { id: donorId },
    include: {
      consents: { orderBy: { recordedAt: 'desc' } },
      pledges: {
        orderBy: { pledgedAt: 'desc' },
        include: {
          instalments: { orderBy: { sequence: 'asc' }, include: { writeOff: true } },
          events: { orderBy: { createdAt: 'asc' } },
          project: { select: { code: true, title: true } },
          programme: { select: { code: true, title: true } },
        },
      },
      payments: {
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: PAYMENTS_SHOWN,
        include: {
          reversals: { orderBy: { createdAt: 'asc' } },
          allocations: { orderBy: { createdAt: 'asc' }, include: { project: { select: { code: true } } } },
          processingFee: true,
        },
      },
      emails: {
        orderBy: { createdAt: 'desc' },
        take: 100,
        select: {
          id: true,
          template: true,
          toAddress: true,
          status: true,
          skipReason: true,
          deliveryOutcome: true,
          createdAt: true,
          sentAt: true,
        },
      },
    },
  });
}

/** One of the donor's payments with what it still holds (received less reversals), or null. */
export async function findDonorPayment({ db = getPrisma(), donorId, paymentId }: { db?: DbClient; donorId: string; paymentId: string }) {
  const rows = await db.$queryRaw<{ id: string; currency: string; heldMinor: bigint }[]>`
    SELECT p.id::text, p.currency, p."amountMinor" - coalesce((SELECT sum(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0)::bigint AS "heldMinor"
      FROM payments p WHERE p.id = ${paymentId}::uuid AND p."donorId" = ${donorId}::uuid`;
  return rows[0] ?? null;
}

/** Whether instalment `instalmentId` belongs to a pledge of donor `donorId` (false for an id that is no UUID). */
export async function findDonorInstalment({
  db = getPrisma(),
  donorId,
  instalmentId,
}: {
  db?: DbClient;
  donorId: string;
  instalmentId: string;
}) {
  if (!isUuid(instalmentId)) return false;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id::text FROM pledge_instalments i JOIN pledges pl ON pl.id = i."pledgeId"
    WHERE i.id = ${instalmentId}::uuid AND pl."donorId" = ${donorId}::uuid`;
  return rows.length > 0;
}

/** Why mail to `address` is no longer sent (a hard bounce or a complaint), or null while it is. */
export async function findEmailSuppression({ db = getPrisma(), address }: { db?: DbClient; address: string | null }) {
  if (!address) return null;
  return db.emailSuppression.findUnique({ where: { address: address.trim().toLowerCase() }, select: { reason: true, createdAt: true } });
}
