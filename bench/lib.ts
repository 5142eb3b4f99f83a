// Shared pieces of the benchmarks: start the built portal as a child process, serve fixed bytes
// from a bare node:http server for comparison, run autocannon with a summary, and run a bench on
// a fresh database of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { applyMigrations, ensureDatabase } from '../app/platform/database/migrations.server.ts';

export interface PortalProcess {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `server.ts` (built app) on `port` with its own embedded database under .data/bench. */
export async function startPortal({ port, env = {} }: { port: number; env?: Record<string, string> }): Promise<PortalProcess> {
  const origin = `http://127.0.0.1:${port}`;
  // BENCH_PORTAL_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the portal under load.
  const nodeArgs = (process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ORIGIN: origin,
      // Each may be set in the environment (several people benchmarking on one machine).
      PORTAL_DATA_DIR: process.env.PORTAL_DATA_DIR ?? '.data/bench',
      EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54359',
      DEMO_MAIL_PORT: process.env.DEMO_MAIL_PORT ?? '3225',
      DEMO_STRIPE_PORT: process.env.DEMO_STRIPE_PORT ?? '3226',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}`);
    const ok = await fetch(`${origin}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    origin,
    child,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** A bare node:http server answering every request with the same status, headers and bytes. */
export async function startBareServer(body: Buffer, headers: Record<string, string>): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  non2xx: number;
}

export async function load({
  url,
  connections,
  seconds,
  headers,
}: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Runs one statement (CREATE/DROP DATABASE) on the server's maintenance database, e.g. postgres://postgres@127.0.0.1:5432. */
export async function onDatabaseServer(server: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` on a fresh database `<prefix>_<random>` on `server` (migrated, graphile-worker's
 * schema too, DATABASE_URL pointing at it) and drops the database afterwards, however `work` ends.
 */
export async function withFreshDatabase<T>(
  { server, prefix }: { server: string; prefix: string },
  work: (url: string) => Promise<T>,
): Promise<T> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = `${server}/${name}`;
  await ensureDatabase(url);
  try {
    await applyMigrations(url);
    await runMigrations({ connectionString: url, logger: new Logger(() => () => undefined) });
    process.env.DATABASE_URL = url;
    return await work(url);
  } finally {
    await onDatabaseServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
