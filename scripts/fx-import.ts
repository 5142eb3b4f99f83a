// `npm run fx:import -- FILE`: the staff page's rate import from a terminal, for the monthly run.
// Prints one JSON line {"added":…,"changed":…,"unchanged":…} and exits 0; a bad file exits 1
// with the line at fault and imports nothing; 2 when there is no database.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { parseFxRateFile } from '../app/finance/fx-rates/fx-rate-csv.ts';
import { importFxRatesFromStaff } from '../app/finance/fx-rates/fx-rate-import-commands.server.ts';
import { describeFxImport } from '../app/finance/fx-rates/fx-rates-page.server.ts';
import { NoDatabaseError, openDatabase } from '../app/platform/database/database-url.server.ts';
import { disconnectPrisma, getPrisma } from '../app/platform/db.server.ts';
import { parseEnv } from '../app/platform/env.server.ts';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('fx import: usage: npm run fx:import -- FILE.csv');
    return 1;
  }
  const parsed = parseFxRateFile(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    console.error(`fx import: ${file}: ${describeFxImport('en', parsed)}`);
    return 1;
  }
  let database;
  try {
    database = await openDatabase({ env: parseEnv(process.env) });
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    console.error(`fx import: ${error.message}`);
    return 2;
  }
  process.env.DATABASE_URL = database.databaseUrl;
  try {
    const result = await importFxRatesFromStaff({ db: getPrisma(), staffUserId: null, rates: parsed.rates });
    console.log(JSON.stringify({ added: result.added, changed: result.changed.length, unchanged: result.unchanged }));
    return 0;
  } finally {
    await disconnectPrisma();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fx import: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
