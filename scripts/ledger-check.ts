// `tsx scripts/ledger-check.ts`: recomputes every public figure from the money facts of the
// database at DATABASE_URL and compares (app/ledger/check/ledger-check-queries.server.ts). Exit 1 on problems.
import 'dotenv/config';
import { checkLedger, ledgerCoverage } from '../app/ledger/check/ledger-check-queries.server.ts';
import { disconnectPrisma, getPrisma } from '../app/platform/db.server.ts';

async function main(): Promise<number> {
  if (!process.env.DATABASE_URL) {
    console.log('ledger check: skipped (DATABASE_URL is not set; the test files already ran it on their databases)');
    return 0;
  }
  const db = getPrisma();
  try {
    const problems = await checkLedger({ db });
    const { programmes, years } = await ledgerCoverage({ db });
    for (const problem of problems) console.error(`  ${problem}`);
    console.log(`ledger check: ${programmes} programmes, ${years} years checked, ${problems.length} problems`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await disconnectPrisma();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ledger check: could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
