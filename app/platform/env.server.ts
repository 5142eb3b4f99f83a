// The one environment schema, checked at boot (server.ts, worker, scripts). A wrong value stops
// the process with one line naming the variable; values are never printed, so secrets stay out
// of logs. PORTAL_MODE=production makes every secret required and forbids the local fakes.
import { isIP } from 'node:net';
import { z } from 'zod';

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgresql:' || url.protocol === 'postgres:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgresql:// URL with a host');

const optionalSecret = z.string().min(1).optional();

/** Express's names for address ranges, usable in TRUST_PROXY besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Which proxies in front of the portal may say who the client is (X-Forwarded-For): none when
 * unset, so a client cannot pick its own address for the rate limits. A hop count (`1` for one
 * load balancer) or a comma-separated list of addresses, CIDRs and Express's range names.
 */
const trustProxy = z
  .string()
  .transform((value, ctx) => {
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops >= 1 && hops <= 10) return hops;
    } else {
      const entries = value.split(',').map((entry) => entry.trim());
      if (entries.every(isProxyAddress)) return entries;
    }
    ctx.addIssue({ code: 'custom', message: 'must be a hop count (1–10) or a comma-separated list of proxy addresses or CIDRs' });
    return z.NEVER;
  })
  .optional();

const baseSchema = z.object({
  PORTAL_MODE: z.enum(['demo', 'production']).default('demo'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  APP_ORIGIN: z.url().optional(),
  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PORTAL_DATA_DIR: z.string().min(1).default('.data/postgres'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: z.email().optional(),
  EMAIL_FROM: z.string().min(3).default('UNODC Funding Portal <no-reply@funding.example.org>'),
  /** Where donors' replies go (every email sets Reply-To). */
  EMAIL_REPLY_TO: z.email().default('donor-relations@funding.example.org'),
  RESEND_API_KEY: optionalSecret,
  RESEND_BASE_URL: z.url().optional(),
  /** The Svix signing secret of the Resend webhook endpoint (POST /webhooks/resend). */
  RESEND_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be a Svix signing secret (whsec_ followed by base64)')
    .optional(),
  /** Requests per second the Resend team may make (Resend's default: 2); the outbox paces its batches to it. */
  RESEND_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(2),
  STRIPE_SECRET_KEY: optionalSecret,
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  STRIPE_API_BASE: z.url().optional(),
  WORKER_MODE: z.enum(['inline', 'off']).default('inline'),
  /** Web processes (node:cluster, docs/decisions/024); above 1 the first process only supervises them and runs the jobs. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Jobs run at once by a worker (webhook effects, emails, reminders). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Each worker process writes its heartbeat and sweeps jobs locked by dead processes this often. */
  JOB_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** A job locked by a worker silent for this long runs again (decision 015). */
  JOB_LOCK_STALE_AFTER_MS: z.coerce.number().int().min(500).max(14_400_000).default(60_000),
  DEMO_MAIL_PORT: z.coerce.number().int().min(1024).max(65535).default(3025),
  DEMO_STRIPE_PORT: z.coerce.number().int().min(1024).max(65535).default(3026),
  /** Per client IP: state-changing requests per minute (all forms), and pledges per 10 minutes. */
  TRUST_PROXY: trustProxy,
  WRITE_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  /** A staff session ends after this many minutes without a request, and this many hours after sign-in. */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  STAFF_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  PLEDGE_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Demo/bench only: latency the Stripe emulator adds to every API call (issue #4 bench: 250). */
  DEMO_STRIPE_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  // Where donors send bank transfers (shown on the instructions page and email).
  BANK_ACCOUNT_NAME: z.string().min(2).optional(),
  BANK_NAME: z.string().min(2).optional(),
  BANK_IBAN: z
    .string()
    .regex(/^[A-Z]{2}\d{2}[A-Z0-9 ]{8,40}$/, 'must be an IBAN (capitals, digits, spaces)')
    .optional(),
  BANK_BIC: z
    .string()
    .regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be an 8- or 11-character BIC')
    .optional(),
  BANK_ADDRESS: z.string().min(2).optional(),
});

const productionRequired = [
  'DATABASE_URL',
  'SESSION_SECRET',
  'APP_ORIGIN',
  'ADMIN_EMAIL',
  'RESEND_API_KEY',
  'RESEND_WEBHOOK_SECRET',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'BANK_ACCOUNT_NAME',
  'BANK_NAME',
  'BANK_IBAN',
  'BANK_BIC',
  'BANK_ADDRESS',
] as const;

const envSchema = baseSchema.superRefine((env, ctx) => {
  if (env.PORTAL_MODE !== 'production') return;
  for (const key of productionRequired) {
    if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when PORTAL_MODE=production' });
  }
  for (const key of ['RESEND_BASE_URL', 'STRIPE_API_BASE'] as const) {
    const value = env[key];
    if (value && isThisMachine(value)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must not point at a local fake when PORTAL_MODE=production' });
    }
  }
  if (env.APP_ORIGIN && new URL(env.APP_ORIGIN).protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', path: ['APP_ORIGIN'], message: 'must be an https:// origin when PORTAL_MODE=production' });
  }
});

/**
 * True when a URL's host is this machine (where the fakes listen): loopback and unspecified
 * addresses in any spelling the URL parser accepts (LOCALHOST, 127.1, 0.0.0.0, [::1], [::]…).
 */
export function isThisMachine(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '0.0.0.0') return true;
  return host === '::1' || host === '::' || host === '::ffff:7f00:1' || /^::ffff:127\./.test(host) || host === '::ffff:0:0';
}

export type Env = z.infer<typeof baseSchema> & {
  APP_ORIGIN: string;
  SESSION_SECRET: string;
  RESEND_WEBHOOK_SECRET: string;
  ADMIN_EMAIL: string;
  BANK_ACCOUNT_NAME: string;
  BANK_NAME: string;
  BANK_IBAN: string;
  BANK_BIC: string;
  BANK_ADDRESS: string;
};

/** The fixed, public webhook secret of demo mode and tests (base64 of "demo-only-resend-webhook-secret!"). */
export const DEMO_RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from('demo-only-resend-webhook-secret!').toString('base64')}`;

export class EnvError extends Error {}

/** Parses an environment; throws EnvError with one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new EnvError(`Invalid environment variable ${name}: ${issue?.message ?? 'invalid'}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_ORIGIN: env.APP_ORIGIN ?? `http://localhost:${env.PORT}`,
    // Demo mode only: a fixed, public secret is acceptable because nothing real is protected.
    SESSION_SECRET: env.SESSION_SECRET ?? 'demo-only-session-secret-not-for-production-use',
    // Demo mode only, like the session secret: the local Resend fake signs its webhooks with it.
    RESEND_WEBHOOK_SECRET: env.RESEND_WEBHOOK_SECRET ?? DEMO_RESEND_WEBHOOK_SECRET,
    ADMIN_EMAIL: env.ADMIN_EMAIL ?? 'admin@example.org',
    // Demo mode only: an obviously illustrative account (production requires the real one).
    BANK_ACCOUNT_NAME: env.BANK_ACCOUNT_NAME ?? 'DEMO — UNODC Crime Programme (illustrative account)',
    BANK_NAME: env.BANK_NAME ?? 'Demo Bank (no money moves)',
    BANK_IBAN: env.BANK_IBAN ?? 'AT00 0000 0000 0000 0000',
    BANK_BIC: env.BANK_BIC ?? 'DEMOATWWXXX',
    BANK_ADDRESS: env.BANK_ADDRESS ?? 'Wagramer Strasse 5, 1220 Vienna, Austria',
  };
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True when payments and email go to the local fakes: the UI then shows the demo banner. */
export function isDemoMode(env: Env = getEnv()): boolean {
  return env.PORTAL_MODE === 'demo';
}
