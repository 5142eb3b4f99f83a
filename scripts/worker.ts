// `npm run worker`: the job runner alone, to scale it apart from the web server. It uses
// DATABASE_URL, or the embedded PostgreSQL that `npm start` runs on this machine.
import 'dotenv/config';
import { EnvError, parseEnv } from '../app/platform/env.server.ts';
import { startWorker } from '../app/platform/jobs/worker.server.ts';
import { embeddedDatabaseUrl } from '../app/platform/database/embedded-postgres.server.ts';

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const databaseUrl = env.DATABASE_URL ?? embeddedDatabaseUrl(env.EMBEDDED_PG_PORT, 'portal');
process.env.DATABASE_URL = databaseUrl;
const runner = await startWorker({ databaseUrl, concurrency: env.WORKER_CONCURRENCY });
console.log('[worker] running; Ctrl-C to stop');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void runner.stop().then(() => process.exit(0)));
}
await runner.promise;
