// Per test file: a fresh database cloned from the migrated template, exposed as DATABASE_URL so
// app code (getPrisma) uses it. After the file's tests the ledger check recomputes every public
// figure from the money facts and fails the file on any difference (DOMAIN.md, money rule 4).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

const serverUrl = inject('testServerUrl');
const databaseName = `portal_t_${inject('testRunId')}_${randomBytes(4).toString('hex')}`;
process.env.DATABASE_URL = `${serverUrl}/${databaseName}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin((client) => client.query(`CREATE DATABASE "${databaseName}" TEMPLATE "${inject('testTemplateDb')}"`));
});

afterAll(async () => {
  const { getPrisma, disconnectPrisma } = await import('../../app/platform/db.server.ts');
  try {
    const { checkLedger } = await import('../../app/ledger/check/ledger-check-queries.server.ts');
    const problems = await checkLedger({ db: getPrisma() });
    if (problems.length > 0) {
      throw new Error(`ledger check failed after this file's tests:\n${problems.join('\n')}`);
    }
  } finally {
    await disconnectPrisma();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  }
});
