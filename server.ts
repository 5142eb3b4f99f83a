// The process entry: validates the environment, starts (or connects to) PostgreSQL, migrates,
// seeds demo data, starts the local fakes in demo mode, the job worker, and the HTTP server;
// stops everything cleanly on SIGINT/SIGTERM. Flags: --dev (Vite dev server with HMR).
import 'dotenv/config';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { EnvError, parseEnv } from './app/platform/env.server.ts';

const bootStarted = performance.now();
const isDev = process.argv.includes('--dev');
// React and Remix read NODE_ENV when the build is loaded: development mode renders several times
// slower and prints dev-only warnings, so anything but --dev runs as production.
process.env.NODE_ENV = isDev ? 'development' : 'production';
const log = (line: string) => console.log(`[portal] ${line}`);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

// WEB_CONCURRENCY > 1: this process prepares everything and forks N web processes, which skip
// straight to HTTP with the environment it made (docs/decisions/024).
const { processRole, superviseWebProcesses, tagWebProcess } = await import('./app/platform/web-processes.server.ts');
const role = processRole(isDev ? 1 : env.WEB_CONCURRENCY); // one Vite dev server, one process

// Demo mode without provider keys: the local fakes stand in for Resend (and Stripe, from the
// giving issue on). They are started here, at the process edge, never imported by app code.
const closers: Array<() => Promise<unknown>> = [];
if (role !== 'web' && env.PORTAL_MODE === 'demo' && !env.RESEND_API_KEY) {
  const { startResendFake } = await import('./tests/fakes/resend.ts');
  // It posts signed delivery events (delivered, bounced, complained) back to the portal.
  const fake = await startResendFake({
    port: env.DEMO_MAIL_PORT,
    webhook: { url: new URL('/webhooks/resend', env.APP_ORIGIN).toString(), secret: env.RESEND_WEBHOOK_SECRET },
  });
  process.env.RESEND_BASE_URL = fake.url;
  process.env.RESEND_API_KEY = 're_demo_local_fake';
  closers.push(() => fake.close());
  log(`demo mail viewer: ${fake.url}/`);
}
if (role !== 'web' && env.PORTAL_MODE === 'demo' && !env.STRIPE_SECRET_KEY) {
  // The Stripe emulator signs its webhooks with a secret made for this run (or the configured one).
  const { randomBytes } = await import('node:crypto');
  const { startStripeEmulator } = await import('./tests/fakes/stripe.ts');
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET ?? `whsec_demo_${randomBytes(24).toString('hex')}`;
  const emulator = await startStripeEmulator({
    port: env.DEMO_STRIPE_PORT,
    webhookUrl: new URL('/webhooks/stripe', env.APP_ORIGIN).toString(),
    webhookSecret,
    latencyMs: env.DEMO_STRIPE_LATENCY_MS,
  });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_demo_local_emulator';
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  closers.push(() => emulator.close());
  log(`demo payments (Stripe emulator, no money moves): ${emulator.url}/`);
}
env = parseEnv(process.env);

const { prepareDatabase, prepareData } = await import('./app/boot.server.ts');
let database: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  database = role === 'web' ? { databaseUrl: env.DATABASE_URL ?? '', appliedMigrations: [] } : await prepareDatabase({ env, log });
} catch (error) {
  fail(`Database start failed: ${(error as Error).message}`);
}
process.env.DATABASE_URL = database.databaseUrl;
if (role !== 'web') await prepareData({ env, log });

const { enablePublicDataCache, stopPublicDataCache } = await import('./app/platform/cache/public-data-cache.server.ts');
enablePublicDataCache();
closers.push(() => stopPublicDataCache());

const { surviveDatabaseConnectionLoss } = await import('./app/platform/database/connection-errors.server.ts');
surviveDatabaseConnectionLoss(log);

// Readiness: is PostgreSQL answering? /readyz and the 503 page follow it; the process lives on.
const { watchDatabaseReadiness } = await import('./app/platform/database/database-readiness.server.ts');
const readiness = watchDatabaseReadiness({ databaseUrl: database.databaseUrl, log });
closers.push(() => readiness.stop());

const { startWorker } = await import('./app/platform/jobs/worker.server.ts');
const { taskList, crontab } = await import('./app/tasks.server.ts');
const runner =
  env.WORKER_MODE === 'inline' && role !== 'web'
    ? await startWorker({
        databaseUrl: database.databaseUrl,
        concurrency: env.WORKER_CONCURRENCY,
        taskList,
        crontab,
        heartbeatIntervalMs: env.JOB_HEARTBEAT_INTERVAL_MS,
        staleAfterMs: env.JOB_LOCK_STALE_AFTER_MS,
      })
    : undefined;

if (role === 'primary') {
  await superviseWebProcesses({
    count: env.WEB_CONCURRENCY,
    log,
    stop: stopServices,
  });
}

const { createNonce, securityHeaders } = await import('./app/platform/security-headers.server.ts');
const { bodyLimitFor, requestSizeLimit } = await import('./app/platform/request-size-limit.server.ts');
const { urlGuard } = await import('./app/platform/url-guard.server.ts');
const { originCheck } = await import('./app/platform/origin-check.server.ts');
const { databaseLostHandler, databaseUnavailableGuard, RETRY_AFTER_SECONDS } =
  await import('./app/platform/database-unavailable.server.ts');
const app = express();
app.disable('x-powered-by');
// Only the configured proxies may name the client (TRUST_PROXY); by default the socket's address counts.
app.set('trust proxy', env.TRUST_PROXY ?? false);

