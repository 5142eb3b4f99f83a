import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/database.ts'],
    pool: 'forks',
    // Files spend most of their time waiting (on PostgreSQL, on child processes, on the worker), not
    // computing: Vitest's default of one worker fewer than the cores ran one file at a time on the
    // 2-core CI machine. Three at a time cut a run by about a third there (docs/performance.md, "CI run
    // time (2026-12-07)"); `--maxWorkers` overrides it for one run.
    maxWorkers: Math.max(3, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PORTAL_MODE: 'demo', NODE_ENV: 'test' },
  },
});
