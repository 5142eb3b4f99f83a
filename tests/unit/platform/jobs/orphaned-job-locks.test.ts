// The heartbeat sweep (docs/decisions/015) releases the jobs of a worker that died. A job that
// graphile-worker had superseded while it ran (the same job key added again: a successor was made
// and the running one set to its last attempt) can never run again: the sweep completes it instead
// of leaving it in graphile_worker.jobs for ever; other jobs are unlocked and run again.
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOrphanedJobLocks } from '~/platform/jobs/job-heartbeats.server.ts';

let pgPool: pg.Pool;
beforeAll(async () => {
  pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  pgPool.on('error', () => undefined);
  await runMigrations({ pgPool, logger: undefined });
});
afterAll(() => pgPool.end());

const addJob = (key: string | null) =>
  pgPool
    .query<{ id: string }>(`SELECT id FROM graphile_worker.add_job('drain-stripe-inbox', '{"shard":1}'::json, job_key := $1)`, [key])
    .then((result) => result.rows[0]!.id);

/** As a worker that died mid-job left it: locked two minutes ago, first attempt taken. */
const lockByDeadWorker = (id: string) =>
  pgPool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = 'dead-worker', locked_at = now() - interval '2 minutes', attempts = 1 WHERE id = $1`,
    [id],
  );

const job = (id: string) =>
  pgPool
    .query<{ key: string | null; attempts: number; max_attempts: number; locked_by: string | null }>(
      'SELECT key, attempts, max_attempts, locked_by FROM graphile_worker.jobs WHERE id = $1',
      [id],
    )
    .then((result) => result.rows[0]);

describe('sweeping the locks of a dead worker', () => {
  it('completes a superseded job, keeps its successor, and unlocks the others to run again', async () => {
    const superseded = await addJob('stripe-inbox:1');
    await lockByDeadWorker(superseded);
    const successor = await addJob('stripe-inbox:1');
    expect(successor).not.toBe(superseded);
    expect(await job(superseded)).toMatchObject({ key: null, attempts: 25, max_attempts: 25, locked_by: 'dead-worker' });

    const interrupted = await addJob(null);
    await lockByDeadWorker(interrupted);

    expect(await sweepOrphanedJobLocks({ pgPool, staleAfterMs: 60_000 })).toEqual(['dead-worker']);
    expect(await job(superseded)).toBeUndefined();
    expect(await job(successor)).toMatchObject({ key: 'stripe-inbox:1', attempts: 0, locked_by: null });
    expect(await job(interrupted)).toMatchObject({ attempts: 1, locked_by: null });
  });
});
