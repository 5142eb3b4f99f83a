// The part every command beside the server shares (ledger:check, bank:import, fx:import,
// finance:export): open DATABASE_URL or the embedded database of `npm start`, run the work with
// the Prisma client, close both, and exit with the work's code — 2 when there is no database,
// 1 with "<name>: could not run: …" when the work throws.
import 'dotenv/config';
import { NoDatabaseError, openDatabase } from '../app/platform/database/database-url.server.ts';
import { disconnectPrisma, getPrisma } from '../app/platform/db.server.ts';
import { parseEnv } from '../app/platform/env.server.ts';

type Work = (context: { db: ReturnType<typeof getPrisma>; description: string }) => Promise<number>;

/** Runs `work` against the command's database; resolves to the process exit code. */
export async function withCommandDatabase(name: string, work: Work): Promise<number> {
  let database;
  try {
    database = await openDatabase({ env: parseEnv(process.env) });
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    console.error(`${name}: ${error.message}`);
    return 2;
  }
  process.env.DATABASE_URL = database.databaseUrl;
  try {
    return await work({ db: getPrisma(), description: database.description });
  } finally {
    await disconnectPrisma();
    await database.close();
  }
}

/** Runs a command's main and exits with its code; a throw is reported as `<name>: could not run`. */
export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
