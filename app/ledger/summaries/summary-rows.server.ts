// The rows each summary table should hold, computed from the money facts with set-based SQL
// (definitions: funding.server.ts). One query per table serves three callers: the scoped refresh
// in a writer's transaction (only the given ids: index lookups), the full rebuild, and the
// verification (everything: whole-table hash joins). docs/decisions/009 explains the tables.
import { Prisma, type DonorType } from '~/generated/prisma/client.ts';
import { isPromiseSql, NIL_UUID, usdAtPinnedRateSql } from '~/ledger/funding-figure-queries.server.ts';

/**
 * Which facts a computation covers: everything, or what hangs off the given ids. `pledgeIds`
 * and `donorIds` are already widened by resolveScope (a pledge's donor and project included).
 */
export type RowScope =
  { all: true } | { all?: false; pledgeIds: string[]; donorIds: string[]; projectIds: string[]; programmeIds: string[] };

/** A scope of ids (what a writer touched). */
export type SomeScope = Extract<RowScope, { pledgeIds: string[] }>;

type IdList = 'pledgeIds' | 'donorIds' | 'projectIds' | 'programmeIds';

/** `column` is one of the scope's ids of that kind (TRUE for everything). */
export function inScope(scope: RowScope, list: IdList, column: string): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(column)} = ANY(${scope[list]}::uuid[])`;
}

/** Net amount of a payment `p` in its currency or in USD: reversals subtracted. */
function reversedSql(scope: RowScope, field: 'amountMinor' | 'usdMinor'): { join: Prisma.Sql; value: Prisma.Sql } {
  const column = Prisma.raw(`"${field}"`);
  // Few payments: an index lookup each. Everything: one aggregate of the whole table, hash-joined.
  // Sums cast back to bigint: numeric arithmetic on every payment row costs more than the join.
  if (!scope.all)
    return {
      join: Prisma.empty,
      value: Prisma.sql`COALESCE((SELECT SUM(r.${column})::bigint FROM reversals r WHERE r."paymentId" = p.id), 0)`,
    };
  return {
    join: Prisma.sql`LEFT JOIN (SELECT r."paymentId", SUM(r.${column})::bigint AS amount FROM reversals r GROUP BY r."paymentId") rv ON rv."paymentId" = p.id`,
    value: Prisma.sql`COALESCE(rv.amount, 0)`,
  };
}

/** The latest pledge event of pledge `pledge`, as `latest` (kind, or NULL when it has none). */
function latestEventJoin(scope: RowScope, pledge: string): Prisma.Sql {
  const alias = Prisma.raw(pledge);
  if (!scope.all) {
    return Prisma.sql`LEFT JOIN LATERAL (
      SELECT e.kind FROM pledge_events e WHERE e."pledgeId" = ${alias}.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1
    ) latest ON TRUE`;
  }
  return Prisma.sql`LEFT JOIN (
    SELECT DISTINCT ON (e."pledgeId") e."pledgeId", e.kind FROM pledge_events e ORDER BY e."pledgeId", e."createdAt" DESC, e.id DESC
  ) latest ON latest."pledgeId" = ${alias}.id`;
}

/**
 * open_instalments: per instalment of a live promise, max(0, instalment − net payments that
 * settled it − its write-off, decision 030) at the pledge's pinned rate; rows with nothing owed left out.
 */
export function openInstalmentRowsSql(scope: RowScope): Prisma.Sql {
  const reversed = reversedSql(scope, 'amountMinor');
  const settledScope = scope.all
    ? Prisma.sql`TRUE`
    : Prisma.sql`p."instalmentId" IN (SELECT s.id FROM pledge_instalments s WHERE s."pledgeId" = ANY(${scope.pledgeIds}::uuid[]))`;
  return Prisma.sql`
    SELECT o.* FROM (
      SELECT i.id AS "instalmentId", pl.id AS "pledgeId", pl."earmarkType",
             CASE WHEN pl."earmarkType" = 'PROGRAMME' THEN pl."programmeId" END AS "programmeId",
             CASE WHEN pl."earmarkType" = 'PROJECT' THEN pl."projectId" END AS "projectId",
             EXTRACT(YEAR FROM i."dueOn")::int AS year, i."dueOn",
             ${usdAtPinnedRateSql(Prisma.sql`GREATEST(i."amountMinor" - COALESCE(settled.net, 0) - COALESCE(w."amountMinor", 0), 0)`, 'pl')} AS "openUsdMinor",
             pl.currency, GREATEST(i."amountMinor" - COALESCE(settled.net, 0) - COALESCE(w."amountMinor", 0), 0) AS "openMinor"
      FROM pledges pl
      JOIN pledge_instalments i ON i."pledgeId" = pl.id
      LEFT JOIN instalment_write_offs w ON w."instalmentId" = i.id
      ${latestEventJoin(scope, 'pl')}
      LEFT JOIN (
        SELECT p."instalmentId", SUM(p."amountMinor" - ${reversed.value})::bigint AS net
        FROM payments p ${reversed.join}
        WHERE p."instalmentId" IS NOT NULL AND ${settledScope}
        GROUP BY p."instalmentId"
      ) settled ON settled."instalmentId" = i.id
      WHERE ${isPromiseSql('pl')} AND (latest.kind IS NULL OR latest.kind = 'REINSTATED')
        AND i."amountMinor" > COALESCE(settled.net, 0) + COALESCE(w."amountMinor", 0) AND ${inScope(scope, 'pledgeIds', 'pl.id')}
    ) o
    WHERE o."openUsdMinor" > 0`;
}

/** Payments a scope covers: those of its donors and of its pledges. */
function paymentScopeSql(scope: RowScope, column: string): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  return Prisma.sql`${Prisma.raw(column)} IN (
    SELECT q.id FROM payments q WHERE q."donorId" = ANY(${scope.donorIds}::uuid[]) OR q."pledgeId" = ANY(${scope.pledgeIds}::uuid[]))`;
}

/**
 * unallocated_balances: each payment's net USD less its allocations (pool = its earmark), and
 * each regular-budget entry less its allocations; origins with no balance left out.
 */
export function unallocatedRowsSql(scope: RowScope): Prisma.Sql {
  const reversed = reversedSql(scope, 'usdMinor');
  const allocated = (origin: 'paymentId' | 'regularBudgetEntryId', alias: string) =>
    scope.all
      ? Prisma.sql`LEFT JOIN (SELECT a.${Prisma.raw(`"${origin}"`)} AS origin, SUM(a."usdMinor")::bigint AS usd FROM allocations a
          WHERE a.${Prisma.raw(`"${origin}"`)} IS NOT NULL GROUP BY 1) al ON al.origin = ${Prisma.raw(alias)}.id`
      : Prisma.sql`LEFT JOIN LATERAL (SELECT SUM(a."usdMinor")::bigint AS usd FROM allocations a WHERE a.${Prisma.raw(`"${origin}"`)} = ${Prisma.raw(alias)}.id) al ON TRUE`;
  return Prisma.sql`
    SELECT x.* FROM (
      SELECT p.id AS "originId", p."earmarkType"::text::"MoneyPool" AS pool,
             CASE WHEN p."earmarkType" = 'PROGRAMME' THEN p."programmeId" END AS "programmeId",
             CASE WHEN p."earmarkType" = 'PROJECT' THEN p."projectId" END AS "projectId",
             (p."usdMinor" - ${reversed.value} - COALESCE(al.usd, 0))::bigint AS "usdMinor"
      FROM payments p ${reversed.join} ${allocated('paymentId', 'p')}
      WHERE ${paymentScopeSql(scope, 'p.id')}
      UNION ALL
      SELECT e.id, 'REGULAR_BUDGET'::"MoneyPool", e."programmeId", NULL::uuid, (e."usdMinor" - COALESCE(al.usd, 0))::bigint
      FROM regular_budget_entries e ${allocated('regularBudgetEntryId', 'e')}
      WHERE ${inScope(scope, 'programmeIds', 'e."programmeId"')}
    ) x
    WHERE x."usdMinor" <> 0`;
}

/** unallocated_balances rows a scope covers (what a scoped refresh deletes before re-inserting). */
export function unallocatedScopeSql(scope: RowScope): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  return Prisma.sql`(${paymentScopeSql(scope, '"originId"')}
    OR "originId" IN (SELECT e.id FROM regular_budget_entries e WHERE e."programmeId" = ANY(${scope.programmeIds}::uuid[])))`;
}

/**
 * funding_summaries: per project-year, requirement, allocations by source, and what PROJECT
 * promises still owe (from `openInstalments`: the table, or openInstalmentRowsSql to verify).
 */
export function fundingSummaryRowsSql(scope: RowScope, openInstalments: Prisma.Sql): Prisma.Sql {
  const only = (column: string) => inScope(scope, 'projectIds', column);
  return Prisma.sql`
    SELECT k.project_id AS "projectId", k.year::int AS year,
           SUM(k.req)::bigint AS "requirementUsdMinor", SUM(k.rb)::bigint AS "regularBudgetUsdMinor",
           SUM(k.gp)::bigint AS "generalPurposeUsdMinor", SUM(k.em)::bigint AS "earmarkedUsdMinor",
           SUM(k.unpaid)::bigint AS "pledgedUnpaidUsdMinor"
    FROM (
      SELECT r."projectId" AS project_id, r.year, r."usdMinor" AS req, 0::numeric AS rb, 0::numeric AS gp, 0::numeric AS em, 0::numeric AS unpaid
      FROM project_requirements r WHERE ${only('r."projectId"')}
      UNION ALL
      SELECT a."projectId", a.year, 0,
             COALESCE(SUM(a."usdMinor") FILTER (WHERE a.source = 'REGULAR_BUDGET'), 0),
             COALESCE(SUM(a."usdMinor") FILTER (WHERE a.source = 'GENERAL_PURPOSE'), 0),
             COALESCE(SUM(a."usdMinor") FILTER (WHERE a.source = 'EARMARKED'), 0), 0
      FROM allocations a WHERE ${only('a."projectId"')}
      GROUP BY a."projectId", a.year
      UNION ALL
      SELECT o."projectId", o.year, 0, 0, 0, 0, o."openUsdMinor"
      FROM (${openInstalments}) o
      WHERE o."earmarkType" = 'PROJECT' AND ${only('o."projectId"')}
    ) k
    GROUP BY k.project_id, k.year`;
}

/** Whether gift `alias` (a payment or pledge) is shown anonymously: the donor's or its own choice. */
const anonymousSql = (pledge: string) => Prisma.sql`(d."isAnonymous" OR COALESCE(${Prisma.raw(pledge)}."isAnonymous", FALSE))`;

/**
 * donor_allocation_summaries rows of the scope: its donors'. An allocation changes the figures
 * of the donor whose payment it spends, so its writer names that donor; a project's other
 * donors are not re-read (a project has thousands).
 */
export function donorAllocationScopeSql(scope: RowScope): Prisma.Sql {
  return inScope(scope, 'donorIds', '"donorId"');
}

/**
 * donor_allocation_summaries: allocations from payments (not regular budget), per project, year,
 * donor and anonymity; groups that net to zero left out.
 */
export function donorAllocationRowsSql(scope: RowScope): Prisma.Sql {
  return Prisma.sql`
    SELECT a."projectId", a.year, p."donorId", ${anonymousSql('pl')} AS "isAnonymous", d.type AS "donorType",
           SUM(a."usdMinor")::bigint AS "allocatedUsdMinor"
    FROM allocations a
    JOIN payments p ON p.id = a."paymentId"
    JOIN donors d ON d.id = p."donorId"
    LEFT JOIN pledges pl ON pl.id = p."pledgeId"
    WHERE ${inScope(scope, 'donorIds', 'p."donorId"')}
    GROUP BY a."projectId", a.year, p."donorId", 4, d.type
    HAVING SUM(a."usdMinor") <> 0`;
}

/** The programme (PROGRAMME), project (PROJECT) or nil UUID (general-purpose) a gift is for. */
function scopeIdSql(alias: string): Prisma.Sql {
  const x = Prisma.raw(alias);
  return Prisma.sql`COALESCE(CASE ${x}."earmarkType" WHEN 'PROGRAMME' THEN ${x}."programmeId" WHEN 'PROJECT' THEN ${x}."projectId" END, ${NIL_UUID}::uuid)`;
}

/**
 * donor_contribution_summaries: per donor, year (UTC), anonymity, earmark and its programme or
 * project. Payments count in the year received, net of reversals; promises (not cancelled) in
 * the year pledged, at the pinned rate; payments of gifts that promise nothing are also pledged.
 */
export function donorContributionRowsSql(scope: RowScope): Prisma.Sql {
  const reversed = reversedSql(scope, 'usdMinor');
  return Prisma.sql`
    SELECT c."donorId", c.year, c."isAnonymous", c."earmarkType", c."scopeId", c."donorType",
           SUM(c.pledged)::bigint AS "pledgedUsdMinor", SUM(c.paid)::bigint AS "paidUsdMinor",
           SUM(c.gp)::bigint AS "generalPurposeUsdMinor", COUNT(*)::int AS facts
    FROM (
      SELECT g."donorId", g.year, g."isAnonymous", g."earmarkType", g."scopeId", g."donorType",
             CASE WHEN g.promises THEN 0 ELSE g.net END AS pledged, g.net AS paid,
             CASE WHEN g."earmarkType" = 'GENERAL_PURPOSE' THEN g.net ELSE 0 END AS gp
      FROM (
        SELECT p."donorId", EXTRACT(YEAR FROM p."receivedAt" AT TIME ZONE 'UTC')::int AS year, ${anonymousSql('pl')} AS "isAnonymous",
               p."earmarkType", ${scopeIdSql('p')} AS "scopeId", d.type AS "donorType",
               COALESCE(${isPromiseSql('pl')}, FALSE) AS promises, p."usdMinor" - ${reversed.value} AS net
        FROM payments p ${reversed.join}
        JOIN donors d ON d.id = p."donorId"
        LEFT JOIN pledges pl ON pl.id = p."pledgeId"
        WHERE ${inScope(scope, 'donorIds', 'p."donorId"')}
      ) g
      UNION ALL
      SELECT pl."donorId", EXTRACT(YEAR FROM pl."pledgedAt" AT TIME ZONE 'UTC')::int, ${anonymousSql('pl')},
             pl."earmarkType", ${scopeIdSql('pl')}, d.type, ${usdAtPinnedRateSql(Prisma.sql`pl."amountMinor"`, 'pl')}, 0, 0
      FROM pledges pl
      JOIN donors d ON d.id = pl."donorId"
      ${latestEventJoin(scope, 'pl')}
      WHERE ${isPromiseSql('pl')} AND (latest.kind IS NULL OR latest.kind <> 'CANCELLED')
        AND ${inScope(scope, 'donorIds', 'pl."donorId"')}
    ) c
    GROUP BY c."donorId", c.year, c."isAnonymous", c."earmarkType", c."scopeId", c."donorType"`;
}

/** contribution_year_totals from donor_contribution_summaries rows (`source`). */
export function contributionYearTotalRowsSql(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT f.year, f."donorType", f."isAnonymous", SUM(f."pledgedUsdMinor")::bigint AS "pledgedUsdMinor",
           SUM(f."paidUsdMinor")::bigint AS "paidUsdMinor", SUM(f."generalPurposeUsdMinor")::bigint AS "generalPurposeUsdMinor",
           SUM(f.facts)::int AS facts
    FROM (${source}) f
    GROUP BY f.year, f."donorType", f."isAnonymous"`;
}

