// The one Prisma client of the process. The connection string is read when first used, because
// server.ts may start an embedded PostgreSQL and set DATABASE_URL before that.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '~/generated/prisma/client.ts';

export type Db = PrismaClient;
export type { Prisma } from '~/generated/prisma/client.ts';

const globalForPrisma = globalThis as unknown as { portalPrisma?: PrismaClient };

/** Creates a client for a connection string (tests create one per database). */
export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: 10 },
    // An idle connection closed by the server (restart, shutdown) must not crash the process.
    { onPoolError: (error) => console.error(`[db] connection lost: ${error.message}`) },
  );
  return new PrismaClient({ adapter });
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
