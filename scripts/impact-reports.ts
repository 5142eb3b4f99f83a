// `npm run impact:reports -- --period 2026-Q4`: the quarter's impact reports, queued in this
// process by the same fan-out the quarterly job runs (app/impact, docs/decisions/035), against
// DATABASE_URL or the embedded database of `npm start`. Prints ONE JSON line
// {"period","donors","queued","skipped"} and exits 0; run again, it queues 0. A period that is no
// quarter, or one not ended yet, exits 1 with the reason on stderr, having done nothing; 2 without a database.
import { runCommand, withCommandDatabase } from './command-database.ts';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { continueImpactReportRun, createImpactReportRun } from '../app/impact/impact-report-run-commands.server.ts';
import { hasQuarterEnded, parseRunQuarter } from '../app/impact/report-periods.ts';

const USAGE = 'usage: npm run impact:reports -- --period YYYY-QN (e.g. 2026-Q4)';
const argsSchema = z.object({
  period: z.string({ error: USAGE }).refine((period) => parseRunQuarter(period) !== null, `the period is not a quarter; ${USAGE}`),
});

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { period: { type: 'string' } } }));
  } catch (error) {
    console.error(`impact reports: ${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
    return 1;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const given = typeof values.period === 'string' ? ` "${values.period}"` : '';
    console.error(`impact reports${given}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    return 1;
  }
  const { period } = parsed.data;
  if (!hasQuarterEnded(period, new Date())) {
    console.error(`impact reports "${period}": that quarter has not ended yet; only an ended quarter is reported`);
    return 1;
  }
  return withCommandDatabase('impact reports', async () => {
    const run = await createImpactReportRun({ period, trigger: 'COMMAND' });
    const counts = await continueImpactReportRun({ runId: run.id });
    console.log(JSON.stringify({ period: counts.period, donors: counts.donors, queued: counts.queued, skipped: counts.skipped }));
    return 0;
  });
}

runCommand('impact reports', main);
