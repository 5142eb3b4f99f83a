// npm run bench:segment-count — the live count of an appeal segment (issue #15 item 1; target
// ≤ 200 ms over 100,000 donors). In a fresh database on BENCH_SERVER_URL (dropped at the end): the
// large ledger of bench:seed-large (bench/large-ledger.ts: the demo seed, 182 more projects,
// BENCH_PLEDGES pledges over five years — one-off, bank, instalments, monthly; refunds,
// cancellations) spread over BENCH_DONORS donors (default 100,000), who are then given the six
// languages, twenty countries on four continents, and an appeal consent log: 85 % granted, one in
// twenty of those withdrawn later; 1 % of addresses suppressed, 0.5 % of donors erased.
// Prints, for several realistic segments, the donors counted and the p50/p95 of
// countSegmentDonors over BENCH_RUNS runs (after warm-up), with the machine's load.
import { loadavg } from 'node:os';
import { withFreshDatabase } from './lib.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const donors = Number(process.env.BENCH_DONORS ?? 100_000);
const pledges = Number(process.env.BENCH_PLEDGES ?? 200_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** BENCH_REUSE_URL: a database this script seeded before (kept by an interrupted run), measured again without seeding. */
const reuseUrl = process.env.BENCH_REUSE_URL;
const inDatabase = (work: (url: string) => Promise<void>) =>
  reuseUrl
    ? ((process.env.DATABASE_URL = reuseUrl), work(reuseUrl))
    : withFreshDatabase({ server: serverUrl, prefix: 'portal_bench_segments' }, work);

await inDatabase(async (url) => {
  const { getPrisma, createPrismaClient } = await import('../app/platform/db.server.ts');
  const { seedLargeLedger } = await import('./large-ledger.ts');
  const { refreshFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
  const { countSegmentDonors } = await import('../app/appeals/appeals-segment-queries.server.ts');
  const { segmentDefinitionSchema } = await import('../app/appeals/segment-definition.ts');
  let started = performance.now();
  if (!reuseUrl) await seed(url);
  async function seed(url: string) {
    const seedDb = createPrismaClient(url);
    await seedLargeLedger({ url, db: seedDb, pledges, donors, log: () => undefined });
    await refreshFundingSummaries({ db: seedDb });
    await seedDb.$executeRawUnsafe(`
    UPDATE donors SET locale = (ARRAY['en','fr','es','ru','zh','ar'])[1 + abs(hashtext(id::text)) % 6],
                      "countryCode" = (ARRAY['US','CA','MX','BR','GB','FR','DE','CH','IT','ES','RU','CN','JP','IN','NG','KE','ZA','EG','AU','SA'])[1 + abs(hashtext('c' || id::text)) % 20]
     WHERE email LIKE 'bench%'`);
    await seedDb.$executeRawUnsafe(`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source, "recordedAt")
    SELECT id, 'APPEALS', true, 'Email me appeals', locale, 'bench', now() - interval '3 years'
      FROM donors WHERE abs(hashtext('a' || id::text)) % 100 < 85`);
    await seedDb.$executeRawUnsafe(`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source, "recordedAt")
    SELECT "donorId", 'APPEALS', false, 'Unsubscribe', locale, 'bench', now() - interval '1 year'
      FROM donor_consents WHERE kind = 'APPEALS' AND abs(hashtext('w' || "donorId"::text)) % 20 = 0`);
    await seedDb.$executeRawUnsafe(`
    INSERT INTO email_suppressions (address, reason) SELECT email, 'HARD_BOUNCE' FROM donors
     WHERE email IS NOT NULL AND abs(hashtext('s' || id::text)) % 100 = 0`);
    await seedDb.$executeRawUnsafe(`UPDATE donors SET "erasedAt" = now() WHERE abs(hashtext('e' || id::text)) % 200 = 0`);
    // The updates above left every donor row twice: vacuum as autovacuum would have by now.
    await seedDb.$executeRawUnsafe('VACUUM ANALYZE');
    await seedDb.$disconnect();
  }
  const db = getPrisma();
  const [sizes] = await db.$queryRaw<{ donors: bigint; payments: bigint; pledges: bigint; consents: bigint }[]>`
    SELECT (SELECT count(*) FROM donors) AS donors, (SELECT count(*) FROM payments) AS payments,
           (SELECT count(*) FROM pledges) AS pledges, (SELECT count(*) FROM donor_consents) AS consents`;
  console.log(
    `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s: ${sizes!.donors} donors, ${sizes!.pledges} pledges, ` +
      `${sizes!.payments} payments, ${sizes!.consents} consent entries`,
  );

  const corruption = await db.programme.findFirstOrThrow({ where: { slug: 'corruption' }, select: { id: true } });
  const someProjects = await db.project.findMany({
    where: { code: { startsWith: 'BENCH' } },
    take: 3,
    orderBy: { code: 'asc' },
    select: { id: true },
  });
  const segments: Record<string, unknown> = {
    'everyone who may be asked': {},
    'French or Arabic speakers in Africa': { regions: ['002'], locales: ['fr', 'ar'] },
    'companies and foundations': { donorTypes: ['COMPANY', 'FOUNDATION'] },
    LYBUNT: { lastGift: 'LYBUNT' },
    'SYBUNT, gave $1,000 or more': { lastGift: 'SYBUNT', totalMinUsdMinor: 100_000 },
    'lapsed donors to the corruption programme': { lastGift: 'LYBUNT', programmeIds: [corruption.id] },
    'funded 3 projects, Europe, $100–$5,000': {
      projectIds: someProjects.map((project) => project.id),
      regions: ['150'],
      totalMinUsdMinor: 10_000,
      totalBelowUsdMinor: 500_000,
    },
    'monthly donors': { frequencies: ['MONTHLY'] },
    'monthly or instalment donors who gave this year': { frequencies: ['MONTHLY', 'INSTALMENTS'], lastGift: 'THIS_YEAR' },
  };
  const asOf = new Date();
  console.log(
    `load before the runs: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min); ${runs} runs each after 3 warm-up`,
  );
  for (const [name, input] of Object.entries(segments)) {
    const segment = segmentDefinitionSchema.parse(input);
    let count = 0;
    for (let warm = 0; warm < 3; warm += 1) count = await countSegmentDonors({ segment, asOf });
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      await countSegmentDonors({ segment, asOf });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(48)} ${String(count).padStart(6)} donors   p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`,
    );
  }
  console.log(
    `load after the runs: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
});
