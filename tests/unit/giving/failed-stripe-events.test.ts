// Issue #12 item 9: Stripe events that used every try wait in the inbox for a person. Finance and
// admins list them, read one (error and body), and replay it: it is tried once more, at once, and
// applied if its cause is gone; a replay that fails again comes straight back. Audited.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { MAX_EVENT_ATTEMPTS, replayGivenUpInboxEvent } from '~/giving/stripe/stripe-inbox-commands.server.ts';
import { acceptStripeWebhook } from '~/giving/stripe/stripe-webhook.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as eventAction, loader as eventLoader } from '~/routes/staff.finance.stripe-events.$id.tsx';
import { loader as listLoader } from '~/routes/staff.finance.stripe-events._index.tsx';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { buildGivingFixture, drainStripeJobs, giveRequest, signedDelivery, startEmulatorForTests, stripeEvents } from './giving-fixture.ts';
import { signedIn } from '../staff/signed-in.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const db = () => getPrisma();

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
});
afterAll(async () => {
  await emulator?.close();
});

const deliver = (event: Stripe.Event) => {
  const { payload, signature } = signedDelivery(stripe, event);
  return acceptStripeWebhook({ rawBody: payload, signature });
};
const inboxRow = (id: string) =>
  db().$queryRaw<{ attempts: number; availableAt: Date; lastError: string | null }[]>`
    SELECT attempts, "availableAt", "lastError" FROM stripe_event_inbox WHERE id = ${id}`.then((rows) => rows[0]);
const eventArgs = (request: Request, id: string) => ({ ...args(request), params: { id } });

/**
 * A bank-debit style payment Stripe has not settled yet: the "paid" completed event cannot apply
 * (Stripe still says processing) and fails until it has used every try. Then Stripe settles it.
 */
async function givenUpEvent(email: string) {
  await startGiving(giveRequest({ earmark: 'project', project: 'GLOT59', email }), { origin: 'http://localhost:3000' });
  const checkout = await db().checkoutSession.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, { delayed: 'succeed' });
  const completed = stripeEvents(emulator).find(
    (event) => event.type === 'checkout.session.completed' && (event.data.object as { id: string }).id === checkout.stripeSessionId,
  )!;
  const event = {
    ...completed,
    id: `${completed.id}_paid`,
    data: { object: { ...(completed.data.object as Stripe.Checkout.Session), payment_status: 'paid' } },
  } as Stripe.Event;
  expect((await deliver(event)).status).toBe(200);
  await drainStripeJobs();
  expect((await inboxRow(event.id))?.attempts).toBe(1);
  // Every later try failed the same way (the backoff takes a day; the state it leaves is this):
  await db().$executeRaw`UPDATE stripe_event_inbox SET attempts = ${MAX_EVENT_ATTEMPTS}, "availableAt" = 'infinity' WHERE id = ${event.id}`;
  return { event, sessionId: checkout.stripeSessionId, pledgeId: checkout.pledgeId };
}

