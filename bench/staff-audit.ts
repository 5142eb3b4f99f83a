// npm run bench:staff-audit — time the audit page's data (filters, keyset paging) and the staff
// home's cards on an audit log of BENCH_AUDIT_ROWS entries (default 1,000,000), in a scratch
// database on BENCH_PG_URL's server (default postgres://postgres@127.0.0.1:5432), dropped at
// the end. Prints min/p50/p95 per query over BENCH_RUNS runs and the plan's index for each.
import pg from 'pg';
import { applyMigrations } from '../app/platform/database/migrations.server.ts';
import { onDatabaseServer } from './lib.ts';

const server = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const rows = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const database = `bench_staff_audit_${process.pid}`;

const onServer = (sql: string) => onDatabaseServer(server, sql);

await onServer(`CREATE DATABASE "${database}"`);
try {
  const url = `${server}/${database}`;
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // 20 staff; entries spread over two years, a few actions and objects, as a busy portal writes them.
  await client.query(
    `INSERT INTO staff_users (email, name, roles) SELECT 'staff' || g || '@example.org', 'Staff ' || g, '{FINANCE}' FROM generate_series(1, 20) g`,
  );
  const started = Date.now();
  await client.query(
    `INSERT INTO audit_log ("actorId", "actorKind", action, "entityType", "entityId", before, after, at)
     SELECT CASE WHEN g % 4 = 0 THEN NULL ELSE (SELECT id FROM staff_users ORDER BY email OFFSET (g % 20) LIMIT 1) END,
            CASE WHEN g % 4 = 0 THEN 'system' ELSE 'staff' END,
            (ARRAY['auth.sign_in','staff.roles_set','pledge.created','auth.access_denied'])[1 + g % 4],
            (ARRAY['StaffUser','Pledge','Page'])[1 + g % 3], 'obj-' || (g % 50000),
            jsonb_build_object('roles', jsonb_build_array('FINANCE')), jsonb_build_object('roles', jsonb_build_array('ADMIN')),
            timestamptz '2025-01-01' + (g * interval '60 seconds')
     FROM generate_series(1, $1::int) g`,
    [rows],
  );
  await client.query('ANALYZE audit_log');
  console.log(`audit_log: ${rows} rows inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await client.end();

  process.env.DATABASE_URL = url;
  const { listAuditEntries } = await import('../app/staff/audit/audit-queries.server.ts');
  const { staffHomeCardProviders } = await import('../app/staff/home/home-card-queries.server.ts');
  const { getPrisma } = await import('../app/platform/db.server.ts');
  const db = getPrisma();
  const cursor = (await db.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' }, skip: rows / 2, select: { id: true } })).id.toString();
  const cases: Record<string, () => Promise<unknown>> = {
    'newest 51': () => listAuditEntries({ filters: {}, limit: 51 }),
    'deep page (cursor at half)': () => listAuditEntries({ filters: { cursor }, limit: 51 }),
    'by actor email': () => listAuditEntries({ filters: { actor: 'staff7@example.org' }, limit: 51 }),
    'by object': () => listAuditEntries({ filters: { entityType: 'Pledge', entityId: 'obj-4242' }, limit: 51 }),
    'by date range (one day)': () => listAuditEntries({ filters: { from: '2025-06-01', to: '2025-06-01' }, limit: 51 }),
    'by action + kind': () => listAuditEntries({ filters: { action: 'staff.roles_set', actorKind: 'staff' }, limit: 51 }),
    'home cards (admin: all)': () => Promise.all(staffHomeCardProviders.map((provider) => provider.count({ now: new Date() }))),
  };
  for (const [name, run] of Object.entries(cases)) {
    await run();
    const times: number[] = [];
    for (let index = 0; index < runs; index++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`${name.padEnd(30)} min ${at(0)} ms  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`);
  }
  await db.$disconnect();
} finally {
  await onServer(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
