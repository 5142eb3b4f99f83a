// `npm run fx:import -- FILE`: the staff page's rate import from a terminal, for the monthly run.
// Prints one JSON line {"added":…,"changed":…,"unchanged":…} and exits 0; a bad file exits 1
// with the line at fault and imports nothing; 2 when there is no database.
import { runCommand, withCommandDatabase } from './command-database.ts';
import { readFileSync } from 'node:fs';
import { parseFxRateFile } from '../app/finance/fx-rates/fx-rate-csv.ts';
import { importFxRatesFromStaff } from '../app/finance/fx-rates/fx-rate-import-commands.server.ts';
import { describeFxImport } from '../app/finance/fx-rates/fx-rates-page.server.ts';

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
  return withCommandDatabase('fx import', async ({ db }) => {
    const result = await importFxRatesFromStaff({ db, staffUserId: null, rates: parsed.rates });
    console.log(JSON.stringify({ added: result.added, changed: result.changed.length, unchanged: result.unchanged }));
    return 0;
  });
}

runCommand('fx import', main);
