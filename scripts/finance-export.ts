// `npm run finance:export -- --kind payments --from 2026-01-01 --to 2026-12-31 [--format csv|json] [--out FILE]`:
// the staff page's finance export from a terminal, for scheduled runs. Writes to FILE or standard
// output; the database is DATABASE_URL or the embedded one of `npm start`. Audited as a system
// export. Exit 0 when written, 1 on bad arguments or failure (nothing written to FILE), 2 without a database.
import 'dotenv/config';
import { createWriteStream, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { recordFinanceExport } from '../app/finance/finance-export-audit-commands.server.ts';
import { financeExportChunks, financeExportRequest } from '../app/finance/finance-export.server.ts';
import { NoDatabaseError, openDatabase } from '../app/platform/database/database-url.server.ts';
import { disconnectPrisma, getPrisma } from '../app/platform/db.server.ts';
import { parseEnv } from '../app/platform/env.server.ts';

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
  let database;
  try {
    database = await openDatabase({ env: parseEnv(process.env) });
  } catch (error) {
    if (!(error instanceof NoDatabaseError)) throw error;
    console.error(`finance export: ${error.message}`);
    return 2;
  }
  process.env.DATABASE_URL = database.databaseUrl;
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  try {
    await recordFinanceExport({ db: getPrisma(), staffUserId: null, request: parsed.data });
    for await (const chunk of financeExportChunks({ db: getPrisma(), request: parsed.data })) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    if (values.out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return 0;
  } catch (error) {
    if (values.out) rmSync(values.out, { force: true });
    throw error;
  } finally {
    await disconnectPrisma();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`finance export: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
