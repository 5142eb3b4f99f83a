// `tsx scripts/ledger-check.ts`: recomputes every public figure from the money facts of the
// database at DATABASE_URL, or of the embedded database `npm start` uses (running or not:
// app/platform/database/database-url.server.ts), and compares
// (app/ledger/check/ledger-check-queries.server.ts). Exit 1 on problems, 2 when there is no database.
import { runCommand, withCommandDatabase } from './command-database.ts';
import { checkLedger, ledgerCoverage } from '../app/ledger/check/ledger-check-queries.server.ts';

async function main(): Promise<number> {
  return withCommandDatabase('ledger check', async ({ db, description }) => {
    console.log(`ledger check: ${description}`);
    const problems = await checkLedger({ db });
    const { programmes, years } = await ledgerCoverage({ db });
    for (const problem of problems) console.error(`  ${problem}`);
    console.log(`ledger check: ${programmes} programmes, ${years} years checked, ${problems.length} problems`);
    return problems.length === 0 ? 0 : 1;
  });
}

runCommand('ledger check', main);
