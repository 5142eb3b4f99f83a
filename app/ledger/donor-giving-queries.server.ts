// Donor-level read models: contributions by donor (pledged, paid, general-purpose share) and top
// donors by allocated money, from the donor summaries (docs/decisions/009). Anonymous gifts (the
// donor's or the gift's choice) are pooled per donor type, so no anonymous donor can be singled
// out; such a pool is keyed "anonymous:<DonorType>".
//
// The contributions table of the whole portfolio has one row per donor (tens of thousands), and
// a page shows the largest hundred. Summing every donor's years for that takes longer than a
// page may, so the largest are found in donor_contribution_totals (all-time sums, in order):
// a donor's sum over any year range is at most its all-time sum, so once the n-th largest range
// sum among the first k donors exceeds the k-th all-time sum, no later donor can enter the n.
import { Prisma, type DonorType } from '~/generated/prisma/client.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { toSafeNumber } from '~/platform/money.ts';
import { projectInRegionSql } from './region-sql.server.ts';

export interface ContributionFilter {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  regionCode?: string;
  /** ISO 3166-1 alpha-2: only gifts earmarked to projects in this country */
  countryCode?: string;
  donorType?: DonorType;
}

/** One donor's giving in the range. Anonymous donors have `donorId` and `name` null. */
export interface DonorContribution {
  donorId: string | null;
  name: string | null;
  isAnonymous: boolean;
  donorType: DonorType;
  countryCode: string | null;
  /** Promised in the range: promises made (at the pinned rate), plus what gifts that promise nothing paid */
  pledgedUsdMinor: number;
  /** Received in the range, net of refunds and of money withdrawn by disputes (given back when won) */
  paidUsdMinor: number;
  generalPurposeUsdMinor: number;
  earmarkedUsdMinor: number;
  /** generalPurpose ÷ paid in basis points (0 when nothing paid) */
  generalPurposeShareBasisPoints: number;
}

export const contributionSorts = ['paid', 'pledged', 'general-purpose-share'] as const;
export type ContributionSort = (typeof contributionSorts)[number];

/** Sums over every donor of a contributions query (not only the rows returned). */
export interface ContributionSums {
  count: number;
  pledged: bigint;
  paid: bigint;
  generalPurpose: bigint;
}

/** Money allocated to the scope's projects, attributed to the donors whose payments it came from. */
export interface TopDonor {
  donorId: string | null;
  name: string | null;
  isAnonymous: boolean;
  donorType: DonorType;
  allocatedUsdMinor: number;
}

/** A donor as shown, with figures over the range; `name` and `countryCode` only for named donors. */
interface KeyFigures {
  key: string;
  donorType: DonorType;
  name: string | null;
  countryCode: string | null;
  pledged: bigint;
  paid: bigint;
  gp: bigint;
}

const isAnonymousKey = (key: string) => key.startsWith('anonymous:');

/** Who a row is as the public sees it: a named donor, or an anonymous pool with no id or name. */
function shownDonor(row: { key: string; name: string | null; donorType: DonorType }) {
  const isAnonymous = isAnonymousKey(row.key);
  return { donorId: isAnonymous ? null : row.key, name: isAnonymous ? null : row.name, isAnonymous, donorType: row.donorType };
}

/** Share of general-purpose money in what was paid, floored basis points. */
const shareOf = (row: { paid: bigint; gp: bigint }) => (row.paid > 0n ? (row.gp * 10_000n) / row.paid : 0n);

/**
 * Order of a contributions query: the sort's figure, then paid, pledged, key (compared byte by
 * byte, as JavaScript compares strings). Rows `alias` have key, pledged, paid, gp.
 */
function orderSql(sort: ContributionSort, alias: string): Prisma.Sql {
  const k = (column: string) => Prisma.raw(`${alias}.${column}`);
  const ties = Prisma.sql`${k('paid')} DESC, ${k('pledged')} DESC, ${k('key')} COLLATE "C"`;
  if (sort === 'pledged') return Prisma.sql`${k('pledged')} DESC, ${ties}`;
  if (sort === 'paid') return ties;
  return Prisma.sql`CASE WHEN ${k('paid')} > 0 THEN (${k('gp')} * 10000) / ${k('paid')} ELSE 0 END DESC, ${ties}`;
}

