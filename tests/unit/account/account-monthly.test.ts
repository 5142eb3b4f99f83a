// Issue #14 item 4 (decision 043): a signed-in donor changes their own monthly gift through
// /account/monthly/:reference. The form only asks Stripe (the emulator); nothing is recorded
// until the webhook events are applied, and then each change is one fact and one email, however
// often the event is delivered. Another donor's gift is a 404 that never reaches Stripe.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { renderEmail } from '~/email-templates.server.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { checkMonthlyAmount } from '~/giving/monthly-gift-schema.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, giveRequest, startEmulatorForTests, stripeEvents } from '../giving/giving-fixture.ts';
import { args, get, postForm, unwrap } from '../staff/helpers.ts';
import { donorCookie } from './account-fixture.ts';

type RouteArgs = LoaderFunctionArgs & ActionFunctionArgs;
interface RouteModule {
  loader: (args: RouteArgs) => Promise<unknown>;
  action: (args: RouteArgs) => Promise<unknown>;
}

const db = () => getPrisma();
let emulator: StripeEmulator;
let stripe: Stripe;
let route: RouteModule;
/** Events already applied, by id: each step applies only what is new. */
const applied = new Set<string>();

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
  route = (await import('~/routes/account.monthly.$reference.tsx')) as unknown as RouteModule;
});

afterAll(async () => {
  await emulator?.close();
});

/** Applies every emulator event not applied yet, oldest first; returns them. */
async function deliverNewEvents(): Promise<Stripe.Event[]> {
  const fresh = stripeEvents(emulator)
    .filter((event) => !applied.has(event.id))
    .reverse();
  for (const event of fresh) {
    await applyStripeEvent(event, { stripe });
    applied.add(event.id);
  }
  return fresh;
}

/** A paid monthly gift by card, its webhooks applied; the donor's id, pledge and subscription. */
async function monthlyGift(email: string, { currency = 'GBP' as const, amountMinor = 2_000n, coversFee = false } = {}) {
  const result = await startGiving(giveRequest({ frequency: 'monthly', currency, amountMinor, email, coversFee }), {
    origin: 'http://localhost:3000',
  });
  expect(result.kind).toBe('checkout');
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { pledge: true } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  await deliverNewEvents();
  const row = await db().checkoutSession.findUniqueOrThrow({ where: { id: checkout.id } });
  expect(row.stripeSubscriptionId).toBeTruthy();
  const { cookie } = await donorCookie(checkout.pledge.donorId);
  return { pledge: checkout.pledge, subscriptionId: String(row.stripeSubscriptionId), cookie };
}

const pagePath = (reference: string) => `/account/monthly/${reference}`;

async function load(reference: string, cookie: string, query = '') {
  const request = get(`${pagePath(reference)}${query}`, { cookie });
  const { data } = unwrap(await route.loader({ ...args(request), params: { reference } }));
  return data as {
    amount: string;
    giftAmount: string;
    state: string;
    next: { on: string; amount: string } | null;
    requested: string | null;
  };
}

/** The action's answer: a redirect's Location, or the data and status of a refusal. */
async function submit(reference: string, cookie: string, fields: Record<string, string>) {
  const request = postForm(pagePath(reference), fields, { cookie });
  try {
    const answer = unwrap(await route.action({ ...args(request), params: { reference } }));
    return { status: answer.status, location: null, data: answer.data as { intent: string; error: string | null; result: unknown } };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get('Location'), data: null };
  }
}

const changesOf = (pledgeId: string) =>
  db().monthlyGiftChange.findMany({
    where: { pledgeId },
    orderBy: [{ at: 'asc' }, { recordedAt: 'asc' }],
    select: { kind: true, amountMinor: true },
  });
const changeEmails = (pledgeId: string) =>
  db().emailOutbox.findMany({
    where: { template: 'monthly-gift-changed', donor: { pledges: { some: { id: pledgeId } } } },
    orderBy: { createdAt: 'asc' },
  });