describe('failed Stripe events', () => {
  it('lists a given-up event for finance, shows its error and body, and a replay applies it once (audited)', async () => {
    const { event: failed, sessionId, pledgeId } = await givenUpEvent('failed-event-replay@example.org');
    const finance = await signedIn(['FINANCE'], 'finance-replay@example.org');

    const list = unwrap(await listLoader(args(get('/staff/finance/stripe-events?lng=fr', { cookie: finance.cookie })))).data as {
      events: { id: string; givenUp: boolean; state: string; tries: string; lastError: string }[];
    };
    const listed = list.events.find((event) => event.id === failed.id);
    expect(listed).toMatchObject({
      givenUp: true,
      state: 'Attend une intervention',
      tries: `${MAX_EVENT_ATTEMPTS} sur ${MAX_EVENT_ATTEMPTS}`,
    });
    expect(listed?.lastError).not.toBe('');

    const page = unwrap(
      await eventLoader(eventArgs(get(`/staff/finance/stripe-events/${failed.id}`, { cookie: finance.cookie }), failed.id)),
    ).data as { event: { body: string; givenUp: boolean } };
    expect(page.event.givenUp).toBe(true);
    expect(JSON.parse(page.event.body)).toMatchObject({ id: failed.id, type: 'checkout.session.completed' });

    // The cause goes away (Stripe settles the payment); staff replay the event.
    expect(await db().payment.count({ where: { pledgeId } })).toBe(0);
    await emulator.settleDelayed(sessionId, 'succeed');
    const replay = await eventAction(
      eventArgs(postForm(`/staff/finance/stripe-events/${failed.id}`, { intent: 'replay' }, { cookie: finance.cookie }), failed.id),
    );
    expect((replay as Response).headers.get('Location')).toBe(`/staff/finance/stripe-events/${failed.id}?replayed`);
    expect(await inboxRow(failed.id)).toMatchObject({ attempts: MAX_EVENT_ATTEMPTS - 1 });
    await drainStripeJobs();
    expect(await inboxRow(failed.id)).toBeUndefined();
    expect(await db().payment.count({ where: { pledgeId } })).toBe(1);

    const audit = await db().auditLog.findMany({ where: { action: 'stripe_event.replay' } });
    expect(audit.map((entry) => [entry.actorId, entry.entityId, (entry.before as { state: string }).state])).toEqual([
      [finance.user.id, failed.id, 'given up'],
    ]);
    // Replaying again: it no longer waits for anyone (409), nothing changes.
    const again = unwrap(
      await eventAction(
        eventArgs(postForm(`/staff/finance/stripe-events/${failed.id}`, { intent: 'replay' }, { cookie: finance.cookie }), failed.id),
      ),
    );
    expect(again.status).toBe(409);
    expect(await db().auditLog.count({ where: { action: 'stripe_event.replay' } })).toBe(1);
  });

  it('refuses other roles (403), cross-origin and malformed posts, and unknown or malformed ids (404), changing nothing', async () => {
    const { event: failed, sessionId } = await givenUpEvent('failed-event-refused@example.org');
    const officer = await signedIn(['PROGRAMME_OFFICER'], 'officer-replay@example.org');
    const admin = await signedIn(['ADMIN'], 'admin-replay@example.org');
    const path = `/staff/finance/stripe-events/${failed.id}`;
    expect((await thrownResponse(() => listLoader(args(get('/staff/finance/stripe-events', { cookie: officer.cookie }))))).status).toBe(
      403,
    );
    expect(
      await thrownResponse(() => eventAction(eventArgs(postForm(path, { intent: 'replay' }, { cookie: officer.cookie }), failed.id))),
    ).toMatchObject({
      status: 403,
    });
    expect(
      (
        await thrownResponse(() =>
          eventAction(eventArgs(postForm(path, { intent: 'replay' }, { cookie: admin.cookie, origin: 'https://evil.example' }), failed.id)),
        )
      ).status,
    ).toBe(403);
    expect(
      (await thrownResponse(() => eventAction(eventArgs(postForm(path, { intent: 'delete' }, { cookie: admin.cookie }), failed.id))))
        .status,
    ).toBe(400);
    expect(
      (
        await thrownResponse(() =>
          eventLoader(eventArgs(get('/staff/finance/stripe-events/evt_nope', { cookie: admin.cookie }), 'evt_nope')),
        )
      ).status,
    ).toBe(404);
    expect(
      (await thrownResponse(() => eventLoader(eventArgs(get('/staff/finance/stripe-events/x', { cookie: admin.cookie }), "evt_'; --"))))
        .status,
    ).toBe(404);
    expect(await inboxRow(failed.id)).toMatchObject({ attempts: MAX_EVENT_ATTEMPTS });
    expect(await db().auditLog.count({ where: { action: 'stripe_event.replay', entityId: failed.id } })).toBe(0);

    // The ledger check reports an event waiting for staff as a problem: settle and replay it.
    await emulator.settleDelayed(sessionId, 'succeed');
    expect(await replayGivenUpInboxEvent({ id: failed.id, staffUserId: admin.user.id })).toBe(true);
    await drainStripeJobs();
    expect(await inboxRow(failed.id)).toBeUndefined();
  });
});
