// `npm run finance:export -- --kind payments --from 2026-01-01 --to 2026-12-31 [--format csv|json] [--out FILE]`:
// the staff page's finance export from a terminal, for scheduled runs. Writes to FILE or standard
// output; the database is DATABASE_URL or the embedded one of `npm start`. Audited as a system
// export. Exit 0 when written, 1 on bad arguments or failure (nothing written to FILE), 2 without a database.
import { runCommand, withCommandDatabase } from './command-database.ts';
import { createWriteStream, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { recordFinanceExport } from '../app/finance/finance-export-audit-commands.server.ts';
import { financeExportChunks, financeExportRequest } from '../app/finance/finance-export.server.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kind: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
    },
  });
  const parsed = financeExportRequest.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${String(issue.path[0] ?? 'to')}: ${issue.message}`).join('; ');
    console.error(`finance export: bad arguments (${problems}); kinds: payments, pledges, allocations, reversals; dates YYYY-MM-DD`);
    return 1;
  }
  return withCommandDatabase('finance export', async ({ db }) => {
    const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
    try {
      await recordFinanceExport({ db, staffUserId: null, request: parsed.data });
      for await (const chunk of financeExportChunks({ db, request: parsed.data })) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      if (values.out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      return 0;
    } catch (error) {
      if (values.out) rmSync(values.out, { force: true });
      throw error;
    }
  });
}

runCommand('finance export', main);
