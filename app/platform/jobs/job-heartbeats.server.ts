// Jobs locked by a process that died (kill -9, power loss) would stay locked for graphile-worker's
// four hours. Each worker process writes a heartbeat row per worker id it runs; a sweep, run by
// every worker process, unlocks jobs whose locking worker has no fresh heartbeat (decision 015).
import { hostname } from 'node:os';
import type pg from 'pg';

export interface JobHeartbeatOptions {
  pgPool: pg.Pool;
  /** Worker ids to keep alive (the caller adds and removes them as runners start and stop). */
  workerIds: ReadonlySet<string>;
  intervalMs: number;
  /** A lock older than this whose worker has no heartbeat this recent is an orphan's. */
  staleAfterMs: number;
  log: (line: string) => void;
}

const processLabel = `${hostname()}:${process.pid}`;

/** Writes this process's heartbeats: one row per worker id, stamped now. */
export async function beatJobWorkers({ pgPool, workerIds }: Pick<JobHeartbeatOptions, 'pgPool' | 'workerIds'>): Promise<void> {
  if (workerIds.size === 0) return;
  await pgPool.query(
    `INSERT INTO job_worker_heartbeats ("workerId", "process", "heartbeatAt")
     SELECT id, $2, now() FROM unnest($1::text[]) AS id
     ON CONFLICT ("workerId") DO UPDATE SET "heartbeatAt" = excluded."heartbeatAt", "process" = excluded."process"`,
    [[...workerIds], processLabel],
  );
}

/**
 * Unlocks the jobs (and job queues) held by workers whose heartbeat is older than `staleAfterMs`
 * (or missing) and that were locked at least that long ago; returns the worker ids released.
 * Rows of workers silent for a day are deleted.
 */
export async function sweepOrphanedJobLocks({
  pgPool,
  staleAfterMs,
}: Pick<JobHeartbeatOptions, 'pgPool' | 'staleAfterMs'>): Promise<string[]> {
  const client = await pgPool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ workerId: string }>(
      `WITH locks AS (
         SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
         UNION ALL
         SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
       )
       SELECT DISTINCT locks.locked_by AS "workerId" FROM locks
       WHERE locks.locked_at < now() - make_interval(secs => $1::double precision / 1000)
         AND NOT EXISTS (
           SELECT 1 FROM job_worker_heartbeats h
           WHERE h."workerId" = locks.locked_by AND h."heartbeatAt" >= now() - make_interval(secs => $1::double precision / 1000)
         )`,
      [staleAfterMs],
    );
    const workerIds = rows.map((row) => row.workerId);
    if (workerIds.length > 0) {
      // A job graphile-worker superseded while it ran (add_job with its key: the key moves to a new
      // job and the running one is set to its last attempt, to be deleted when it completes) can
      // never run again once its worker is gone: it is completed, not left behind for ever (eight
      // such rows per bench:outage run before). Other jobs are unlocked and run again.
      const { rows: superseded } = await client.query<{ id: string }>(
        `SELECT id FROM graphile_worker._private_jobs
          WHERE locked_by = ANY($1::text[]) AND key IS NULL AND attempts >= max_attempts AND last_error IS NULL`,
        [workerIds],
      );
      await client.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [workerIds]);
      if (superseded.length > 0) {
        await client.query('SELECT count(*) FROM graphile_worker.complete_jobs($1::bigint[])', [superseded.map((row) => row.id)]);
      }
      await client.query(`DELETE FROM job_worker_heartbeats WHERE "workerId" = ANY($1::text[])`, [workerIds]);
    }
    await client.query(`DELETE FROM job_worker_heartbeats WHERE "heartbeatAt" < now() - interval '1 day'`);
    await client.query('COMMIT');
    return workerIds;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Deletes this process's heartbeat rows (clean shutdown: its workers released their jobs). */
export async function forgetJobWorkers({ pgPool, workerIds }: Pick<JobHeartbeatOptions, 'pgPool' | 'workerIds'>): Promise<void> {
  if (workerIds.size === 0) return;
  await pgPool.query(`DELETE FROM job_worker_heartbeats WHERE "workerId" = ANY($1::text[])`, [[...workerIds]]);
}

/**
 * Beats and sweeps every `intervalMs` until stopped. A failure (database down) is logged once per
 * outage and retried at the next tick.
 */
export function startJobHeartbeats(options: JobHeartbeatOptions): { stop(): Promise<void> } {
  let failing = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await beatJobWorkers(options);
      const released = await sweepOrphanedJobLocks(options);
      if (released.length > 0) options.log(`released jobs locked by stopped workers: ${released.join(', ')}`);
      if (failing) options.log('job heartbeats: written again');
      failing = false;
    } catch (error) {
      if (!failing) options.log(`job heartbeats: could not write (${(error as Error).message}); retrying`);
      failing = true;
    }
  };
  running = tick();
  const timer = setInterval(() => {
    running = running.then(tick);
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
