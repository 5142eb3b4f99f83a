// N web processes (WEB_CONCURRENCY, docs/decisions/024) with node:cluster: the primary process
// prepares the database, runs the local fakes (demo mode) and the one in-process job worker, then
// forks N web processes that share the listening port (the primary hands connections out in turn)
// and serve HTTP only. Everything they share lives in PostgreSQL: sessions, rate limits, jobs,
// and the public data cache's change notices (LISTEN/NOTIFY, one listener per process).
import cluster, { type Worker } from 'node:cluster';
import type { ServerResponse } from 'node:http';

export type ProcessRole = 'single' | 'primary' | 'web';

/** What this process does: everything itself (1), supervise N web processes, or be one of them. */
export function processRole(webConcurrency: number): ProcessRole {
  if (cluster.isWorker) return 'web';
  return webConcurrency > 1 ? 'primary' : 'single';
}

/**
 * Names the web process that answered (`X-Web-Process: 2`) when there are several: load
 * balancing can then be seen from outside (and is, in tests/unit/platform/web-processes.test.ts).
 */
export function tagWebProcess(res: ServerResponse): void {
  if (cluster.isWorker && cluster.worker) res.setHeader('X-Web-Process', String(cluster.worker.id));
}

const RESTART_DELAY_MS = 1000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Forks `count` web processes (this file's entry, run again) and keeps them running: one that
 * exits unexpectedly is replaced after a second. On SIGINT/SIGTERM the web processes are stopped
 * first (each closes its server and connections), then `stop` (the worker, the database), then
 * this process exits. Never returns.
 */
export async function superviseWebProcesses({
  count,
  log,
  stop,
}: {
  count: number;
  log: (line: string) => void;
  stop: () => Promise<void>;
}): Promise<never> {
  let stopping = false;
  const fork = (slot: number) => {
    const worker = cluster.fork();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      log(`web process ${slot} (pid ${worker.process.pid}) exited (${signal ?? code}); starting another`);
      setTimeout(() => !stopping && fork(slot), RESTART_DELAY_MS);
    });
    return worker;
  };
  for (let slot = 1; slot <= count; slot += 1) fork(slot);
  log(`supervising ${count} web processes (WEB_CONCURRENCY); jobs run here`);

  const stopWeb = (worker: Worker) =>
    new Promise<void>((done) => {
      if (worker.isDead()) return done();
      const timer = setTimeout(() => worker.kill('SIGKILL'), STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      worker.process.kill('SIGTERM');
    });
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    log(`${signal}: stopping the web processes`);
    await Promise.all(Object.values(cluster.workers ?? {}).flatMap((worker) => (worker ? [stopWeb(worker)] : [])));
    try {
      await stop();
    } catch (error) {
      log(`shutdown failed: ${(error as Error).message}`);
    }
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return new Promise<never>(() => undefined);
}
