// getDonorImpact (issue #13 item 1): what one donor's money reached, for an impact report.
//
// Periods are half-open [from, to) and count what the ledger RECORDED in them (createdAt of
// payments, reversals, allocations, updates and indicator values), not the dates the facts
// speak of: every fact then falls in exactly one period, so successive reports neither miss nor
// repeat a unit, and a report generated again later reads the same
// (docs/decisions/033-impact-attribution.md).
//
// Attribution follows allocations (DOMAIN.md money rule 3): the donor's amount for a project is
// the net of every allocation row that came from their payments — the automatic allocation of a
// project-earmarked gift, and their parts of staff allocations of general-purpose and programme
// pools (decision 025) — minus the negative rows a refund or dispute wrote. Their share is that
// amount over all net allocations of the project (attribution.ts).
import type { LocalizedText } from '~/platform/i18n.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { figuresFromSums, type FundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { REGULAR_BUDGET_CONTRIBUTOR, sharesInBasisPoints, type Contribution } from './attribution.ts';

export interface ImpactPeriod {
  /** Inclusive */
  from: Date;
  /** Exclusive */
  to: Date;
}

/** Money given in one currency, net of reversals, with its USD at the pinned rates. */
export interface GivenAmount {
  currency: string;
  amountMinor: bigint;
  usdMinor: bigint;
}

export interface IndicatorMovement {
  code: string;
  name: LocalizedText;
  unit: string;
  /** Decimal strings as stored (e.g. "120.0000") */
  before: string;
  after: string;
  target: string;
}

export interface ImpactUpdateInPeriod {
  id: string;
  title: LocalizedText;
  body: LocalizedText;
  publishedAt: Date;
}

export interface ProjectImpact {
  projectId: string;
  code: string;
  title: LocalizedText;
  programmeId: string;
  countryCode: string | null;
  regionCode: string;
  /** The donor's net allocated money to the project up to the end of the period */
  donorUsdMinor: bigint;
  /** Of it, what came from gifts earmarked to this project (the rest came through staff allocations of pools) */
  donorEarmarkedUsdMinor: bigint;
  /** Net movement of the donor's money to the project in the period (negative when a refund took more) */
  donorUsdMinorInPeriod: bigint;
  /** All net allocated money of the project up to the end of the period, every source */
  projectUsdMinor: bigint;
  /** The donor's share of projectUsdMinor, basis points (attribution.ts) */
  shareBasisPoints: bigint;
  /** The project's figures now, over all its years */
  coverage: FundingFigures;
  updates: ImpactUpdateInPeriod[];
  indicators: IndicatorMovement[];
}

export interface AllocationNotice {
  poolAllocationId: string;
  projectId: string;
  code: string;
  title: LocalizedText;
  decidedAt: Date;
  /** What the decision took from the donor's money when it was made */
  usdMinor: bigint;
}

export interface DonorImpact {
  donorId: string;
  period: ImpactPeriod;
  givenInPeriod: GivenAmount[];
  givenToDate: GivenAmount[];
  projects: ProjectImpact[];
  allocationNotices: AllocationNotice[];
  /** Anything to tell: money given, moved or allocated, an update or an indicator value in the period */
  hasNews: boolean;
}

/** Per project, each contributor's net allocated money up to `to`; reused across donors of a batch. */
export type ProjectContributions = Map<string, Contribution[]>;

export async function loadProjectContributions({
  projectIds,
  to,
  db = getPrisma(),
}: {
  projectIds: readonly string[];
  to: Date;
  db?: DbClient;
}): Promise<ProjectContributions> {
  const byProject: ProjectContributions = new Map(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) return byProject;
  const rows = await db.$queryRaw<{ projectId: string; contributorId: string; usdMinor: bigint }[]>`
    SELECT a."projectId"::text AS "projectId", COALESCE(p."donorId"::text, ${REGULAR_BUDGET_CONTRIBUTOR}) AS "contributorId",
           SUM(a."usdMinor")::bigint AS "usdMinor"
    FROM allocations a LEFT JOIN payments p ON p.id = a."paymentId"
    WHERE a."projectId" = ANY(${[...projectIds]}::uuid[]) AND a."createdAt" < ${to}
    GROUP BY 1, 2`;
  for (const row of rows) byProject.get(row.projectId)?.push({ contributorId: row.contributorId, usdMinor: row.usdMinor });
  return byProject;
}

