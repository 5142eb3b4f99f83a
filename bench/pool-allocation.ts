// npm run bench:pool-allocation — what a staff allocation of $100,000 costs when the pool holds
// many gifts (decision 025): POOL_GIFTS general-purpose payments from POOL_DONORS donors in a
// fresh database on BENCH_SERVER_URL (dropped at the end). Prints the time of each allocation
// (lock, split, one row per gift, scoped refresh of every donor's summaries, audit) and of a
// refund that reverses a gift's parts in proportion.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, ensureDatabase } from '../app/platform/database/migrations.server.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const gifts = Number(process.env.POOL_GIFTS ?? 5_000);
const donors = Number(process.env.POOL_DONORS ?? 2_000);
const name = `portal_bench_alloc_${randomBytes(4).toString('hex')}`;
const url = `${serverUrl}/${name}`;

await ensureDatabase(url);
try {
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { refreshFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
  const { allocatePoolMoney } = await import('../app/ledger/pool-allocation-commands.server.ts');
  const { recordReversal } = await import('../app/ledger/payment-commands.server.ts');
  const db = getPrisma();
  const title = { en: 'Bench' };
  const programme = await db.programme.create({ data: { slug: 'bench', code: 'BENCH', title, mandate: title } });
  const projects = [];
  for (const code of ['BENCH1', 'BENCH2']) {
    const project = await db.project.create({
      data: {
        code,
        programmeId: programme.id,
        title,
        description: title,
        regionCode: '001',
        sectorCode: '15130',
        status: 'IMPLEMENTATION',
        startDate: new Date('2025-01-01T00:00:00Z'),
        endDate: new Date('2025-12-31T00:00:00Z'),
      },
    });
    await db.projectRequirement.create({ data: { projectId: project.id, year: 2025, usdMinor: 10_000_000_000n } });
    projects.push(project);
  }
  const staff = await db.staffUser.create({ data: { email: 'bench@example.org', name: 'Bench', roles: ['FINANCE'] } });
  await db.$executeRaw`INSERT INTO donors (type, "displayName") SELECT 'INDIVIDUAL', 'Donor ' || n FROM generate_series(1, ${donors}) n`;
  // Gifts of $10.00 to $999.99, deterministic, spread over the donors
  await db.$executeRaw`
    INSERT INTO payments ("donorId", method, provider, "providerPaymentId", currency, "amountMinor", "usdRate", "usdMinor", "earmarkType", "receivedAt")
    SELECT d.id, 'CARD', 'MANUAL', 'bench-' || n, 'USD', 1000 + (n * 7919) % 99000, 1, 1000 + (n * 7919) % 99000, 'GENERAL_PURPOSE',
           '2025-01-01'::timestamptz + n * interval '1 minute'
    FROM generate_series(1, ${gifts}) n
    JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM donors) d ON d.k = 1 + n % ${donors}`;
  await refreshFundingSummaries();

  for (const [index, project] of projects.entries()) {
    const started = performance.now();
    const { parts } = await allocatePoolMoney({
      staffUserId: staff.id,
      pool: 'GENERAL_PURPOSE',
      projectId: project.id,
      year: 2025,
      usdMinor: 5_000_000n,
    });
    console.log(
      `allocation #${index + 1} of $50,000.00 over ${gifts} gifts / ${donors} donors: ${Math.round(performance.now() - started)} ms, ${parts.length} rows`,
    );
  }
  const payment = await db.payment.findFirstOrThrow({ where: { providerPaymentId: 'bench-1' } });
  const started = performance.now();
  await db.$transaction((tx) =>
    recordReversal({
      db: tx,
      payment,
      kind: 'REFUND',
      providerReversalId: 'bench-refund',
      amountMinor: payment.amountMinor / 2n,
      usdMinor: payment.usdMinor / 2n,
      reason: 'bench',
    }),
  );
  console.log(`refund of half a gift with parts in both allocations: ${Math.round(performance.now() - started)} ms`);
  await disconnectPrisma();
} finally {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