/**
 * donor_contribution_totals: named donors from their own (not anonymous) contribution rows,
 * the anonymous group of each donor type from the year totals.
 */
export function donorContributionTotalRowsSql(contributions: Prisma.Sql, yearTotals: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT f."donorId"::text AS "donorKey", f."donorId", MIN(f."donorType"::text)::"DonorType" AS "donorType",
           SUM(f."pledgedUsdMinor")::bigint AS "pledgedUsdMinor", SUM(f."paidUsdMinor")::bigint AS "paidUsdMinor",
           array_agg(DISTINCT f.year ORDER BY f.year) AS years
    FROM (${contributions}) f
    WHERE NOT f."isAnonymous"
    GROUP BY f."donorId"
    UNION ALL
    SELECT 'anonymous:' || t."donorType"::text, NULL::uuid, t."donorType",
           SUM(t."pledgedUsdMinor")::bigint, SUM(t."paidUsdMinor")::bigint, array_agg(t.year ORDER BY t.year)
    FROM (${yearTotals}) t
    WHERE t."isAnonymous"
    GROUP BY t."donorType"`;
}

/** A donor as the public sees them: the donor's id, or the anonymous pool of its type. */
const donorKeySql = (alias: string) =>
  Prisma.sql`CASE WHEN ${Prisma.raw(alias)}."isAnonymous" THEN 'anonymous:' || ${Prisma.raw(alias)}."donorType"::text ELSE ${Prisma.raw(alias)}."donorId"::text END`;

/**
 * programme_donor_allocations from donor_allocation_summaries rows (`source`), per programme of
 * the project, year and donor as shown. `withZeros` keeps groups that net to zero (for deltas).
 */
export function programmeDonorAllocationRowsSql(source: Prisma.Sql, withZeros = false): Prisma.Sql {
  return Prisma.sql`
    SELECT p."programmeId", s.year, ${donorKeySql('s')} AS "donorKey",
           CASE WHEN s."isAnonymous" THEN NULL ELSE s."donorId" END AS "donorId", s."donorType",
           SUM(s."allocatedUsdMinor")::bigint AS "allocatedUsdMinor"
    FROM (${source}) s JOIN projects p ON p.id = s."projectId"
    GROUP BY p."programmeId", s.year, 3, 4, s."donorType"
    ${withZeros ? Prisma.empty : Prisma.sql`HAVING SUM(s."allocatedUsdMinor") <> 0`}`;
}

/** Donor types whose donors are people (or may be): never named on a public page, one group per type. */
export const PEOPLE_TYPES = ['INDIVIDUAL', 'OTHER'] as const satisfies readonly DonorType[];

/** A donor_allocation_summaries row's donor as a place page shows it: an institution by its id, else its group. */
function placeDonorKeySql(alias: string): Prisma.Sql {
  const s = Prisma.raw(alias);
  const people = Prisma.join([...PEOPLE_TYPES]);
  return Prisma.sql`CASE WHEN ${s}."isAnonymous" THEN 'anonymous:' || ${s}."donorType"::text
                WHEN ${s}."donorType"::text IN (${people}) THEN 'people:' || ${s}."donorType"::text
                ELSE ${s}."donorId"::text END`;
}

/**
 * project_donor_groups from donor_allocation_summaries rows (`source`), per project, year and donor
 * as a place page shows them: an institution by its id; anonymous gifts as the group of their
 * donor type, people as the group of theirs. `withZeros` keeps groups that net to zero (for deltas).
 */
export function projectDonorGroupRowsSql(source: Prisma.Sql, withZeros = false): Prisma.Sql {
  const people = Prisma.join([...PEOPLE_TYPES]);
  return Prisma.sql`
    SELECT s."projectId", s.year, ${placeDonorKeySql('s')} AS "donorKey",
           CASE WHEN s."isAnonymous" OR s."donorType"::text IN (${people}) THEN NULL ELSE s."donorId" END AS "donorId",
           s."donorType", SUM(s."allocatedUsdMinor")::bigint AS "allocatedUsdMinor"
    FROM (${source}) s
    GROUP BY s."projectId", s.year, 3, 4, s."donorType"
    ${withZeros ? Prisma.empty : Prisma.sql`HAVING SUM(s."allocatedUsdMinor") <> 0`}`;
}

/**
 * country_donor_years from donor_allocation_summaries rows (`source`): per country of the project,
 * donor as a place shows it, and year (decision 062). `withZeros` as above.
 */
export function countryDonorYearRowsSql(source: Prisma.Sql, withZeros = false): Prisma.Sql {
  return Prisma.sql`
    SELECT p."countryCode", ${placeDonorKeySql('s')} AS "donorKey", s.year, s."donorType",
           SUM(s."allocatedUsdMinor")::bigint AS "allocatedUsdMinor"
    FROM (${source}) s JOIN projects p ON p.id = s."projectId"
    WHERE p."countryCode" IS NOT NULL
    GROUP BY p."countryCode", 2, s.year, s."donorType"
    ${withZeros ? Prisma.empty : Prisma.sql`HAVING SUM(s."allocatedUsdMinor") <> 0`}`;
}

/**
 * country_donor_bounds from donor_allocation_summaries rows (`source`): per country and donor as
 * a place shows it, the rows' positive parts added up — no sum over some of the rows (a year
 * range) can be larger, whatever reversals made negative (decision 062). `withZeros` as above.
 */
export function countryDonorBoundRowsSql(source: Prisma.Sql, withZeros = false): Prisma.Sql {
  return Prisma.sql`
    SELECT p."countryCode", ${placeDonorKeySql('s')} AS "donorKey", SUM(GREATEST(s."allocatedUsdMinor", 0))::bigint AS "boundUsdMinor"
    FROM (${source}) s JOIN projects p ON p.id = s."projectId"
    WHERE p."countryCode" IS NOT NULL
    GROUP BY p."countryCode", 2
    ${withZeros ? Prisma.empty : Prisma.sql`HAVING SUM(GREATEST(s."allocatedUsdMinor", 0)) <> 0`}`;
}

/** donor_year_contributions from donor_contribution_summaries rows (`source`): paid per year and donor as shown. */
export function donorYearContributionRowsSql(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT f.year, ${donorKeySql('f')} AS "donorKey", SUM(f."paidUsdMinor")::bigint AS "paidUsdMinor", SUM(f.facts)::int AS facts
    FROM (${source}) f
    GROUP BY f.year, 2`;
}

/** donor_year_counts from donor_contribution_totals rows (`source`): each donor's years paired with the year before. */
export function donorYearCountRowsSql(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT r."donorType", y.year, COALESCE(y.previous, 0) AS "previousYear", COUNT(*)::int AS donors
    FROM (${source}) r
    CROSS JOIN LATERAL (SELECT u.year, lag(u.year) OVER (ORDER BY u.year) AS previous FROM unnest(r.years) AS u(year)) y
    GROUP BY r."donorType", y.year, 3`;
}
