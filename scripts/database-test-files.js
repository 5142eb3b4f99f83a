// Prints, one a line, the Vitest files that use the test run's PostgreSQL server: the second run in
// .ci/run (against the server on 127.0.0.1:5432) runs only these, because the others would run
// exactly as they did on the embedded PostgreSQL. The rule, from the import graph (the one
// dependency-cruiser builds for `npm run lint`):
//   - a file counts when its imports reach the database client: app/platform/db.server.ts, the
//     `pg` or `@prisma/client` packages, or tests/setup/scratch-database.ts;
//   - except a file that runs on a PostgreSQL of its own (it calls startEmbeddedPostgres or
//     startKillablePostgres and never touches the run's server: the outage tests, the embedded
//     PostgreSQL's own test).
// A file this rule leaves out still runs once, on the embedded PostgreSQL, with every other file.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const reaches = String.raw`^app/platform/db[.]server[.]ts$|^tests/setup/scratch-database[.]ts$|node_modules/(pg|@prisma/client)/`;
const result = spawnSync(
  'npx',
  ['depcruise', 'tests/unit', '--config', '.dependency-cruiser.mjs', '--reaches', reaches, '--output-type', 'json'],
  { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
);
if (result.status !== 0) throw new Error(`depcruise exited with ${result.status}`);

const ownPostgres = /\bstart(?:Embedded|Killable)Postgres\(/;
const files = JSON.parse(result.stdout)
  .modules.map((module) => module.source)
  .filter((source) => /^tests\/unit\/.+\.test\.tsx?$/.test(source))
  .filter((source) => !ownPostgres.test(readFileSync(source, 'utf8')))
  .sort();
if (files.length === 0) throw new Error('no test file reaches the database: the rule in scripts/database-test-files.js is broken');
process.stdout.write(`${files.join('\n')}\n`);
