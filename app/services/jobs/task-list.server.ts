// Every graphile-worker task the portal runs, by identifier. The in-process runner (server.ts)
// and the stand-alone worker (npm run worker) both use this list.
import type { TaskList } from 'graphile-worker';
import { refreshFundingSummariesTask } from './refresh-funding-summaries.server.ts';
import { sendEmailTask } from './send-email.server.ts';

export const taskList: TaskList = {
  'refresh-funding-summaries': refreshFundingSummariesTask,
  'send-email': sendEmailTask,
};

/** Recurring jobs (graphile-worker crontab syntax). */
export const crontab = [
  // Nightly safety net: rebuild and verify the funding summaries even if no money moved.
  '15 2 * * * refresh-funding-summaries ?max=1 {"reason":"nightly"}',
].join('\n');
