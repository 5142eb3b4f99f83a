// Which database the commands beside the server use (db:migrate, ledger:check, worker, seed):
// DATABASE_URL, else the embedded cluster of `npm start` — running (found through postmaster.pid),
// stopped (started for the command), or absent (a clear "run npm start first").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chooseDatabase,
  describeDatabaseUrl,
  EMBEDDED_DATABASE,
  NoDatabaseError,
  openDatabase,
} from '~/platform/database/database-url.server.ts';
import { embeddedDatabaseUrl } from '~/platform/database/embedded-postgres.server.ts';
import { parseEnv } from '~/platform/env.server.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory as initdb leaves it (PG_VERSION), optionally with a postmaster.pid. */
function dataDir(postmaster?: { pid: number; port: number }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-data-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'PG_VERSION'), '18\n');
  if (postmaster) {
    writeFileSync(
      path.join(dir, 'postmaster.pid'),
      `${postmaster.pid}\n${dir}\n1764000000\n${postmaster.port}\n/tmp\n127.0.0.1\n  1234567     98765\nready   \n`,
    );
  }
  return dir;
}

/** The pid of a process that has exited (a stale postmaster.pid after a crash). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('chooseDatabase', () => {
  it('takes DATABASE_URL when it is set, whatever the data directory holds', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgresql://app:secret@db.example.org:5433/portal',
      PORTAL_DATA_DIR: dataDir({ pid: process.pid, port: 6543 }),
    });
    expect(chooseDatabase(env)).toEqual({ kind: 'url', databaseUrl: 'postgresql://app:secret@db.example.org:5433/portal' });
  });

  it('without DATABASE_URL: the env schema’s data directory and port, as npm start uses them', () => {
    const choice = chooseDatabase(parseEnv({}));
    expect(choice.kind).not.toBe('url');
    if (choice.kind === 'url') return;
    expect(choice.dataDir).toBe(path.resolve('.data/postgres'));
    if (choice.kind === 'embedded-stopped') expect(choice.port).toBe(54329);
  });

  it('no data directory (or one never initialised): no database', () => {
    const missing = path.join(tmpdir(), 'portal-no-such-dir', 'postgres');
    expect(chooseDatabase(parseEnv({ PORTAL_DATA_DIR: missing }))).toEqual({ kind: 'none', dataDir: missing });
    const empty = mkdtempSync(path.join(tmpdir(), 'portal-empty-'));
    dirs.push(empty);
    expect(chooseDatabase(parseEnv({ PORTAL_DATA_DIR: empty })).kind).toBe('none');
  });

  it('a live postmaster on the data directory: its port, from postmaster.pid (not EMBEDDED_PG_PORT)', () => {
    const dir = dataDir({ pid: process.pid, port: 6543 });
    expect(chooseDatabase(parseEnv({ PORTAL_DATA_DIR: dir, EMBEDDED_PG_PORT: '54400' }))).toEqual({
      kind: 'embedded-running',
      dataDir: dir,
      port: 6543,
      databaseUrl: embeddedDatabaseUrl(6543, EMBEDDED_DATABASE),
    });
  });

  it('no postmaster, or a stale postmaster.pid after a crash: stopped, to be started on EMBEDDED_PG_PORT', () => {
    for (const dir of [dataDir(), dataDir({ pid: deadPid(), port: 6543 })]) {
      expect(chooseDatabase(parseEnv({ PORTAL_DATA_DIR: dir, EMBEDDED_PG_PORT: '54400' }))).toEqual({
        kind: 'embedded-stopped',
        dataDir: dir,
        port: 54400,
        databaseUrl: embeddedDatabaseUrl(54400, EMBEDDED_DATABASE),
      });
    }
  });
});

describe('openDatabase', () => {
  it('says clearly that there is no database, naming the directory', async () => {
    const missing = path.join(tmpdir(), 'portal-no-such-dir', 'postgres');
    const opening = openDatabase({ env: parseEnv({ PORTAL_DATA_DIR: missing }) });
    await expect(opening).rejects.toThrow(NoDatabaseError);
    await expect(opening).rejects.toThrow(`no DATABASE_URL and no embedded database in ${missing}: run npm start first`);
  });

  it('uses a running cluster as it is, and never stops it', async () => {
    const dir = dataDir({ pid: process.pid, port: 6543 });
    const database = await openDatabase({ env: parseEnv({ PORTAL_DATA_DIR: dir }) });
    expect(database.databaseUrl).toBe(embeddedDatabaseUrl(6543, 'portal'));
    expect(database.description).toContain('running');
    await database.close(); // a no-op: nothing was started
  });

  it('the worker does not start a stopped cluster (npm start would stop it as an orphan)', async () => {
    const dir = dataDir();
    await expect(openDatabase({ env: parseEnv({ PORTAL_DATA_DIR: dir }), startIfStopped: false })).rejects.toThrow(
      /is not running: run npm start first/,
    );
  });

  it('describes DATABASE_URL without its user or password', async () => {
    const database = await openDatabase({ env: parseEnv({ DATABASE_URL: 'postgresql://app:s3cret@db.example.org/portal' }) });
    expect(database.description).toBe('DATABASE_URL (db.example.org:5432/portal)');
    expect(describeDatabaseUrl('postgresql://app:s3cret@10.0.0.5:6432/funds')).toBe('10.0.0.5:6432/funds');
  });
});
