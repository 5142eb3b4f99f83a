// The fan-out of a quarter's impact reports (issue #13 item 4, docs/decisions/035): donors in
// keyset pages by id, each page read in a fixed handful of queries (the donors with their latest
// consent word and any report they already have for the period; then getDonorImpacts for the
// page), one report per donor and period.
//
// Exactly once: a donor's report is its impact_reports row (unique per donor and period, inserted
// ON CONFLICT DO NOTHING; only donors whose row was inserted get an email) and its outbox row
// (idempotency key from donor and period). A page is ONE transaction: its report rows (SKIPPED
// ones too, with the reason), its emails and the run's cursor (lastDonorId) and counters commit
// together, so a crash loses at most the page under way, which the continued run reads again.
import { accountUrl } from '~/platform/account-link.server.ts';
import type { ImpactReportRunTrigger, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type Db, type DbClient } from '~/platform/db.server.ts';
import { enqueueEmails } from '~/platform/email/outbox.server.ts';
import { latestConsentSql } from '~/platform/consent-queries.server.ts';
import { preferencesLink } from '~/platform/email/unsubscribe-link.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { getDonorImpacts, loadProjectContributions, type DonorImpact, type ProjectContributions } from './donor-impact-queries.server.ts';
import { impactReportPropsFrom } from './impact-report-email.server.ts';
import { impactReportIdempotencyKey, impactReportWebLink } from './impact-report-links.server.ts';
import { reportPeriodsOfRun, type ReportPeriod } from './report-periods.ts';