describe('a donor’s monthly gift, changed through their account', () => {
  it('changes the amount: Stripe’s next invoice shows it, the webhook records it once and mails the donor', async () => {
    const { pledge, subscriptionId, cookie } = await monthlyGift('monthly-amount@example.org');
    const before = await load(pledge.reference, cookie);
    expect(before).toMatchObject({ amount: '£20.00', state: 'active', next: { amount: '£20.00' } });

    const answer = await submit(pledge.reference, cookie, { intent: 'amount', amount: '35.50' });
    expect(answer).toMatchObject({ status: 302, location: `${pagePath(pledge.reference)}?requested=amount` });
    // Stripe has it; we record nothing until its webhook says so.
    const preview = await stripe.invoices.createPreview({ subscription: subscriptionId });
    expect(preview.amount_due).toBe(3_550);
    expect(await changesOf(pledge.id)).toEqual([]);
    expect(await changeEmails(pledge.id)).toHaveLength(0);

    const events = await deliverNewEvents();
    const update = events.find((event) => event.type === 'customer.subscription.updated');
    expect(update).toBeDefined();
    expect(await changesOf(pledge.id)).toEqual([{ kind: 'AMOUNT_CHANGED', amountMinor: 3_550n }]);
    // A redelivered event changes nothing and mails nothing more.
    expect(await applyStripeEvent(update!, { stripe })).toBe('duplicate');
    expect(await changesOf(pledge.id)).toHaveLength(1);
    const emails = await changeEmails(pledge.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: 'monthly-amount@example.org', locale: 'en' });
    const rendered = await renderEmail({ template: 'monthly-gift-changed', locale: 'en', props: emails[0]!.props });
    expect(rendered.subject).toBe('Your monthly gift is now £35.50');
    expect(rendered.text).toContain('instead of £20.00');
    expect(rendered.text).toContain(`/account/monthly/${pledge.reference}`);
    const arabic = await renderEmail({ template: 'monthly-gift-changed', locale: 'ar', props: emails[0]!.props });
    expect(arabic.html).toContain('dir="rtl"');

    const after = await load(pledge.reference, cookie, '?requested=amount');
    expect(after).toMatchObject({ amount: '£35.50', state: 'active', requested: 'amount', next: { amount: '£35.50' } });
    // The account's history shows the amount now and links to the gift's page.
    const history = (await import('~/routes/account._index.tsx')) as unknown as RouteModule;
    const { data: listed } = unwrap(await history.loader(args(get('/account', { cookie }))));
    expect((listed as { entries: { reference: string | null; amount: string; monthlyHref: string | null }[] }).entries).toContainEqual(
      expect.objectContaining({ reference: pledge.reference, amount: '£35.50 a month', monthlyHref: pagePath(pledge.reference) }),
    );
    // The next renewal charges the new amount.
    await emulator.renewSubscription(subscriptionId);
    await deliverNewEvents();
    const payments = await db().payment.findMany({ where: { pledgeId: pledge.id }, orderBy: { receivedAt: 'asc' } });
    expect(payments.map((payment) => payment.amountMinor)).toEqual([2_000n, 3_550n]);

    // The same amount again is refused before Stripe is asked.
    expect(await submit(pledge.reference, cookie, { intent: 'amount', amount: '35.50' })).toMatchObject({ status: 400 });
  });

  it('a donor who covers the card fee types the gift; the fee is added, and the receipt shows the new fee', async () => {
    const { pledge, subscriptionId, cookie } = await monthlyGift('monthly-fee@example.org', { amountMinor: 2_000n, coversFee: true });
    // £20.00 + 3 % = £20.60 a month; the form starts from the gift, £20.00.
    expect(pledge.amountMinor).toBe(2_060n);
    expect(await load(pledge.reference, cookie)).toMatchObject({ amount: '£20.60', giftAmount: '20.00' });
    expect(await submit(pledge.reference, cookie, { intent: 'amount', amount: '30' })).toMatchObject({ status: 302 });
    await deliverNewEvents();
    expect(await changesOf(pledge.id)).toEqual([{ kind: 'AMOUNT_CHANGED', amountMinor: 3_090n }]);
    await emulator.renewSubscription(subscriptionId);
    await deliverNewEvents();
    const receipts = await db().emailOutbox.findMany({
      where: { template: 'gift-receipt', toAddress: 'monthly-fee@example.org' },
      orderBy: { createdAt: 'asc' },
    });
    expect(receipts.map((email) => (email.props as { feeCoverMinor?: string }).feeCoverMinor)).toEqual(['60', '90']);
  });

  it('refuses amounts outside the give form’s limits, in the currency’s minor units', async () => {
    const { pledge, cookie } = await monthlyGift('monthly-limits@example.org');
    for (const [amount, error] of [
      ['', 'errors.amountRequired'],
      ['abc', 'errors.amountInvalid'],
      ['0.50', 'errors.amountTooSmall'],
      ['12.345', 'errors.amountTooManyDecimals'],
      ['99999999', 'errors.amountTooLarge'],
    ] as const) {
      const answer = await submit(pledge.reference, cookie, { intent: 'amount', amount });
      expect(answer.status, amount).toBe(400);
      expect(JSON.stringify(answer.data?.result), amount).toContain(error);
    }
    expect(checkMonthlyAmount('1000', 'JPY')).toEqual({ ok: true, minor: 1_000n });
    expect(checkMonthlyAmount('10.5', 'JPY')).toEqual({ ok: false, error: 'errors.amountTooManyDecimals' });
    expect(checkMonthlyAmount('5.005', 'KWD')).toEqual({ ok: false, error: 'errors.amountCardLastDigit' });
    expect(checkMonthlyAmount('5.010', 'KWD')).toEqual({ ok: true, minor: 5_010n });
    expect(await changesOf(pledge.id)).toEqual([]);
  });

  it('pauses (a renewal charges nothing), resumes (the next one does), then cancels', async () => {
    const { pledge, subscriptionId, cookie } = await monthlyGift('monthly-pause@example.org', { amountMinor: 1_500n });
    expect(await submit(pledge.reference, cookie, { intent: 'pause' })).toMatchObject({
      location: `${pagePath(pledge.reference)}?requested=pause`,
    });
    await deliverNewEvents();
    expect(await load(pledge.reference, cookie)).toMatchObject({ state: 'paused', next: null });
    // Paused twice is refused by what Stripe holds, without a second request.
    expect(await submit(pledge.reference, cookie, { intent: 'pause' })).toMatchObject({
      status: 409,
      data: { error: 'errors.alreadyPaused' },
    });

    const skipped = await emulator.renewSubscription(subscriptionId);
    expect(skipped).toMatchObject({ outcome: 'paused', charge: null, invoice: { status: 'void', amount_paid: 0 } });
    await deliverNewEvents();
    expect(await db().payment.count({ where: { pledgeId: pledge.id } })).toBe(1);

    expect(await submit(pledge.reference, cookie, { intent: 'resume' })).toMatchObject({ status: 302 });
    await deliverNewEvents();
    expect(await load(pledge.reference, cookie)).toMatchObject({ state: 'active', next: { amount: '£15.00' } });
    await emulator.renewSubscription(subscriptionId);
    await deliverNewEvents();
    expect(await db().payment.count({ where: { pledgeId: pledge.id } })).toBe(2);

    // Cancelling needs the confirmation box.
    expect(await submit(pledge.reference, cookie, { intent: 'cancel' })).toMatchObject({
      status: 400,
      data: { error: 'errors.confirmCancel' },
    });
    expect(await submit(pledge.reference, cookie, { intent: 'cancel', confirm: 'yes' })).toMatchObject({ status: 302 });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('canceled');
    await deliverNewEvents();
    expect(await changesOf(pledge.id)).toEqual([
      { kind: 'PAUSED', amountMinor: 1_500n },
      { kind: 'RESUMED', amountMinor: 1_500n },
      { kind: 'CANCELLED', amountMinor: 1_500n },
    ]);
    const emails = await changeEmails(pledge.id);
    expect(emails.map((email) => (email.props as { kind: string }).kind)).toEqual(['PAUSED', 'RESUMED', 'CANCELLED']);
    expect((await renderEmail({ template: 'monthly-gift-changed', locale: 'fr', props: emails[2]!.props })).subject).toBe(
      'Votre don mensuel a pris fin',
    );
    expect(await db().pledgeEvent.findMany({ where: { pledgeId: pledge.id }, select: { kind: true } })).toEqual([{ kind: 'CANCELLED' }]);
    expect(await load(pledge.reference, cookie)).toMatchObject({ state: 'cancelled', next: null });
    expect(await submit(pledge.reference, cookie, { intent: 'pause' })).toMatchObject({ status: 409, data: { error: 'errors.ended' } });
  });

  it('opens Stripe’s card-update flow, which comes back to the gift’s page', async () => {
    const { pledge, cookie } = await monthlyGift('monthly-card@example.org');
    const answer = await submit(pledge.reference, cookie, { intent: 'card' });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(new RegExp(`^${emulator.url}/p/bps_`));
    const saved = await fetch(String(answer.location), {
      method: 'POST',
      body: new URLSearchParams({ card: '5555555555554444', expiry: `12/${String((new Date().getUTCFullYear() + 3) % 100)}`, cvc: '123' }),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(new RegExp(`/account/monthly/${pledge.reference}\\?requested=card$`));
    // Nothing is recorded until Stripe's webhook says the subscription has the new card.
    expect(await changesOf(pledge.id)).toEqual([]);

    const events = await deliverNewEvents();
    const update = events.find((event) => event.type === 'customer.subscription.updated');
    expect(update?.data.previous_attributes).toHaveProperty('default_payment_method');
    expect(await changesOf(pledge.id)).toEqual([{ kind: 'CARD_UPDATED', amountMinor: 2_000n }]);
    expect(await applyStripeEvent(update!, { stripe })).toBe('duplicate');
    expect(await changesOf(pledge.id)).toHaveLength(1);
    const emails = await changeEmails(pledge.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      toAddress: 'monthly-card@example.org',
      idempotencyKey: `monthly-gift-changed:${update!.id}:CARD_UPDATED`,
    });
    const rendered = await renderEmail({ template: 'monthly-gift-changed', locale: 'en', props: emails[0]!.props });
    expect(rendered.subject).toBe('A new card for your monthly gift');
    expect(rendered.text).toContain('a new card was saved for your monthly gift of £20.00');
    expect(rendered.text).toContain('If you did not make this change');
    for (const locale of ['ar', 'zh', 'fr', 'ru', 'es']) {
      const other = await renderEmail({ template: 'monthly-gift-changed', locale, props: emails[0]!.props });
      expect(other.subject, locale).not.toBe(rendered.subject);
      expect(other.text, locale).not.toContain('{{');
    }
    // The amount and the state are the gift's as before.
    expect(await load(pledge.reference, cookie)).toMatchObject({ amount: '£20.00', state: 'active', next: { amount: '£20.00' } });
  });

  it('another donor’s gift is a 404 for every form, and Stripe is never asked', async () => {
    const owner = await monthlyGift('monthly-owner@example.org');
    const other = await monthlyGift('monthly-other@example.org');
    const eventsBefore = stripeEvents(emulator).length;
    await expect(load(owner.pledge.reference, other.cookie)).rejects.toMatchObject({ status: 404 });
    const forms: Record<string, string>[] = [
      { intent: 'amount', amount: '50' },
      { intent: 'pause' },
      { intent: 'resume' },
      { intent: 'cancel', confirm: 'yes' },
      { intent: 'card' },
    ];
    for (const fields of forms) {
      expect(await submit(owner.pledge.reference, other.cookie, fields), fields.intent).toMatchObject({ status: 404 });
    }
    expect(stripeEvents(emulator).length).toBe(eventsBefore);
    expect((await stripe.subscriptions.retrieve(owner.subscriptionId)).pause_collection).toBeNull();
    // A cross-site post is refused before anything else, even with the owner's session.
    const crossSite = postForm(
      pagePath(owner.pledge.reference),
      { intent: 'pause' },
      { cookie: owner.cookie, origin: 'https://evil.example' },
    );
    await expect(route.action({ ...args(crossSite), params: { reference: owner.pledge.reference } })).rejects.toMatchObject({
      status: 403,
    });
  });
});
