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
    // Vitest's default (one worker fewer than the cores) ran one file at a time on the 2-core CI
    // machine, while many files mostly wait (on PostgreSQL, child processes, the worker, outage
    // windows). Three at a time: 16 median files 120 s → 83 s on a loaded machine, 72 s → 65 s on a
    // quieter one (docs/performance.md, "CI run time (2026-12-07)"); `--maxWorkers` overrides it.
    maxWorkers: Math.max(3, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PORTAL_MODE: 'demo', NODE_ENV: 'test' },
  },
});
