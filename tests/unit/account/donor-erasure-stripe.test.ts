// Erasure reaches Stripe (decision 042, "Stripe customer"): the donor's Customer there holds their
// name and email, so erasing them queues — in the erasure's own transaction — one job that deletes
// it. The job runs against the Stripe emulator through the app's Stripe client; a Customer already
// gone is done, any other failure is left to graphile-worker's retries.
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteStripeCustomer } from '~/giving/stripe/delete-customer-task.server.ts';
import { eraseDonor } from '~/ledger/donor-erasure-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { taskList } from '~/tasks.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { startEmulatorForTests } from '../giving/giving-fixture.ts';
import { runJobsOnce } from '../run-jobs-once.ts';
import { createDonor, giveOnce } from './account-fixture.ts';

const db = getPrisma();
const TASK = 'delete-stripe-customer';
let emulator: StripeEmulator;
let stripe: Stripe;
let logLines: string[] = [];
let emulatorRunning = false;

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  emulatorRunning = true;
});

afterAll(async () => {
  if (emulatorRunning) await emulator.close();
});

beforeEach(async () => {
  logLines = [];
  await db.$executeRawUnsafe(`DELETE FROM graphile_worker._private_jobs`);
});

interface QueuedJob {
  key: string | null;
  payload: unknown;
  max_attempts: number;
  attempts: number;
  last_error: string | null;
}

// The public `jobs` view hides payloads; the private table is graphile-worker's own storage.
const queued = () =>
  db.$queryRaw<QueuedJob[]>`
    SELECT j.key, j.payload, j.max_attempts::int AS max_attempts, j.attempts::int AS attempts, j.last_error
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = ${TASK}`;

/** Runs the due delete-stripe-customer jobs once, with the task as the portal registers it (every log line kept). */
async function runDeletionJobs() {
  await runJobsOnce({ [TASK]: taskList[TASK]! }, (_level, message) => logLines.push(message));
}

/** A donor whose Stripe Customer (created at the emulator) carries their name and email. */
async function donorWithCustomer(email: string) {
  const donor = await createDonor(db, email, { displayName: 'Laila Haddad' });
  const customer = await stripe.customers.create({ email, name: 'Laila Haddad' });
  await db.donor.update({ where: { id: donor.id }, data: { stripeCustomerId: customer.id } });
  return { donor, customerId: customer.id };
}

const erase = (donorId: string) => db.$transaction((tx) => eraseDonor({ db: tx, donorId, actor: { kind: 'donor' } }));

describe('erasing a donor with a Stripe customer', () => {
  it('queues exactly one deletion job, carrying the Customer id alone', async () => {
    const { donor, customerId } = await donorWithCustomer('laila@example.org');
    await erase(donor.id);
    await erase(donor.id); // idempotent: erased already, nothing more queued
    expect(await queued()).toEqual([
      { key: `${TASK}:${customerId}`, payload: { customerId }, max_attempts: 10, attempts: 0, last_error: null },
    ]);
    expect((await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).stripeCustomerId).toBeNull();
  });

  it('the job deletes the Customer at Stripe; the log names only its id', async () => {
    const { donor, customerId } = await donorWithCustomer('omar@example.org');
    await erase(donor.id);
    await runDeletionJobs();
    expect(await queued()).toEqual([]);
    expect(await stripe.customers.retrieve(customerId)).toEqual({ id: customerId, object: 'customer', deleted: true });
    expect(emulator.events().map((event) => event.type)).toContain('customer.deleted');
    const line = logLines.find((entry) => entry.includes(customerId));
    expect(line).toContain(`delete-stripe-customer ${customerId}: deleted`);
    expect(logLines.join('\n')).not.toMatch(/omar@example\.org|Laila Haddad/);
  });

  it('succeeds when the Customer is already gone (a second run, or one deleted by hand)', async () => {
    const { donor, customerId } = await donorWithCustomer('sara@example.org');
    await stripe.customers.del(customerId); // e.g. deleted in the Dashboard before the job ran
    await erase(donor.id);
    await runDeletionJobs();
    expect(await queued()).toEqual([]);
    // The same job again (graphile-worker may run a job twice after a crash): still done.
    await db.$executeRaw`SELECT graphile_worker.add_job(${TASK}, json_build_object('customerId', ${customerId}::text))`;
    await runDeletionJobs();
    expect(await queued()).toEqual([]);
    expect(logLines.filter((entry) => entry.includes(`${customerId}: already gone at Stripe`))).toHaveLength(2);
    expect(await deleteStripeCustomer({ customerId: 'cus_neverExisted' })).toBe('alreadyGone');
  });

  it('any other Stripe failure throws; a malformed payload is dropped', async () => {
    const { donor, customerId } = await donorWithCustomer('yusuf@example.org');
    const url = new URL(emulator.url);
    const refused = new (await import('stripe')).default('pk_test_not_a_secret_key', {
      host: url.hostname,
      port: Number(url.port),
      protocol: 'http',
    });
    await expect(deleteStripeCustomer({ customerId, stripe: refused })).rejects.toMatchObject({ statusCode: 401 });
    expect(await stripe.customers.retrieve(customerId)).toMatchObject({ id: customerId, email: 'yusuf@example.org' });
    await erase(donor.id);
    // A payload that is no Customer id is dropped, not retried for ever.
    await db.$executeRaw`SELECT graphile_worker.add_job(${TASK}, json_build_object('customerId', 'not an id'))`;
    await runDeletionJobs();
    expect(await queued()).toEqual([]);
    expect(logLines.some((entry) => entry.includes('malformed payload, dropped'))).toBe(true);
  });
});

describe('erasures that queue nothing', () => {
  it('a donor without a Stripe customer', async () => {
    const donor = await createDonor(db, 'bank@example.org');
    expect(await erase(donor.id)).toMatchObject({ erased: true });
    expect(await queued()).toEqual([]);
  });

  it('an erasure rolled back (refused while a monthly gift can still be charged)', async () => {
    const { donor, customerId } = await donorWithCustomer('monthly@example.org');
    const { pledge } = await giveOnce(db, donor.id);
    const session = await db.checkoutSession.create({
      data: { pledgeId: pledge.id, stripeSessionId: `cs_test_${donor.id}`, status: 'complete', subscriptionStatus: 'active' },
    });
    await expect(erase(donor.id)).rejects.toMatchObject({ code: 'activeMonthlyGift' });
    expect(await queued()).toEqual([]);
    expect(await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).toMatchObject({ stripeCustomerId: customerId, erasedAt: null });
    // Once the gift is cancelled the erasure goes through and queues its job.
    await db.checkoutSession.update({ where: { id: session.id }, data: { subscriptionStatus: 'canceled' } });
    await erase(donor.id);
    expect(await queued()).toHaveLength(1);
  });
});

// Last in the file: it stops the emulator.
describe('Stripe unreachable', () => {
  it('the job fails and stays queued for graphile-worker to retry later', async () => {
    const { donor, customerId } = await donorWithCustomer('later@example.org');
    await erase(donor.id);
    await emulator.close();
    emulatorRunning = false;
    await runDeletionJobs();
    const [job] = await queued();
    expect(job).toMatchObject({ key: `${TASK}:${customerId}`, attempts: 1, max_attempts: 10, last_error: expect.any(String) });
    expect(job!.last_error).not.toContain('later@example.org');
  });
});
