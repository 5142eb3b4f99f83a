// `npm run worker`: the job runner alone, to scale it apart from the web server. It uses
// DATABASE_URL, or the embedded PostgreSQL that `npm start` runs on this machine (it does not
// start that cluster itself: app/platform/database/database-url.server.ts).
import './production-mode.ts';
import 'dotenv/config';
import { EnvError, parseEnv } from '../app/platform/env.server.ts';
import { startWorker } from '../app/platform/jobs/worker.server.ts';
import { crontab, taskList } from '../app/tasks.server.ts';
import { NoDatabaseError, openDatabase } from '../app/platform/database/database-url.server.ts';
import { surviveDatabaseConnectionLoss } from '../app/platform/database/connection-errors.server.ts';

let env;
let database;
try {
  env = parseEnv(process.env);
  database = await openDatabase({ env, startIfStopped: false });
} catch (error) {
  if (error instanceof EnvError || error instanceof NoDatabaseError) {
    console.error(`[worker] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const { databaseUrl } = database;
process.env.DATABASE_URL = databaseUrl;
console.log(`[worker] database: ${database.description}`);
surviveDatabaseConnectionLoss((line) => console.error(`[worker] ${line}`));
const runner = await startWorker({
  databaseUrl,
  concurrency: env.WORKER_CONCURRENCY,
  taskList,
  crontab,
  heartbeatIntervalMs: env.JOB_HEARTBEAT_INTERVAL_MS,
  staleAfterMs: env.JOB_LOCK_STALE_AFTER_MS,
});
console.log('[worker] running; Ctrl-C to stop');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void runner.stop().then(() => process.exit(0)));
}
// The runner restarts itself after a database outage (app/platform/jobs/worker.server.ts).
await runner.stopped;