/** Contribution rows matching a filter's programme, project, region and donor type. */
function sliceWhere(filter: ContributionFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`f.year BETWEEN ${filter.fromYear} AND ${filter.toYear}`];
  if (filter.donorType) conditions.push(Prisma.sql`f."donorType" = ${filter.donorType}::"DonorType"`);
  if (filter.projectId) conditions.push(Prisma.sql`f."earmarkType" = 'PROJECT' AND f."scopeId" = ${filter.projectId}::uuid`);
  if (filter.regionCode) {
    conditions.push(
      Prisma.sql`f."earmarkType" = 'PROJECT' AND f."scopeId" IN (SELECT p.id FROM projects p WHERE ${projectInRegionSql('p', filter.regionCode)})`,
    );
  }
  if (filter.countryCode) {
    conditions.push(
      Prisma.sql`f."earmarkType" = 'PROJECT' AND f."scopeId" IN (SELECT p.id FROM projects p WHERE p."countryCode" = ${filter.countryCode})`,
    );
  }
  if (filter.programmeId) {
    conditions.push(Prisma.sql`((f."earmarkType" = 'PROGRAMME' AND f."scopeId" = ${filter.programmeId}::uuid)
      OR (f."earmarkType" = 'PROJECT' AND f."scopeId" IN (SELECT id FROM projects WHERE "programmeId" = ${filter.programmeId}::uuid)))`);
  }
  return Prisma.join(conditions, ' AND ');
}

/** Columns of KeyFigures for ranked rows `r` (key, "donorId" or NULL for a pool, "donorType", pledged, paid, gp), names joined as `d`. */
const shownSql = Prisma.sql`r.key, r."donorType", d."displayName" AS name, d."countryCode"::text AS "countryCode", r.pledged, r.paid, r.gp`;
const namesJoin = Prisma.sql`LEFT JOIN donors d ON d.id = r."donorId"`;

function toKeyFigures(row: KeyFigures): KeyFigures {
  return { ...row, pledged: BigInt(row.pledged), paid: BigInt(row.paid), gp: BigInt(row.gp) };
}

type SliceRow = KeyFigures & { count: bigint; totalPledged: bigint; totalPaid: bigint; totalGp: bigint };

/** Any filter: every donor of the slice summed, the first `limit` in order, and count and sums of all. */
async function aggregateSlice(db: DbClient, filter: ContributionFilter, sort: ContributionSort, limit: number) {
  const rows = await db.$queryRaw<SliceRow[]>`
    WITH k AS (
      SELECT CASE WHEN f."isAnonymous" THEN 'anonymous:' || f."donorType"::text ELSE f."donorId"::text END AS key,
             CASE WHEN f."isAnonymous" THEN NULL ELSE f."donorId" END AS "donorId",
             MIN(f."donorType"::text) AS "donorType", SUM(f."pledgedUsdMinor")::bigint AS pledged,
             SUM(f."paidUsdMinor")::bigint AS paid, SUM(f."generalPurposeUsdMinor")::bigint AS gp
      FROM donor_contribution_summaries f
      WHERE ${sliceWhere(filter)}
      GROUP BY 1, 2
    ), r AS (
      SELECT k.*, COUNT(*) OVER ()::bigint AS count, SUM(k.pledged) OVER ()::bigint AS "totalPledged",
             SUM(k.paid) OVER ()::bigint AS "totalPaid", SUM(k.gp) OVER ()::bigint AS "totalGp"
      FROM k ORDER BY ${orderSql(sort, 'k')} LIMIT ${limit}
    )
    SELECT ${shownSql}, r.count, r."totalPledged", r."totalPaid", r."totalGp"
    FROM r ${namesJoin}
    ORDER BY ${orderSql(sort, 'r')}`;
  const first = rows[0];
  const sums: ContributionSums = first
    ? {
        count: Number(first.count),
        pledged: BigInt(first.totalPledged),
        paid: BigInt(first.totalPaid),
        generalPurpose: BigInt(first.totalGp),
      }
    : { count: 0, pledged: 0n, paid: 0n, generalPurpose: 0n };
  return { rows: rows.map(toKeyFigures), sums };
}

