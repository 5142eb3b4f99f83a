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

async function listDonorProjects(db: DbClient, donorId: string, { from, to }: ImpactPeriod) {
  return db.$queryRaw<{ projectId: string; toDate: bigint; earmarked: bigint; inPeriod: bigint }[]>`
    SELECT a."projectId"::text AS "projectId", SUM(a."usdMinor")::bigint AS "toDate",
           COALESCE(SUM(a."usdMinor") FILTER (WHERE p."earmarkType" = 'PROJECT'), 0)::bigint AS earmarked,
           COALESCE(SUM(a."usdMinor") FILTER (WHERE a."createdAt" >= ${from}), 0)::bigint AS "inPeriod"
    FROM allocations a JOIN payments p ON p.id = a."paymentId"
    WHERE p."donorId" = ${donorId}::uuid AND a."createdAt" < ${to}
    GROUP BY a."projectId"`;
}

async function listGiven(db: DbClient, donorId: string, { from, to }: ImpactPeriod) {
  const rows = await db.$queryRaw<{ currency: string; amount: bigint; usd: bigint; amountInPeriod: bigint; usdInPeriod: bigint }[]>`
    WITH facts AS (
      SELECT p.currency, p."amountMinor" AS amount, p."usdMinor" AS usd, p."createdAt" AS at
      FROM payments p WHERE p."donorId" = ${donorId}::uuid AND p."createdAt" < ${to}
      UNION ALL
      SELECT p.currency, -r."amountMinor", -r."usdMinor", r."createdAt"
      FROM reversals r JOIN payments p ON p.id = r."paymentId"
      WHERE p."donorId" = ${donorId}::uuid AND r."createdAt" < ${to})
    SELECT currency, SUM(amount)::bigint AS amount, SUM(usd)::bigint AS usd,
           COALESCE(SUM(amount) FILTER (WHERE at >= ${from}), 0)::bigint AS "amountInPeriod",
           COALESCE(SUM(usd) FILTER (WHERE at >= ${from}), 0)::bigint AS "usdInPeriod"
    FROM facts GROUP BY currency ORDER BY currency`;
  return {
    givenToDate: rows
      .filter((row) => row.amount !== 0n)
      .map((row) => ({ currency: row.currency, amountMinor: row.amount, usdMinor: row.usd })),
    givenInPeriod: rows
      .filter((row) => row.amountInPeriod !== 0n)
      .map((row) => ({ currency: row.currency, amountMinor: row.amountInPeriod, usdMinor: row.usdInPeriod })),
  };
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

async function listAllocationNotices(db: DbClient, donorId: string, { from, to }: ImpactPeriod) {
  const rows = await db.$queryRaw<(Omit<AllocationNotice, 'title'> & { title: unknown })[]>`
    SELECT k.id::text AS "poolAllocationId", k."projectId"::text AS "projectId", pr.code, pr.title, k."createdAt" AS "decidedAt",
           SUM(a."usdMinor")::bigint AS "usdMinor"
    FROM pool_allocations k
    JOIN allocations a ON a."poolAllocationId" = k.id AND a."reversalId" IS NULL
    JOIN payments p ON p.id = a."paymentId"
    JOIN projects pr ON pr.id = k."projectId"
    WHERE p."donorId" = ${donorId}::uuid AND k."createdAt" >= ${from} AND k."createdAt" < ${to}
    GROUP BY k.id, pr.id
    ORDER BY k."createdAt", k.id`;
  return rows.map((row) => ({ ...row, title: row.title as LocalizedText }));
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
  if (!(from < to)) throw new RangeError('an impact period must end after it starts');
  const period = { from, to };
  const reached = (await listDonorProjects(db, donorId, period)).filter((row) => row.toDate > 0n);
  const projectIds = reached.map((row) => row.projectId);
  const missing = projectIds.filter((id) => !contributions?.has(id));
  const loaded = await loadProjectContributions({ projectIds: missing, to, db });
  const contributionsOf = (projectId: string) => contributions?.get(projectId) ?? loaded.get(projectId) ?? [];
  const [given, coverage, updates, indicators, allocationNotices, projects] = await Promise.all([
    listGiven(db, donorId, period),
    listCoverage(db, projectIds),
    listUpdates(db, projectIds, period),
    listIndicatorMovements(db, projectIds, period),
    listAllocationNotices(db, donorId, period),
    db.project.findMany({
      where: { id: { in: projectIds } },
      select: { id: true, code: true, title: true, programmeId: true, countryCode: true, regionCode: true },
    }),
  ]);
  const projectById = new Map(projects.map((project) => [project.id, project]));
  const projectImpacts = reached.map((row): ProjectImpact => {
    const project = projectById.get(row.projectId)!;
    const all = contributionsOf(row.projectId);
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
      projectUsdMinor: all.reduce((sum, part) => sum + part.usdMinor, 0n),
      shareBasisPoints: sharesInBasisPoints(all).get(donorId) ?? 0n,
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
  const hasNews =
    given.givenInPeriod.length > 0 ||
    allocationNotices.length > 0 ||
    projectImpacts.some((project) => project.donorUsdMinorInPeriod !== 0n || project.updates.length > 0 || project.indicators.length > 0);
  return { donorId, period, ...given, projects: projectImpacts, allocationNotices, hasNews };
}
