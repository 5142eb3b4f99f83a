// The fan-out of a quarter's impact reports (issue #13 item 4, docs/decisions/035): donors in
// keyset pages by id, each page read in a few queries (donors with their latest consent word and
// any report they already have for the period), one report per donor and period.
//
// Exactly once: a donor's report is its impact_reports row (unique per donor and period, inserted
// ON CONFLICT DO NOTHING) and its outbox row (idempotency key from donor and period), written in
// ONE transaction; skipped donors get a SKIPPED row too. A crash loses at most the uncommitted
// donor; the run's cursor (lastDonorId) and counters are saved after each page, and the page a
// crash interrupted is read again, its done donors found by their rows and counted as before.
import type { ImpactReportRunTrigger, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { preferencesLink } from '~/platform/email/unsubscribe-link.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { getDonorImpact, loadProjectContributions, type ProjectContributions } from './donor-impact-queries.server.ts';
import { impactReportPropsFrom } from './impact-report-email.server.ts';
import { impactReportIdempotencyKey, impactReportWebLink } from './impact-report-links.server.ts';
import { reportPeriodsOfRun, type ReportPeriod } from './report-periods.ts';

export const IMPACT_REPORT_PAGE_SIZE = 500;
/** Donors of a page whose reports are built at the same time (each is a handful of small queries). */
const DONOR_CONCURRENCY = 6;

export type SkipReason = 'erased' | 'no-email' | 'no-consent' | 'nothing-new' | 'already-reported';

export interface RunCounts {
  period: string;
  donors: number;
  queued: number;
  skipped: number;
}

interface PageDonor {
  id: string;
  email: string | null;
  locale: string;
  displayName: string;
  isErased: boolean;
  frequency: 'QUARTERLY' | 'SEMIANNUAL' | 'ANNUAL';
  /** The latest word in the consent log on IMPACT_REPORTS (null: never asked) */
  consent: boolean | null;
  reportStatus: 'QUEUED' | 'SKIPPED' | null;
  reportRunId: string | null;
}

/** Creates a run of `period` (a quarter); the caller then runs it (continueImpactReportRun). */
export async function createImpactReportRun({
  db = getPrisma(),
  period,
  trigger,
  staffUserId,
  now = new Date(),
}: {
  db?: DbClient;
  period: string;
  trigger: ImpactReportRunTrigger;
  staffUserId?: string | null;
  now?: Date;
}) {
  reportPeriodsOfRun(period); // throws on a name that is no quarter
  return db.impactReportRun.create({ data: { period, trigger, staffUserId: staffUserId ?? null, startedAt: now } });
}

/** Queues the job that runs `runId` (in the caller's transaction); one job per run. */
export async function queueImpactReportRunJob({ db, runId }: { db: DbClient; runId: string }) {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    'impact-reports', json_build_object('runId', ${runId}::text), job_key := ${`impact-reports:${runId}`})`;
}

/** One page of donors after `afterId` whose frequency this run serves, with what the run needs to decide. */
async function readDonorPage(db: DbClient, periods: Partial<Record<string, ReportPeriod>>, afterId: string | null, limit: number) {
  const frequencies = Object.keys(periods);
  // The consent subquery is latestConsentWord's rule (app/platform/consent-queries.server.ts) for a whole page.
  return db.$queryRaw<PageDonor[]>`
    SELECT d.id::text AS id, d.email, d.locale, d."displayName", d."erasedAt" IS NOT NULL AS "isErased",
           d."impactReportFrequency"::text AS frequency,
           (SELECT c."isGranted" FROM donor_consents c WHERE c."donorId" = d.id AND c.kind = 'IMPACT_REPORTS'
             ORDER BY c."recordedAt" DESC, c.id DESC LIMIT 1) AS consent,
           r.status::text AS "reportStatus", r."runId"::text AS "reportRunId"
    FROM donors d
    LEFT JOIN impact_reports r ON r."donorId" = d.id AND r.period = CASE d."impactReportFrequency"
        WHEN 'QUARTERLY' THEN ${periods.QUARTERLY?.name ?? null}
        WHEN 'SEMIANNUAL' THEN ${periods.SEMIANNUAL?.name ?? null}
        WHEN 'ANNUAL' THEN ${periods.ANNUAL?.name ?? null} END
    WHERE d."impactReportFrequency"::text = ANY(${frequencies}::text[])
      AND (${afterId}::uuid IS NULL OR d.id > ${afterId}::uuid)
    ORDER BY d.id
    LIMIT ${limit}`;
}

/** The projects any of `donorIds` reached before `to` (for one contributions load per page). */
async function listReachedProjects(db: DbClient, donorIds: string[], to: Date) {
  const rows = await db.$queryRaw<{ projectId: string }[]>`
    SELECT DISTINCT a."projectId"::text AS "projectId"
    FROM allocations a JOIN payments p ON p.id = a."paymentId"
    WHERE p."donorId" = ANY(${donorIds}::uuid[]) AND a."createdAt" < ${to}`;
  return rows.map((row) => row.projectId);
}

async function recordSkips(db: DbClient, runId: string, skips: { donorId: string; period: string; reason: SkipReason }[]) {
  if (skips.length === 0) return;
  await db.$executeRaw`
    INSERT INTO impact_reports ("donorId", period, status, "skipReason", "runId")
    SELECT donor::uuid, period, 'SKIPPED', reason, ${runId}::uuid
    FROM unnest(${skips.map((skip) => skip.donorId)}::text[], ${skips.map((skip) => skip.period)}::text[],
                ${skips.map((skip) => skip.reason)}::text[]) AS s(donor, period, reason)
    ON CONFLICT ("donorId", period) DO NOTHING`;
}

/** The report row and its outbox email in one transaction; false when the donor already has the report. */
async function queueReport({
  runId,
  donor,
  period,
  props,
}: {
  runId: string;
  donor: PageDonor & { email: string };
  period: string;
  props: Prisma.InputJsonObject;
}): Promise<boolean> {
  return getPrisma().$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO impact_reports ("donorId", period, status, "runId") VALUES (${donor.id}::uuid, ${period}, 'QUEUED', ${runId}::uuid)
      ON CONFLICT ("donorId", period) DO NOTHING RETURNING id::text AS id`;
    const reportId = inserted[0]?.id;
    if (!reportId) return false;
    const email = await enqueueEmail({
      db: tx,
      template: 'impact-report',
      to: donor.email,
      locale: donor.locale,
      props,
      idempotencyKey: impactReportIdempotencyKey({ donorId: donor.id, period }),
      donorId: donor.id,
      consentKind: 'IMPACT_REPORTS',
    });
    await tx.impactReport.update({ where: { id: reportId }, data: { emailId: email.id } });
    return true;
  });
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops new work and is thrown. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  const results = await Promise.allSettled(lanes);
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

