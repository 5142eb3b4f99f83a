// graphile-worker on the portal's own PostgreSQL: in-process by default (WORKER_MODE=inline),
// or alone with `npm run worker` so it can be scaled separately.
import { run, type Runner } from 'graphile-worker';
import { crontab, taskList } from './jobs/task-list.server.ts';

/** Starts the job runner; stop it with `runner.stop()` on shutdown. */
export async function startWorker({ databaseUrl, concurrency = 2 }: { databaseUrl: string; concurrency?: number }): Promise<Runner> {
  return run({
    connectionString: databaseUrl,
    concurrency,
    taskList,
    crontab,
    noHandleSignals: true,
    pollInterval: 1000,
  });
}
