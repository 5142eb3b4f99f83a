// Extra databases (dropped after the run by the global teardown, which removes every database of
// this run): empty, for tests that need to migrate from nothing, or `migrated` (a clone of the
// run's migrated template, like each file's own database) for tests that need more than one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export async function createScratchDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const serverUrl = inject('testServerUrl');
  const name = `portal_s_${inject('testRunId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(options.migrated ? `CREATE DATABASE "${name}" TEMPLATE "${inject('testTemplateDb')}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `${serverUrl}/${name}`;
}
