// `npm run db:migrate`: applies our migrations (prisma/migrations, app/platform/database/
// migrations.server.ts) and graphile-worker's to DATABASE_URL, or, without it, to the embedded
// database that `npm start` uses (app/platform/database/database-url.server.ts). The documented way
// to migrate a production database before starting the new version's processes; the server also
// migrates at start, each migration once (advisory locks), so running both is harmless.
// Prints what it applied; exit 0, or 1 with one line on failure.
import 'dotenv/config';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { openDatabase } from '../app/platform/database/database-url.server.ts';
import { applyMigrations, ensureDatabase, readMigrations } from '../app/platform/database/migrations.server.ts';
import { parseEnv } from '../app/platform/env.server.ts';

/** The newest graphile-worker migration recorded in the database (0: none yet). */
async function workerSchemaVersion(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('graphile_worker.migrations')::text AS table`);
    if (!exists.rows[0]?.table) return 0;
    const { rows } = await client.query<{ id: number | null }>('SELECT max(id) AS id FROM graphile_worker.migrations');
    return rows[0]?.id ?? 0;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const database = await openDatabase({ env });
  try {
    console.log(`migrate: ${database.description}`);
    await ensureDatabase(database.databaseUrl);
    const migrations = readMigrations();
    const applied = await applyMigrations(database.databaseUrl, migrations);
    for (const name of applied) console.log(`  applied ${name}`);
    console.log(
      applied.length > 0
        ? `migrate: ${applied.length} of ${migrations.length} migrations applied now`
        : `migrate: all ${migrations.length} migrations were already applied`,
    );
    const before = await workerSchemaVersion(database.databaseUrl);
    await runMigrations({ connectionString: database.databaseUrl, logger: new Logger(() => () => undefined) });
    const after = await workerSchemaVersion(database.databaseUrl);
    console.log(
      after > before
        ? `migrate: graphile-worker schema migrated from ${before === 0 ? 'nothing' : `version ${before}`} to version ${after}`
        : `migrate: graphile-worker schema already at version ${after}`,
    );
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`migrate: failed: ${message.split('\n')[0]}`);
    process.exit(1);
  },
);