/** The whole portfolio (optionally one donor type): count and sums from the small tables. */
async function portfolioSums(db: DbClient, filter: ContributionFilter): Promise<ContributionSums> {
  const type = filter.donorType ? Prisma.sql`AND "donorType" = ${filter.donorType}::"DonorType"` : Prisma.empty;
  // Each donor is counted once, in the first year of the range they gave in (donor_year_counts).
  const [row] = await db.$queryRaw<{ n: bigint; pledged: bigint; paid: bigint; gp: bigint }[]>`
    SELECT c.n, t.* FROM
      (SELECT COALESCE(SUM(donors), 0)::bigint AS n FROM donor_year_counts
        WHERE year BETWEEN ${filter.fromYear} AND ${filter.toYear} AND "previousYear" < ${filter.fromYear} ${type}) c,
      (SELECT COALESCE(SUM("pledgedUsdMinor"), 0)::bigint AS pledged, COALESCE(SUM("paidUsdMinor"), 0)::bigint AS paid,
              COALESCE(SUM("generalPurposeUsdMinor"), 0)::bigint AS gp
        FROM contribution_year_totals WHERE year BETWEEN ${filter.fromYear} AND ${filter.toYear} ${type}) t`;
  return {
    count: Number(row?.n ?? 0n),
    pledged: BigInt(row?.pledged ?? 0n),
    paid: BigInt(row?.paid ?? 0n),
    generalPurpose: BigInt(row?.gp ?? 0n),
  };
}

// Past this many candidates, summing the whole slice is cheaper than looking further.
const MAX_CANDIDATES = 20_000;

/**
 * The whole portfolio sorted by paid or pledged: the first `limit` donors found from the
 * all-time order (see the top of the file), or null when that would not be quicker. Each round
 * is one statement: the first k donors in all-time order (an index), then their figures over the
 * range (named donors from their own rows, by primary key; anonymous pools from the year
 * totals), with how many candidates there were and the k-th one's all-time figure.
 */
async function largestFromTotals(
  db: DbClient,
  filter: ContributionFilter,
  sort: 'paid' | 'pledged',
  limit: number,
): Promise<KeyFigures[] | null> {
  const measure = sort === 'paid' ? Prisma.sql`"paidUsdMinor"` : Prisma.sql`"pledgedUsdMinor"`;
  const type = filter.donorType ? Prisma.sql`WHERE "donorType" = ${filter.donorType}::"DonorType"` : Prisma.empty;
  const years = Prisma.sql`BETWEEN ${filter.fromYear} AND ${filter.toYear}`;
  for (let k = Math.max(2 * limit, 64); k <= MAX_CANDIDATES; k *= 4) {
    // One row at least (the LEFT JOIN from the candidates' count), so the count and bound arrive
    // even when none of the candidates gave in the range.
    const rows = await db.$queryRaw<(Partial<KeyFigures> & { candidates: bigint; lastBound: bigint | null })[]>`
      WITH c AS (
        SELECT "donorId", "donorType", ${measure} AS bound
        FROM donor_contribution_totals ${type} ORDER BY ${measure} DESC LIMIT ${k}
      ), m AS (SELECT COUNT(*)::bigint AS candidates, MIN(c.bound)::bigint AS "lastBound" FROM c)
      SELECT r.*, m.candidates, m."lastBound" FROM m LEFT JOIN (
        SELECT ${shownSql} FROM (SELECT * FROM (
          SELECT f."donorId"::text AS key, f."donorId", MIN(f."donorType"::text) AS "donorType", SUM(f."pledgedUsdMinor")::bigint AS pledged,
                 SUM(f."paidUsdMinor")::bigint AS paid, SUM(f."generalPurposeUsdMinor")::bigint AS gp
          FROM donor_contribution_summaries f
          WHERE f."donorId" IN (SELECT c."donorId" FROM c WHERE c."donorId" IS NOT NULL) AND NOT f."isAnonymous" AND f.year ${years}
          GROUP BY f."donorId"
          UNION ALL
          SELECT 'anonymous:' || t."donorType"::text, NULL::uuid, t."donorType"::text, SUM(t."pledgedUsdMinor")::bigint,
                 SUM(t."paidUsdMinor")::bigint, SUM(t."generalPurposeUsdMinor")::bigint
          FROM contribution_year_totals t
          WHERE t."isAnonymous" AND t."donorType" IN (SELECT c."donorType" FROM c WHERE c."donorId" IS NULL) AND t.year ${years}
          GROUP BY t."donorType"
        ) u ORDER BY ${orderSql(sort, 'u')} LIMIT ${limit}) r ${namesJoin}
      ) r ON TRUE
      ORDER BY ${orderSql(sort, 'r')}`;
    const meta = rows[0];
    const found = rows
      .filter((row): row is KeyFigures & { candidates: bigint; lastBound: bigint | null } => row.key != null)
      .map(toKeyFigures);
    if (!meta || Number(meta.candidates) < k) return found; // every donor was a candidate
    const nth = found[limit - 1];
    if (nth && (sort === 'paid' ? nth.paid : nth.pledged) > BigInt(meta.lastBound ?? 0n)) return found;
  }
  return null;
}

