// The quarterly fan-out (issue #13 item 4, docs/decisions/035): which donors get which report by
// their frequency, who is skipped and why, and that a rerun or a run stopped part-way and then
// continued leaves exactly one report (and one outbox email) per donor and period.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDonorImpact, getDonorImpacts } from '~/impact/donor-impact-queries.server.ts';
import { continueImpactReportRun, createImpactReportRun } from '~/impact/impact-report-run-commands.server.ts';
import { impactReportIdempotencyKey } from '~/impact/impact-report-links.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createDonor, createProject } from './impact-report-fixture.ts';

const db = () => getPrisma();
const NOW = new Date('2026-01-02T06:00:00Z');
const ids: Record<string, string> = {};

async function run(period: string, options: { pageSize?: number; afterDonor?: (id: string) => void } = {}) {
  const created = await createImpactReportRun({ period, trigger: 'COMMAND', now: NOW });
  return { runId: created.id, counts: await continueImpactReportRun({ runId: created.id, ...options }) };
}

async function reportsOf(name: string) {
  return db().impactReport.findMany({ where: { donorId: ids[name] }, orderBy: { period: 'asc' }, include: { email: true } });
}

beforeAll(async () => {
  const water = await createProject('SCH-WATER');
  const courts = await createProject('SCH-COURTS');
  const specs = {
    quarterlyNew: {
      frequency: 'QUARTERLY',
      consents: [true],
      gifts: [{ projectId: water.id, usdMinor: 50_00n, on: '2025-11-15' }],
      locale: 'fr',
    },
    quarterlyOld: { frequency: 'QUARTERLY', consents: [true], gifts: [{ projectId: courts.id, usdMinor: 20_00n, on: '2025-08-10' }] },
    halfYear: { frequency: 'SEMIANNUAL', consents: [true], gifts: [{ projectId: courts.id, usdMinor: 30_00n, on: '2025-08-10' }] },
    yearly: { frequency: 'ANNUAL', consents: [true], gifts: [{ projectId: water.id, usdMinor: 40_00n, on: '2025-05-10' }] },
    never: { frequency: 'NONE', consents: [true], gifts: [{ projectId: water.id, usdMinor: 10_00n, on: '2025-11-20' }] },
    unasked: { frequency: 'QUARTERLY', gifts: [{ projectId: water.id, usdMinor: 10_00n, on: '2025-11-20' }] },
    withdrawn: { frequency: 'QUARTERLY', consents: [true, false], gifts: [{ projectId: water.id, usdMinor: 10_00n, on: '2025-11-20' }] },
    regranted: { frequency: 'QUARTERLY', consents: [false, true], gifts: [{ projectId: courts.id, usdMinor: 10_00n, on: '2025-12-01' }] },
    noEmail: {
      frequency: 'QUARTERLY',
      consents: [true],
      email: null,
      gifts: [{ projectId: water.id, usdMinor: 10_00n, on: '2025-11-20' }],
    },
    erased: { frequency: 'QUARTERLY', consents: [true], isErased: true },
  } as const;
  for (const [name, spec] of Object.entries(specs)) ids[name] = (await createDonor({ name, ...spec })).id;
});

