// Registering a bank account whose statements finance imports (with its CSV column mapping, if
// the bank exports CSV). Audited: the account decides where imported money is looked for.
import { Prisma } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { CsvMapping } from './csv-statement-parser.ts';

/** Adds an account, or updates the name and CSV mapping of a known IBAN. */
export async function saveBankAccount({
  iban,
  currency,
  name,
  csvMapping,
  staffId,
}: {
  iban: string;
  currency: string;
  name: string;
  csvMapping: CsvMapping | null;
  staffId: string;
}) {
  const db = getPrisma();
  return db.$transaction(async (tx) => {
    const before = await tx.bankAccount.findUnique({ where: { iban } });
    const mapping = csvMapping ?? Prisma.DbNull;
    const account = await tx.bankAccount.upsert({
      where: { iban },
      create: { iban, currency, name, csvMapping: mapping },
      update: { name, csvMapping: mapping },
    });
    await recordAudit({
      db: tx,
      actorId: staffId,
      actorKind: 'staff',
      action: before ? 'bank.account.updated' : 'bank.account.created',
      entityType: 'bank_account',
      entityId: account.id,
      before: before ? { name: before.name, csvMapping: before.csvMapping } : undefined,
      after: { iban, currency: account.currency, name, csvMapping },
    });
    return account;
  });
}
