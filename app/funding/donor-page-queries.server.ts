// Read models of the donor pages (/donors/:slug, /donors, /api/v1/donors; decision 048). Only
// named institutional donors have a page: a Member State, intergovernmental body, company or
// foundation that is not anonymous, not pending and not erased, with a slug. Figures come from
// donor_contribution_summaries, the table the contributions API sums, restricted to the donor's
// named gifts (a gift the donor asked to keep anonymous is in the anonymous pool, as in the API),
// so a page's totals equal /api/v1/contributions for that donor to the minor unit.
import { Prisma, type DonorType, type EarmarkType } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { cachedRead } from '~/platform/cache/public-data-cache.server.ts';
import { toSafeNumber } from '~/platform/money.ts';

/** Donor types that may have a page; individuals and "other" (which may be a person) never do. */
export const PAGE_DONOR_TYPES = ['MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION'] as const satisfies readonly DonorType[];

// The types as SQL literals compared with the enum column (not bound parameters, not `type::text`),
// so that a partial index whose predicate is this condition (one on ("displayName", "publicSlug")
// would serve /donors; docs/performance.md) can be proven to apply. The values are the constants above.
const pageTypesSql = Prisma.raw(PAGE_DONOR_TYPES.map((type) => `'${type}'`).join(', '));

const eligibleSql = (alias: string) => {
  const d = (column: string) => Prisma.raw(`${alias}."${column}"`);
  return Prisma.sql`${d('publicSlug')} IS NOT NULL AND ${d('type')} IN (${pageTypesSql})
    AND NOT ${d('isAnonymous')} AND NOT ${d('isProfilePending')} AND ${d('erasedAt')} IS NULL`;
};

export interface PublicDonor {
  id: string;
  slug: string;
  name: string;
  donorType: DonorType;
  countryCode: string | null;
}

/** One year of a donor's named giving, with its rank among all donors (as the contributions table ranks them) by paid. */
export interface DonorYear {
  year: number;
  pledgedUsdMinor: number;
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
  /** What its instalments falling due that year still owe */
  outstandingUsdMinor: number;
  /** 1 = largest paid that year; null when nothing paid that year */
  rank: number | null;
  /** Donors in that year's contributions table (named, or one anonymous pool per type) */
  donorsThatYear: number;
}

/** A donor's named giving to one earmark over all years. `scopeId` null for general-purpose. */
export interface DonorEarmark {
  earmarkType: EarmarkType;
  scopeId: string | null;
  /** Programme slug (PROGRAMME), project code (PROJECT) */
  ref: string | null;
  programmeSlug: string | null;
  title: unknown;
  programmeTitle: unknown;
  pledgedUsdMinor: number;
  paidUsdMinor: number;
}

export interface PaymentRecord {
  onTime: number;
  late: number;
  outstanding: number;
  /** Of the outstanding: past their due date */
  overdue: number;
  outstandingUsdMinor: number;
}

export interface DonorPageData {
  donor: PublicDonor;
  years: DonorYear[];
  earmarks: DonorEarmark[];
  paymentRecord: PaymentRecord;
  /** Latest fact about the donor's named gifts or its profile (ISO timestamp) */
  lastChangedAt: string | null;
}

type DonorRow = { id: string; slug: string; name: string; donorType: DonorType; countryCode: string | null };

/** Every donor with a page, by name (the open data API's complete list; /donors pages through listPublicDonorPage). */
async function listPublicDonorsUncached(args: { db?: DbClient }): Promise<PublicDonor[]> {
  const db = args.db ?? getPrisma();
  return db.$queryRaw<DonorRow[]>`
    SELECT d.id::text AS id, d."publicSlug" AS slug, d."displayName" AS name, d.type::text AS "donorType", d."countryCode"::text AS "countryCode"
    FROM donors d WHERE ${eligibleSql('d')}
    ORDER BY d."displayName", d."publicSlug"`;
}

export type PageDonorType = (typeof PAGE_DONOR_TYPES)[number];