describe('the impact report fan-out', () => {
  it('reports Q3 to quarterly donors only, and only to those with something new', async () => {
    const { counts } = await run('2025-Q3');
    // Quarterly donors: quarterlyNew, quarterlyOld, unasked, withdrawn, regranted, noEmail, erased.
    expect(counts).toEqual({ period: '2025-Q3', donors: 7, queued: 1, skipped: 6 });
    expect((await reportsOf('quarterlyOld')).map((report) => [report.period, report.status])).toEqual([['2025-Q3', 'QUEUED']]);
    expect((await reportsOf('quarterlyNew')).map((report) => [report.period, report.skipReason])).toEqual([['2025-Q3', 'nothing-new']]);
    expect(await reportsOf('halfYear')).toEqual([]);
    expect(await reportsOf('yearly')).toEqual([]);
  });

  it('reports Q4 to quarterly donors, H2 to semi-annual and the year to annual ones; skips no-consent, no email, erased, nothing new', async () => {
    const { counts } = await run('2025-Q4');
    expect(counts).toEqual({ period: '2025-Q4', donors: 9, queued: 4, skipped: 5 });
    const summary = async (name: string) =>
      (await reportsOf(name)).map((report) => `${report.period} ${report.status} ${report.skipReason ?? ''}`.trim());
    expect(await summary('quarterlyNew')).toEqual(['2025-Q3 SKIPPED nothing-new', '2025-Q4 QUEUED']);
    expect(await summary('quarterlyOld')).toEqual(['2025-Q3 QUEUED', '2025-Q4 SKIPPED nothing-new']);
    expect(await summary('halfYear')).toEqual(['2025-H2 QUEUED']);
    expect(await summary('yearly')).toEqual(['2025 QUEUED']);
    expect(await summary('regranted')).toEqual(['2025-Q3 SKIPPED nothing-new', '2025-Q4 QUEUED']);
    expect(await summary('unasked')).toEqual(['2025-Q3 SKIPPED no-consent', '2025-Q4 SKIPPED no-consent']);
    expect(await summary('withdrawn')).toEqual(['2025-Q3 SKIPPED no-consent', '2025-Q4 SKIPPED no-consent']);
    expect(await summary('noEmail')).toEqual(['2025-Q3 SKIPPED no-email', '2025-Q4 SKIPPED no-email']);
    expect(await summary('erased')).toEqual(['2025-Q3 SKIPPED erased', '2025-Q4 SKIPPED erased']);
    expect(await reportsOf('never')).toEqual([]);

    const [, report] = await reportsOf('quarterlyNew');
    expect(report?.email).toMatchObject({
      template: 'impact-report',
      locale: 'fr',
      consentKind: 'IMPACT_REPORTS',
      status: 'PENDING',
      idempotencyKey: impactReportIdempotencyKey({ donorId: ids.quarterlyNew!, period: '2025-Q4' }),
    });
    expect(report?.email?.props).toMatchObject({
      from: '2025-10-01',
      to: '2026-01-01',
      givenInPeriod: [{ currency: 'USD', amountMinor: '5000' }],
      accountUrl: expect.stringMatching(/^https?:\/\/[^/]+\/account$/),
    });
    // the outbox's one send-email job is awake to drain it (decision 036)
    const jobs = await db().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM graphile_worker.jobs WHERE task_identifier = 'send-email' AND key = 'send-email'`;
    expect(jobs[0]?.count).toBe(1n);
  });

  it('reads a page of donors as it reads each alone (getDonorImpacts is getDonorImpact for many)', async () => {
    const donorIds = Object.values(ids);
    const period = { from: new Date('2025-07-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') };
    const together = await getDonorImpacts({ donorIds, ...period });
    const alone = await Promise.all(donorIds.map((donorId) => getDonorImpact({ donorId, ...period })));
    expect(together).toEqual(alone);
    expect(together.filter((impact) => impact.hasNews).length).toBeGreaterThan(3);
  });

  it('queues nothing when run again', async () => {
    const before = await db().emailOutbox.count();
    const { counts } = await run('2025-Q4');
    expect(counts).toEqual({ period: '2025-Q4', donors: 9, queued: 0, skipped: 9 });
    expect(await db().emailOutbox.count()).toBe(before);
  });
});

describe('a run stopped part-way', () => {
  it('continued (or run again) ends with exactly one report and one email per donor', async () => {
    const project = await createProject('SCH-CRASH');
    const crowd = [];
    for (let index = 0; index < 12; index += 1) {
      crowd.push(
        await createDonor({
          name: `Crowd ${index}`,
          frequency: 'QUARTERLY',
          consents: [true],
          gifts: [{ projectId: project.id, usdMinor: 5_00n, on: '2026-02-03' }],
        }),
      );
    }
    const created = await createImpactReportRun({ period: '2026-Q1', trigger: 'CRON', now: NOW });
    let done = 0;
    const crash = () => {
      done += 1;
      if (done === 7) throw new Error('worker killed');
    };
    await expect(continueImpactReportRun({ runId: created.id, pageSize: 5, afterDonor: crash })).rejects.toThrow('worker killed');
    const midway = await db().impactReportRun.findUniqueOrThrow({ where: { id: created.id } });
    expect(midway.finishedAt).toBeNull();
    expect(midway.donors).toBe(5); // the first page was saved; the second was under way

    // The job's retry continues the same run; a second run for the period finds everything done.
    const counts = await continueImpactReportRun({ runId: created.id, pageSize: 5 });
    const again = await run('2026-Q1', { pageSize: 5 });
    const quarterlyDonors = await db().donor.count({ where: { impactReportFrequency: 'QUARTERLY' } });
    expect(counts).toEqual({ period: '2026-Q1', donors: quarterlyDonors, queued: 12, skipped: quarterlyDonors - 12 });
    expect(again.counts.queued).toBe(0);
    const crowdIds = crowd.map((donor) => donor.id);
    const reports = await db().impactReport.findMany({ where: { donorId: { in: crowdIds }, period: '2026-Q1' } });
    expect(reports).toHaveLength(12);
    expect(reports.every((report) => report.status === 'QUEUED' && report.emailId !== null && report.runId === created.id)).toBe(true);
    expect(await db().emailOutbox.count({ where: { donorId: { in: crowdIds } } })).toBe(12);
    const finished = await db().impactReportRun.findUniqueOrThrow({ where: { id: created.id } });
    expect(finished.finishedAt).not.toBeNull();
  });
});
