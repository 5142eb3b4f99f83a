// The "impact-reports" job: the quarterly cron tick starts the run of the quarter just ended (or
// finds it when a tick is repeated) and queues its job; that job runs the fan-out to the end.
import type { JobHelpers } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { impactReportsTask } from '~/impact/impact-reports-task.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createDonor, createProject } from './impact-report-fixture.ts';

const lines: string[] = [];
const helpers = { logger: { info: (line: string) => lines.push(line) } } as unknown as JobHelpers; // only the logger is used

describe('the impact-reports job', () => {
  it('starts the ended quarter’s run once from the cron tick, then runs it to the end', async () => {
    const project = await createProject('TASK-1');
    await createDonor({ name: 'Tara', consents: [true], gifts: [{ projectId: project.id, usdMinor: 12_00n, on: '2025-12-24' }] });
    const tick = { _cron: { ts: '2026-01-01T06:00:00.000Z', backfilled: false } };
    await impactReportsTask(tick, helpers);
    await impactReportsTask(tick, helpers);
    const runs = await getPrisma().impactReportRun.findMany();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ period: '2025-Q4', trigger: 'CRON', finishedAt: null });
    const jobs = await getPrisma().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM graphile_worker.jobs WHERE key = ${`impact-reports:${runs[0]!.id}`}`;
    expect(jobs[0]?.count).toBe(1n);

    await impactReportsTask({ runId: runs[0]!.id }, helpers);
    expect(await getPrisma().impactReportRun.findUniqueOrThrow({ where: { id: runs[0]!.id } })).toMatchObject({
      donors: 1,
      queued: 1,
      skipped: 0,
      finishedAt: expect.any(Date),
    });
    expect(lines.at(-1)).toBe('impact reports 2025-Q4: 1 donors, 1 queued, 0 skipped');
  });
});
