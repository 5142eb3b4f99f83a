// Job: the nightly safety net behind the writers' own scoped refresh (docs/decisions/009, 024):
// recompute every summary table from the money facts in one snapshot, without blocking writers or
// readers, and repair only what differs. Nightly and on demand (app/tasks.server.ts); safe to run
// any number of times.
import type { Task } from 'graphile-worker';
import { reconcileFundingSummaries } from './summary-reconcile-commands.server.ts';

export const refreshFundingSummariesTask: Task = async (payload, helpers) => {
  const reason =
    payload && typeof payload === 'object' && 'reason' in payload && typeof payload.reason === 'string' ? payload.reason : 'unspecified';
  const started = Date.now();
  const { found, remaining } = await reconcileFundingSummaries();
  if (found.count === 0) {
    helpers.logger.info(`funding summaries checked (${reason}): in step with the facts, in ${Date.now() - started} ms`);
    return;
  }
  // Summaries out of step mean a writer missed its scope (a bug) or someone edited them: say what.
  for (const line of found.lines) helpers.logger.error(line);
  helpers.logger.info(`funding summaries repaired (${reason}): ${found.count} rows differed, in ${Date.now() - started} ms`);
  if (remaining.length > 0) {
    for (const line of remaining) helpers.logger.error(`after repair: ${line}`);
    throw new Error(`funding summaries still differ from the facts after repair (${remaining.length} problems)`);
  }
};
