// graphile-worker on the portal's own PostgreSQL: in-process by default (WORKER_MODE=inline),
// or alone with `npm run worker` so it can be scaled separately. The runner is supervised: when
// it stops by itself (graphile-worker shuts down when it cannot record a job's outcome, e.g.
// PostgreSQL went away) or cannot start, it is started again once the database answers; the
// process lives on (issue #11 item 1). Heartbeats let other processes unlock the jobs of a
// process that died (item 8, docs/decisions/015).
import { EventEmitter } from 'node:events';
import { run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { forgetJobWorkers, startJobHeartbeats } from './job-heartbeats.server.ts';

export interface SupervisedWorker {
  /** Stops the runner (letting running jobs finish) and the supervision. */
  stop(): Promise<void>;
  /** Settles when the worker has stopped (after stop()). */
  stopped: Promise<void>;
}

export interface StartWorkerOptions {
  databaseUrl: string;
  concurrency?: number;
  taskList: TaskList;
  crontab: string;
  /** How often this process writes its heartbeats and sweeps orphaned locks. */
  heartbeatIntervalMs?: number;
  /** Locks of workers silent this long are released. */
  staleAfterMs?: number;
  log?: (line: string) => void;
}

const RESTART_MIN_DELAY_MS = 250;
const RESTART_MAX_DELAY_MS = 5000;

function newPool(databaseUrl: string, max: number, log: (line: string) => void): pg.Pool {
  // Our own pools, so that a connection dropped by the server (PostgreSQL stopped, restarted or
  // killed) is logged instead of crashing the process with an unhandled 'error' event.
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5000 });
  const onError = (error: Error) => log(`database connection lost: ${error.message}`);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return withForgivingCallbackRelease(pool, log);
}

/**
 * graphile-worker 0.17.3 checks its LISTEN client out with `pool.connect(callback)` and can hand
 * it back twice when the connection dies during shutdown: its shutdown releases the client, then
 * the failed `LISTEN` query releases it again from an un-awaited async function. pg-pool throws
 * on the second release, the rejection goes unhandled and Node ends the process. Here the release
 * function given to such callbacks ignores (and logs) a second call; the client is back in the
 * pool (or removed) after the first either way.
 */
export function withForgivingCallbackRelease(pool: pg.Pool, log: (line: string) => void): pg.Pool {
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  (pool as { connect: unknown }).connect = (callback?: ConnectCallback) => {
    if (!callback) return connect();
    return connect((error, client, release) => {
      let released = false;
      const releaseOnce = (releaseError?: Error | boolean) => {
        if (released) return log('a database client was handed back twice; the second time was ignored');
        released = true;
        release(releaseError);
      };
      callback(error, client, releaseOnce);
    });
  };
  return pool;
}

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (error?: Error | boolean) => void) => void;

/**
 * Starts the job runner with the portal's tasks and crontab (app/tasks.server.ts, handed in by
 * the process that starts it) and keeps it running until `stop()`.
 */
export async function startWorker({
  databaseUrl,
  concurrency = 2,
  taskList,
  crontab,
  heartbeatIntervalMs = 15_000,
  staleAfterMs = 60_000,
  log = (line) => console.error(`[worker] ${line}`),
}: StartWorkerOptions): Promise<SupervisedWorker> {
  const heartbeatPool = newPool(databaseUrl, 2, log);
  const workerIds = new Set<string>();
  const heartbeats = startJobHeartbeats({ pgPool: heartbeatPool, workerIds, intervalMs: heartbeatIntervalMs, staleAfterMs, log });
  let stopping = false;
  let current: Runner | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });

  async function databaseAnswers(): Promise<boolean> {
    try {
      await heartbeatPool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** One runner's life: resolves when it stops, for whatever reason. */
  async function runOnce(): Promise<void> {
    const pgPool = newPool(databaseUrl, concurrency + 2, log);
    const ids = new Set<string>();
    const events: WorkerEvents = new EventEmitter();
    // Emitted synchronously while run() builds the pool, before any job can be locked.
    const track = (id: string) => {
      ids.add(id);
      workerIds.add(id);
    };
    events.on('pool:create', ({ workerPool }) => track(workerPool.id));
    events.on('worker:create', ({ worker }) => track(worker.workerId));
    try {
      current = await run({
        pgPool,
        concurrency,
        taskList,
        crontab,
        noHandleSignals: true,
        pollInterval: 1000,
        events,
        // graphile-worker 0.17.3 does not await recording a job's outcome unless it batches:
        // with the database gone that rejection went unhandled and killed the process. Batched
        // (no delay), a failure to record stops the runner cleanly, and we start it again.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      });
      if (stopping) await current.stop();
      await current.promise;
      if (!stopping) log('the job runner stopped by itself; starting it again');
    } catch (error) {
      if (!stopping) log(`the job runner stopped: ${(error as Error).message}; starting it again when the database answers`);
    } finally {
      current = undefined;
      if (stopping) await forgetJobWorkers({ pgPool: heartbeatPool, workerIds: ids }).catch(() => undefined);
      // Jobs this runner still held (its outcome could not be written) are released by the
      // heartbeat sweep once these ids have been silent for staleAfterMs.
      for (const id of ids) workerIds.delete(id);
      await pgPool.end().catch(() => undefined);
    }
  }

  const supervision = (async () => {
    let delay = RESTART_MIN_DELAY_MS;
    while (!stopping) {
      const started = Date.now();
      await runOnce();
      if (stopping) break;
      if (Date.now() - started > 60_000) delay = RESTART_MIN_DELAY_MS;
      do {
        await sleep(delay);
        delay = Math.min(delay * 2, RESTART_MAX_DELAY_MS);
      } while (!stopping && !(await databaseAnswers()));
      if (!stopping) log('database answers again: job runner restarting');
    }
  })();

  const finished = supervision.then(async () => {
    await heartbeats.stop();
    await heartbeatPool.end().catch(() => undefined);
  });
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await current?.stop().catch((error: Error) => log(`stopping the job runner: ${error.message}`));
      await finished;
    },
    stopped: finished,
  };
}
