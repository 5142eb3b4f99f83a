// /account/pledges/:reference (issue #14 item 3): the signed-in donor's own pledge — the schedule
// with paid and open instalments, what is still owed, "Pay now" for exactly the next open
// instalment of a card pledge (a Checkout session at the Stripe emulator; paid only once the
// webhook says so), and bank details with the reference for a transfer. Another donor's pledge is
// a 404 that never reaches Stripe.
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { startGiving, startInstalmentCheckout } from '~/giving/giving-commands.server.ts';
import type { OwnPledgePageData } from '~/giving/pledge-pages.server.ts';
import { applyStripeEvent } from '~/giving/stripe/stripe-event-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import { buildGivingFixture, giveRequest, startEmulatorForTests, stripeEvents } from '../giving/giving-fixture.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie } from './account-fixture.ts';

type RouteArgs = LoaderFunctionArgs & ActionFunctionArgs;
interface RouteModule {
  loader: (args: RouteArgs) => Promise<unknown>;
  action: (args: RouteArgs) => Promise<unknown>;
}

const db = () => getPrisma();
const origin = 'http://localhost:3000';
let emulator: StripeEmulator;
let stripe: Stripe;
let route: RouteModule;
const applied = new Set<string>();

/** An ISO day `days` after now (the schedule starts in the future, whatever today is). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function deliverNewEvents(): Promise<void> {
  const fresh = stripeEvents(emulator)
    .filter((event) => !applied.has(event.id))
    .reverse();
  for (const event of fresh) {
    await applyStripeEvent(event, { stripe });
    applied.add(event.id);
  }
}

/** A pledge in three instalments; the donor's id and the pledge's reference. */
async function pledge(email: string, method: 'card' | 'bank_transfer') {
  const result = await startGiving(
    giveRequest({
      frequency: 'instalments',
      method,
      currency: 'EUR',
      amountMinor: 100_000n,
      instalmentCount: 3,
      firstDueOn: dayFromNow(20),
      intervalMonths: 1,
      email,
    }),
    { origin },
  );
  expect(result.kind).toBe(method === 'card' ? 'pledge' : 'bank-transfer');
  const reference = (result as { reference: string }).reference;
  const row = await db().pledge.findUniqueOrThrow({
    where: { reference },
    include: { instalments: { orderBy: { sequence: 'asc' } } },
  });
  return { reference, donorId: row.donorId, instalments: row.instalments };
}

const pagePath = (reference: string) => `/account/pledges/${reference}`;

async function load(reference: string, cookie: string): Promise<OwnPledgePageData> {
  return unwrap(await route.loader({ ...args(get(`${pagePath(reference)}?lng=en`, { cookie })), params: { reference } }))
    .data as OwnPledgePageData;
}

/** The action's answer: a redirect's status and Location, or the status and data of a refusal. */
async function payNow(reference: string, cookie: string, instalmentId: string) {
  const request = postForm(pagePath(reference), { instalmentId }, { cookie });
  let answer: unknown;
  try {
    answer = await route.action({ ...args(request), params: { reference } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    answer = thrown;
  }
  if (answer instanceof Response) return { status: answer.status, location: answer.headers.get('Location'), data: null };
  const { status, data } = unwrap(answer);
  return { status, location: null, data: data as { error: string } };
}

let card: Awaited<ReturnType<typeof pledge>>;
let bank: Awaited<ReturnType<typeof pledge>>;
let cardCookie = '';
let otherCookie = '';

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
  route = (await import('~/routes/account.pledges.$reference.tsx')) as unknown as RouteModule;
  card = await pledge('card-pledger@example.org', 'card');
  bank = await pledge('bank-pledger@example.org', 'bank_transfer');
  cardCookie = (await donorCookie(card.donorId)).cookie;
  otherCookie = (await donorCookie((await createDonor(db(), 'someone-else@example.org')).id)).cookie;
  // The first instalment is paid by card, recorded by the webhook.
  await startInstalmentCheckout({ reference: card.reference, instalmentId: card.instalments[0]!.id, origin });
  const checkout = await db().checkoutSession.findFirstOrThrow({ where: { instalmentId: card.instalments[0]!.id } });
  await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  await deliverNewEvents();
});

