// npm run bench:staff-pages — time every staff page's loader (issue #12: p95 ≤ 100 ms at 1M ledger
// rows). In a scratch database on BENCH_PG_URL's server (default postgres://postgres@127.0.0.1:5432),
// dropped at the end: the large ledger of bench:seed-large (bench/large-ledger.ts, ~1,000,000 ledger
// rows), the summaries rebuilt, then what a busy finance office adds — a bank account whose
// statements brought every bank-transfer payment (matched) plus credits still open, a processing
// fee for every card payment, a foundation with 500 monthly gifts, a Stripe inbox with retried and
// given-up events, FX rates, 20 staff and 200,000 audit entries.
// Each page is its Remix loader called with a signed-in admin's request (admins see every card and
// every page), so the figure includes the session check and the translation, as a browser's
// request pays for them (not the HTML rendering nor the network).
// BENCH_KEEP=1 keeps the database (its name is printed); BENCH_REUSE=<name> times the pages of a
// kept one without seeding again (to try an index); BENCH_ONLY=<regular expression> times only the pages whose
// name holds it. A page still running after BENCH_PAGE_SECONDS (default 60) stops there: its
// line says over how many runs. BENCH_PLEDGES as for bench:seed-large.
// Prints min / p50 / p95 per page over BENCH_RUNS runs (default 30; min is the cost without the
// other work sharing the machine), the SQL statements per page, and the machine's load average.
import { loadavg } from 'node:os';
import type { LoaderFunctionArgs } from '@remix-run/node';
import pg from 'pg';
import { createPrismaClient } from '../app/platform/db.server.ts';
import { refreshFundingSummaries } from '../app/ledger/summaries/summary-commands.server.ts';
import { seedLargeLedger } from './large-ledger.ts';
import { onDatabaseServer } from './lib.ts';

const server = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const runs = Number(process.env.BENCH_RUNS ?? 30);
const pageSeconds = Number(process.env.BENCH_PAGE_SECONDS ?? 60);
const reuse = process.env.BENCH_REUSE;
const keep = Boolean(process.env.BENCH_KEEP) || Boolean(reuse);
const database = reuse ?? `bench_staff_pages_${process.pid}`;
if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`BENCH_REUSE=${database}: not a benchmark database name`);
const ORIGIN = 'http://localhost:3000';

// Prisma's pg adapter sends every statement through Pool#query: count them there.
let statements = 0;
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  statements += 1;
  return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof poolQuery;

const onServer = (sql: string) => onDatabaseServer(server, sql);

/** What finance and the admins add to the ledger: see the header. Plain SQL, like bench/large-ledger.ts. */
async function seedStaffData(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedStaffRows(client);
  } finally {
    await client.end();
  }
}

