// Prisma CLI configuration. The CLI does not read .env itself, and env("DATABASE_URL") would
// throw in a fresh checkout, so the URL is read from process.env with a harmless fallback:
// `prisma generate` needs no database at all.
import 'dotenv/config';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/portal' },
});