export interface PublicDonorPage {
  /** Donors with a page that match the filters, on every page together */
  total: number;
  /** The requested slice, by name then slug */
  donors: PublicDonor[];
}

/** `text` as a literal inside an ILIKE pattern: backslash, % and _ escaped (backslash is ILIKE's default escape). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the donors with a page, by name then slug, and how many match: `nameContains` is
 * matched case-insensitively anywhere in the name (ILIKE, which the displayName trigram index
 * answers from three characters on), `donorType` narrows to one type. Two statements, run together:
 * a count and a LIMIT/OFFSET slice (a top-N sort; no window count, which would sort every match).
 */
async function listPublicDonorPageUncached(args: {
  nameContains?: string;
  donorType?: PageDonorType;
  offset: number;
  limit: number;
  db?: DbClient;
}): Promise<PublicDonorPage> {
  const db = args.db ?? getPrisma();
  const where = Prisma.sql`${eligibleSql('d')}
    ${args.nameContains ? Prisma.sql`AND d."displayName" ILIKE ${`%${likeLiteral(args.nameContains)}%`}` : Prisma.empty}
    ${args.donorType ? Prisma.sql`AND d.type::text = ${args.donorType}` : Prisma.empty}`;
  const [[count], donors] = await Promise.all([
    db.$queryRaw<{ total: bigint }[]>`SELECT COUNT(*)::bigint AS total FROM donors d WHERE ${where}`,
    db.$queryRaw<DonorRow[]>`
      SELECT d.id::text AS id, d."publicSlug" AS slug, d."displayName" AS name, d.type::text AS "donorType", d."countryCode"::text AS "countryCode"
      FROM donors d WHERE ${where}
      ORDER BY d."displayName", d."publicSlug" LIMIT ${args.limit} OFFSET ${args.offset}`,
  ]);
  return { total: Number(count?.total ?? 0n), donors };
}

/** Of the given donors, those with a page: donor id → slug (for linking names on public pages). */
async function findDonorPageSlugsUncached(args: { donorIds: readonly string[]; db?: DbClient }): Promise<Map<string, string>> {
  const ids = [...new Set(args.donorIds)];
  if (ids.length === 0) return new Map();
  const db = args.db ?? getPrisma();
  const rows = await db.$queryRaw<{ id: string; slug: string }[]>`
    SELECT d.id::text AS id, d."publicSlug" AS slug FROM donors d
    WHERE d.id = ANY(${ids}::uuid[]) AND ${eligibleSql('d')}`;
  return new Map(rows.map((row) => [row.id, row.slug]));
}

/** The donor with a page at `slug`, or null (unknown slug and a donor without a page alike). */
async function findPublicDonor(db: DbClient, slug: string): Promise<PublicDonor | null> {
  const [row] = await db.$queryRaw<DonorRow[]>`
    SELECT d.id::text AS id, d."publicSlug" AS slug, d."displayName" AS name, d.type::text AS "donorType", d."countryCode"::text AS "countryCode"
    FROM donors d WHERE d."publicSlug" = ${slug} AND ${eligibleSql('d')}`;
  return row ?? null;
}

type YearRaw = { year: number; pledged: bigint; paid: bigint; gp: bigint; outstanding: bigint; above: bigint | null; donors: bigint };