function toContribution(row: KeyFigures): DonorContribution {
  const donor = shownDonor(row);
  return {
    ...donor,
    countryCode: donor.isAnonymous ? null : row.countryCode,
    pledgedUsdMinor: toSafeNumber(row.pledged),
    paidUsdMinor: toSafeNumber(row.paid),
    generalPurposeUsdMinor: toSafeNumber(row.gp),
    earmarkedUsdMinor: toSafeNumber(row.paid - row.gp),
    generalPurposeShareBasisPoints: toSafeNumber(shareOf(row)),
  };
}

/**
 * Giving per donor in the year range (definitions: funding.server.ts and donor_contribution_summaries):
 * the first `limit` donors in `sort` order, and count and sums over all of them.
 */
export async function queryContributions(args: ContributionFilter & { sort: ContributionSort; limit: number; db: DbClient }) {
  const { db, sort, limit } = args;
  const isWholePortfolio = !args.programmeId && !args.projectId && !args.regionCode && !args.countryCode;
  if (isWholePortfolio) {
    const sums = await portfolioSums(db, args);
    if (sums.count === 0) return { rows: [], sums };
    const rows = sort === 'general-purpose-share' ? null : await largestFromTotals(db, args, sort, limit);
    if (rows) return { rows: rows.map(toContribution), sums };
  }
  const slice = await aggregateSlice(db, args, sort, limit);
  return { rows: slice.rows.map(toContribution), sums: slice.sums };
}

type AllocatedRow = { key: string; donorType: DonorType; allocated: bigint; name: string | null };

/** A programme's donors by allocated money: one year is the first rows of the programme-year. */
async function programmeTopDonors(args: {
  fromYear: number;
  toYear: number;
  programmeId: string;
  limit: number;
  db: DbClient;
}): Promise<AllocatedRow[]> {
  if (args.fromYear === args.toYear) {
    return args.db.$queryRaw<AllocatedRow[]>`
      SELECT k.key, k."donorType", k.allocated, d."displayName" AS name FROM (
        SELECT "donorKey" AS key, "donorId", "donorType"::text AS "donorType", "allocatedUsdMinor" AS allocated FROM programme_donor_allocations
        WHERE "programmeId" = ${args.programmeId}::uuid AND year = ${args.fromYear} AND "allocatedUsdMinor" > 0
        ORDER BY "allocatedUsdMinor" DESC, "donorKey" COLLATE "C" LIMIT ${args.limit}
      ) k LEFT JOIN donors d ON d.id = k."donorId"
      ORDER BY k.allocated DESC, k.key COLLATE "C"`;
  }
  return args.db.$queryRaw<AllocatedRow[]>`
    SELECT k.key, k."donorType", k.allocated, d."displayName" AS name FROM (
      SELECT "donorKey" AS key, "donorId", MIN("donorType"::text) AS "donorType", SUM("allocatedUsdMinor")::bigint AS allocated
      FROM programme_donor_allocations
      WHERE "programmeId" = ${args.programmeId}::uuid AND year BETWEEN ${args.fromYear} AND ${args.toYear}
      GROUP BY "donorKey", "donorId" HAVING SUM("allocatedUsdMinor") > 0
      ORDER BY 4 DESC, "donorKey" COLLATE "C" LIMIT ${args.limit}
    ) k LEFT JOIN donors d ON d.id = k."donorId"
    ORDER BY k.allocated DESC, k.key COLLATE "C"`;
}