async function seedStaffRows(client: pg.Client) {
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    const result = await client.query(sql);
    console.log(`${label}: ${result.rowCount ?? 0} rows in ${Math.round(performance.now() - started)} ms`);
  };
  await step(
    'staff',
    `INSERT INTO staff_users (email, name, roles)
     SELECT 'staff' || g || '@example.org', 'Staff ' || g, ARRAY[(ARRAY['FINANCE','PROGRAMME_OFFICER','RESOURCE_MOBILIZATION','ADMIN'])[1 + g % 4]]::"StaffRole"[]
     FROM generate_series(1, 20) g`,
  );
  // A foundation giving every week for ten years: the donor record page's heavy case.
  await step(
    'major donor',
    `INSERT INTO donors (type, email, "displayName", "organisationName", "countryCode")
     VALUES ('FOUNDATION', 'grants@major-foundation.example.org', 'Major Foundation', 'Major Foundation', 'CH')`,
  );
  await step(
    'major donor pledge',
    `INSERT INTO pledges (reference, "donorId", frequency, method, currency, "amountMinor", "usdRate", "earmarkType", "projectId", "pledgedAt")
     SELECT 'BENCH-MAJOR', d.id, 'MONTHLY', 'CARD', 'USD', 250000, 1, 'PROJECT', (SELECT id FROM projects WHERE code = 'BENCH0001'), now() - interval '3500 days'
     FROM donors d WHERE d.email = 'grants@major-foundation.example.org'`,
  );
  await step(
    'major donor payments',
    `INSERT INTO payments ("donorId", "pledgeId", method, provider, "providerPaymentId", currency, "amountMinor", "usdRate", "usdMinor",
                           "earmarkType", "projectId", "receivedAt")
     SELECT pl."donorId", pl.id, 'CARD', 'STRIPE', 'bench_major_' || g, 'USD', 250000, 1, 250000, 'PROJECT', pl."projectId",
            now() - (g * interval '7 days')
     FROM pledges pl CROSS JOIN generate_series(1, 500) g WHERE pl.reference = 'BENCH-MAJOR'`,
  );
  await step(
    'major donor allocations',
    `INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId")
     SELECT p."projectId", EXTRACT(YEAR FROM p."receivedAt")::int, 'EARMARKED', p."usdMinor", p.id
     FROM payments p WHERE p."providerPaymentId" LIKE 'bench_major_%'`,
  );
  await step(
    'major donor emails',
    `INSERT INTO email_outbox ("idempotencyKey", template, "toAddress", locale, props, status, "donorId", "createdAt", "sentAt")
     SELECT 'bench-major-' || p.id, 'receipt', 'grants@major-foundation.example.org', 'en', '{}', 'SENT', p."donorId", p."receivedAt", p."receivedAt"
     FROM payments p WHERE p."providerPaymentId" LIKE 'bench_major_%'`,
  );
  // Stripe settles card payments in USD, keeping 2.9 % + 30 cents.
  await step(
    'processing fees',
    `INSERT INTO payment_fees ("paymentId", "providerTransactionId", currency, "grossMinor", "feeMinor", "netMinor", "exchangeRate", "feeDetails", "recordedAt")
     SELECT p.id, 'txn_' || p.id, 'USD', p."usdMinor", round(p."usdMinor" * 0.029)::bigint + 30, p."usdMinor" - (round(p."usdMinor" * 0.029)::bigint + 30),
            CASE WHEN p.currency <> 'USD' THEN p."usdRate" END, '[]', p."receivedAt"
     FROM payments p WHERE p.provider = 'STRIPE' AND NOT EXISTS (SELECT 1 FROM payment_fees f WHERE f."paymentId" = p.id)`,
  );
  // Every bank-transfer payment came in on a weekly statement and was matched; 400 recent credits
  // are still open (no match), 100 are overpaid (part matched).
  await step(
    'bank account',
    `INSERT INTO bank_accounts (iban, currency, name) VALUES ('CH9300762011623852957', 'USD', 'Programme account')`,
  );
  await step(
    'bank statements',
    `INSERT INTO bank_statements ("accountId", "fileSha256", "statementRef", format, "fromDate", "toDate")
     SELECT a.id, md5('week' || w), 'STMT-' || w, 'camt.053.001.08', current_date - (w * 7 + 6), current_date - w * 7
     FROM bank_accounts a CROSS JOIN generate_series(0, 300) w`,
  );
  await step(
    'bank entries (matched)',
    `INSERT INTO bank_entries (identity, "accountId", "statementId", "bookingDate", currency, "amountMinor", "grossMinor", "accountServicerRef",
                               remittance, "structuredRef", "debtorName")
     SELECT md5(p.id::text), a.id, s.id, p."receivedAt"::date, p.currency, p."amountMinor", p."amountMinor", 'ASR-' || p.id,
            pl.reference, pl.reference, d."displayName"
     FROM payments p JOIN pledges pl ON pl.id = p."pledgeId" JOIN donors d ON d.id = p."donorId" CROSS JOIN bank_accounts a
     JOIN bank_statements s ON s."statementRef" = 'STMT-' || least(300, (current_date - p."receivedAt"::date) / 7)
     WHERE p.provider = 'BANK' AND NOT EXISTS (SELECT 1 FROM bank_matches m WHERE m."paymentId" = p.id)`,
  );
  await step(
    'bank matches',
    `INSERT INTO bank_matches ("entryId", kind, "amountMinor", "paymentId", "instalmentId", "isAutomatic", "createdAt")
     SELECT e.id, 'PAYMENT', p."amountMinor", p.id, p."instalmentId", true, e."createdAt"
     FROM bank_entries e JOIN payments p ON md5(p.id::text) = e.identity`,
  );
  await step(
    'bank entries (open)',
    `INSERT INTO bank_entries (identity, "accountId", "statementId", "bookingDate", currency, "amountMinor", "grossMinor", remittance, "debtorName")
     SELECT md5('open' || g), a.id, s.id, current_date - (g % 60), 'USD', 10000 + g * 137, 10000 + g * 137, 'Contribution ' || g, 'Unknown remitter ' || g
     FROM generate_series(1, 400) g CROSS JOIN bank_accounts a JOIN bank_statements s ON s."statementRef" = 'STMT-' || (g % 60) / 7`,
  );
  await step(
    'bank entries (overpaid)',
    `WITH over AS (
       INSERT INTO bank_entries (identity, "accountId", "statementId", "bookingDate", currency, "amountMinor", "grossMinor", remittance, "debtorName")
       SELECT md5('over' || g), a.id, s.id, current_date - (g % 90), 'USD', 50000 + g * 100, 50000 + g * 100, 'Overpaid ' || g, 'Remitter ' || g
       FROM generate_series(1, 100) g CROSS JOIN bank_accounts a JOIN bank_statements s ON s."statementRef" = 'STMT-' || (g % 90) / 7
       RETURNING id, "amountMinor")
     INSERT INTO bank_matches ("entryId", kind, "amountMinor", "isAutomatic", reason)
     SELECT id, 'NOT_CONTRIBUTION', "amountMinor" / 2, false, 'benchmark' FROM over`,
  );
  // The inbox drains as events apply: what stays is being retried or was given up (12 tries).
  await step(
    'stripe inbox',
    `INSERT INTO stripe_event_inbox (id, type, shard, payload, "receivedAt", attempts, "availableAt", "lastError")
     SELECT 'evt_bench_' || g, 'payment_intent.succeeded', g % 8, '{"id":"evt_bench_' || g || '"}', now() - (g * interval '1 hour'),
            CASE WHEN g <= 40 THEN 12 WHEN g <= 100 THEN 1 + g % 5 ELSE 0 END,
            CASE WHEN g <= 40 THEN 'infinity'::timestamptz ELSE now() + (g * interval '1 minute') END,
            CASE WHEN g <= 100 THEN 'benchmark failure' END
     FROM generate_series(1, 300) g`,
  );
  await step(
    'fx rates',
    `INSERT INTO fx_rates (currency, month, "usdRate")
     SELECT c, date_trunc('month', current_date - (m || ' months')::interval)::date, 1 + m / 1000.0
     FROM unnest(ARRAY['EUR','GBP','CHF','JPY','SEK','NOK','CAD','AUD']) c CROSS JOIN generate_series(1, 60) m
     ON CONFLICT DO NOTHING`,
  );
  await step(
    'audit log',
    `INSERT INTO audit_log ("actorId", "actorKind", action, "entityType", "entityId", before, after, at)
     SELECT CASE WHEN g % 4 = 0 THEN NULL ELSE (SELECT id FROM staff_users ORDER BY email OFFSET (g % 20) LIMIT 1) END,
            CASE WHEN g % 4 = 0 THEN 'system' ELSE 'staff' END,
            (ARRAY['auth.sign_in','bank.matched','pledge.created','allocation.created'])[1 + g % 4],
            (ARRAY['StaffUser','Pledge','BankEntry'])[1 + g % 3], 'obj-' || (g % 50000),
            jsonb_build_object('status', 'open'), jsonb_build_object('status', 'matched'),
            now() - (g * interval '2 minutes')
     FROM generate_series(1, 200000) g`,
  );
  await step('analyze', 'ANALYZE');
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

