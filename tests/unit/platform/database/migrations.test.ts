import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { applyMigrations, readMigrations } from '~/platform/database/migrations.server.ts';
import { createSchemaEngine, schemaDatamodel } from '../../../../scripts/schema-engine.ts';
import { describeSchema } from '../../../setup/catalog.ts';
import { createScratchDatabase } from '../../../setup/scratch-database.ts';

async function countApplied(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ migration_name: string; n: string }>(
    'SELECT migration_name, count(*) AS n FROM "_prisma_migrations" GROUP BY migration_name',
  );
  await client.end();
  return Object.fromEntries(rows.map((row) => [row.migration_name, Number(row.n)]));
}

describe('migrations', () => {
  it('produce exactly the schema that schema.prisma describes', async () => {
    const migrated = await createScratchDatabase();
    await applyMigrations(migrated);

    // Prisma's own engine writes the SQL for schema.prisma from nothing; both databases must match.
    const fromSchema = await createScratchDatabase();
    const engine = await createSchemaEngine(fromSchema);
    const diff = await engine.diff({
      from: { tag: 'empty' },
      to: schemaDatamodel(),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(diff.stdout ?? '');
    await client.end();

    const expected = await describeSchema(fromSchema);
    expect(expected.length).toBeGreaterThan(100);
    expect(await describeSchema(migrated)).toEqual(expected);
  });

  it('apply each migration once when several processes start together', async () => {
    const url = await createScratchDatabase();
    const results = await Promise.all(Array.from({ length: 5 }, () => applyMigrations(url)));
    const names = readMigrations().map((migration) => migration.name);
    expect(results.flat().sort()).toEqual(names.sort());
    expect(await countApplied(url)).toEqual(Object.fromEntries(names.map((name) => [name, 1])));
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('refuse a migration that was edited after it was applied', async () => {
    const url = await createScratchDatabase();
    const migrations = readMigrations();
    await applyMigrations(url, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
    await expect(applyMigrations(url, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('roll back a failing migration and record nothing for it', async () => {
    const url = await createScratchDatabase();
    const broken = [
      ...readMigrations(),
      { name: '99999999999999_broken', sql: 'CREATE TABLE ok_part (id int); SELECT nonsense_fn();', checksum: 'x' },
    ];
    await expect(applyMigrations(url, broken)).rejects.toThrow(/99999999999999_broken failed/);
    const applied = await countApplied(url);
    expect(applied['99999999999999_broken']).toBeUndefined();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'ok_part'");
    await client.end();
    expect(rowCount).toBe(0);
  });
});

describe('append-only money facts', () => {
  it('the database refuses to update or delete a payment', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const {
        rows: [donor],
      } = await client.query<{ id: string }>("INSERT INTO donors (type, \"displayName\") VALUES ('INDIVIDUAL', 'Test donor') RETURNING id");
      const {
        rows: [payment],
      } = await client.query<{ id: string }>(
        `INSERT INTO payments ("donorId", method, provider, currency, "amountMinor", "usdRate", "usdMinor", "earmarkType", "receivedAt")
         VALUES ($1, 'CARD', 'STRIPE', 'USD', 5000, 1, 5000, 'GENERAL_PURPOSE', now()) RETURNING id`,
        [donor!.id],
      );
      await expect(client.query('UPDATE payments SET "amountMinor" = 1 WHERE id = $1', [payment!.id])).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM payments WHERE id = $1', [payment!.id])).rejects.toThrow(/append-only/);
      const { rows } = await client.query('SELECT "amountMinor" FROM payments WHERE id = $1', [payment!.id]);
      expect(rows[0].amountMinor).toBe('5000');
      await refreshFundingSummaries({ donorIds: [donor!.id] }); // a writer of money facts keeps the summaries in step
    } finally {
      await client.end();
    }
  });
});