/** Donors by allocated money to one project (or every project, and a programme's when both are given). */
async function projectTopDonors(args: {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  limit: number;
  db: DbClient;
}): Promise<AllocatedRow[]> {
  const conditions: Prisma.Sql[] = [Prisma.sql`s.year BETWEEN ${args.fromYear} AND ${args.toYear}`];
  if (args.projectId) conditions.push(Prisma.sql`s."projectId" = ${args.projectId}::uuid`);
  if (args.programmeId)
    conditions.push(Prisma.sql`s."projectId" IN (SELECT id FROM projects WHERE "programmeId" = ${args.programmeId}::uuid)`);
  return args.db.$queryRaw<AllocatedRow[]>`
    SELECT k.key, k."donorType", k.allocated, d."displayName" AS name FROM (
      SELECT CASE WHEN s."isAnonymous" THEN 'anonymous:' || s."donorType"::text ELSE s."donorId"::text END AS key,
             CASE WHEN s."isAnonymous" THEN NULL ELSE s."donorId" END AS "donorId",
             MIN(s."donorType"::text) AS "donorType", SUM(s."allocatedUsdMinor")::bigint AS allocated
      FROM donor_allocation_summaries s
      WHERE ${Prisma.join(conditions, ' AND ')}
      GROUP BY 1, 2
      HAVING SUM(s."allocatedUsdMinor") > 0
      ORDER BY 4 DESC, (CASE WHEN s."isAnonymous" THEN 'anonymous:' || s."donorType"::text ELSE s."donorId"::text END) COLLATE "C"
      LIMIT ${args.limit}
    ) k LEFT JOIN donors d ON d.id = k."donorId"
    ORDER BY k.allocated DESC, k.key COLLATE "C"`;
}

/**
 * Donors ranked by the money allocated from their payments to the scope's projects in the year
 * range (DOMAIN.md money rule 3: attribution follows allocations). Regular budget has no donor.
 */
export async function queryTopDonors(args: {
  fromYear: number;
  toYear: number;
  programmeId?: string;
  projectId?: string;
  limit: number;
  db: DbClient;
}): Promise<TopDonor[]> {
  const rows =
    args.programmeId && !args.projectId
      ? await programmeTopDonors({ ...args, programmeId: args.programmeId })
      : await projectTopDonors(args);
  return rows.map((row) => ({ ...shownDonor(row), allocatedUsdMinor: toSafeNumber(BigInt(row.allocated)) }));
}

/** A place's donors: a named donor, or a group that is never named (its type's individuals, or its anonymous gifts). */
export interface PlaceDonor {
  /** The donor's id for a named donor; null for a group */
  donorId: string | null;
  name: string | null;
  /** 'named', or the group: gifts given anonymously, or donors who are people (individuals, "other") */
  kind: 'named' | 'anonymous' | 'people';
  donorType: DonorType;
  allocatedUsdMinor: number;
}

/** A region (UN M49) or a country, the years, and how many donors to list. */
interface PlaceDonorQuery {
  fromYear: number;
  toYear: number;
  regionCode?: string;
  countryCode?: string;
  limit: number;
  db: DbClient;
}

