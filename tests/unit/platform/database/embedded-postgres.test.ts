import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '~/platform/database/embedded-postgres.server.ts';

const dataDir = `.data/test-embedded-${randomBytes(3).toString('hex')}`;
const port = 54400 + Math.floor(Math.random() * 500);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the cluster in a child process and resolves once it is ready; returns the child. */
function startInChild() {
  const script = `
    import { startEmbeddedPostgres } from './app/platform/database/embedded-postgres.server.ts';
    await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
    console.log('ready');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<typeof child>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

describe('embedded PostgreSQL', () => {
  it('recovers after the process that started it was killed with SIGKILL', async () => {
    const child = await startInChild();
    const first = new pg.Client({ connectionString: `postgresql://postgres:portal-local-only@127.0.0.1:${port}/postgres` });
    await first.connect();
    await first.query('CREATE TABLE survived (note text)');
    await first.query("INSERT INTO survived VALUES ('written before the crash')");
    await first.end();
    child.kill('SIGKILL');
    await new Promise((done) => child.on('exit', done));

    // The orphaned postmaster still holds the data directory; a new start must take over.
    const cluster = await startEmbeddedPostgres({ dataDir, port });
    const client = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await client.connect();
    const { rows } = await client.query('SELECT note FROM survived');
    await client.end();
    await cluster.stop();
    expect(rows).toEqual([{ note: 'written before the crash' }]);
  }, 90_000);
});
