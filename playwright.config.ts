// End-to-end tests against the built app (`npm run build` first), served by server.ts in demo mode
// on its own ports and data directory so a developer's running portal is never touched.
import { defineConfig, devices } from '@playwright/test';

const port = 3100;
const baseURL = `http://127.0.0.1:${port}`;

const browser = {
  ...devices['Desktop Chrome'],
  // Debian's Chromium: Playwright cannot download its own browser on these machines.
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

/** Specs that must have the demo to themselves. */
const WALKS_ALONE = /account-walk\.spec\.ts$/;
/**
 * Specs that only read public pages (no gift, no sign-in, no write): they run beside the walk, so
 * the second worker is not idle while it does (docs/performance.md, "CI run time").
 */
const READS_BESIDE_THE_WALK = /mobile\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    // A failed test keeps its trace: actions, DOM snapshots (the trace viewer renders the page at each
    // step from them), network and console. The screencast frames are left out: recording them cost
    // ~16 % of the test time on the two-core CI machine (docs/performance.md, "CI run time").
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [WALKS_ALONE, READS_BESIDE_THE_WALK],
      use: browser,
    },
    {
      // The account walk compares every public figure before and after an erasure, byte for byte:
      // it runs after the other specs, with none beside it that could pay a gift and move a figure.
      // Run it by itself with `npx playwright test --project alone --no-deps`.
      name: 'alone',
      testMatch: WALKS_ALONE,
      dependencies: ['chromium'],
      use: browser,
    },
    {
      // Reads only, in parallel with each other and the walk; by themselves:
      // `npx playwright test --project reads --no-deps`.
      name: 'reads',
      testMatch: READS_BESIDE_THE_WALK,
      dependencies: ['chromium'],
      fullyParallel: true,
      use: browser,
    },
  ],
  webServer: {
    // server.ts on a demo database seeded afresh (today) for every run; ready when its database answers
    command: 'npx tsx tests/e2e/demo-server.ts',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ORIGIN: baseURL,
      PORTAL_MODE: 'demo',
      EMBEDDED_PG_PORT: '54349',
      PORTAL_DATA_DIR: '.data/e2e',
      DEMO_MAIL_PORT: '3125',
      DEMO_STRIPE_PORT: '3126',
      // Every spec gives from 127.0.0.1: room for all of them (the limit itself is unit-tested).
      PLEDGE_RATE_LIMIT: '200',
    },
  },
});
