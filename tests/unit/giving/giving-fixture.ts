// Shared set-up for the giving tests: a programme with a project that needs money this year,
// operational rates for the giving currencies, the Stripe emulator, and helpers that play the
// part of Stripe's webhook deliveries and of the job worker.
import pg from 'pg';
import Stripe from 'stripe';
import type { PrismaClient } from '~/generated/prisma/client.ts';
import { startStripeEmulator, type StripeEmulator } from '../../fakes/stripe.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { taskList } from '~/tasks.server.ts';
import type { GiveRequest } from '~/giving/give-schema.ts';
import { runJobsOnce } from '../run-jobs-once.ts';

export const WEBHOOK_SECRET = 'whsec_test_giving_suite_secret';
const title = (en: string) => ({ en, fr: `${en} (fr)`, es: `${en} (es)`, ru: `${en} (ru)`, zh: `${en} (zh)`, ar: `${en} (ar)` });
export const thisYear = new Date().getUTCFullYear();

/** USD per major unit, for a month long past so every gift date finds it. */
export const rates = { EUR: '1.08', GBP: '1.27', CHF: '1.12', JPY: '0.0067', SEK: '0.095', NOK: '0.093', KWD: '3.25' } as const;

export async function buildGivingFixture(db: PrismaClient) {
  const programme = await db.programme.create({
    data: { slug: 'trafficking', code: 'GLOT', title: title('Trafficking in persons'), mandate: title('Mandate'), sortOrder: 1 },
  });
  const project = await db.project.create({
    data: {
      code: 'GLOT59',
      programmeId: programme.id,
      title: title('Victim support'),
      description: title('Description'),
      regionCode: '002',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date(Date.UTC(thisYear - 1, 0, 1)),
      endDate: new Date(Date.UTC(thisYear + 1, 11, 31)),
    },
  });
  await db.projectRequirement.createMany({
    data: [thisYear - 1, thisYear, thisYear + 1].map((year) => ({ projectId: project.id, year, usdMinor: 50_000_000n })),
  });
  await db.fxRate.createMany({
    data: Object.entries(rates).map(([currency, usdRate]) => ({ currency, month: new Date(Date.UTC(2000, 0, 1)), usdRate })),
  });
  // Requirements are figures too: the summaries must know them (the ledger check compares).
  await refreshFundingSummaries({ db });
  return { programme, project };
}

/** Starts the emulator (no webhook delivery: tests take its events and deliver them) and points the app at it. */
export async function startEmulatorForTests(): Promise<{ emulator: StripeEmulator; stripe: Stripe }> {
  const emulator = await startStripeEmulator({ webhookSecret: WEBHOOK_SECRET, retryBaseMs: 10, delayedSettleMs: 60_000 });
  process.env.STRIPE_API_BASE = emulator.url;
  process.env.STRIPE_SECRET_KEY = 'sk_test_giving_suite';
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  const url = new URL(emulator.url);
  const stripe = new Stripe('sk_test_giving_suite', { host: url.hostname, port: Number(url.port), protocol: 'http' });
  return { emulator, stripe };
}

/** A valid donor request; override what a test is about. */
export function giveRequest(overrides: Partial<GiveRequest> = {}): GiveRequest {
  return {
    amountMinor: 5_000n,
    currency: 'EUR',
    frequency: 'once',
    method: 'card',
    earmark: 'general',
    donorType: 'individual',
    givenName: 'Ana',
    familyName: 'Silva',
    email: 'ana@example.org',
    isAnonymous: false,
    coversFee: false,
    consentImpactReports: true,
    consentAppeals: false,
    consentWording: { impactReports: 'Send me impact reports', appeals: 'Send me appeals' },
    locale: 'en',
    ...overrides,
  } as GiveRequest;
}

/** Every event the emulator produced so far, oldest first, typed as the SDK's events. */
export function stripeEvents(emulator: StripeEmulator): Stripe.Event[] {
  return emulator.events() as unknown as Stripe.Event[];
}

export function signedDelivery(stripe: Stripe, event: Stripe.Event | object, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  return { payload, signature };
}

/**
 * Runs the worker's part until no job is due: the inbox's drain jobs, and apply-stripe-event jobs
 * queued the way webhooks did before the inbox (batch jobs wait for their window; here they are
 * due at once).
 */
export async function drainStripeJobs(): Promise<void> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  await db.query(`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker.jobs
    WHERE task_identifier = 'apply-stripe-event' AND locked_at IS NULL AND attempts = 0), run_at := now())`);
  await db.end();
  await runJobsOnce({ 'apply-stripe-event': taskList['apply-stripe-event']!, 'drain-stripe-inbox': taskList['drain-stripe-inbox']! });
}