if (!reuse) await onServer(`CREATE DATABASE "${database}"`);
try {
  const url = `${server}/${database}`;
  if (!reuse) {
    const seedDb = createPrismaClient(url);
    try {
      const seeded = performance.now();
      await seedLargeLedger({ url, db: seedDb, pledges: Number(process.env.BENCH_PLEDGES ?? 200_000) });
      await seedStaffData(url);
      const summaries = await refreshFundingSummaries({ db: seedDb });
      // What autovacuum does in service: statistics for the tables just filled, and the trigram
      // indexes' pending lists merged (a bulk load leaves them long: every name search then read
      // the whole list, 10-20 ms a word instead of well under one).
      await seedDb.$executeRawUnsafe('VACUUM ANALYZE');
      console.log(`summaries: ${summaries.rows} project-years; seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
    } finally {
      await seedDb.$disconnect();
    }
  }

  process.env.DATABASE_URL = url;
  const { getPrisma } = await import('../app/platform/db.server.ts');
  const { createStaff } = await import('../app/staff/staff-user-commands.server.ts');
  const { createSession } = await import('../app/staff/session-commands.server.ts');
  const { serializeSessionCookie } = await import('../app/staff/session-cookie.server.ts');
  const db = getPrisma();
  const [counts] = await db.$queryRaw<{ n: bigint }[]>`SELECT ((SELECT count(*) FROM payments) + (SELECT count(*) FROM allocations)
    + (SELECT count(*) FROM pledges) + (SELECT count(*) FROM pledge_instalments) + (SELECT count(*) FROM reversals)
    + (SELECT count(*) FROM pledge_events) + (SELECT count(*) FROM regular_budget_entries))::bigint AS n`;

  const admin =
    (await db.staffUser.findUnique({ where: { email: 'bench-admin@example.org' } })) ??
    (await createStaff({ email: 'bench-admin@example.org', name: 'Bench Admin', roles: ['ADMIN'] }));
  const { secret } = await createSession({ staffUserId: admin.id });
  const cookie = ((await serializeSessionCookie(new Request(`${ORIGIN}/`), secret)) ?? '').split(';')[0] ?? '';
  const request = (path: string) => new Request(`${ORIGIN}${path}`, { headers: { cookie, accept: 'text/html', 'accept-language': 'en' } });

  const major = await db.donor.findUniqueOrThrow({ where: { email: 'grants@major-foundation.example.org' }, select: { id: true } });
  const programme = await db.programme.findFirstOrThrow({ orderBy: { sortOrder: 'asc' }, select: { slug: true } });
  const failedEvent = 'evt_bench_1';
  const route = async (file: string) => ((await import(`../app/routes/${file}`)) as { loader: Loader }).loader;
  const pages: [string, string, Loader, Record<string, string>?][] = [
    ['staff home (admin: all cards)', '/staff', await route('staff._index.tsx')],
    ['staff users', '/staff/users', await route('staff.users.tsx')],
    ['audit (newest)', '/staff/audit', await route('staff.audit.tsx')],
    ['audit (by object)', '/staff/audit?entityType=Pledge&entityId=obj-4242', await route('staff.audit.tsx')],
    ['donors: by name', '/staff/donors?q=Benchmark%20donor%204242', await route('staff.donors._index.tsx')],
    ['donors: by email', '/staff/donors?q=bench4242%40example.org', await route('staff.donors._index.tsx')],
    ['donors: by organisation', '/staff/donors?q=Major%20Foundation', await route('staff.donors._index.tsx')],
    ['donors: by pledge reference', '/staff/donors?q=BENCH-4242', await route('staff.donors._index.tsx')],
    ['donors: by payment id', '/staff/donors?q=bench_4242', await route('staff.donors._index.tsx')],
    ['donor record (500 payments)', `/staff/donors/${major.id}`, await route('staff.donors.$id.tsx'), { id: major.id }],
    ['bank review', '/staff/finance/bank', await route('staff.finance.bank.tsx')],
    ['allocation (pools, gaps)', '/staff/finance/allocations', await route('staff.finance.allocations.tsx')],
    ['fx rates', '/staff/finance/fx-rates', await route('staff.finance.fx-rates.tsx')],
    ['payments and fees', '/staff/finance/payments', await route('staff.finance.payments.tsx')],
    ['overdue instalments', '/staff/finance/instalments', await route('staff.finance.instalments.tsx')],
    ['institutional pledges (list)', '/staff/finance/pledges', await route('staff.finance.pledges._index.tsx')],
    ['new institutional pledge (form)', '/staff/finance/pledges/new', await route('staff.finance.pledges.new.tsx')],
    ['exports (form)', '/staff/finance/exports', await route('staff.finance.exports.tsx')],
    ['stripe events (failed)', '/staff/finance/stripe-events', await route('staff.finance.stripe-events._index.tsx')],
    [
      'stripe event',
      `/staff/finance/stripe-events/${failedEvent}`,
      await route('staff.finance.stripe-events.$id.tsx'),
      { id: failedEvent },
    ],
    ['programmes (editor list)', '/staff/programmes', await route('staff.programmes._index.tsx')],
    ['programme (editor)', `/staff/programmes/${programme.slug}`, await route('staff.programmes.$slug.tsx'), { slug: programme.slug }],
    ['project (editor)', '/staff/projects/BENCH0001', await route('staff.projects.$code/route.tsx'), { code: 'BENCH0001' }],
    ['new project (form)', '/staff/projects/new', await route('staff.projects.new.tsx')],
  ];

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
  console.log(`\nledger rows: ${counts!.n}; ${runs} runs per page; load average at start: ${load()}`);
  console.log("Each figure is the page's Remix loader with a signed-in admin's request; target p95 ≤ 100 ms.");
  const over: string[] = [];
  const only = process.env.BENCH_ONLY;
  for (const [name, path, loader, params = {}] of pages.filter(([name]) => !only || new RegExp(only).test(name))) {
    const warmUpEnd = performance.now() + pageSeconds * 1000;
    const call = () => loader({ request: request(path), params, context: { cspNonce: 'bench', clientIp: '127.0.0.1' } });
    for (let run = 0; run < 3 && performance.now() < warmUpEnd; run += 1) await call(); // warm-up: connections, plans, compiled code
    const times: number[] = [];
    statements = 0;
    const deadline = performance.now() + pageSeconds * 1000;
    for (let run = 0; run < runs && performance.now() < deadline; run += 1) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    if (p95 > 100) over.push(name);
    console.log(
      `${name.padEnd(32)} min ${times[0]!.toFixed(1).padStart(6)} ms  p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms` +
        `  p95 ${p95.toFixed(1).padStart(6)} ms  ${(statements / times.length).toFixed(0).padStart(3)} statements` +
        `${times.length < runs ? ` (${times.length} runs: ${pageSeconds} s budget)` : ''}  ${path}`,
    );
  }
  console.log(`load average at end: ${load()}`);
  console.log(over.length ? `over 100 ms at p95: ${over.join('; ')}` : 'every page: p95 ≤ 100 ms');
  await db.$disconnect();
} finally {
  if (keep) console.log(`kept: BENCH_REUSE=${database} (drop it with DROP DATABASE ${database})`);
  else await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
