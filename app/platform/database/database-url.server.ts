// "DATABASE_URL, or the embedded database that `npm start` uses", for the commands that run
// beside (or instead of) the server: npm run db:migrate, ledger:check, worker and seed. With no
// DATABASE_URL they use the `portal` database of the embedded cluster in PORTAL_DATA_DIR: the
// running one (npm start's, found through its postmaster.pid), or, when it is stopped, a cluster
// started from the same data directory for the command and stopped after it. They never create
// one: with no data directory there is no database ("run npm start first").
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { embeddedDatabaseUrl, startEmbeddedPostgres } from './embedded-postgres.server.ts';
import type { Env } from '~/platform/env.server.ts';

/** The database of the embedded cluster that server.ts (boot.server.ts) creates and migrates. */
export const EMBEDDED_DATABASE = 'portal';

type DatabaseEnv = Pick<Env, 'DATABASE_URL' | 'PORTAL_DATA_DIR' | 'EMBEDDED_PG_PORT'>;

export type DatabaseChoice =
  | { kind: 'url'; databaseUrl: string }
  | { kind: 'embedded-running'; dataDir: string; port: number; databaseUrl: string }
  | { kind: 'embedded-stopped'; dataDir: string; port: number; databaseUrl: string }
  | { kind: 'none'; dataDir: string };

/** Thrown when there is neither a DATABASE_URL nor a usable embedded database; one line. */
export class NoDatabaseError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the cluster runs as `postgres`).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The port of the postmaster running on `dataDir` (from postmaster.pid), or undefined. */
export function runningPostmasterPort(dataDir: string): number | undefined {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // Lines: pid, data directory, start time, port, socket directory, listen address, …
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined; // stale after a crash
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Which database a command would use, without connecting or starting anything. */
export function chooseDatabase(env: DatabaseEnv): DatabaseChoice {
  if (env.DATABASE_URL) return { kind: 'url', databaseUrl: env.DATABASE_URL };
  const dataDir = resolve(env.PORTAL_DATA_DIR);
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) return { kind: 'none', dataDir };
  const runningPort = runningPostmasterPort(dataDir);
  if (runningPort !== undefined) {
    return { kind: 'embedded-running', dataDir, port: runningPort, databaseUrl: embeddedDatabaseUrl(runningPort, EMBEDDED_DATABASE) };
  }
  const port = env.EMBEDDED_PG_PORT;
  return { kind: 'embedded-stopped', dataDir, port, databaseUrl: embeddedDatabaseUrl(port, EMBEDDED_DATABASE) };
}

/** host:port/database of a connection string, without user or password (safe to print). */
export function describeDatabaseUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export interface OpenedDatabase {
  databaseUrl: string;
  /** What was chosen, for one line of output (never the password). */
  description: string;
  /** Stops the embedded cluster when this command started it; otherwise nothing. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL, or the embedded database. `startIfStopped: false` (the worker, which runs for a
 * long time) refuses to start a cluster that `npm start` would then stop as an orphan.
 */
export async function openDatabase(args: { env: DatabaseEnv; startIfStopped?: boolean }): Promise<OpenedDatabase> {
  const choice = chooseDatabase(args.env);
  const shown = (dataDir: string) => resolve(dataDir).replace(`${process.cwd()}/`, '');
  switch (choice.kind) {
    case 'url':
      return {
        databaseUrl: choice.databaseUrl,
        description: `DATABASE_URL (${describeDatabaseUrl(choice.databaseUrl)})`,
        close: async () => undefined,
      };
    case 'none':
      throw new NoDatabaseError(`no DATABASE_URL and no embedded database in ${shown(choice.dataDir)}: run npm start first`);
    case 'embedded-running':
      return {
        databaseUrl: choice.databaseUrl,
        description: `the running embedded PostgreSQL (${shown(choice.dataDir)}, port ${choice.port})`,
        close: async () => undefined,
      };
    case 'embedded-stopped': {
      if (args.startIfStopped === false) {
        throw new NoDatabaseError(
          `no DATABASE_URL and the embedded database in ${shown(choice.dataDir)} is not running: run npm start first`,
        );
      }
      const cluster = await startEmbeddedPostgres({ dataDir: choice.dataDir, port: choice.port });
      return {
        databaseUrl: cluster.urlFor(EMBEDDED_DATABASE),
        description: `the embedded PostgreSQL (${shown(choice.dataDir)}, started on port ${choice.port} for this command)`,
        close: () => cluster.stop(),
      };
    }
  }
}
