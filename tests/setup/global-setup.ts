// Once per test run: a PostgreSQL server (embedded, or TEST_DATABASE_URL's server), and a template
// database with every migration applied. Each test file then gets its own clone of the template
// (tests/setup/database.ts), so files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import { Logger, runMigrations } from 'graphile-worker';
import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../app/platform/database/embedded-postgres.server.ts';
import { applyMigrations, ensureDatabase } from '../../app/platform/database/migrations.server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplateDb: string;
    testRunId: string;
  }
}

let cluster: EmbeddedCluster | undefined;
let dataDir: string | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function serverUrlOf(connectionString: string): string {
  const url = new URL(connectionString);
  url.pathname = '';
  return url.toString().replace(/\/$/, '');
}

export async function setup(project: TestProject) {
  const runId = randomBytes(4).toString('hex');
  let serverUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = serverUrlOf(process.env.TEST_DATABASE_URL);
  } else {
    // A cluster of this run's own (fresh data directory, free port), so that two test runs on one
    // machine never share, or stop, each other's server.
    dataDir = `.data/test-postgres-${runId}`;
    cluster = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = cluster.serverUrl;
  }
  const templateDb = `portal_tpl_${runId}`;
  const templateUrl = `${serverUrl}/${templateDb}`;
  await ensureDatabase(templateUrl);
  await applyMigrations(templateUrl);
  await runMigrations({ connectionString: templateUrl, logger: new Logger(() => () => undefined) });
  project.provide('testServerUrl', serverUrl);
  project.provide('testTemplateDb', templateDb);
  project.provide('testRunId', runId);

  return async () => {
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`portal_%${runId}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    await cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
