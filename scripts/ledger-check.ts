// `tsx scripts/ledger-check.ts`: recomputes every public figure from the money facts of the
// database at DATABASE_URL, or of the embedded database `npm start` uses (running or not:
// app/platform/database/database-url.server.ts), and compares
// (app/ledger/check/ledger-check-queries.server.ts). Exit 1 on problems, 2 when there is no database.
import 'dotenv/config';
import { checkLedger, ledgerCoverage } from '../app/ledger/check/ledger-check-queries.server.ts';
import { NoDatabaseError, openDatabase } from '../app/platform/database/database-url.server.ts';
import { disconnectPrisma, getPrisma } from '../app/platform/db.server.ts';
import { parseEnv } from '../app/platform/env.server.ts';

async function main(): Promise<number> {
  let database;
  try {
    database = await openDatabase({ env: parseEnv(process.env) });
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    console.error(`ledger check: ${error.message}`);
    return 2;
  }
  console.log(`ledger check: ${database.description}`);
  process.env.DATABASE_URL = database.databaseUrl;
  const db = getPrisma();
  try {
    const problems = await checkLedger({ db });
    const { programmes, years } = await ledgerCoverage({ db });
    for (const problem of problems) console.error(`  ${problem}`);
    console.log(`ledger check: ${programmes} programmes, ${years} years checked, ${problems.length} problems`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await disconnectPrisma();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ledger check: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
