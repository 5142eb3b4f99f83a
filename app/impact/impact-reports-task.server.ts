// Job "impact-reports" (docs/decisions/035), reached two ways. The quarterly cron tick (payload
// carries graphile-worker's `_cron.ts`; one attempt per tick, as every cron job here) only starts
// the run of the quarter that ended before the tick — or finds that quarter's unfinished run — and
// queues its job. That job ({ runId }) does the fan-out with graphile-worker's usual retries: a
// failed attempt is written on the run and rethrown, and the retry continues from the cursor.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { continueImpactReportRun, recordImpactReportRunError, startImpactReportRun } from './impact-report-run-commands.server.ts';
import { lastEndedQuarter } from './report-periods.ts';

const payloadSchema = z.union([z.object({ runId: z.uuid() }), z.object({ _cron: z.object({ ts: z.string() }) })]);

export const impactReportsTask: Task = async (payload, helpers) => {
  const parsed = payloadSchema.parse(payload);
  if (!('runId' in parsed)) {
    const period = lastEndedQuarter(new Date(parsed._cron.ts));
    const { run } = await startImpactReportRun({ period, trigger: 'CRON' });
    helpers.logger.info(`impact reports ${period}: run ${run.id} queued`);
    return;
  }
  try {
    const counts = await continueImpactReportRun({ runId: parsed.runId });
    helpers.logger.info(`impact reports ${counts.period}: ${counts.donors} donors, ${counts.queued} queued, ${counts.skipped} skipped`);
  } catch (error) {
    await recordImpactReportRunError({ runId: parsed.runId, error: error instanceof Error ? error.message : String(error) }).catch(
      () => undefined,
    );
    throw error;
  }
};
