// graphile-worker on the portal's own PostgreSQL: in-process by default (WORKER_MODE=inline),
// or alone with `npm run worker` so it can be scaled separately.
import { run, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';

/**
 * Starts the job runner with the portal's tasks and crontab (app/tasks.server.ts, handed in by
 * the process that starts it); stop it with `runner.stop()` on shutdown.
 */
export async function startWorker({
  databaseUrl,
  concurrency = 2,
  taskList,
  crontab,
}: {
  databaseUrl: string;
  concurrency?: number;
  taskList: TaskList;
  crontab: string;
}): Promise<Runner> {
  // Our own pool, so that a connection dropped by the server (e.g. PostgreSQL receiving the same
  // Ctrl-C as we do) is logged instead of crashing the process with an unhandled 'error' event.
  const pgPool = new pg.Pool({ connectionString: databaseUrl, max: concurrency + 2 });
  const onError = (error: Error) => console.error(`[worker] database connection lost: ${error.message}`);
  pgPool.on('error', onError);
  pgPool.on('connect', (client) => client.on('error', onError));
  const runner = await run({
    pgPool,
    concurrency,
    taskList,
    crontab,
    noHandleSignals: true,
    pollInterval: 1000,
  });
  void runner.promise.finally(() => pgPool.end().catch(() => undefined));
  return runner;
}
