// npm run bench:allocation-notices — what a day's allocation notices cost when staff allocations
// moved the money of many donors (issue #13 item 3): NOTICE_DONORS donors with an address and a
// general-purpose gift each, two allocation decisions the same day that take a part of every gift
// (written as the ledger writes them, without the bench paying for the writer itself), in a fresh
// database on BENCH_SERVER_URL (dropped at the end). Prints the time to queue one notice per donor
// in keyset pages (outbox row + send-email job each), one page read, and a rerun (queues 0).
import { withFreshDatabase } from './lib.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const donors = Number(process.env.NOTICE_DONORS ?? 100_000);
const pageSize = Number(process.env.NOTICE_PAGE_SIZE ?? 500);
const day = '2025-03-10';

await withFreshDatabase({ server: serverUrl, prefix: 'portal_bench_notices' }, async () => {
  process.env.APP_ORIGIN ??= 'https://funding.example.org';
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { queueAllocationNotices } = await import('../app/impact/allocation-notice-commands.server.ts');
  const { listAllocationNoticeRecipients } = await import('../app/impact/allocation-notice-queries.server.ts');
  const { createBenchProjects, seedDonors } = await import('./donor-seeding.ts');
  const db = getPrisma();
  const projectIds = await createBenchProjects(db, ['BENCH1', 'BENCH2']);
  const staff = await db.staffUser.create({ data: { email: 'bench@example.org', name: 'Bench', roles: ['FINANCE'] } });
  let started = performance.now();
  // Every donor asked for impact reports (notices are queued only for those who hold that consent)
  await seedDonors(db, { count: donors });
  await db.$executeRaw`
    INSERT INTO payments ("donorId", method, provider, "providerPaymentId", currency, "amountMinor", "usdRate", "usdMinor", "earmarkType", "receivedAt")
    SELECT d.id, 'CARD', 'MANUAL', 'bench-' || d.id, 'USD', 10000, 1, 10000, 'GENERAL_PURPOSE', '2025-01-01'::timestamptz FROM donors d`;
  for (const [index, projectId] of projectIds.entries()) {
    const [decision] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO pool_allocations (pool, "projectId", year, "usdMinor", "createdById", "createdAt")
      VALUES ('GENERAL_PURPOSE', ${projectId}::uuid, 2025, ${BigInt(donors) * 1000n}, ${staff.id}::uuid, ${new Date(`${day}T${String(9 + index).padStart(2, '0')}:00:00Z`)})
      RETURNING id::text`;
    await db.$executeRaw`
      INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId", "poolAllocationId", "createdById", "createdAt")
      SELECT ${projectId}::uuid, 2025, 'GENERAL_PURPOSE', 1000, p.id, ${decision!.id}::uuid, ${staff.id}::uuid, ${new Date(`${day}T10:00:00Z`)}
      FROM payments p`;
  }
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`setup: ${donors} donors, 2 decisions × ${donors} allocation rows in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const firstPage = await listAllocationNoticeRecipients({ day, limit: pageSize });
  console.log(`one page read (${firstPage.recipients.length} donors, nothing queued yet): ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const queued = await queueAllocationNotices({ db, day, pageSize });
  const ms = performance.now() - started;
  console.log(
    `queued ${queued} notices in ${(ms / 1000).toFixed(1)} s (${(ms / queued).toFixed(2)} ms per donor, pages of ${pageSize}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`,
  );
  started = performance.now();
  const again = await queueAllocationNotices({ db, day, pageSize });
  console.log(`rerun: queued ${again} in ${Math.round(performance.now() - started)} ms`);
  await disconnectPrisma();
});
