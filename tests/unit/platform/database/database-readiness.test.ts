// The readiness watcher against a TCP proxy in front of the test database: one probe that gets no
// answer (a loaded machine) must not turn the portal to the 503 page; a server that refuses
// connections must.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { watchDatabaseReadiness, type DatabaseReadiness } from '~/platform/database/database-readiness.server.ts';

const target = new URL(process.env.DATABASE_URL ?? '');
let proxy: Server | undefined;
let readiness: DatabaseReadiness | undefined;
const sockets = new Set<Socket>();

/** A proxy to the test database that swallows the first `hangFirst` connections (accepts, never answers). */
async function startProxy(hangFirst: number): Promise<string> {
  let seen = 0;
  proxy = createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    if (seen++ < hangFirst) return;
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => proxy!.listen(0, '127.0.0.1', done));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return url.toString();
}

function watch(databaseUrl: string, lines: string[]) {
  readiness = watchDatabaseReadiness({ databaseUrl, log: (line) => lines.push(line), upIntervalMs: 600_000, downIntervalMs: 600_000 });
  return readiness;
}

afterEach(async () => {
  await readiness?.stop();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise((done) => (proxy ? proxy.close(done) : done(undefined)));
  proxy = undefined;
});

describe('database readiness', () => {
  it('stays ready when one probe gets no answer and the next one does', async () => {
    const lines: string[] = [];
    const watcher = watch(await startProxy(1), lines);
    expect(await watcher.check()).toBe(true);
    expect(watcher.isReady()).toBe(true);
    expect(lines).toEqual([]);
  });

  it('turns unready when the server refuses connections, and ready again when it answers', async () => {
    const lines: string[] = [];
    const url = await startProxy(0);
    const watcher = watch(url, lines);
    expect(await watcher.check()).toBe(true);
    await new Promise((done) => proxy!.close(done));
    proxy = undefined;
    expect(await watcher.check()).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^database unreachable: /)]);
    // The same port answers again (a restarted server).
    const { port } = new URL(url);
    proxy = createServer((client) => {
      sockets.add(client);
      const upstream = connect(Number(target.port || 5432), target.hostname);
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => proxy!.listen(Number(port), '127.0.0.1', done));
    expect(await watcher.check()).toBe(true);
    expect(lines[1]).toMatch(/^database reachable again after \d+ ms$/);
  });

  it('turns unready when two probes in a row get no answer', async () => {
    const lines: string[] = [];
    const watcher = watch(await startProxy(2), lines);
    expect(await watcher.check()).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^database unreachable: /)]);
  }, 15_000);
});