async function listDonorProjects(db: DbClient, donorIds: string[], { from, to }: ImpactPeriod) {
  return db.$queryRaw<{ donorId: string; projectId: string; toDate: bigint; earmarked: bigint; inPeriod: bigint }[]>`
    SELECT p."donorId"::text AS "donorId", a."projectId"::text AS "projectId", SUM(a."usdMinor")::bigint AS "toDate",
           COALESCE(SUM(a."usdMinor") FILTER (WHERE p."earmarkType" = 'PROJECT'), 0)::bigint AS earmarked,
           COALESCE(SUM(a."usdMinor") FILTER (WHERE a."createdAt" >= ${from}), 0)::bigint AS "inPeriod"
    FROM allocations a JOIN payments p ON p.id = a."paymentId"
    WHERE p."donorId" = ANY(${donorIds}::uuid[]) AND a."createdAt" < ${to}
    GROUP BY p."donorId", a."projectId"`;
}

async function listGiven(db: DbClient, donorIds: string[], { from, to }: ImpactPeriod) {
  const rows = await db.$queryRaw<
    { donorId: string; currency: string; amount: bigint; usd: bigint; amountInPeriod: bigint; usdInPeriod: bigint }[]
  >`
    WITH facts AS (
      SELECT p."donorId", p.currency, p."amountMinor" AS amount, p."usdMinor" AS usd, p."createdAt" AS at
      FROM payments p WHERE p."donorId" = ANY(${donorIds}::uuid[]) AND p."createdAt" < ${to}
      UNION ALL
      SELECT p."donorId", p.currency, -r."amountMinor", -r."usdMinor", r."createdAt"
      FROM reversals r JOIN payments p ON p.id = r."paymentId"
      WHERE p."donorId" = ANY(${donorIds}::uuid[]) AND r."createdAt" < ${to})
    SELECT "donorId"::text AS "donorId", currency, SUM(amount)::bigint AS amount, SUM(usd)::bigint AS usd,
           COALESCE(SUM(amount) FILTER (WHERE at >= ${from}), 0)::bigint AS "amountInPeriod",
           COALESCE(SUM(usd) FILTER (WHERE at >= ${from}), 0)::bigint AS "usdInPeriod"
    FROM facts GROUP BY "donorId", currency ORDER BY "donorId", currency`;
  const byDonor = new Map<string, { givenToDate: GivenAmount[]; givenInPeriod: GivenAmount[] }>();
  for (const row of rows) {
    const given = byDonor.get(row.donorId) ?? { givenToDate: [], givenInPeriod: [] };
    byDonor.set(row.donorId, given);
    if (row.amount !== 0n) given.givenToDate.push({ currency: row.currency, amountMinor: row.amount, usdMinor: row.usd });
    if (row.amountInPeriod !== 0n) {
      given.givenInPeriod.push({ currency: row.currency, amountMinor: row.amountInPeriod, usdMinor: row.usdInPeriod });
    }
  }
  return byDonor;
}

async function listCoverage(db: DbClient, projectIds: string[]) {
  const rows = await db.$queryRaw<
    { projectId: string; requirement: bigint; regularBudget: bigint; generalPurpose: bigint; earmarked: bigint; pledgedUnpaid: bigint }[]
  >`
    SELECT "projectId"::text AS "projectId", SUM("requirementUsdMinor")::bigint AS requirement,
           SUM("regularBudgetUsdMinor")::bigint AS "regularBudget", SUM("generalPurposeUsdMinor")::bigint AS "generalPurpose",
           SUM("earmarkedUsdMinor")::bigint AS earmarked, SUM("pledgedUnpaidUsdMinor")::bigint AS "pledgedUnpaid"
    FROM funding_summaries WHERE "projectId" = ANY(${projectIds}::uuid[]) GROUP BY 1`;
  return new Map(rows.map(({ projectId, ...sums }) => [projectId, figuresFromSums(sums)]));
}

