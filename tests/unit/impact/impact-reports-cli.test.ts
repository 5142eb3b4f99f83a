// `npm run impact:reports -- --period 2025-Q4`: one JSON line and exit 0; run twice, the second
// queues nothing; a period that is no quarter exits 1 with the reason on stderr. Runs the real
// script against this file's database.
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '~/platform/db.server.ts';
import { runCommandScript } from '../run-command.ts';
import { createDonor, createProject } from './impact-report-fixture.ts';

const impactReports = (...args: string[]) => runCommandScript('scripts/impact-reports.ts', args);

beforeAll(async () => {
  const project = await createProject('CLI-1');
  await createDonor({ name: 'Ana', consents: [true], gifts: [{ projectId: project.id, usdMinor: 25_00n, on: '2025-10-20' }] });
  await createDonor({ name: 'Bo', consents: [true], gifts: [{ projectId: project.id, usdMinor: 25_00n, on: '2025-12-20' }] });
  await createDonor({ name: 'Cy', gifts: [{ projectId: project.id, usdMinor: 25_00n, on: '2025-12-21' }] });
});

describe('impact:reports', () => {
  it('prints one JSON line; the second run queues 0', async () => {
    const first = impactReports('--period', '2025-Q4');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(first.stdout)).toEqual({ period: '2025-Q4', donors: 3, queued: 2, skipped: 1 });
    const second = impactReports('--period', '2025-Q4');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ period: '2025-Q4', donors: 3, queued: 0, skipped: 3 });
    expect(await getPrisma().emailOutbox.count({ where: { template: 'impact-report' } })).toBe(2);
  });

  it('refuses a period that is no quarter, doing nothing', async () => {
    const runs = await getPrisma().impactReportRun.count();
    for (const args of [['--period', '2025-H2'], ['--period', '2025-Q5'], []]) {
      const result = impactReports(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/impact reports.*usage: npm run impact:reports -- --period YYYY-QN/);
    }
    // A quarter far ahead has not ended whatever today is.
    const future = impactReports('--period', '2999-Q4');
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/has not ended yet/);
    expect(await getPrisma().impactReportRun.count()).toBe(runs);
  });
});
