// `npm run pledges:import -- FILE.csv --staff EMAIL`: records institutional pledges from a CSV file
// (a pledging conference's), one row a pledge, in the database at DATABASE_URL or the embedded one
// `npm start` uses. The columns and the checks are those of the recording form
// (app/finance/pledges/pledge-import-commands.server.ts); EMAIL names the finance officer the audit
// log credits. Prints ONE JSON line {"rows","recorded","existing"} and exits 0; a file with any bad
// row exits 1 with every error (line by line) on stderr, having recorded nothing; 2 without a database.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { importPledgeFile, PledgeFileError } from '../app/finance/pledges/pledge-import-commands.server.ts';
import { runCommand, withCommandDatabase } from './command-database.ts';

const usage = 'usage: npm run pledges:import -- FILE.csv --staff EMAIL';
const argsSchema = z.object({ file: z.string().min(1, usage), staff: z.email(usage) });

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { staff: { type: 'string' } }, allowPositionals: true });
  const parsed = argsSchema.safeParse({ file: positionals[0] ?? '', staff: values.staff ?? '' });
  if (!parsed.success) {
    console.error(`pledges import: ${[...new Set(parsed.error.issues.map((issue) => issue.message))].join('; ')}`);
    return 1;
  }
  const { file, staff } = parsed.data;
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`pledges import: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return withCommandDatabase('pledges import', async ({ db }) => {
    try {
      console.log(JSON.stringify(await importPledgeFile({ db, content, staffEmail: staff })));
      return 0;
    } catch (error) {
      if (!(error instanceof PledgeFileError)) throw error;
      console.error(`pledges import: ${file}: ${error.message}`);
      return 1;
    }
  });
}

runCommand('pledges import', main);
