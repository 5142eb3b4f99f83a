// The giving service against real PostgreSQL and the Stripe emulator: the pledge exists before
// the Checkout session, sessions carry our ids and idempotency keys, bank transfers get a
// reference and instructions, instalment schedules add up, bad earmarks are refused cleanly.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queueInstalmentReminders } from '~/giving/instalment-reminder-commands.server.ts';
import { GivingError, startGiving, startInstalmentCheckout } from '~/giving/giving-commands.server.ts';
import { getCheckoutStatus, getPledgeOverview, getResumeValues } from '~/giving/giving-queries.server.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { verifyPledgeAccess, pledgeAccessToken } from '~/giving/pledge-links.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, giveRequest, startEmulatorForTests, stripeEvents } from './giving-fixture.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const origin = 'http://localhost:3000';
const db = () => getPrisma();

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
});

afterAll(async () => {
  await emulator?.close();
});

describe('card gifts', () => {
  it('records the pledge first, then opens a Checkout session that carries its ids', async () => {
    const result = await startGiving(giveRequest({ email: 'Card@Example.org', coversFee: true, amountMinor: 10_000n }), { origin });
    if (result.kind !== 'checkout') throw new Error(`expected checkout, got ${result.kind}`);
    const row = await db().checkoutSession.findFirstOrThrow({
      where: { url: result.url },
      include: { pledge: { include: { donor: true, instalments: true } } },
    });
    const { pledge } = row;
    expect(pledge.donor.email).toBe('card@example.org');
    expect(pledge.amountMinor).toBe(10_300n); // 3 % fee covered
    expect(pledge.instalments).toHaveLength(1);
    const session = await stripe.checkout.sessions.retrieve(row.stripeSessionId);
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 10_300,
      currency: 'eur',
      client_reference_id: pledge.instalments[0]!.id,
      metadata: { pledgeId: pledge.id, instalmentId: pledge.instalments[0]!.id, reference: pledge.reference },
    });
    expect(session.success_url).toContain('/give/thanks?session_id=');
    expect(session.cancel_url).toBe(`${origin}/give?resume=${row.id}`);
    // The way back from Checkout restores what the donor typed.
    expect(await getResumeValues({ checkoutRowId: row.id })).toMatchObject({
      amount: '100.00',
      currency: 'EUR',
      coversFee: 'on',
      email: 'card@example.org',
    });
    // And the thank-you page says "processing" until a webhook has recorded money.
    expect((await getCheckoutStatus({ stripeSessionId: row.stripeSessionId, locale: 'en' })).status).toBe('processing');
    await emulator.payCheckoutSession(row.stripeSessionId, { card: '4242424242424242' });
    expect((await getCheckoutStatus({ stripeSessionId: row.stripeSessionId, locale: 'en' })).status).toBe('processing');
    for (const event of stripeEvents(emulator).filter((e) => (e.data.object as { id?: string }).id === row.stripeSessionId)) {
      await applyStripeEvent(event, { stripe });
    }
    expect((await getCheckoutStatus({ stripeSessionId: row.stripeSessionId, locale: 'en' })).status).toBe('paid');
    expect(await getResumeValues({ checkoutRowId: row.id })).toBeNull();
  });

  it("measures the way back from Checkout with the portal's clock, even when the database server's is two days behind", async () => {
    // Only Date is faked (sockets and timers stay real): the portal runs two days ahead of PostgreSQL.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 24 * 60 * 60 * 1000 });
    try {
      const result = await startGiving(giveRequest({ email: 'skewed-clock@example.org' }), { origin });
      if (result.kind !== 'checkout') throw new Error(`expected checkout, got ${result.kind}`);
      const row = await db().checkoutSession.findFirstOrThrow({ where: { url: result.url } });
      expect(await getResumeValues({ checkoutRowId: row.id })).toMatchObject({ email: 'skewed-clock@example.org' });
      // A day later by the portal's clock the way back has closed.
      vi.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
      expect(await getResumeValues({ checkoutRowId: row.id })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('records consents with the words shown, and only those ticked', async () => {
    await startGiving(giveRequest({ email: 'consent@example.org', consentImpactReports: true, consentAppeals: false }), { origin });
    const consents = await db().donorConsent.findMany({ where: { donor: { email: 'consent@example.org' } } });
    expect(consents).toEqual([
      expect.objectContaining({ kind: 'IMPACT_REPORTS', isGranted: true, wording: 'Send me impact reports', locale: 'en' }),
    ]);
  });

  it('tries again with a new reference when the random one is taken, and writes the donor once', async () => {
    const first = await startGiving(giveRequest({ email: 'clash-a@example.org' }), { origin, newReference: () => 'CPJ-CLSH-0001' });
    expect(first.kind).toBe('checkout');
    const references = ['CPJ-CLSH-0001', 'CPJ-CLSH-0002'];
    await startGiving(giveRequest({ email: 'clash-b@example.org', consentImpactReports: true }), {
      origin,
      newReference: () => references.shift()!,
    });
    const pledge = await db().pledge.findUniqueOrThrow({
      where: { reference: 'CPJ-CLSH-0002' },
      include: { donor: { include: { consents: true } }, instalments: true },
    });
    expect(pledge.donor.email).toBe('clash-b@example.org');
    expect(pledge.donor.consents).toHaveLength(1); // the first attempt's consent was rolled back with it
    expect(pledge.instalments).toHaveLength(1);
    expect(await db().checkoutSession.count({ where: { pledgeId: pledge.id } })).toBe(1);
  });

  it('names the earmark on the Checkout page from the titles read when the earmark was resolved', async () => {
    const result = await startGiving(giveRequest({ email: 'titles@example.org', earmark: 'project', project: 'GLOT59' }), { origin });
    if (result.kind !== 'checkout') throw new Error(`expected checkout, got ${result.kind}`);
    const row = await db().checkoutSession.findFirstOrThrow({ where: { url: result.url } });
    const lines = await stripe.checkout.sessions.listLineItems(row.stripeSessionId);
    expect(lines.data[0]?.description).toContain('Victim support');
  });

  it('refuses unknown earmarks and closed projects without writing anything', async () => {
    const before = await db().pledge.count();
    await expect(startGiving(giveRequest({ earmark: 'project', project: 'NOPE99' }), { origin })).rejects.toMatchObject({
      code: 'unknownProject',
      field: 'project',
    });
    await expect(startGiving(giveRequest({ earmark: 'programme', programme: 'nope' }), { origin })).rejects.toBeInstanceOf(GivingError);
    await expect(startGiving(giveRequest({ appeal: 'no-such-appeal' }), { origin })).rejects.toMatchObject({ code: 'unknownAppeal' });
    expect(await db().pledge.count()).toBe(before);
  });
});

describe('bank transfers and instalments', () => {
  it('gives a bank-transfer pledge a reference and queues its instructions email', async () => {
    const result = await startGiving(giveRequest({ method: 'bank_transfer', email: 'bank@example.org', amountMinor: 250_000n }), {
      origin,
    });
    expect(result).toMatchObject({
      kind: 'bank-transfer',
      reference: expect.stringMatching(/^CPJ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    });
    const reference = (result as { reference: string }).reference;
    const email = await db().emailOutbox.findFirstOrThrow({
      where: { template: 'bank-transfer-instructions', toAddress: 'bank@example.org' },
    });
    expect(email.props).toMatchObject({ reference, amountMinor: '250000', currency: 'EUR', bank: { iban: expect.any(String) } });
    expect((email.props as { instructionsUrl: string }).instructionsUrl).toContain(`t=${pledgeAccessToken(reference)}`);
    expect(verifyPledgeAccess(reference, pledgeAccessToken(reference))).toBe(true);
    expect(verifyPledgeAccess(reference, 'forged')).toBe(false);
    expect(await db().checkoutSession.count({ where: { pledge: { reference } } })).toBe(0);
  });

  it('splits an instalment pledge exactly and schedules it by the chosen interval', async () => {
    const result = await startGiving(
      giveRequest({
        frequency: 'instalments',
        method: 'card',
        amountMinor: 100_000n,
        currency: 'JPY',
        instalmentCount: 3,
        firstDueOn: '2099-01-31',
        intervalMonths: 1,
        email: 'instal@example.org',
      }),
      { origin },
    );
    expect(result.kind).toBe('pledge');
    const overview = await getPledgeOverview({ reference: (result as { reference: string }).reference, locale: 'en' });
    expect(overview?.instalments.map((row) => [row.dueOn, row.amountMinor])).toEqual([
      ['2099-01-31', '33334'],
      ['2099-02-28', '33333'],
      ['2099-03-31', '33333'],
    ]);
    const second = overview!.instalments[1]!;
    const { url } = await startInstalmentCheckout({ reference: overview!.reference, instalmentId: second.id, origin });
    // asking again while that session is open reuses it (no duplicate sessions)
    expect((await startInstalmentCheckout({ reference: overview!.reference, instalmentId: second.id, origin })).url).toBe(url);
    const row = await db().checkoutSession.findFirstOrThrow({ where: { instalmentId: second.id } });
    const session = await stripe.checkout.sessions.retrieve(row.stripeSessionId);
    expect(session).toMatchObject({ amount_total: 33_333, currency: 'jpy', client_reference_id: second.id });
  });

  it('queues reminders 7 days before and 3 and 14 days after the due date, each once', async () => {
    const result = await startGiving(
      giveRequest({
        frequency: 'instalments',
        method: 'bank_transfer',
        amountMinor: 90_000n,
        instalmentCount: 3,
        firstDueOn: '2099-06-10',
        intervalMonths: 1,
        email: 'remind@example.org',
      }),
      { origin },
    );
    const reference = (result as { reference: string }).reference;
    const at = (iso: string) => new Date(`${iso}T08:00:00Z`);
    expect(await queueInstalmentReminders({ now: at('2099-06-01') })).toBe(0);
    expect(await queueInstalmentReminders({ now: at('2099-06-03') })).toBe(1); // upcoming, 7 days before
    expect(await queueInstalmentReminders({ now: at('2099-06-05') })).toBe(0); // already queued
    expect(await queueInstalmentReminders({ now: at('2099-06-13') })).toBe(1); // overdue by 3
    expect(await queueInstalmentReminders({ now: at('2099-06-24') })).toBe(1); // overdue by 14
    expect(await queueInstalmentReminders({ now: at('2099-06-25') })).toBe(0);
    const reminders = await db().emailOutbox.findMany({
      where: { template: 'instalment-reminder', toAddress: 'remind@example.org' },
      orderBy: { createdAt: 'asc' },
    });
    expect(reminders.map((row) => (row.props as { kind: string }).kind)).toEqual(['upcoming', 'overdue-3', 'overdue-14']);
    expect(reminders[0]?.props).toMatchObject({ reference, sequence: 1, count: 3, dueOn: '2099-06-10', method: 'bank_transfer' });
  });
});
