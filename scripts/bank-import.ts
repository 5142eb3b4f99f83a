// `npm run bank:import -- FILE [--account IBAN] [--format camt|csv]`: imports a bank statement file
// into the database at DATABASE_URL, or the embedded one `npm start` uses (as ledger:check does),
// and matches its credits by pledge reference (app/finance/bank, decision 026). For scheduled runs:
// prints ONE JSON line {"entries","new","matched","unmatched"} and exits 0; a malformed file or an
// unknown account exits 1 with the error on stderr, having imported nothing; 2 without a database.
import { runCommand, withCommandDatabase } from './command-database.ts';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { BankFileError } from '../app/finance/bank/bank-file-error.ts';
import { importBankFile } from '../app/finance/bank/bank-import-commands.server.ts';

const argsSchema = z.object({
  file: z.string().min(1, 'usage: npm run bank:import -- FILE [--account IBAN] [--format camt|csv]'),
  account: z.string().trim().min(1).optional(),
  format: z.enum(['camt', 'csv']).optional(),
});

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { account: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse({ file: positionals[0] ?? '', account: values.account, format: values.format });
  if (!parsed.success) {
    console.error(`bank import: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    return 1;
  }
  const { file, account, format } = parsed.data;
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`bank import: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return withCommandDatabase('bank import', async ({ db }) => {
    try {
      const result = await importBankFile({ db, content, fileName: basename(file), format, iban: account });
      console.log(JSON.stringify(result));
      return 0;
    } catch (error) {
      if (!(error instanceof BankFileError)) throw error;
      console.error(`bank import: ${file}: ${error.message}`);
      return 1;
    }
  });
}

runCommand('bank import', main);