async function listUpdates(db: DbClient, projectIds: string[], { from, to }: ImpactPeriod) {
  const rows = await db.impactUpdate.findMany({
    where: { projectId: { in: projectIds }, createdAt: { gte: from, lt: to } },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, projectId: true, title: true, body: true, publishedAt: true },
  });
  // Titles and bodies are written by the staff editor as { en, fr, ... }: a parse boundary.
  return rows.map((row) => ({ ...row, title: row.title as LocalizedText, body: row.body as LocalizedText }));
}

/**
 * Indicators with a value recorded in the period: the latest value (by the date measured) known
 * before the period, else the baseline, and the latest known at its end.
 */
async function listIndicatorMovements(db: DbClient, projectIds: string[], { from, to }: ImpactPeriod) {
  return db.$queryRaw<(Omit<IndicatorMovement, 'name'> & { projectId: string; name: unknown })[]>`
    SELECT i."projectId"::text AS "projectId", i.code, i.name, i.unit, i.target::text AS target,
           COALESCE((SELECT v.value FROM indicator_values v WHERE v."indicatorId" = i.id AND v."createdAt" < ${from}
                     ORDER BY v."measuredOn" DESC, v."createdAt" DESC LIMIT 1), i.baseline)::text AS before,
           (SELECT v.value FROM indicator_values v WHERE v."indicatorId" = i.id AND v."createdAt" < ${to}
             ORDER BY v."measuredOn" DESC, v."createdAt" DESC LIMIT 1)::text AS after
    FROM indicators i
    WHERE i."projectId" = ANY(${projectIds}::uuid[])
      AND EXISTS (SELECT 1 FROM indicator_values v WHERE v."indicatorId" = i.id AND v."createdAt" >= ${from} AND v."createdAt" < ${to})
    ORDER BY i.code`;
}

async function listAllocationNotices(db: DbClient, donorIds: string[], { from, to }: ImpactPeriod) {
  const rows = await db.$queryRaw<(Omit<AllocationNotice, 'title'> & { donorId: string; title: unknown })[]>`
    SELECT p."donorId"::text AS "donorId", k.id::text AS "poolAllocationId", k."projectId"::text AS "projectId", pr.code, pr.title,
           k."createdAt" AS "decidedAt", SUM(a."usdMinor")::bigint AS "usdMinor"
    FROM pool_allocations k
    JOIN allocations a ON a."poolAllocationId" = k.id AND a."reversalId" IS NULL
    JOIN payments p ON p.id = a."paymentId"
    JOIN projects pr ON pr.id = k."projectId"
    WHERE p."donorId" = ANY(${donorIds}::uuid[]) AND k."createdAt" >= ${from} AND k."createdAt" < ${to}
    GROUP BY p."donorId", k.id, pr.id
    ORDER BY k."createdAt", k.id`;
  return rows.map((row) => ({ ...row, title: row.title as LocalizedText }));
}

// A project's shares and total depend only on its contributions list; a report run hands the same
// lists to every page, so each is worked out once per run instead of once per donor and page
// (with 25,000 contributors to a project that was most of a run's time).
const sharesAndTotals = new WeakMap<readonly Contribution[], { shares: Map<string, bigint>; total: bigint }>();
function sharesAndTotalOf(contributions: readonly Contribution[]) {
  let known = sharesAndTotals.get(contributions);
  if (!known) {
    known = { shares: sharesInBasisPoints(contributions), total: contributions.reduce((sum, part) => sum + part.usdMinor, 0n) };
    sharesAndTotals.set(contributions, known);
  }
  return known;
}

/**
 * The impact of one donor's money in a period. `contributions` may carry the projects'
 * contributions already loaded for the same `to` (a batch of reports); missing ones are loaded.
 */
export async function getDonorImpact({
  donorId,
  from,
  to,
  contributions,
  db = getPrisma(),
}: ImpactPeriod & { donorId: string; contributions?: ProjectContributions; db?: DbClient }): Promise<DonorImpact> {
  const [impact] = await getDonorImpacts({ donorIds: [donorId], from, to, contributions, db });
  return impact!;
}

