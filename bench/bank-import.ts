// npm run bench:bank-import — a 10,000-entry camt.053 (BENCH_ENTRIES) for as many seeded
// bank-transfer pledges, imported and matched automatically in one transaction
// (app/finance/bank). Prints the seconds it took, then imports the same file again (it must add
// nothing) and runs the ledger check. Issue #12 target: ≤ 10 s. Uses a fresh database
// `portal_bench_bank` on BENCH_PG_SERVER (e.g. postgres://postgres@127.0.0.1:5432), or on an
// embedded cluster in .data/bench-bank.
import pg from 'pg';
import { buildCamt053, type CamtCredit } from '../tests/fixtures/bank/camt-builder.ts';
import { startEmbeddedPostgres } from '../app/platform/database/embedded-postgres.server.ts';
import { applyMigrations } from '../app/platform/database/migrations.server.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const IBAN = 'CH9300762011623852957';
const cluster = process.env.BENCH_PG_SERVER ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-bank', port: 54389 });
const server = process.env.BENCH_PG_SERVER ?? cluster!.urlFor('postgres').replace(/\/postgres$/, '');
const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS portal_bench_bank WITH (FORCE)');
await admin.query('CREATE DATABASE portal_bench_bank');
await admin.end();
process.env.DATABASE_URL = `${server}/portal_bench_bank`;
await applyMigrations(process.env.DATABASE_URL);

const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
const { refreshFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
const { importBankFile } = await import('../app/finance/bank/bank-import-commands.server.ts');
const { checkLedger } = await import('../app/ledger/check/ledger-check-queries.server.ts');
const db = getPrisma();

// Seed: one project, ENTRIES donors each with one bank-transfer pledge of one instalment; half
// earmarked to the project (allocated on payment), half general-purpose.
const title = { en: 'Bench', fr: 'Bench', es: 'Bench', ru: 'Bench', zh: 'Bench', ar: 'Bench' };
const programme = await db.programme.create({ data: { slug: 'bench', code: 'BENCH', title, mandate: title } });
const project = await db.project.create({
  data: {
    code: 'BENCH1',
    programmeId: programme.id,
    title,
    description: title,
    regionCode: '001',
    sectorCode: '15130',
    status: 'IMPLEMENTATION',
    startDate: new Date('2026-01-01'),
    endDate: new Date('2027-12-31'),
  },
});
await db.projectRequirement.create({ data: { projectId: project.id, year: 2026, usdMinor: 10_000_000_000n } });
await db.bankAccount.create({ data: { iban: IBAN, currency: 'USD', name: 'Bench account' } });
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const referenceOf = (index: number) => {
  let code = '';
  for (let rest = index + 1_000_000, digit = 0; digit < 8; digit++, rest = Math.floor(rest / 32)) code = alphabet[rest % 32] + code;
  return `CPJ-${code.slice(0, 4)}-${code.slice(4)}`;
};
const indexes = Array.from({ length: ENTRIES }, (_, index) => index);
const amountOf = (index: number) => BigInt(10_000 + (index % 500) * 100);
await db.$executeRaw`
  WITH donors AS (
    INSERT INTO donors (type, "displayName") SELECT 'INDIVIDUAL', 'Bench donor ' || n FROM unnest(${indexes}::int[]) AS n RETURNING id, "displayName"
  ), numbered AS (
    SELECT id, substring("displayName" from 13)::int AS n FROM donors
  ), pledged AS (
    INSERT INTO pledges (reference, "donorId", frequency, method, currency, "amountMinor", "usdRate", "earmarkType", "programmeId", "projectId", "pledgedAt")
    SELECT (${indexes.map(referenceOf)}::text[])[n + 1], id, 'ONCE', 'BANK_TRANSFER', 'USD', (${indexes.map((index) => amountOf(index).toString())}::bigint[])[n + 1], 1,
           CASE WHEN n % 2 = 0 THEN 'PROJECT'::"EarmarkType" ELSE 'GENERAL_PURPOSE'::"EarmarkType" END,
           CASE WHEN n % 2 = 0 THEN ${programme.id}::uuid END, CASE WHEN n % 2 = 0 THEN ${project.id}::uuid END, '2026-02-01'
    FROM numbered RETURNING id, "amountMinor"
  )
  INSERT INTO pledge_instalments ("pledgeId", sequence, "dueOn", "amountMinor") SELECT id, 1, '2026-03-01', "amountMinor" FROM pledged`;
await refreshFundingSummaries();

// Every 10th credit is partial, every 50th pays more than owed; all quote their reference.
const credits: CamtCredit[] = indexes.map((index) => {
  const owed = amountOf(index);
  const paid = index % 10 === 9 ? owed / 2n : index % 50 === 7 ? owed + 500n : owed;
  return {
    amount: `${paid / 100n}.${(paid % 100n).toString().padStart(2, '0')}`,
    currency: 'USD',
    bookingDate: '2026-06-15',
    bankRef: `BENCH-${index}`,
    debtor: `Bench donor ${index}`,
    remittance: `Contribution ${referenceOf(index)}`,
  };
});
const file = buildCamt053({ version: '08', statementId: 'BENCH-STMT', iban: IBAN, credits });
console.log(`bank import: ${ENTRIES} credits, file ${(file.length / 1_048_576).toFixed(1)} MB`);

const started = performance.now();
const result = await importBankFile({ db, content: file, fileName: 'bench.xml' });
const seconds = (performance.now() - started) / 1000;
console.log(`bank import: ${JSON.stringify(result)} in ${seconds.toFixed(2)} s (target ≤ 10 s)`);
const againStarted = performance.now();
const again = await importBankFile({ db, content: file, fileName: 'bench.xml' });
console.log(`bank import again: ${JSON.stringify(again)} in ${((performance.now() - againStarted) / 1000).toFixed(2)} s`);
const problems = await checkLedger({ db });
console.log(`ledger check: ${problems.length} problems${problems.length ? `\n  ${problems.slice(0, 5).join('\n  ')}` : ''}`);
await disconnectPrisma();
await cluster?.stop();
process.exit(problems.length === 0 && again.new === 0 ? 0 : 1);