export interface ContinueRunOptions {
  runId: string;
  pageSize?: number;
  /**
   * Called after each donor's report is queued or skipped (progress for a command line, or a
   * way to stop a run part-way as a crash would). A throw aborts the run like a crash: what was
   * committed stays, and continuing the run later finishes it.
   */
  afterDonor?: (donorId: string) => void | Promise<void>;
}

/**
 * Continues a run from its cursor to the last donor, saving cursor and counters after each page,
 * and marks it finished. A finished run is left alone. Returns the run's counts.
 */
export async function continueImpactReportRun({
  runId,
  pageSize = IMPACT_REPORT_PAGE_SIZE,
  afterDonor,
}: ContinueRunOptions): Promise<RunCounts> {
  const db = getPrisma();
  const run = await db.impactReportRun.findUniqueOrThrow({ where: { id: runId } });
  const counts = { donors: run.donors, queued: run.queued, skipped: run.skipped };
  if (run.finishedAt) return { period: run.period, ...counts };
  const periods = reportPeriodsOfRun(run.period);
  // Every period of a run ends when its quarter does, so one `to` serves all its reports.
  const to = periods.QUARTERLY!.to;
  const contributions: ProjectContributions = new Map();
  const projectUrl = (code: string) => new URL(`/projects/${encodeURIComponent(code)}`, getEnv().APP_ORIGIN).toString();
  let cursor = run.lastDonorId;
  for (;;) {
    const page = await readDonorPage(db, periods, cursor, pageSize);
    if (page.length === 0) break;
    const skips: { donorId: string; period: string; reason: SkipReason }[] = [];
    const candidates: (PageDonor & { email: string; period: ReportPeriod })[] = [];
    let queued = 0;
    let skipped = 0;
    for (const donor of page) {
      const period = periods[donor.frequency]!;
      if (donor.reportStatus) {
        // Done before: by this run (a crash interrupted the page) it counts as it did; otherwise it is skipped now.
        if (donor.reportRunId === runId && donor.reportStatus === 'QUEUED') queued += 1;
        else skipped += 1;
      } else if (donor.isErased) skips.push({ donorId: donor.id, period: period.name, reason: 'erased' });
      else if (!donor.email) skips.push({ donorId: donor.id, period: period.name, reason: 'no-email' });
      else if (donor.consent !== true) skips.push({ donorId: donor.id, period: period.name, reason: 'no-consent' });
      else candidates.push({ ...donor, email: donor.email, period });
    }
    await recordSkips(db, runId, skips);
    skipped += skips.length;
    const reached = await listReachedProjects(
      db,
      candidates.map((donor) => donor.id),
      to,
    );
    const missing = reached.filter((projectId) => !contributions.has(projectId));
    for (const [projectId, parts] of await loadProjectContributions({ projectIds: missing, to, db })) contributions.set(projectId, parts);
    for (const skip of skips) await afterDonor?.(skip.donorId);
    await eachLimited(candidates, DONOR_CONCURRENCY, async (donor) => {
      const impact = await getDonorImpact({ donorId: donor.id, from: donor.period.from, to: donor.period.to, contributions, db });
      if (!impact.hasNews) {
        await recordSkips(db, runId, [{ donorId: donor.id, period: donor.period.name, reason: 'nothing-new' }]);
        skipped += 1;
      } else {
        const props = impactReportPropsFrom({
          impact,
          donorName: donor.displayName,
          projectUrl,
          webVersionUrl: impactReportWebLink({ donorId: donor.id, period: donor.period.name }),
          preferencesUrl: preferencesLink({ donorId: donor.id }),
        });
        if (await queueReport({ runId, donor, period: donor.period.name, props })) queued += 1;
        else skipped += 1;
      }
      await afterDonor?.(donor.id);
    });
    counts.donors += page.length;
    counts.queued += queued;
    counts.skipped += skipped;
    cursor = page[page.length - 1]!.id;
    await db.impactReportRun.update({ where: { id: runId }, data: { ...counts, lastDonorId: cursor, error: null } });
  }
  await db.impactReportRun.update({ where: { id: runId }, data: { finishedAt: new Date(), error: null } });
  return { period: run.period, ...counts };
}