/**
 * The money allocated to the projects of a region (UN M49, regions inside it included) or a
 * country in the year range, by donor (attribution follows allocations, DOMAIN.md money rule 3):
 * the first `limit` donors and groups, largest first, and the sums per donor type over all of
 * them. Anonymous gifts are one group per donor type and individuals (and "other" donors) one
 * group per type, so no person and no anonymous donor can be singled out. Regular budget has no
 * donor. A region's are read from project_donor_groups (decision 059), where the groups are
 * already summed; a country's from its own tables (decision 062), a few rows per donor.
 */
export async function queryPlaceDonors(
  args: PlaceDonorQuery,
): Promise<{ donors: PlaceDonor[]; byType: { donorType: DonorType; allocatedUsdMinor: number }[] }> {
  const [donors, byType] =
    args.countryCode && !args.regionCode
      ? await Promise.all([
          countryDonors({ ...args, countryCode: args.countryCode }),
          countryDonorTypes({ ...args, countryCode: args.countryCode }),
        ])
      : await placeDonorsFromProjects(args);
  return {
    donors: donors.map((row) => ({
      donorId: row.key.includes(':') ? null : row.key,
      name: row.key.includes(':') ? null : row.name,
      kind: row.key.startsWith('anonymous:') ? 'anonymous' : row.key.startsWith('people:') ? 'people' : 'named',
      donorType: row.donorType,
      allocatedUsdMinor: toSafeNumber(BigInt(row.allocated)),
    })),
    byType: byType.map((row) => ({ donorType: row.donorType, allocatedUsdMinor: toSafeNumber(BigInt(row.allocated)) })),
  };
}

type PlaceDonorRow = { key: string; donorType: DonorType; allocated: bigint; name: string | null };
type PlaceTypeRow = { donorType: DonorType; allocated: bigint };

/** A region's donors (or a country's, given both): summed from the project-year rows of its projects. */
async function placeDonorsFromProjects(args: PlaceDonorQuery): Promise<[PlaceDonorRow[], PlaceTypeRow[]]> {
  const place = Prisma.join(
    [
      Prisma.sql`TRUE`,
      ...(args.regionCode ? [projectInRegionSql('p', args.regionCode)] : []),
      ...(args.countryCode ? [Prisma.sql`p."countryCode" = ${args.countryCode}`] : []),
    ],
    ' AND ',
  );
  const slice = Prisma.sql`g.year BETWEEN ${args.fromYear} AND ${args.toYear} AND g."projectId" IN (SELECT p.id FROM projects p WHERE ${place})`;
  // Two statements side by side (one core each) cost less than one that aggregates once and
  // reads the aggregate twice (24 ms against 10 and 6 ms for Kenya at the large ledger, quiet).
  return Promise.all([
    args.db.$queryRaw<PlaceDonorRow[]>`
      ${firstPlaceDonorsSql('project_donor_groups', 'g', slice, args.limit)}
      ORDER BY k.allocated DESC, k.key COLLATE "C"`,
    args.db.$queryRaw<PlaceTypeRow[]>`
      SELECT g."donorType"::text AS "donorType", SUM(g."allocatedUsdMinor")::bigint AS allocated
      FROM project_donor_groups g WHERE ${slice}
      GROUP BY 1 HAVING SUM(g."allocatedUsdMinor") <> 0
      ORDER BY 2 DESC, 1`,
  ]);
}

/**
 * The first `limit` donors of place rows (`table` as `alias`, filtered by `where`): each key's sum
 * over the rows, largest first, and a named donor's name (groups have none). Unordered once the
 * names are joined: callers order by allocated, then key. The key is grouped in "C" order: a reused
 * (generic) plan sorts the rows to group them, and byte order sorts 11,000 keys in 2 ms where the
 * database's collation takes 8.
 */
function firstPlaceDonorsSql(table: 'project_donor_groups' | 'country_donor_years', alias: 'g' | 'y', where: Prisma.Sql, limit: number) {
  const s = Prisma.raw(alias);
  return Prisma.sql`
    SELECT k.key, k."donorType", k.allocated, d."displayName" AS name FROM (
      SELECT ${s}."donorKey" COLLATE "C" AS key, MIN(${s}."donorType"::text) AS "donorType", SUM(${s}."allocatedUsdMinor")::bigint AS allocated
      FROM ${Prisma.raw(table)} ${s} WHERE ${where}
      GROUP BY 1 HAVING SUM(${s}."allocatedUsdMinor") <> 0
      ORDER BY 3 DESC, 1 LIMIT ${limit}
    ) k LEFT JOIN donors d ON d.id = CASE WHEN k.key NOT LIKE '%:%' THEN k.key::uuid END`;
}