async function queryYears(db: DbClient, donorId: string): Promise<DonorYear[]> {
  // Rank: 1 + the donors (as the contributions table shows them: named, or an anonymous pool per
  // type) that paid more that year, counted on donor_year_contributions' paid index (decision 059).
  // The count beside the rank is that year's contributions table's (donor_year_counts).
  const rows = await db.$queryRaw<YearRaw[]>`
    WITH mine AS MATERIALIZED (
      SELECT f.year, SUM(f."pledgedUsdMinor")::bigint AS pledged, SUM(f."paidUsdMinor")::bigint AS paid,
             SUM(f."generalPurposeUsdMinor")::bigint AS gp
      FROM donor_contribution_summaries f
      WHERE f."donorId" = ${donorId}::uuid AND NOT f."isAnonymous"
      GROUP BY f.year
    ), open AS MATERIALIZED (
      SELECT o.year, SUM(o."openUsdMinor")::bigint AS outstanding
      FROM open_instalments o JOIN pledges p ON p.id = o."pledgeId"
      WHERE p."donorId" = ${donorId}::uuid AND NOT p."isAnonymous"
      GROUP BY o.year
    ), ranks AS MATERIALIZED (
      SELECT m.year,
        (SELECT COUNT(*) FROM donor_year_contributions c WHERE c.year = m.year AND c."paidUsdMinor" > m.paid) AS above,
        (SELECT COALESCE(SUM(c.donors), 0) FROM donor_year_counts c WHERE c.year = m.year) AS donors
      FROM mine m WHERE m.paid > 0
    )
    SELECT y.year, COALESCE(m.pledged, 0)::bigint AS pledged, COALESCE(m.paid, 0)::bigint AS paid, COALESCE(m.gp, 0)::bigint AS gp,
           COALESCE(o.outstanding, 0)::bigint AS outstanding, r.above::bigint AS above, COALESCE(r.donors, 0)::bigint AS donors
    FROM (SELECT year FROM mine UNION SELECT year FROM open) y
    LEFT JOIN mine m ON m.year = y.year
    LEFT JOIN open o ON o.year = y.year
    LEFT JOIN ranks r ON r.year = y.year
    ORDER BY y.year`;
  return rows.map((row) => ({
    year: row.year,
    pledgedUsdMinor: toSafeNumber(BigInt(row.pledged)),
    paidUsdMinor: toSafeNumber(BigInt(row.paid)),
    generalPurposeUsdMinor: toSafeNumber(BigInt(row.gp)),
    outstandingUsdMinor: toSafeNumber(BigInt(row.outstanding)),
    rank: row.above == null ? null : Number(row.above) + 1,
    donorsThatYear: Number(row.donors),
  }));
}

type EarmarkRaw = {
  earmarkType: EarmarkType;
  scopeId: string;
  ref: string | null;
  programmeSlug: string | null;
  title: unknown;
  programmeTitle: unknown;
  pledged: bigint;
  paid: bigint;
};

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

async function queryEarmarks(db: DbClient, donorId: string): Promise<DonorEarmark[]> {
  const rows = await db.$queryRaw<EarmarkRaw[]>`
    SELECT f."earmarkType"::text AS "earmarkType", f."scopeId"::text AS "scopeId",
           COALESCE(pg.slug, pj.code) AS ref, COALESCE(pg.slug, ppg.slug) AS "programmeSlug", COALESCE(pg.title, pj.title) AS title,
           COALESCE(pg.title, ppg.title) AS "programmeTitle",
           SUM(f."pledgedUsdMinor")::bigint AS pledged, SUM(f."paidUsdMinor")::bigint AS paid
    FROM donor_contribution_summaries f
    LEFT JOIN programmes pg ON f."earmarkType" = 'PROGRAMME' AND pg.id = f."scopeId"
    LEFT JOIN projects pj ON f."earmarkType" = 'PROJECT' AND pj.id = f."scopeId"
    LEFT JOIN programmes ppg ON ppg.id = pj."programmeId"
    WHERE f."donorId" = ${donorId}::uuid AND NOT f."isAnonymous"
    GROUP BY f."earmarkType", f."scopeId", pg.id, pj.id, ppg.id
    ORDER BY SUM(f."paidUsdMinor") DESC, SUM(f."pledgedUsdMinor") DESC, f."scopeId"`;
  return rows.map((row) => ({
    earmarkType: row.earmarkType,
    scopeId: row.scopeId === NIL_UUID ? null : row.scopeId,
    ref: row.ref,
    programmeSlug: row.programmeSlug,
    title: row.title,
    programmeTitle: row.programmeTitle,
    pledgedUsdMinor: toSafeNumber(BigInt(row.pledged)),
    paidUsdMinor: toSafeNumber(BigInt(row.paid)),
  }));
}

type RecordRaw = { onTime: bigint; late: bigint; outstanding: bigint; overdue: bigint; outstandingUsd: bigint };