afterAll(async () => {
  await emulator?.close();
});

describe('/account/pledges/:reference', () => {
  it('without a session sends the visitor to the sign-in page', async () => {
    const response = await thrownResponse(() =>
      route.loader({ ...args(get(pagePath(card.reference))), params: { reference: card.reference } }),
    );
    expect(response.headers.get('Location')).toBe('/account/sign-in');
  });

  it('shows the donor’s card pledge: the schedule paid and open, what is owed, and the next instalment to pay', async () => {
    const page = await load(card.reference, cardCookie);
    expect(page.pledge.reference).toBe(card.reference);
    expect(page.pledge.instalments.map((row) => row.status)).toEqual(['paid', 'due', 'due']);
    expect(page.paid).toBe('€333.34');
    expect(page.owed).toBe('€666.66');
    expect(page.next).toMatchObject({ id: card.instalments[1]!.id, amount: '€333.33' });
    expect(page.bank).toBeNull();
  });

  it('“Pay now” opens a Checkout session for exactly the next instalment, and records nothing itself', async () => {
    const next = card.instalments[1]!;
    const paymentsBefore = await db().payment.count({ where: { pledge: { reference: card.reference } } });
    const answer = await payNow(card.reference, cardCookie, next.id);
    expect(answer.status).toBe(303);
    const row = await db().checkoutSession.findFirstOrThrow({ where: { instalmentId: next.id } });
    expect(answer.location).toBe(row.url);
    const session = await stripe.checkout.sessions.retrieve(row.stripeSessionId);
    expect(session).toMatchObject({ amount_total: Number(next.amountMinor), currency: 'eur', client_reference_id: next.id });
    expect(await db().payment.count({ where: { pledge: { reference: card.reference } } })).toBe(paymentsBefore);
    expect(await db().checkoutSession.count({ where: { instalmentId: card.instalments[2]!.id } })).toBe(0);
  });

  it('refuses an instalment that is not the next open one (a stale form), starting nothing', async () => {
    const sessionsBefore = await db().checkoutSession.count();
    const paidOne = await payNow(card.reference, cardCookie, card.instalments[0]!.id);
    expect(paidOne).toMatchObject({ status: 409, data: { error: 'errors.alreadyPaid' } });
    const later = await payNow(card.reference, cardCookie, card.instalments[2]!.id);
    expect(later.status).toBe(409);
    expect(await db().checkoutSession.count()).toBe(sessionsBefore);
  });

  it('a bank-transfer pledge shows the bank details and the reference to quote, and nothing to pay by card', async () => {
    const page = await load(bank.reference, (await donorCookie(bank.donorId)).cookie);
    expect(page.bank).toMatchObject({ iban: expect.any(String), accountName: expect.any(String) });
    expect(page.pledge.reference).toBe(bank.reference);
    expect(page.next).toBeNull();
    expect(page.owed).toBe('€1,000.00');
    const refused = await payNow(bank.reference, (await donorCookie(bank.donorId)).cookie, bank.instalments[0]!.id);
    expect(refused.status).toBe(400);
  });

  it('another donor’s pledge, or none, is a 404 for the loader and for “Pay now”, and Stripe is never asked', async () => {
    const sessionsBefore = await db().checkoutSession.count();
    for (const reference of [card.reference, bank.reference, 'NO-SUCH-REF', '../etc']) {
      const loaded = await thrownResponse(() =>
        route.loader({ ...args(get(pagePath(reference), { cookie: otherCookie })), params: { reference } }),
      );
      expect(loaded.status).toBe(404);
      expect(await payNow(reference, otherCookie, card.instalments[2]!.id)).toMatchObject({ status: 404 });
    }
    expect(await db().checkoutSession.count()).toBe(sessionsBefore);
  });
});