// Past this many candidates, summing the whole country is cheaper than looking further.
const MAX_COUNTRY_CANDIDATES = 5_000;

/**
 * A country's first `limit` donors over the year range (decision 062). A donor's sum over any
 * years is at most its bound (country_donor_bounds: its rows' positive parts), so the donors are
 * read in bound order: once the limit-th sum found exceeds the bound of the last donor read, no
 * donor not read can come before it. Each round is one statement (the first k bounds, their sums
 * from country_donor_years, how many candidates there were and the k-th bound); a country where
 * that does not settle soon, or where fewer than `limit` donors gave, is summed whole.
 */
async function countryDonors(args: {
  fromYear: number;
  toYear: number;
  countryCode: string;
  limit: number;
  db: DbClient;
}): Promise<PlaceDonorRow[]> {
  const { db, countryCode, limit } = args;
  // The country's rows in the years asked.
  const country = Prisma.sql`y."countryCode" = ${countryCode} AND y.year BETWEEN ${args.fromYear} AND ${args.toYear}`;
  for (let k = Math.max(2 * limit, 64); k <= MAX_COUNTRY_CANDIDATES; k *= 4) {
    // One row at least (the LEFT JOIN from the candidates' count), so the count and bound arrive
    // even when none of the candidates gave in the range.
    const rows = await db.$queryRaw<(Partial<PlaceDonorRow> & { candidates: bigint; lastBound: bigint | null })[]>`
      WITH c AS (
        SELECT "donorKey", "boundUsdMinor" FROM country_donor_bounds
        WHERE "countryCode" = ${countryCode} ORDER BY "boundUsdMinor" DESC, "donorKey" LIMIT ${k}
      ), m AS (SELECT COUNT(*)::bigint AS candidates, MIN(c."boundUsdMinor")::bigint AS "lastBound" FROM c)
      SELECT r.*, m.candidates, m."lastBound" FROM m LEFT JOIN (
        ${firstPlaceDonorsSql('country_donor_years', 'y', Prisma.sql`${country} AND y."donorKey" IN (SELECT c."donorKey" FROM c)`, limit)}
      ) r ON TRUE
      ORDER BY r.allocated DESC, r.key COLLATE "C"`;
    const meta = rows[0];
    const found = rows.filter((row): row is PlaceDonorRow & { candidates: bigint; lastBound: bigint | null } => row.key != null);
    const nth = found[limit - 1];
    if (!meta || Number(meta.candidates) < k) {
      // Every donor with a bound was read; the rest gave nothing positive here, so they count
      // only when fewer than `limit` gave (the whole sum lists what they took back).
      if (nth && BigInt(nth.allocated) > 0n) return found;
      break;
    }
    if (nth && BigInt(nth.allocated) > BigInt(meta.lastBound ?? 0n)) return found;
  }
  return db.$queryRaw<PlaceDonorRow[]>`
    ${firstPlaceDonorsSql('country_donor_years', 'y', country, limit)}
    ORDER BY k.allocated DESC, k.key COLLATE "C"`;
}

/** A country's sums by donor type over the year range (country_donor_years' type index). */
async function countryDonorTypes(args: { fromYear: number; toYear: number; countryCode: string; db: DbClient }): Promise<PlaceTypeRow[]> {
  return args.db.$queryRaw<PlaceTypeRow[]>`
    SELECT y."donorType"::text AS "donorType", SUM(y."allocatedUsdMinor")::bigint AS allocated
    FROM country_donor_years y WHERE y."countryCode" = ${args.countryCode} AND y.year BETWEEN ${args.fromYear} AND ${args.toYear}
    GROUP BY 1 HAVING SUM(y."allocatedUsdMinor") <> 0
    ORDER BY 2 DESC, 1`;
}