/**
 * Instalments of the donor's named pledges (monthly gifts have none): still owing (open_instalments),
 * or paid — on time when the last payment towards it arrived on or before its due date (UTC).
 * Instalments written off or of cancelled pledges without payment count in none.
 */
async function queryPaymentRecord(db: DbClient, donorId: string, today: string): Promise<PaymentRecord> {
  const [row] = await db.$queryRaw<RecordRaw[]>`
    WITH i AS (
      SELECT pi.id, pi."dueOn", o."openUsdMinor" AS open,
             (SELECT MAX(pay."receivedAt") FROM payments pay WHERE pay."instalmentId" = pi.id) AS "lastPaidAt"
      FROM pledge_instalments pi
      JOIN pledges p ON p.id = pi."pledgeId"
      LEFT JOIN open_instalments o ON o."instalmentId" = pi.id
      WHERE p."donorId" = ${donorId}::uuid AND NOT p."isAnonymous"
    )
    SELECT COUNT(*) FILTER (WHERE open IS NULL AND "lastPaidAt" IS NOT NULL AND ("lastPaidAt" AT TIME ZONE 'UTC')::date <= "dueOn")::bigint AS "onTime",
           COUNT(*) FILTER (WHERE open IS NULL AND "lastPaidAt" IS NOT NULL AND ("lastPaidAt" AT TIME ZONE 'UTC')::date > "dueOn")::bigint AS late,
           COUNT(*) FILTER (WHERE open IS NOT NULL)::bigint AS outstanding,
           COUNT(*) FILTER (WHERE open IS NOT NULL AND "dueOn" < ${today}::date)::bigint AS overdue,
           COALESCE(SUM(open), 0)::bigint AS "outstandingUsd"
    FROM i`;
  return {
    onTime: Number(row?.onTime ?? 0n),
    late: Number(row?.late ?? 0n),
    outstanding: Number(row?.outstanding ?? 0n),
    overdue: Number(row?.overdue ?? 0n),
    outstandingUsdMinor: toSafeNumber(BigInt(row?.outstandingUsd ?? 0n)),
  };
}

async function queryLastChanged(db: DbClient, donorId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT GREATEST(
      (SELECT d."updatedAt" FROM donors d WHERE d.id = ${donorId}::uuid),
      (SELECT MAX(p."pledgedAt") FROM pledges p WHERE p."donorId" = ${donorId}::uuid),
      (SELECT MAX(e."createdAt") FROM pledge_events e JOIN pledges p ON p.id = e."pledgeId" WHERE p."donorId" = ${donorId}::uuid),
      (SELECT MAX(pay."createdAt") FROM payments pay WHERE pay."donorId" = ${donorId}::uuid),
      (SELECT MAX(r."createdAt") FROM reversals r JOIN payments pay ON pay.id = r."paymentId" WHERE pay."donorId" = ${donorId}::uuid)
    ) AS at`;
  return row?.at ? row.at.toISOString() : null;
}

/** Everything a donor page shows, or null when `slug` is no donor page. `today` (YYYY-MM-DD, UTC) decides what is overdue. */
async function getDonorPageDataUncached(args: { slug: string; today: string; db?: DbClient }): Promise<DonorPageData | null> {
  const db = args.db ?? getPrisma();
  const donor = await findPublicDonor(db, args.slug);
  if (!donor) return null;
  const [years, earmarks, paymentRecord, lastChangedAt] = await Promise.all([
    queryYears(db, donor.id),
    queryEarmarks(db, donor.id),
    queryPaymentRecord(db, donor.id, args.today),
    queryLastChanged(db, donor.id),
  ]);
  return { donor, years, earmarks, paymentRecord, lastChangedAt };
}

export const listPublicDonors = cachedRead('listPublicDonors', listPublicDonorsUncached);
export const listPublicDonorPage = cachedRead('listPublicDonorPage', listPublicDonorPageUncached);
export const findDonorPageSlugs = cachedRead('findDonorPageSlugs', findDonorPageSlugsUncached);
export const getDonorPageData = cachedRead('getDonorPageData', getDonorPageDataUncached);