export const IMPACT_REPORT_PAGE_SIZE = 500;

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
  return db.$queryRaw<PageDonor[]>`
    SELECT d.id::text AS id, d.email, d.locale, d."displayName", d."erasedAt" IS NOT NULL AS "isErased",
           d."impactReportFrequency"::text AS frequency,
           ${latestConsentSql('d.id', 'IMPACT_REPORTS')} AS consent,
           r.status::text AS "reportStatus", r."runId"::text AS "reportRunId"
    FROM donors d
    -- LATERAL with LIMIT (never flattened into a join): one index lookup per donor of the page.
    -- As a join the planner merged it with the reports from the first donor on, every page.
    LEFT JOIN LATERAL (
      SELECT r.status, r."runId" FROM impact_reports r
      WHERE r."donorId" = d.id AND r.period = CASE d."impactReportFrequency"
        WHEN 'QUARTERLY' THEN ${periods.QUARTERLY?.name ?? null}
        WHEN 'SEMIANNUAL' THEN ${periods.SEMIANNUAL?.name ?? null}
        WHEN 'ANNUAL' THEN ${periods.ANNUAL?.name ?? null} END
      LIMIT 1) r ON true
    -- The enum itself, not its text: a cast hid the column's statistics and the planner chose a
    -- full scan and sort of donors per page instead of walking the primary key from the cursor.
    WHERE d."impactReportFrequency" = ANY(${frequencies}::"ImpactReportFrequency"[])
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

/** The page's QUEUED report rows and their outbox emails (in the page's transaction); returns the donors queued now. */
async function queueReports(
  db: DbClient,
  runId: string,
  reports: { donor: PageDonor & { email: string }; period: string; props: Prisma.InputJsonObject }[],
): Promise<number> {
  if (reports.length === 0) return 0;
  const inserted = await db.$queryRaw<{ donorId: string }[]>`
    INSERT INTO impact_reports ("donorId", period, status, "runId")
    SELECT donor::uuid, period, 'QUEUED', ${runId}::uuid
    FROM unnest(${reports.map((report) => report.donor.id)}::text[], ${reports.map((report) => report.period)}::text[]) AS r(donor, period)
    ON CONFLICT ("donorId", period) DO NOTHING
    RETURNING "donorId"::text AS "donorId"`;
  // Only donors whose row this transaction inserted get an email: a report another run made is theirs.
  const isNew = new Set(inserted.map((row) => row.donorId));
  const fresh = reports.filter((report) => isNew.has(report.donor.id));
  const emailIds = await enqueueEmails({
    db,
    emails: fresh.map(({ donor, period, props }) => ({
      template: 'impact-report',
      to: donor.email,
      locale: donor.locale,
      props,
      idempotencyKey: impactReportIdempotencyKey({ donorId: donor.id, period }),
      donorId: donor.id,
      consentKind: 'IMPACT_REPORTS' as const,
    })),
  });
  const links = fresh.map(({ donor, period }) => ({
    donorId: donor.id,
    period,
    emailId: emailIds.get(impactReportIdempotencyKey({ donorId: donor.id, period }))!,
  }));
  await db.$executeRaw`
    UPDATE impact_reports r SET "emailId" = l.email::uuid
    FROM unnest(${links.map((link) => link.donorId)}::text[], ${links.map((link) => link.period)}::text[],
                ${links.map((link) => link.emailId)}::text[]) AS l(donor, period, email)
    WHERE r."donorId" = l.donor::uuid AND r.period = l.period`;
  return fresh.length;
}

function groupByPeriod<T extends { period: ReportPeriod }>(donors: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const donor of donors) groups.set(donor.period.name, [...(groups.get(donor.period.name) ?? []), donor]);
  return [...groups.values()];
}

export interface ContinueRunOptions {
  runId: string;
  pageSize?: number;
  /**
   * Called for each donor of a page inside the page's transaction, once its rows are written.
   * A throw rolls the page back and aborts the run as a crash would: the pages committed before
   * stay, and continuing the run later finishes it.
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
        // Reported before. By this run only if another process continued it at the same time
        // (a page's rows and the cursor commit together); by an earlier run: skipped now.
        if (donor.reportRunId === runId && donor.reportStatus === 'QUEUED') queued += 1;
        else skipped += 1;
      } else if (donor.isErased) skips.push({ donorId: donor.id, period: period.name, reason: 'erased' });
      else if (!donor.email) skips.push({ donorId: donor.id, period: period.name, reason: 'no-email' });
      else if (donor.consent !== true) skips.push({ donorId: donor.id, period: period.name, reason: 'no-consent' });
      else candidates.push({ ...donor, email: donor.email, period });
    }
    const reached = await listReachedProjects(
      db,
      candidates.map((donor) => donor.id),
      to,
    );
    const missing = reached.filter((projectId) => !contributions.has(projectId));
    for (const [projectId, parts] of await loadProjectContributions({ projectIds: missing, to, db })) contributions.set(projectId, parts);
    // One batched read per period among the page's donors (a Q4 run has up to three: Q4, H2, the year).
    const impacts = new Map<string, DonorImpact>();
    for (const group of groupByPeriod(candidates)) {
      const { from, to: end } = group[0]!.period;
      const found = await getDonorImpacts({ donorIds: group.map((donor) => donor.id), from, to: end, contributions, db });
      for (const impact of found) impacts.set(impact.donorId, impact);
    }
    for (const donor of candidates) {
      if (!impacts.get(donor.id)?.hasNews) skips.push({ donorId: donor.id, period: donor.period.name, reason: 'nothing-new' });
    }
    const reports = candidates
      .filter((donor) => impacts.get(donor.id)?.hasNews)
      .map((donor) => ({
        donor,
        period: donor.period.name,
        props: impactReportPropsFrom({
          impact: impacts.get(donor.id)!,
          donorName: donor.displayName,
          projectUrl,
          webVersionUrl: impactReportWebLink({ donorId: donor.id, period: donor.period.name }),
          accountUrl: accountUrl(),
          preferencesUrl: preferencesLink({ donorId: donor.id }),
        }),
      }));
    const last = page[page.length - 1]!.id;
    // The page is one transaction: its rows, its emails and the run's cursor and counters commit together.
    await db.$transaction(
      async (tx) => {
        await recordSkips(tx, runId, skips);
        const queuedNow = await queueReports(tx, runId, reports);
        for (const donor of page) await afterDonor?.(donor.id);
        counts.donors += page.length;
        counts.queued += queued + queuedNow;
        counts.skipped += skipped + skips.length + (reports.length - queuedNow);
        await tx.impactReportRun.update({ where: { id: runId }, data: { ...counts, lastDonorId: last, error: null } });
      },
      { timeout: 120_000 },
    );
    cursor = last;
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
  db = getPrisma(),
  period,
  trigger,
  staffUserId,
  now = new Date(),
  onStart,
}: {
  /** The database to start it in (the process's by default). */
  db?: Db;
  period: string;
  trigger: ImpactReportRunTrigger;
  staffUserId?: string | null;
  now?: Date;
  /** Written in the same transaction when a run is created (the staff trigger's audit entry). */
  onStart?: (context: { db: DbClient; runId: string }) => Promise<unknown>;
}) {
  return db.$transaction(async (tx) => {
    const unfinished = await findUnfinishedRun({ db: tx, period });
    const run = unfinished ?? (await createImpactReportRun({ db: tx, period, trigger, staffUserId, now }));
    if (!unfinished) await onStart?.({ db: tx, runId: run.id });
    await queueImpactReportRunJob({ db: tx, runId: run.id });
    return { run, isNew: !unfinished };
  });
}
