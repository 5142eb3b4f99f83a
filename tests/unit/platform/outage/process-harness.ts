// Real processes for the outage tests (issue #11 items 1 and 8): a PostgreSQL of their own that
// can be killed with SIGKILL and started again on the same data directory and port, and the
// portal or the stand-alone worker as child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../../../app/platform/database/embedded-postgres.server.ts';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `probe` until it returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface KillablePostgres {
  port: number;
  urlFor(database: string): string;
  /** SIGKILL to the postmaster; resolves once it and its backends are gone. */
  kill(): Promise<void>;
  /** Starts PostgreSQL again on the same data directory and port (crash recovery runs). */
  restart(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
}

/** A fresh cluster under .data/ on a free port. */
export async function startKillablePostgres(name: string): Promise<KillablePostgres> {
  const dataDir = resolve(`.data/${name}-${randomBytes(3).toString('hex')}`);
  const port = await freePort();
  let cluster: EmbeddedCluster | undefined = await startEmbeddedPostgres({ dataDir, port });
  const postmasterPid = () => Number.parseInt(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
  const portOpen = () =>
    new Promise<boolean>((done) => {
      const socket = createServer();
      socket.once('error', () => done(true));
      socket.listen(port, '127.0.0.1', () => socket.close(() => done(false)));
    });
  return {
    port,
    urlFor: (database) => cluster!.urlFor(database),
    async kill() {
      const pid = postmasterPid();
      process.kill(pid, 'SIGKILL');
      cluster = cluster && { ...cluster, stop: async () => undefined };
      await waitFor('the postmaster to die', () => !isAlive(pid));
      await waitFor('the port to close', async () => !(await portOpen()));
    },
    async restart() {
      // Backends notice their postmaster's death and exit; until then the old shared memory is in use.
      for (let attempt = 0; ; attempt += 1) {
        try {
          cluster = await startEmbeddedPostgres({ dataDir, port });
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await sleep(250);
        }
      }
    },
    async destroy() {
      await cluster?.stop().catch(() => undefined);
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ChildOutput {
  child: ChildProcess;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  isAlive(): boolean;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Runs `node --import tsx <script>` with `env` added to this process's environment. */
export function spawnTsx(script: string, env: Record<string, string>): ChildOutput {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    child,
    output: () => text,
    isAlive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface HeldMailServer {
  url: string;
  /** Idempotency keys of every request received (a retry repeats its key). */
  received: string[];
  /** Message ids answered, one per distinct key (Resend delivers a key once). */
  delivered: Map<string, string>;
  /** While true, requests wait unanswered until release(). */
  hold: boolean;
  release(): void;
  close(): Promise<void>;
}

/** A Resend stand-in whose answers can be held back, so a job is in flight for as long as a test needs. */
export async function startHeldMailServer(): Promise<HeldMailServer> {
  const { createServer: createHttpServer } = await import('node:http');
  const waiting: Array<() => void> = [];
  const mail: HeldMailServer = {
    url: '',
    received: [],
    delivered: new Map(),
    hold: true,
    release() {
      mail.hold = false;
      for (const answer of waiting.splice(0)) answer();
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      mail.received.push(key);
      const answer = () => {
        if (res.destroyed) return;
        const id =
          mail.delivered.get(key) ??
          randomBytes(16)
            .toString('hex')
            .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
        mail.delivered.set(key, id);
        // POST /emails/batch answers one id per email (these tests queue one at a time).
        const reply = req.url === '/emails/batch' ? { data: (JSON.parse(body) as unknown[]).map(() => ({ id })) } : { id };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      };
      if (mail.hold) waiting.push(answer);
      else answer();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  mail.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return mail;
}