// Huge or malformed URLs are refused before any routing (issue #3, bad input; NUL bytes: #11).
app.use(urlGuard());
app.use((_req, res, next) => {
  res.locals.cspNonce = createNonce();
  next();
});
// Every write says its size and stays under its route's limit, before any body is read.
// (Staff uploads, when they come, get their own larger limit here.)
app.use(requestSizeLimit({ limitFor: bodyLimitFor }));
// CSRF: writes from another origin, or addressed to another host, stop here (before any action).
app.use(originCheck({ appOrigin: env.APP_ORIGIN }));
const formTargets = env.STRIPE_API_BASE ? [new URL(env.STRIPE_API_BASE).origin] : ['https://checkout.stripe.com'];
if (env.PORTAL_MODE === 'demo') formTargets.push(`http://127.0.0.1:${env.DEMO_STRIPE_PORT}`);
app.use(compression());
if (!isDev) {
  // Public, anonymous pages are served from memory until the public data changes (docs/decisions/005).
  // A hit replays the stored headers, so it goes before helmet, the rate limiter and the static
  // files (which would stat the disk for every page request).
  const { publicPageCache } = await import('./app/platform/cache/page-cache.server.ts');
  const { SESSION_COOKIE_NAME } = await import('./app/staff/session-cookie.server.ts');
  const publicPages = /^\/(?:programmes(?:\/[^/]+)?|projects\/[^/]+|donors(?:\/[^/]+)?|funding)?$/;
  app.use(publicPageCache({ isPublicPage: (path) => publicPages.test(path), sessionCookie: SESSION_COOKIE_NAME }));
}

app.use(securityHeaders({ origin: env.APP_ORIGIN, isDev, formTargets }));

// /healthz: the process is alive (restart it if not); /readyz: it can serve (PostgreSQL answers).
app.get('/healthz', (_req, res) => void res.type('text/plain').send('ok'));
app.get('/readyz', (_req, res) => {
  void readiness.check().then((ready) => {
    res.set('Cache-Control', 'no-store').type('text/plain');
    if (ready) res.send('ready');
    else res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).send('database unreachable');
  });
});

let build: ServerBuild | (() => Promise<ServerBuild>);
if (isDev) {
  const vite = await import('vite');
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>;
  closers.push(() => viteServer.close());
} else {
  const clientDir = path.resolve('build/client');
  app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(clientDir, { maxAge: '1h' }));
  try {
    build = (await import(path.resolve('build/server/index.js'))) as ServerBuild;
  } catch {
    fail('The app is not built: run `npm run build` (npm start does it for you).');
  }
}

// While PostgreSQL is unreachable, pages answer 503 with a short translated page.
app.use(databaseUnavailableGuard({ isReady: readiness.isReady }));

// Public forms: a per-IP ceiling on writes, counted in PostgreSQL so it holds across web processes
// (after the guard: it needs the database); webhooks have their own signature check instead.
const { PostgresRateLimitStore } = await import('./app/platform/rate-limit-store.server.ts');
app.use(
  rateLimit({
    store: new PostgresRateLimitStore('writes'),
    windowMs: 60_000,
    limit: env.WRITE_RATE_LIMIT,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method === 'GET' || req.method === 'HEAD' || req.path.startsWith('/webhooks/'),
  }),
);
app.all(
  '*',
  createRequestHandler({
    build,
    mode: isDev ? 'development' : 'production',
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip }),
  }),
);
app.use(databaseLostHandler());

const host = env.HOST ?? (env.PORTAL_MODE === 'production' ? '0.0.0.0' : '127.0.0.1');
// Stripe webhooks bypass Express: signed machine calls that must be acknowledged fast
// (docs/decisions/008, 011). Everything else is the Express app.
const { handleStripeWebhookRequest } = await import('./app/giving/stripe/stripe-webhook.server.ts');
const server = http.createServer((req, res) => {
  tagWebProcess(res);
  if (req.method === 'POST' && (req.url === '/webhooks/stripe' || req.url?.startsWith('/webhooks/stripe?')))
    return handleStripeWebhookRequest(req, res);
  app(req, res);
});
server.listen(env.PORT, host, () => {
  const mode = env.PORTAL_MODE === 'demo' ? 'DEMO mode: payments are simulated, no money moves' : 'production mode';
  log(`ready on ${env.APP_ORIGIN} (${mode}; listening ${host}:${env.PORT}) in ${Math.round(performance.now() - bootStarted)} ms`);
});
server.on('error', (error) => fail(`HTTP server failed: ${error.message}`));

let stopping = false;
/** One shutdown step; a failure is logged and the next step still runs. */
async function step(name: string, work: () => Promise<unknown> | undefined) {
  try {
    await work();
  } catch (error) {
    log(`shutdown: ${name} failed: ${(error as Error).message}`);
  }
}
/** Everything but HTTP, in order (also the supervising process's stop when it runs web processes). */
async function stopServices() {
  await step('worker', () => runner?.stop());
  await step('database client', async () => {
    const { disconnectPrisma } = await import('./app/platform/db.server.ts');
    await disconnectPrisma();
  });
  for (const close of closers) await step('fake', close);
  await step('embedded PostgreSQL', () => database.cluster?.stop());
}
async function shutdown(signal: string) {
  if (stopping) process.exit(1); // a second signal: stop waiting
  stopping = true;
  log(`${signal}: shutting down`);
  // Ctrl-C in a terminal also reaches the embedded PostgreSQL (same process group), which then
  // closes our connections; the steps below tolerate that.
  await step('http', () => {
    server.closeAllConnections();
    return new Promise((done) => server.close(done));
  });
  await stopServices();
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
