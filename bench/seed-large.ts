// npm run bench:seed-large — a database with 1,000,000 ledger rows for the speed benchmarks:
// the demo seed, plus 182 more projects (200 in all) with ten years of requirements, 50,000
// donors, and 250,000 each of pledges, instalments, payments and allocations (80 % project-
// earmarked, 20 % general-purpose allocated by staff). Then a full summaries rebuild, timed.
// Target: DATABASE_URL's server, else an embedded cluster in .data/bench-large (database
// portal_large, recreated each run). Prints the connection string for bench:page-data.
import pg from 'pg';
import { Logger, runMigrations } from 'graphile-worker';
import { startEmbeddedPostgres } from '../app/services/embedded-postgres.server.ts';
import { applyMigrations } from '../app/services/migrations.server.ts';
import { createPrismaClient } from '../app/utils/db.server.ts';
import { refreshFundingSummaries } from '../app/models/funding-summary.server.ts';
import { seedDemoData } from '../prisma/seed.ts';

const GIFTS = Number(process.env.BENCH_GIFTS ?? 250_000);
const DONORS = 50_000;
const EXTRA_PROJECTS = 182;

const cluster = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: '.data/bench-large', port: 54379 });
const serverUrl = process.env.DATABASE_URL ? process.env.DATABASE_URL.replace(/\/[^/]*$/, '') : cluster!.serverUrl;
const url = `${serverUrl}/portal_large`;

const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS portal_large WITH (FORCE)');
await admin.query('CREATE DATABASE portal_large');
await admin.end();
await applyMigrations(url);
await runMigrations({ connectionString: url, logger: new Logger(() => () => undefined) });

const db = createPrismaClient(url);
await seedDemoData({ db });

