// npm run bench:impact-reports — the quarterly impact report fan-out at scale (issue #13 item 4):
// BENCH_DONORS donors (default 100,000) in a fresh database on BENCH_SERVER_URL (dropped at the
// end), each with a gift to one of four projects — nine in ten in the reported quarter, one in
// ten earlier (nothing new) — nine in ten consenting, in six languages and all four frequencies.
// Prints the fan-out's time and rate (impact read, report row and outbox email per donor), a
// rerun's (queues nothing), and the render time per email of a sample of queued reports through
// the outbox's renderer (rendering happens when the outbox sends, not in the fan-out).
import { randomBytes } from 'node:crypto';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { applyMigrations, ensureDatabase } from '../app/platform/database/migrations.server.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const donors = Number(process.env.BENCH_DONORS ?? 100_000);
const sample = Number(process.env.BENCH_RENDER_SAMPLE ?? 1_000);
const name = `portal_bench_impact_${randomBytes(4).toString('hex')}`;
const url = `${serverUrl}/${name}`;
const seconds = (ms: number) => (ms / 1000).toFixed(1);

await ensureDatabase(url);
try {
  await applyMigrations(url);
  await runMigrations({ connectionString: url, logger: new Logger(() => () => undefined) });
  process.env.DATABASE_URL = url;
  process.env.APP_ORIGIN ??= 'https://portal.example.org';
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { refreshFundingSummaries } = await import('../app/ledger/summaries/summary-commands.server.ts');
  const { createImpactReportRun, continueImpactReportRun } = await import('../app/impact/impact-report-run-commands.server.ts');
  const { emailRenderer } = await import('../app/email-templates.server.ts');
  const db = getPrisma();
  const title = { en: 'Bench project', fr: 'Projet', es: 'Proyecto', ru: 'Проект', zh: '项目', ar: 'مشروع' };
  const programme = await db.programme.create({ data: { slug: 'bench', code: 'BENCH', title, mandate: title } });
  for (const code of ['BENCH1', 'BENCH2', 'BENCH3', 'BENCH4']) {
    const project = await db.project.create({
      data: {
        code,
        programmeId: programme.id,
        title,
        description: title,
        countryCode: 'KE',
        regionCode: '014',
        sectorCode: '15130',
        status: 'IMPLEMENTATION',
        startDate: new Date('2025-01-01T00:00:00Z'),
        endDate: new Date('2026-12-31T00:00:00Z'),
      },
    });
    await db.projectRequirement.create({ data: { projectId: project.id, year: 2025, usdMinor: 100_000_000_000n } });
  }
  let started = performance.now();
  await db.$executeRaw`
    INSERT INTO donors (type, "displayName", email, locale, "impactReportFrequency")
    SELECT 'INDIVIDUAL', 'Donor ' || n, 'donor' || n || '@example.org', (ARRAY['en','fr','es','ru','zh','ar'])[1 + n % 6],
           (CASE WHEN n % 20 = 0 THEN 'NONE' WHEN n % 10 = 1 THEN 'ANNUAL' WHEN n % 10 = 2 THEN 'SEMIANNUAL' ELSE 'QUARTERLY' END)::"ImpactReportFrequency"
    FROM generate_series(1, ${donors}) n`;
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source, "recordedAt")
    SELECT id, 'IMPACT_REPORTS', (row_number() OVER (ORDER BY "displayName")) % 10 <> 7, 'Email me impact reports', 'en', 'bench', '2025-01-01'
    FROM donors`;
  // One gift per donor, earmarked to a project and allocated to it at once (as recordPayment does),
  // recorded in November 2025 (nine in ten) or May 2025 (nothing new in Q4).
  await db.$executeRaw`
    WITH d AS (SELECT id, row_number() OVER (ORDER BY "displayName") AS n FROM donors),
         p AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM projects),
         paid AS (
           INSERT INTO payments ("donorId", method, provider, "providerPaymentId", currency, "amountMinor", "usdRate", "usdMinor",
                                 "earmarkType", "projectId", "receivedAt", "createdAt")
           SELECT d.id, 'CARD', 'MANUAL', 'bench-' || d.n, 'USD', 1000 + (d.n * 7919) % 99000, 1, 1000 + (d.n * 7919) % 99000,
                  'PROJECT', p.id, at, at
           FROM d JOIN p ON p.k = d.n % 4
           CROSS JOIN LATERAL (SELECT CASE WHEN d.n % 10 = 5 THEN '2025-05-10'::timestamptz ELSE '2025-11-10'::timestamptz END + d.n * interval '1 second' AS at) t
           RETURNING id, "projectId", "usdMinor", "createdAt")
    INSERT INTO allocations ("projectId", year, source, "usdMinor", "paymentId", "createdAt")
    SELECT "projectId", 2025, 'EARMARKED', "usdMinor", id, "createdAt" FROM paid`;
  await refreshFundingSummaries();
  // A live database has statistics (autovacuum); a bulk-loaded one has none until it is analysed.
  await db.$executeRaw`ANALYZE`;
  console.log(`seeded ${donors} donors with a gift each: ${seconds(performance.now() - started)} s`);

  const run = await createImpactReportRun({ period: '2025-Q4', trigger: 'COMMAND' });
  started = performance.now();
  let lastLine = started;
  const counts = await continueImpactReportRun({
    runId: run.id,
    afterDonor: () => {
      if (performance.now() - lastLine > 15_000) {
        lastLine = performance.now();
        console.log(`  … ${seconds(lastLine - started)} s`);
      }
    },
  });
  const fanOutMs = performance.now() - started;
  console.log(
    `fan-out 2025-Q4: ${counts.donors} donors, ${counts.queued} queued, ${counts.skipped} skipped in ${seconds(fanOutMs)} s ` +
      `(${Math.round(counts.donors / (fanOutMs / 1000))} donors/s, ${(fanOutMs / Math.max(1, counts.queued)).toFixed(2)} ms per queued report)`,
  );
  started = performance.now();
  const again = await continueImpactReportRun({ runId: (await createImpactReportRun({ period: '2025-Q4', trigger: 'COMMAND' })).id });
  console.log(`rerun: ${again.queued} queued, ${again.skipped} skipped in ${seconds(performance.now() - started)} s`);

  const emails = await db.emailOutbox.findMany({ where: { template: 'impact-report' }, take: sample, orderBy: { id: 'asc' } });
  started = performance.now();
  let bytes = 0;
  for (const email of emails)
    bytes += (await emailRenderer.render({ template: email.template, locale: email.locale, props: email.props })).html.length;
  const renderMs = performance.now() - started;
  console.log(
    `render (HTML + text) of ${emails.length} queued reports: ${(renderMs / emails.length).toFixed(2)} ms per email, ` +
      `${Math.round(bytes / emails.length / 1024)} KiB HTML each; ${counts.queued} would take ${seconds((renderMs / emails.length) * counts.queued)} s`,
  );
  await disconnectPrisma();
} finally {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
