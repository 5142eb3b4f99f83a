// The large ledger the speed benchmarks share (bench:seed-large, bench:staff-pages): in the empty
// database at `url`, the schema, the demo seed, then the mix described in bench/seed-large.ts —
// ~1,000,000 ledger rows. Returns the ledger row count; the summaries are not rebuilt here.
import pg from 'pg';
import { Logger, runMigrations } from 'graphile-worker';
import { applyMigrations } from '../app/platform/database/migrations.server.ts';
import type { PrismaClient } from '../app/generated/prisma/client.ts';
import { seedDemoData } from '../prisma/seed.ts';

const EXTRA_PROJECTS = 182;

export async function seedLargeLedger({
  url,
  db,
  pledges: PLEDGES = 200_000,
  donors: DONORS = 50_000,
  log = console.log,
}: {
  url: string;
  db: PrismaClient;
  pledges?: number;
  /** Synthetic donors the pledges are spread over (bench:segment-count asks for 100,000) */
  donors?: number;
  log?: (line: string) => void;
}): Promise<number> {
  await applyMigrations(url);
  await runMigrations({ connectionString: url, logger: new Logger(() => () => undefined) });
  await seedDemoData({ db });

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    const result = await client.query(sql);
    log(`${label}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
  };

  // USD and EUR amounts (exponent 2, like most currencies): usdMinor = round(amount × rate), half
  // away from zero, as toUsdMinor computes it.
  const usd = (amount: string, rate: string) => `round(${amount} * ${rate})::bigint`;

  const started = performance.now();
  await step(
    'projects',
    `
    INSERT INTO projects (code, "programmeId", title, description, "countryCode", "regionCode", "sectorCode", status, "startDate", "endDate")
    SELECT 'BENCH' || lpad(g::text, 4, '0'), (SELECT id FROM programmes ORDER BY "sortOrder" OFFSET g % 4 LIMIT 1),
           jsonb_build_object('en', 'Benchmark project ' || g), jsonb_build_object('en', 'Synthetic project for benchmarks'),
           (ARRAY['KE','NG','MX','CO','VN','PK','UA','PE'])[1 + g % 8], (ARRAY['002','019','142','150'])[1 + g % 4],
           (ARRAY['15130','15210','15113'])[1 + g % 3], 'IMPLEMENTATION', DATE '2020-01-01', DATE '2030-12-31'
    FROM generate_series(1, ${EXTRA_PROJECTS}) g`,
  );
  await step(
    'requirements',
    `
    INSERT INTO project_requirements ("projectId", year, "usdMinor")
    SELECT p.id, y, (500000 + (abs(hashtext(p.code || y)) % 4000000)) * 100
    FROM projects p CROSS JOIN generate_series(EXTRACT(YEAR FROM now())::int - 6, EXTRACT(YEAR FROM now())::int + 3) y
    WHERE p.code LIKE 'BENCH%'`,
  );
  await step(
    'donors',
    `
    INSERT INTO donors (type, email, "displayName", "countryCode", "isAnonymous")
    SELECT (ARRAY['INDIVIDUAL','INDIVIDUAL','INDIVIDUAL','COMPANY','FOUNDATION']::"DonorType"[])[1 + g % 5],
           'bench' || g || '@example.org', 'Benchmark donor ' || g, 'CH', g % 10 = 0
    FROM generate_series(1, ${DONORS}) g`,
  );
  await step(
    'lookup arrays',
    `
    CREATE TEMP TABLE pick AS
    SELECT (SELECT array_agg(id ORDER BY email) FROM donors WHERE email LIKE 'bench%') AS donors,
           (SELECT array_agg(id ORDER BY code) FROM projects) AS projects,
           (SELECT array_agg(id ORDER BY "sortOrder") FROM programmes) AS programmes`,
  );
  await step(
    'projects by programme',
    `
    CREATE TEMP TABLE programme_projects AS
    SELECT "programmeId" AS programme_id, array_agg(id ORDER BY code) AS projects FROM projects GROUP BY "programmeId"`,
  );
  // One plan row per pledge; instalments and payments are derived from it, so ids line up.
  await step(
    'pledge plan',
    `
    CREATE TEMP TABLE gifts AS
    SELECT g, gen_random_uuid() AS pledge_id, pick.donors[1 + g % ${DONORS}] AS donor_id,
           CASE WHEN g % 100 < 55 THEN 'CARD_ONCE' WHEN g % 100 < 70 THEN 'BANK_ONCE' WHEN g % 100 < 90 THEN 'INSTALMENTS' ELSE 'MONTHLY' END AS kind,
           CASE WHEN (g / 7) % 10 < 7 THEN 'PROJECT' WHEN (g / 7) % 10 = 7 THEN 'PROGRAMME' ELSE 'GENERAL_PURPOSE' END AS earmark,
           CASE WHEN g % 3 = 0 THEN 'EUR' ELSE 'USD' END AS currency,
           CASE WHEN g % 3 = 0 THEN 1.08 ELSE 1 END AS rate,
           (1000 + abs(hashtext(g::text)) % 500000)::bigint AS amount,
           now() - ((g % 1800) || ' days')::interval - ((g % 86400) || ' seconds')::interval AS at,
           abs(hashtext('p' || g)) % 100 AS luck
    FROM generate_series(1, ${PLEDGES}) g, pick`,
  );
  await step(
    'pledge plan: targets',
    `
    CREATE TEMP TABLE plan AS
    SELECT gifts.*, CASE kind WHEN 'MONTHLY' THEN 'MONTHLY' WHEN 'INSTALMENTS' THEN 'INSTALMENTS' ELSE 'ONCE' END AS frequency,
           CASE WHEN kind IN ('CARD_ONCE', 'MONTHLY') THEN 'CARD' ELSE 'BANK_TRANSFER' END AS method,
           CASE WHEN earmark = 'PROJECT' THEN pick.projects[1 + g % cardinality(pick.projects)] END AS project_id,
           CASE WHEN earmark = 'PROGRAMME' THEN pick.programmes[1 + g % 4]
                WHEN earmark = 'PROJECT' THEN (SELECT "programmeId" FROM projects WHERE id = pick.projects[1 + g % cardinality(pick.projects)]) END AS programme_id
    FROM gifts, pick`,
  );
  await step('index plan', 'CREATE INDEX ON plan (pledge_id); ANALYZE plan');
  await step(
    'pledges',
    `
    INSERT INTO pledges (id, reference, "donorId", frequency, method, currency, "amountMinor", "usdRate", "earmarkType", "programmeId", "projectId",
                         "isAnonymous", "pledgedAt")
    SELECT pledge_id, 'BENCH-' || g, donor_id, frequency::"PledgeFrequency", method::"PaymentMethod", currency, amount, rate,
           earmark::"EarmarkType", programme_id, project_id, g % 33 = 0, at
    FROM plan`,
  );
  await step(
    'instalment plan',
    `
    CREATE TEMP TABLE instalment_plan AS
    SELECT p.*, gen_random_uuid() AS instalment_id, s AS sequence,
           CASE WHEN p.kind = 'INSTALMENTS' THEN (p.at + ((s - 1) || ' years')::interval)::date
                WHEN p.kind = 'BANK_ONCE' THEN (p.at + interval '30 days')::date ELSE p.at::date END AS due_on,
           CASE WHEN p.kind <> 'INSTALMENTS' THEN p.amount WHEN s < 3 THEN p.amount / 3 ELSE p.amount - 2 * (p.amount / 3) END AS due_amount
    FROM plan p CROSS JOIN LATERAL generate_series(1, CASE p.kind WHEN 'INSTALMENTS' THEN 3 WHEN 'MONTHLY' THEN 0 ELSE 1 END) s`,
  );
  await step(
    'instalments',
    `
    INSERT INTO pledge_instalments (id, "pledgeId", sequence, "dueOn", "amountMinor")
    SELECT instalment_id, pledge_id, sequence, due_on, due_amount FROM instalment_plan`,
  );
  // Paid: card gifts at once unless abandoned; bank instalments a few days after they fall due
  // (most, not all: 1 in 10 is overdue, 1 in 12 paid half). Monthly gifts: five months, none ahead.
  await step(
    'payment plan',
    `
    CREATE TEMP TABLE payment_plan AS
    SELECT i.g, i.pledge_id, i.instalment_id, i.donor_id, i.kind, i.method, i.earmark, i.programme_id, i.project_id, i.currency, i.rate,
           CASE WHEN i.kind <> 'CARD_ONCE' AND (i.luck + i.sequence) % 12 = 0 THEN i.due_amount / 2 ELSE i.due_amount END AS amount,
           CASE WHEN i.kind = 'CARD_ONCE' THEN i.at ELSE i.due_on + ((i.g % 20) || ' days')::interval + interval '9 hours' END AS received_at
    FROM instalment_plan i
    WHERE (i.kind = 'CARD_ONCE' AND i.luck >= 5)
       OR (i.kind <> 'CARD_ONCE' AND (i.luck + i.sequence * 7) % 10 <> 0 AND i.due_on + ((i.g % 20) || ' days')::interval < now())
    UNION ALL
    SELECT p.g, p.pledge_id, NULL, p.donor_id, p.kind, p.method, p.earmark, p.programme_id, p.project_id, p.currency, p.rate, p.amount,
           p.at + (m || ' months')::interval
    FROM plan p CROSS JOIN generate_series(0, 4) m
    WHERE p.kind = 'MONTHLY' AND p.at + (m || ' months')::interval < now()`,
  );
  await step(
    'payment ids',
    `
    ALTER TABLE payment_plan ADD COLUMN payment_id uuid DEFAULT gen_random_uuid(), ADD COLUMN n serial; ANALYZE payment_plan`,
  );
  await step(
    'payments',
    `
    INSERT INTO payments (id, "donorId", "pledgeId", "instalmentId", method, provider, "providerPaymentId", currency, "amountMinor",
                          "usdRate", "usdMinor", "earmarkType", "programmeId", "projectId", "receivedAt")
    SELECT payment_id, donor_id, pledge_id, instalment_id, method::"PaymentMethod", CASE method WHEN 'CARD' THEN 'STRIPE' ELSE 'BANK' END::"PaymentProvider",
           'bench_' || n, currency, amount, rate, ${usd('amount', 'rate')}, earmark::"EarmarkType",
           CASE WHEN earmark = 'PROGRAMME' THEN programme_id END, project_id, received_at
    FROM payment_plan`,
  );
  // Project money is allocated to its project; programme money (4 in 5) to a project of its
  // programme; general-purpose money (7 in 10) by staff to any project. The rest waits in its pool.
  await step(
    'allocations',
    `
    INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId")
    SELECT CASE earmark WHEN 'PROJECT' THEN project_id
                        WHEN 'PROGRAMME' THEN pp.projects[1 + n % cardinality(pp.projects)]
                        ELSE pick.projects[1 + (n * 7) % cardinality(pick.projects)] END,
           EXTRACT(YEAR FROM received_at)::int,
           CASE WHEN earmark = 'GENERAL_PURPOSE' THEN 'GENERAL_PURPOSE' ELSE 'EARMARKED' END::"FundingSource",
           ${usd('amount', 'rate')}, payment_id
    FROM payment_plan
    CROSS JOIN pick
    LEFT JOIN programme_projects pp ON pp.programme_id = payment_plan.programme_id
    WHERE earmark = 'PROJECT' OR (earmark = 'PROGRAMME' AND n % 5 <> 0) OR (earmark = 'GENERAL_PURPOSE' AND n % 10 < 7)`,
  );
  await step(
    'refunds',
    `
    CREATE TEMP TABLE refunded AS
    SELECT p.id AS payment_id, gen_random_uuid() AS reversal_id, p."amountMinor", p."usdMinor", p."receivedAt"
    FROM payments p WHERE p."providerPaymentId" LIKE 'bench_%' AND p.method = 'CARD' AND abs(hashtext(p.id::text)) % 100 = 0;
    INSERT INTO reversals (id, "paymentId", kind, "providerReversalId", "amountMinor", "usdMinor", reason, "createdAt")
    SELECT reversal_id, payment_id, 'REFUND', 're_' || reversal_id, "amountMinor", "usdMinor", 'benchmark refund', "receivedAt" + interval '3 days'
    FROM refunded`,
  );
  await step(
    'reversing allocations',
    `
    INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId", "reversalId")
    SELECT a."projectId", a.year, a.source, -a."usdMinor", a."paymentId", r.reversal_id
    FROM refunded r JOIN allocations a ON a."paymentId" = r.payment_id`,
  );
  await step(
    'cancellations and write-offs',
    `
    INSERT INTO pledge_events ("pledgeId", kind, reason, "createdAt")
    SELECT pledge_id, CASE WHEN luck % 3 = 0 THEN 'WRITTEN_OFF' ELSE 'CANCELLED' END::"PledgeEventKind", 'benchmark', at + interval '60 days'
    FROM plan WHERE kind IN ('BANK_ONCE', 'INSTALMENTS') AND luck >= 97 AND at + interval '60 days' < now()`,
  );
  await step('analyze', 'ANALYZE');
  const {
    rows: [counts],
  } = await client.query<{ n: string }>(`
    SELECT ((SELECT count(*) FROM pledges) + (SELECT count(*) FROM pledge_instalments) + (SELECT count(*) FROM payments)
          + (SELECT count(*) FROM allocations) + (SELECT count(*) FROM reversals) + (SELECT count(*) FROM regular_budget_entries)
          + (SELECT count(*) FROM pledge_events))::text AS n`);
  log(`ledger rows: ${counts!.n} (generated in ${Math.round(performance.now() - started)} ms)`);
  await client.end();
  return Number(counts!.n);
}
