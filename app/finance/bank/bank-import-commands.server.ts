// Importing a bank statement file (camt.053 or mapped CSV): parse it whole first, then in ONE
// transaction record its statements and new credits and match them automatically by the pledge
// reference quoted in the remittance information. A file that fails anywhere imports nothing.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { deferredRefresh } from '~/ledger/payment-commands.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { BankFileError } from './bank-file-error.ts';
import { grossOf, type ParsedStatement } from './bank-statement.ts';
import { parseCamt053 } from './camt-parser.ts';
import { csvMappingSchema, parseCsvStatement } from './csv-statement-parser.ts';
import { identitiesOf, pledgeReferenceIn } from './entry-identity.ts';
import { settleEntries, spreadOverInstalments, type EntryToSettle, type Settlement } from './bank-match-commands.server.ts';
import { listInstalmentsOwed } from './open-instalment-queries.server.ts';

export type BankFileFormat = 'camt' | 'csv';

/** The import's figures: credits in the file, new ones recorded, of those matched automatically and not. */
export interface BankImportResult {
  entries: number;
  new: number;
  matched: number;
  unmatched: number;
}

/** Big statements take a while to record and match; the transaction must outlive Prisma's 5 s default. */
const IMPORT_TRANSACTION_OPTIONS = { timeout: 10 * 60_000, maxWait: 30_000 };

/**
 * Imports a statement file. `iban` chooses the account (required for CSV, whose mapping is saved
 * on it; for camt it must agree with the file). Throws BankFileError for a malformed file or an
 * unknown account, having recorded nothing.
 */
export async function importBankFile({
  db = getPrisma(),
  content,
  fileName,
  format,
  iban,
  staffId = null,
}: {
  db?: PrismaClient;
  content: string;
  fileName: string;
  format?: BankFileFormat;
  iban?: string;
  staffId?: string | null;
}): Promise<BankImportResult> {
  const text = content.replace(/^\uFEFF/, '');
  const fileSha256 = createHash('sha256').update(text).digest('hex');
  const wanted = iban?.replace(/\s/g, '').toUpperCase();
  const { statements, formatName } = await parseFile({
    db,
    text,
    fileName,
    format: format ?? (text.trimStart().startsWith('<') ? 'camt' : 'csv'),
    iban: wanted,
  });
  const accounts = new Map<string, string>();
  for (const statement of statements) {
    if (wanted && statement.iban !== wanted)
      throw new BankFileError(`the statement ${statement.statementRef} is for ${statement.iban}, not ${wanted}`);
    const account = await db.bankAccount.findUnique({ where: { iban: statement.iban }, select: { id: true } });
    if (!account) throw new BankFileError(`no bank account ${statement.iban} is registered`);
    accounts.set(statement.iban, account.id);
  }
  return db.$transaction(async (tx) => {
    const created: NewEntry[] = [];
    let entries = 0;
    let firstStatementId: string | null = null;
    for (const statement of statements) {
      const accountId = accounts.get(statement.iban) ?? '';
      const statementId = await recordStatement(tx, { accountId, fileSha256, statement, format: formatName, staffId });
      firstStatementId ??= statementId;
      entries += statement.credits.length;
      created.push(...(await insertEntries(tx, { accountId, statementId, statement })));
    }
    const matched = await matchByReference(tx, created);
    const result = { entries, new: created.length, matched, unmatched: created.length - matched };
    await recordAudit({
      db: tx,
      actorId: staffId,
      actorKind: staffId ? 'staff' : 'system',
      action: 'bank.statement.imported',
      entityType: 'bank_statement',
      entityId: firstStatementId ?? fileSha256,
      after: { fileName, fileSha256, format: formatName, statements: statements.length, ...result },
    });
    return result;
  }, IMPORT_TRANSACTION_OPTIONS);
}

async function parseFile({
  db,
  text,
  fileName,
  format,
  iban,
}: {
  db: DbClient;
  text: string;
  fileName: string;
  format: BankFileFormat;
  iban: string | undefined;
}): Promise<{ statements: ParsedStatement[]; formatName: string }> {
  if (format === 'camt') {
    const { version, statements } = parseCamt053(text);
    return { statements, formatName: `camt.053.001.${version}` };
  }
  if (!iban) throw new BankFileError('a CSV statement needs the bank account it belongs to');
  const account = await db.bankAccount.findUnique({ where: { iban } });
  if (!account) throw new BankFileError(`no bank account ${iban} is registered`);
  const mapping = csvMappingSchema.safeParse(account.csvMapping);
  if (!mapping.success) throw new BankFileError(`bank account ${iban} has no CSV column mapping`);
  const statement = parseCsvStatement({
    text,
    mapping: mapping.data,
    iban,
    accountCurrency: account.currency.trim(),
    statementRef: fileName,
  });
  return { statements: [statement], formatName: 'csv' };
}

