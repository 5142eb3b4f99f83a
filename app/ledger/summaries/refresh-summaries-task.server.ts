// Job: rebuild every summary table from the money facts (docs/decisions/009), then verify the
// result. Nightly and on demand (task-list.server.ts): the safety net behind the writers' own
// scoped refresh; safe to run any number of times.
import type { Task } from 'graphile-worker';
import { refreshFundingSummaries, verifyFundingSummaries } from './summary-commands.server.ts';

export const refreshFundingSummariesTask: Task = async (payload, helpers) => {
  const reason =
    payload && typeof payload === 'object' && 'reason' in payload && typeof payload.reason === 'string' ? payload.reason : 'unspecified';
  const started = Date.now();
  const result = await refreshFundingSummaries();
  const problems = await verifyFundingSummaries();
  helpers.logger.info(
    `funding summaries refreshed (${reason}): ${result.rows} rows, ${result.projects} projects, ${result.years} years in ${Date.now() - started} ms`,
  );
  if (problems.length > 0) {
    // Money moved between the rebuild and the check, or the queries disagree: fail so the job
    // retries and the failure is visible in the worker's log.
    for (const problem of problems) helpers.logger.error(problem);
    throw new Error(`funding summaries differ from the facts (${problems.length} problems)`);
  }
};
