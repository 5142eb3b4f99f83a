// Issue #11 item 1: graphile-worker's LISTEN client can be handed back twice when PostgreSQL dies
// while the runner shuts down (its shutdown releases it, then the failed LISTEN query releases it
// again). pg-pool throws on the second call from inside an un-awaited async function, and the
// unhandled rejection ended the process. The worker's pools forgive that second call.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { withForgivingCallbackRelease } from '~/platform/jobs/worker.server.ts';

const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function newPool() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  pools.push(pool);
  return pool;
}

/** Checks a client out the way graphile-worker's listener does, and hands its release back. */
function checkOutWithCallback(pool: pg.Pool) {
  return new Promise<{ client: pg.PoolClient; release: (error?: Error | boolean) => void }>((resolve, reject) => {
    (pool.connect as (callback: (error: Error | undefined, client: pg.PoolClient, release: () => void) => void) => void)(
      (error, client, release) => (error ? reject(error) : resolve({ client, release })),
    );
  });
}

describe('the job runner pool', () => {
  it('pg-pool itself throws on a second release (the reason for the wrapper)', async () => {
    const { release } = await checkOutWithCallback(newPool());
    release();
    expect(() => release()).toThrow(/already been released/);
  });

  it('ignores and logs a second release of a callback-checked-out client; the pool stays usable', async () => {
    const lines: string[] = [];
    const pool = withForgivingCallbackRelease(newPool(), (line) => lines.push(line));
    const { client, release } = await checkOutWithCallback(pool);
    await client.query('SELECT 1');
    release();
    expect(() => release()).not.toThrow();
    expect(lines).toEqual(['a database client was handed back twice; the second time was ignored']);
    expect(pool.idleCount).toBe(1);
    const { rows } = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]?.one).toBe(1);
  });

  it('passes a connection error through to the callback unchanged', async () => {
    const pool = withForgivingCallbackRelease(
      new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2000 }),
      () => undefined,
    );
    pools.push(pool);
    await expect(checkOutWithCallback(pool)).rejects.toThrow();
  });

  it('leaves the promise form alone', async () => {
    const pool = withForgivingCallbackRelease(newPool(), () => undefined);
    const client = await pool.connect();
    client.release();
    expect(() => client.release()).toThrow(/already been released/);
  });
});
