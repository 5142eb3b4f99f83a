// Issue #12 item 3: staff find a donor by name, email, organisation, pledge reference or payment
// id, read the donor's whole record, and resend a receipt (a new outbox email, audited).
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '~/generated/prisma/client.ts';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { acceptStripeWebhook } from '~/giving/stripe/stripe-webhook.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action as donorAction, loader as donorLoader } from '~/routes/staff.donors.$id.tsx';
import { loader as searchLoader } from '~/routes/staff.donors._index.tsx';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import type { StripeEmulator } from '../../fakes/stripe.ts';
import {
  buildGivingFixture,
  drainStripeJobs,
  giveRequest,
  signedDelivery,
  startEmulatorForTests,
  stripeEvents,
} from '../giving/giving-fixture.ts';
import { args, cookieFrom, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';

let emulator: StripeEmulator;
let stripe: Stripe;
const db = () => getPrisma();
let gift: { donorId: string; reference: string; paymentId: string; providerPaymentId: string };

async function signedIn(roles: StaffRole[], email: string) {
  const user = await createStaff({ email, name: email.split('@')[0] ?? email, roles });
  const { secret } = await createSession({ staffUserId: user.id });
  return { user, cookie: cookieFrom(await serializeSessionCookie(get('/'), secret)) };
}

beforeAll(async () => {
  ({ emulator, stripe } = await startEmulatorForTests());
  await buildGivingFixture(db());
  await startGiving(giveRequest({ email: 'zofia.search@example.org', givenName: 'Zofia', familyName: 'Wiśniewska' }), {
    origin: 'http://localhost:3000',
  });
  await startGiving(giveRequest({ email: 'other.donor@example.org', givenName: 'Other', familyName: 'Person' }), {
    origin: 'http://localhost:3000',
  });
  for (const checkout of await db().checkoutSession.findMany())
    await emulator.payCheckoutSession(checkout.stripeSessionId, { card: '4242424242424242' });
  for (const event of stripeEvents(emulator)) {
    const { payload, signature } = signedDelivery(stripe, event);
    await acceptStripeWebhook({ rawBody: payload, signature });
  }
  await drainStripeJobs();
  const donor = await db().donor.findUniqueOrThrow({
    where: { email: 'zofia.search@example.org' },
    include: { pledges: true, payments: true },
  });
  gift = {
    donorId: donor.id,
    reference: donor.pledges[0]!.reference,
    paymentId: donor.payments[0]!.id,
    providerPaymentId: donor.payments[0]!.providerPaymentId!,
  };
});
afterAll(async () => {
  await emulator?.close();
});

const search = async (q: string, cookie: string) =>
  unwrap(await searchLoader(args(get(`/staff/donors?q=${encodeURIComponent(q)}&lng=en`, { cookie })))).data as {
    message: string | null;
    hits: { id: string; name: string; matched: string }[];
  };

describe('staff donor search and record', () => {
  it('finds a donor by part of the name or email, the pledge reference (any case) or the payment id — and nobody by a wildcard', async () => {
    const { cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-donors@example.org');
    expect((await search('wiśniew', cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search('ZOFIA.SEARCH@', cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search(gift.reference.toLowerCase(), cookie)).hits).toEqual([
      expect.objectContaining({ id: gift.donorId, matched: gift.reference }),
    ]);
    expect((await search(gift.providerPaymentId, cookie)).hits.map((hit) => hit.id)).toEqual([gift.donorId]);
    expect((await search('%%', cookie)).hits).toEqual([]);
    expect((await search('z', cookie)).message).toBe('Type at least two characters.');
    expect((await search('nobody-like-this', cookie)).message).toBe('No donor matches “nobody-like-this”.');
  });

  it('shows the record and resends a receipt once per click, audited; another donor’s payment is refused', async () => {
    const finance = await signedIn(['FINANCE'], 'finance-donors@example.org');
    const path = `/staff/donors/${gift.donorId}`;
    const page = unwrap(await donorLoader({ ...args(get(`${path}?lng=en`, { cookie: finance.cookie })), params: { id: gift.donorId } }))
      .data as {
      profile: { name: string };
      pledges: { reference: string }[];
      payments: { id: string; canResend: boolean }[];
      emails: { template: string }[];
      consents: unknown[];
    };
    expect(page.profile.name).toBe('Zofia Wiśniewska');
    expect(page.pledges.map((pledge) => pledge.reference)).toEqual([gift.reference]);
    expect(page.payments).toEqual([expect.objectContaining({ id: gift.paymentId, canResend: true })]);
    expect(page.emails.map((email) => email.template)).toContain('gift-receipt');
    expect(page.consents.length).toBeGreaterThan(0);

    const receipts = () => db().emailOutbox.count({ where: { template: 'gift-receipt', donorId: gift.donorId } });
    const before = await receipts();
    const resend = await donorAction({
      ...args(postForm(path, { intent: 'resend-receipt', paymentId: gift.paymentId }, { cookie: finance.cookie })),
      params: { id: gift.donorId },
    });
    expect((resend as Response).headers.get('Location')).toBe(`${path}?resent`);
    expect(await receipts()).toBe(before + 1);
    expect(await db().auditLog.count({ where: { action: 'receipt.resend', entityId: gift.paymentId, actorId: finance.user.id } })).toBe(1);

    const other = await db().payment.findFirstOrThrow({ where: { donor: { email: 'other.donor@example.org' } } });
    const refused = await thrownResponse(() =>
      donorAction({
        ...args(postForm(path, { intent: 'resend-receipt', paymentId: other.id }, { cookie: finance.cookie })),
        params: { id: gift.donorId },
      }),
    );
    expect(refused.status).toBe(404);
    expect(await receipts()).toBe(before + 1);
  });

  it('is closed to programme officers, cross-origin posts and unknown ids', async () => {
    const officer = await signedIn(['PROGRAMME_OFFICER'], 'officer-donors@example.org');
    expect((await thrownResponse(() => searchLoader(args(get('/staff/donors?q=zofia', { cookie: officer.cookie }))))).status).toBe(403);
    const admin = await signedIn(['ADMIN'], 'admin-donors@example.org');
    const path = `/staff/donors/${gift.donorId}`;
    const crossOrigin = postForm(
      path,
      { intent: 'resend-receipt', paymentId: gift.paymentId },
      { cookie: admin.cookie, origin: 'https://evil.example' },
    );
    expect((await thrownResponse(() => donorAction({ ...args(crossOrigin), params: { id: gift.donorId } }))).status).toBe(403);
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000'])
      expect(
        (await thrownResponse(() => donorLoader({ ...args(get(`/staff/donors/${id}`, { cookie: admin.cookie })), params: { id } }))).status,
      ).toBe(404);
  });
});