const client = new pg.Client({ connectionString: url });
await client.connect();
const step = async (label: string, sql: string) => {
  const started = performance.now();
  const result = await client.query(sql);
  console.log(`${label}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
};

const started = performance.now();
await step('projects', `
  INSERT INTO projects (code, "programmeId", title, description, "countryCode", "regionCode", "sectorCode", status, "startDate", "endDate")
  SELECT 'BENCH' || lpad(g::text, 4, '0'), (SELECT id FROM programmes ORDER BY "sortOrder" OFFSET g % 4 LIMIT 1),
         jsonb_build_object('en', 'Benchmark project ' || g), jsonb_build_object('en', 'Synthetic project for benchmarks'),
         (ARRAY['KE','NG','MX','CO','VN','PK','UA','PE'])[1 + g % 8], (ARRAY['002','019','142','150'])[1 + g % 4],
         (ARRAY['15130','15210','15113'])[1 + g % 3], 'IMPLEMENTATION', DATE '2020-01-01', DATE '2030-12-31'
  FROM generate_series(1, ${EXTRA_PROJECTS}) g`);
await step('requirements', `
  INSERT INTO project_requirements ("projectId", year, "usdMinor")
  SELECT p.id, y, (500000 + (abs(hashtext(p.code || y)) % 4000000)) * 100
  FROM projects p CROSS JOIN generate_series(EXTRACT(YEAR FROM now())::int - 6, EXTRACT(YEAR FROM now())::int + 3) y
  WHERE p.code LIKE 'BENCH%'`);
await step('donors', `
  INSERT INTO donors (type, email, "displayName", "countryCode", "isAnonymous")
  SELECT (ARRAY['INDIVIDUAL','INDIVIDUAL','INDIVIDUAL','COMPANY','FOUNDATION']::"DonorType"[])[1 + g % 5],
         'bench' || g || '@example.org', 'Benchmark donor ' || g, 'CH', g % 10 = 0
  FROM generate_series(1, ${DONORS}) g`);
// One temporary table of gifts drives four fact tables, so each row's ids line up.
await step('lookup arrays', `
  CREATE TEMP TABLE pick AS
  SELECT (SELECT array_agg(id ORDER BY email) FROM donors WHERE email LIKE 'bench%') AS donors,
         (SELECT array_agg(id ORDER BY code) FROM projects) AS projects`);
await step('gift plan', `
  CREATE TEMP TABLE gifts AS
  SELECT g, gen_random_uuid() AS pledge_id, gen_random_uuid() AS instalment_id, gen_random_uuid() AS payment_id,
         CASE WHEN g % 5 = 0 THEN 'GENERAL_PURPOSE' ELSE 'PROJECT' END AS earmark,
         CASE WHEN g % 3 = 0 THEN 'EUR' ELSE 'USD' END AS currency,
         (1000 + abs(hashtext(g::text)) % 500000)::bigint AS amount,
         now() - ((g % 1800) || ' days')::interval AS at
  FROM generate_series(1, ${GIFTS}) g`);
await step('index gift plan', 'ANALYZE gifts');
await step('pledges', `
  INSERT INTO pledges (id, reference, "donorId", frequency, method, currency, "amountMinor", "usdRate", "earmarkType", "projectId", "pledgedAt")
  SELECT pledge_id, 'BENCH-' || g, donors[1 + g % ${DONORS}], 'ONCE', 'CARD', currency, amount,
         CASE currency WHEN 'EUR' THEN 1.08 ELSE 1 END, earmark::"EarmarkType",
         CASE WHEN earmark = 'PROJECT' THEN projects[1 + g % cardinality(projects)] END, at
  FROM gifts, pick`);
await step('instalments', `
  INSERT INTO pledge_instalments (id, "pledgeId", sequence, "dueOn", "amountMinor")
  SELECT instalment_id, pledge_id, 1, at::date, amount FROM gifts, pick`);
await step('payments', `
  INSERT INTO payments (id, "donorId", "pledgeId", "instalmentId", method, provider, "providerPaymentId", currency, "amountMinor",
                        "usdRate", "usdMinor", "earmarkType", "projectId", "receivedAt")
  SELECT payment_id, donors[1 + g % ${DONORS}], pledge_id, instalment_id, 'CARD', 'STRIPE', 'pi_bench_' || g, currency, amount,
         CASE currency WHEN 'EUR' THEN 1.08 ELSE 1 END, round(amount * CASE currency WHEN 'EUR' THEN 1.08 ELSE 1 END)::bigint,
         earmark::"EarmarkType", CASE WHEN earmark = 'PROJECT' THEN projects[1 + g % cardinality(projects)] END, at
  FROM gifts, pick`);
await step('allocations', `
  INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId")
  SELECT projects[1 + (g * 7) % cardinality(projects)], EXTRACT(YEAR FROM at)::int,
         CASE WHEN earmark = 'PROJECT' THEN 'EARMARKED' ELSE 'GENERAL_PURPOSE' END::"FundingSource",
         round(amount * CASE currency WHEN 'EUR' THEN 1.08 ELSE 1 END)::bigint, payment_id
  FROM gifts, pick WHERE earmark = 'GENERAL_PURPOSE'
  UNION ALL
  SELECT projects[1 + g % cardinality(projects)], EXTRACT(YEAR FROM at)::int, 'EARMARKED',
         round(amount * CASE currency WHEN 'EUR' THEN 1.08 ELSE 1 END)::bigint, payment_id
  FROM gifts, pick WHERE earmark = 'PROJECT'`);
await step('analyze', 'ANALYZE');
const { rows: [counts] } = await client.query<{ n: string }>(`
  SELECT ((SELECT count(*) FROM pledges) + (SELECT count(*) FROM pledge_instalments) + (SELECT count(*) FROM payments)
        + (SELECT count(*) FROM allocations) + (SELECT count(*) FROM reversals) + (SELECT count(*) FROM regular_budget_entries))::text AS n`);
console.log(`ledger rows: ${counts!.n} (generated in ${Math.round(performance.now() - started)} ms)`);
await client.end();

for (let run = 1; run <= 3; run += 1) {
  const t = performance.now();
  const result = await refreshFundingSummaries({ db });
  console.log(`full summaries recompute #${run}: ${Math.round(performance.now() - t)} ms (${result.rows} project-years)`);
}
await db.$disconnect();
console.log(`DATABASE_URL=${url}`);
await cluster?.stop();