/**
 * getDonorImpact for many donors and one period at once (a page of the report run): the same
 * answers, read in a fixed handful of queries whatever the number of donors. In the order given.
 */
export async function getDonorImpacts({
  donorIds,
  from,
  to,
  contributions,
  db = getPrisma(),
}: ImpactPeriod & { donorIds: readonly string[]; contributions?: ProjectContributions; db?: DbClient }): Promise<DonorImpact[]> {
  if (!(from < to)) throw new RangeError('an impact period must end after it starts');
  const period = { from, to };
  const ids = [...donorIds];
  if (ids.length === 0) return [];
  const reachedRows = (await listDonorProjects(db, ids, period)).filter((row) => row.toDate > 0n);
  const projectIds = [...new Set(reachedRows.map((row) => row.projectId))];
  const missing = projectIds.filter((id) => !contributions?.has(id));
  const loaded = await loadProjectContributions({ projectIds: missing, to, db });
  const contributionsOf = (projectId: string) => contributions?.get(projectId) ?? loaded.get(projectId) ?? [];
  const [given, coverage, updates, indicators, allocationNotices, projects] = await Promise.all([
    listGiven(db, ids, period),
    listCoverage(db, projectIds),
    listUpdates(db, projectIds, period),
    listIndicatorMovements(db, projectIds, period),
    listAllocationNotices(db, ids, period),
    db.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, code: true, title: true, programmeId: true, countryCode: true, regionCode: true },
    }),
  ]);
  const projectById = new Map(projects.map((project) => [project.id, project]));
  const sharesOf = (projectId: string) => sharesAndTotalOf(contributionsOf(projectId)).shares;
  const projectTotal = (projectId: string) => sharesAndTotalOf(contributionsOf(projectId)).total;
  const reachedByDonor = new Map<string, typeof reachedRows>();
  for (const row of reachedRows) reachedByDonor.set(row.donorId, [...(reachedByDonor.get(row.donorId) ?? []), row]);
  return ids.map((donorId): DonorImpact => {
    const reached = reachedByDonor.get(donorId) ?? [];
    const projectImpacts = reached.map((row): ProjectImpact => {
      const project = projectById.get(row.projectId)!;
      return {
        projectId: project.id,
        code: project.code,
        title: project.title as LocalizedText,
        programmeId: project.programmeId,
        countryCode: project.countryCode,
        regionCode: project.regionCode,
        donorUsdMinor: row.toDate,
        donorEarmarkedUsdMinor: row.earmarked,
        donorUsdMinorInPeriod: row.inPeriod,
        projectUsdMinor: projectTotal(row.projectId),
        shareBasisPoints: sharesOf(row.projectId).get(donorId) ?? 0n,
        coverage:
          coverage.get(project.id) ??
          figuresFromSums({ requirement: 0n, regularBudget: 0n, generalPurpose: 0n, earmarked: 0n, pledgedUnpaid: 0n }),
        updates: updates.filter((update) => update.projectId === project.id).map(({ projectId: _, ...update }) => update),
        indicators: indicators
          .filter((indicator) => indicator.projectId === project.id)
          .map(({ projectId: _, ...indicator }) => ({
            ...indicator,
            name: indicator.name as LocalizedText,
            after: indicator.after ?? indicator.before,
          })),
      };
    });
    projectImpacts.sort((a, b) =>
      a.donorUsdMinor === b.donorUsdMinor ? a.code.localeCompare(b.code) : a.donorUsdMinor > b.donorUsdMinor ? -1 : 1,
    );
    const { givenInPeriod, givenToDate } = given.get(donorId) ?? { givenInPeriod: [], givenToDate: [] };
    const notices = allocationNotices.filter((notice) => notice.donorId === donorId).map(({ donorId: _, ...notice }) => notice);
    const hasNews =
      givenInPeriod.length > 0 ||
      notices.length > 0 ||
      projectImpacts.some((project) => project.donorUsdMinorInPeriod !== 0n || project.updates.length > 0 || project.indicators.length > 0);
    return { donorId, period, givenInPeriod, givenToDate, projects: projectImpacts, allocationNotices: notices, hasNews };
  });
}
