// npm run db:diff -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL that takes the committed schema.prisma (git HEAD, which the migrations already equal —
// tests/unit/platform/database/migrations.test.ts proves it) to the working copy's schema.prisma. Offline: it
// uses Prisma's WebAssembly schema engine and needs no database. Review the SQL before committing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createSchemaEngine } from './schema-engine.ts';
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(1);
}
const path = 'prisma/schema.prisma';
const committed = execFileSync('git', ['show', `HEAD:${path}`], { encoding: 'utf8' });
const working = readFileSync(path, 'utf8');
// The engine wants a reachable PostgreSQL even for a schema-to-schema diff; it changes nothing there.
const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/tools', port: 54369 });
const engine = await createSchemaEngine(process.env.DATABASE_URL ?? cluster!.urlFor('postgres'));
const { stdout } = await engine.diff({
  from: { tag: 'schemaDatamodel', files: [{ path, content: committed }] },
  to: { tag: 'schemaDatamodel', files: [{ path, content: working }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
await cluster?.stop();
const sql = stdout ?? '';
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log('schema.prisma has no changes against HEAD: no migration written');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`wrote ${dir}/migration.sql`);
