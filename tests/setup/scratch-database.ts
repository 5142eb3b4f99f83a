// Extra empty databases for tests that need to migrate from nothing (dropped after the run by the
// global teardown, which removes every database of this run).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export async function createScratchDatabase(): Promise<string> {
  const serverUrl = inject('testServerUrl');
  const name = `portal_s_${inject('testRunId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `${serverUrl}/${name}`;
}