async function recordStatement(
  db: DbClient,
  args: { accountId: string; fileSha256: string; statement: ParsedStatement; format: string; staffId: string | null },
): Promise<string> {
  const { statement } = args;
  const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
  const key = { accountId: args.accountId, fileSha256: args.fileSha256, statementRef: statement.statementRef };
  const existing = await db.bankStatement.findUnique({ where: { accountId_fileSha256_statementRef: key }, select: { id: true } });
  if (existing) return existing.id;
  const row = await db.bankStatement.create({
    data: { ...key, format: args.format, fromDate: day(statement.fromDate), toDate: day(statement.toDate), importedById: args.staffId },
    select: { id: true },
  });
  return row.id;
}

interface NewEntry extends EntryToSettle {
  reference: string | null;
}

/** Inserts a statement's credits in one statement; those already known (same identity) are skipped. */
async function insertEntries(
  db: DbClient,
  args: { accountId: string; statementId: string; statement: ParsedStatement },
): Promise<NewEntry[]> {
  const { credits, iban } = args.statement;
  if (credits.length === 0) return [];
  const identities = identitiesOf(iban, credits);
  // One JSON parameter: long array parameters cost a millisecond or more a row through the adapter.
  const json = JSON.stringify(
    credits.map((credit, index) => ({ ...credit, identity: identities[index], grossMinor: grossOf(credit), line: undefined })),
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
  const rows = await db.$queryRaw<{ id: string; identity: string; currency: string; grossMinor: bigint; bookingDate: Date }[]>`
    INSERT INTO bank_entries (identity, "accountId", "statementId", "bookingDate", "valueDate", currency, "amountMinor",
      "instructedMinor", "chargeMinor", "grossMinor", "accountServicerRef", "entryRef", "endToEndId", remittance, "structuredRef", "debtorName")
    SELECT t.identity, ${args.accountId}::uuid, ${args.statementId}::uuid, t."bookingDate", t."valueDate", t.currency, t."amountMinor",
           t."instructedMinor", t."chargeMinor", t."grossMinor", t."accountServicerRef", t."entryRef", t."endToEndId", t.remittance,
           t."structuredRef", t."debtorName"
    FROM jsonb_to_recordset(${json}::jsonb) AS t(identity text, "bookingDate" date, "valueDate" date, currency text,
      "amountMinor" bigint, "instructedMinor" bigint, "chargeMinor" bigint, "grossMinor" bigint, "accountServicerRef" text,
      "entryRef" text, "endToEndId" text, remittance text, "structuredRef" text, "debtorName" text)
    ON CONFLICT (identity) DO NOTHING
    RETURNING id::text, identity, currency, "grossMinor", "bookingDate"`;
  const byIdentity = new Map(identities.map((identity, index) => [identity, credits[index]]));
  return rows.map((row) => {
    const credit = byIdentity.get(row.identity);
    return {
      id: row.id,
      identity: row.identity,
      currency: row.currency.trim(),
      grossMinor: row.grossMinor,
      bookingDate: row.bookingDate,
      reference: credit ? pledgeReferenceIn(credit.structuredRef, credit.remittance, credit.endToEndId) : null,
    };
  });
}

/**
 * Settles new credits that quote a live pledge's reference in its currency, over its open
 * instalments in due order (oldest first). Returns how many credits got a match.
 */
async function matchByReference(db: DbClient, entries: NewEntry[]): Promise<number> {
  const references = [...new Set(entries.map((entry) => entry.reference).filter((reference): reference is string => reference !== null))];
  const owed = await listInstalmentsOwed({ db, references });
  const owedByReference = new Map<string, typeof owed>();
  for (const row of owed) owedByReference.set(row.pledge.reference, [...(owedByReference.get(row.pledge.reference) ?? []), row]);
  const summaries = deferredRefresh();
  const settlements: Settlement[] = [];
  for (const entry of entries) {
    const instalments = (entry.reference && owedByReference.get(entry.reference)) || [];
    const usable = instalments.filter((row) => row.pledge.isLive && row.pledge.currency === entry.currency);
    const { parts } = spreadOverInstalments(entry.grossMinor, usable);
    if (parts.length > 0) settlements.push({ entry, parts, matchesSoFar: 0 });
  }
  await settleEntries({ db, settlements, isAutomatic: true, refresh: summaries.refresh });
  await summaries.flush(db);
  return settlements.length;
}
