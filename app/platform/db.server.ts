// The one Prisma client of the process. The connection string is read when first used, because
// server.ts may start an embedded PostgreSQL and set DATABASE_URL before that.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '~/generated/prisma/client.ts';
import { reportDatabaseTrouble } from './database/database-readiness.server.ts';

export type Db = PrismaClient;
export type { Prisma } from '~/generated/prisma/client.ts';

const globalForPrisma = globalThis as unknown as { portalPrisma?: PrismaClient };

/** Creates a client for a connection string (tests create one per database). */
export function createPrismaClient(connectionString: string): PrismaClient {
  const onConnectionLost = (error: Error) => {
    console.error(`[db] connection lost: ${error.message}`);
    reportDatabaseTrouble();
  };
  // Named statements below: plan each execution for its own parameters (a generic plan of the
  // dashboard's year-range sums was 5× slower), reusing only the parse.
  const pool = new pg.Pool({ connectionString, max: 10, options: '-c plan_cache_mode=force_custom_plan' });
  // A connection cut by the server (PostgreSQL killed, restarted, shut down) emits 'error' on its
  // client, sometimes twice and after the pool's own one-off listener is gone: without a listener
  // of our own on every client that would crash the process. It also asks the readiness watcher
  // to probe now, so pages turn to the 503 page at once.
  pool.on('connect', (client) => client.on('error', onConnectionLost));
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    onPoolError: onConnectionLost,
    onConnectionError: onConnectionLost,
    // Named (prepared) statements: each connection parses a statement once, then reuses it
    // (each execution is still planned, above) — 0.2–0.7 ms of PostgreSQL's work per statement
    // on the busy paths.
    statementNameGenerator: (query) => statementName(query.sql),
  });
  // Prisma's defaults (2 s to start a transaction, 5 s to finish it) were met by short
  // transactions on a loaded two-core machine (a sign-in job failed in CI); these are safety nets,
  // not design limits, and the long commands set their own.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 30_000 } });
}

const statementNames = new Map<string, string>();
/** A name per SQL text (a digest: two texts never share a name); remembered, as texts repeat. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${createHash('sha1').update(sql).digest('base64url')}`;
    // The texts come from the code, so they are finitely many; the bound is only a safety net.
    if (statementNames.size < 10_000) statementNames.set(sql, name);
  }
  return name;
}

/** The process-wide client; DATABASE_URL must be set by then. */
export function getPrisma(): PrismaClient {
  if (!globalForPrisma.portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: the server entry starts the database first');
    globalForPrisma.portalPrisma = createPrismaClient(url);
  }
  return globalForPrisma.portalPrisma;
}

/** Closes the process-wide client (graceful shutdown). */
export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.portalPrisma?.$disconnect();
  globalForPrisma.portalPrisma = undefined;
}

/** A client or an open interactive transaction: model functions accept either. */
export type DbClient = PrismaClient | import('~/generated/prisma/client.ts').Prisma.TransactionClient;
