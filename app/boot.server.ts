// Start-up of the database side, shared by server.ts, the stand-alone worker and scripts:
// pick the PostgreSQL (DATABASE_URL, or an embedded one under .data/), create the database,
// apply our migrations and graphile-worker's, then (demo mode) seed demo data and ensure the
// first admin exists.
import { Logger, runMigrations } from 'graphile-worker';
import { startEmbeddedPostgres, type EmbeddedCluster } from '~/platform/database/embedded-postgres.server.ts';
import { applyMigrations, ensureDatabase } from '~/platform/database/migrations.server.ts';
import type { Env } from '~/platform/env.server.ts';

export interface PreparedDatabase {
  databaseUrl: string;
  cluster?: EmbeddedCluster;
  appliedMigrations: string[];
}

export type Log = (line: string) => void;

/** Returns a migrated database: DATABASE_URL's, or the embedded cluster's `portal` database. */
export async function prepareDatabase({ env, log }: { env: Env; log: Log }): Promise<PreparedDatabase> {
  let cluster: EmbeddedCluster | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const started = Date.now();
    cluster = await startEmbeddedPostgres({ dataDir: env.PORTAL_DATA_DIR, port: env.EMBEDDED_PG_PORT });
    databaseUrl = cluster.urlFor('portal');
    log(`embedded PostgreSQL ready on 127.0.0.1:${env.EMBEDDED_PG_PORT} (${Date.now() - started} ms, data in ${env.PORTAL_DATA_DIR})`);
  }
  try {
    await ensureDatabase(databaseUrl);
    const appliedMigrations = await applyMigrations(databaseUrl);
    if (appliedMigrations.length) log(`applied migrations: ${appliedMigrations.join(', ')}`);
    await runMigrations({ connectionString: databaseUrl, logger: quietLogger });
    return { databaseUrl, cluster, appliedMigrations };
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
}

/** Demo data (demo mode only) and the first admin (both modes). Idempotent. */
export async function prepareData({ env, log }: { env: Env; log: Log }): Promise<void> {
  const { getPrisma } = await import('~/platform/db.server.ts');
  const { ensureAdmin } = await import('~/staff/staff-user-commands.server.ts');
  const db = getPrisma();
  if (env.PORTAL_MODE === 'demo') {
    const { seedDemoData } = await import('../prisma/seed.ts');
    const started = Date.now();
    const { created } = await seedDemoData({ db });
    if (created) log(`seeded demo data (${Date.now() - started} ms)`);
  }
  await ensureAdmin({ email: env.ADMIN_EMAIL, db });
  // Summary tables added by a migration start empty: fill them once from the facts (decision 009).
  const { rebuildSummariesIfMissing } = await import('~/ledger/summaries/summary-commands.server.ts');
  const started = Date.now();
  if (await rebuildSummariesIfMissing({ db })) log(`rebuilt the funding summaries from the ledger (${Date.now() - started} ms)`);
}

// graphile-worker's migration chatter is not useful at every start.
const quietLogger = new Logger(() => () => undefined);