/** Notes a failed attempt on the run (the job is retried and continues from the cursor). */
export async function recordImpactReportRunError({ db = getPrisma(), runId, error }: { db?: DbClient; runId: string; error: string }) {
  await db.impactReportRun.update({ where: { id: runId }, data: { error: error.slice(0, 2000) } });
}

/** The unfinished run of `period`, if any (a cron tick retried, or a run staff started). */
export async function findUnfinishedRun({ db = getPrisma(), period }: { db?: DbClient; period: string }) {
  return db.impactReportRun.findFirst({ where: { period, finishedAt: null }, orderBy: { startedAt: 'desc' } });
}

/**
 * Starts the run of `period` and queues its job in one transaction — or, when the period has an
 * unfinished run, queues that run's job again (the job key keeps it to one job). Returns the run
 * and whether it was created.
 */
export async function startImpactReportRun({
  period,
  trigger,
  staffUserId,
  now = new Date(),
  onStart,
}: {
  period: string;
  trigger: ImpactReportRunTrigger;
  staffUserId?: string | null;
  now?: Date;
  /** Written in the same transaction when a run is created (the staff trigger's audit entry). */
  onStart?: (context: { db: DbClient; runId: string }) => Promise<unknown>;
}) {
  return getPrisma().$transaction(async (tx) => {
    const unfinished = await findUnfinishedRun({ db: tx, period });
    const run = unfinished ?? (await createImpactReportRun({ db: tx, period, trigger, staffUserId, now }));
    if (!unfinished) await onStart?.({ db: tx, runId: run.id });
    await queueImpactReportRunJob({ db: tx, runId: run.id });
    return { run, isNew: !unfinished };
  });
}
