// A normalised description of a database's schema from PostgreSQL's catalogues: enough to tell
// whether two databases have the same tables, columns, types, defaults, keys, indexes and enums.
import pg from 'pg';

export async function describeSchema(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const queries = [
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
      `SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
              || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> '_prisma_migrations'`,
      `SELECT 'constraint ' || c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
          AND con.contype <> 'c'`, // CHECK constraints: Prisma cannot describe them; migrations only (decision 017)
      // Indexes Prisma's schema cannot state (expression, trigram) end in "_xidx" and live in migrations only (decision 031).
      `SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
         AND indexname NOT LIKE '%\\_xidx'`,
    ];
    const lines: string[] = [];
    for (const sql of queries) {
      const { rows } = await client.query<Record<string, string>>(sql);
      for (const row of rows) lines.push(String(Object.values(row)[0]));
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}
