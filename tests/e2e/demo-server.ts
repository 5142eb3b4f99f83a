// The server the browser tests run against: server.ts in demo mode on a demo database created
// afresh for the run. The demo data is drawn relative to the day it is seeded and the tests
// compare it with the current year, so a database left by an earlier run (another day, another
// year, and the gifts its tests made) must not be reused. The cluster in PORTAL_DATA_DIR stays
// (starting it also stops one a killed earlier run left behind); only its database is dropped.
import pg from 'pg';
import { EMBEDDED_DATABASE } from '../../app/platform/database/database-url.server.ts';
import { startEmbeddedPostgres } from '../../app/platform/database/embedded-postgres.server.ts';
import { parseEnv } from '../../app/platform/env.server.ts';

const env = parseEnv(process.env);
if (env.DATABASE_URL || env.PORTAL_MODE !== 'demo')
  throw new Error('tests/e2e/demo-server.ts runs the demo on its own embedded database only');
const cluster = await startEmbeddedPostgres({ dataDir: env.PORTAL_DATA_DIR, port: env.EMBEDDED_PG_PORT });
try {
  const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${EMBEDDED_DATABASE}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
} finally {
  await cluster.stop();
}
await import('../../server.ts');
