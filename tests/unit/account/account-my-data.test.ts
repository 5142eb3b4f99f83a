// /account/data (issue #14 item 8): the signed-in donor downloads their own data as JSON and CSV,
// and erases it — only once they tick the confirmation, never while a monthly gift still runs;
// then their session ends, they land on the sign-in page with a notice, and their personal data
// is gone while the gifts stay (the erasure itself: donor-erasure.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { loader as pageLoader, action as eraseAction } from '~/routes/account.data.tsx';
import { loader as jsonLoader } from '~/routes/account.data[.]json.ts';
import { loader as csvLoader } from '~/routes/account.data[.]csv.ts';
import { getDonor } from '~/account/account-auth.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie, giveOnce, refreshSummaries } from './account-fixture.ts';

const db = getPrisma();
let donor: { id: string; email: string };
let cookie: string;
let paymentId: string;

beforeAll(async () => {
  const created = await createDonor(db, 'mydata@example.org', { displayName: 'Mira Datova' });
  donor = { id: created.id, email: 'mydata@example.org' };
  paymentId = (await giveOnce(db, created.id, { currency: 'EUR', amountMinor: 12_345n })).payment.id;
  await refreshSummaries(db);
  cookie = (await donorCookie(created.id)).cookie;
});

describe('/account/data', () => {
  it('sends a visitor without a session to sign in', async () => {
    const response = await thrownResponse(() => pageLoader(args(get('/account/data'))));
    expect(response.headers.get('Location')).toBe('/account/sign-in');
    const download = await thrownResponse(() => jsonLoader(args(get('/account/data.json'))));
    expect(download.headers.get('Location')).toBe('/account/sign-in');
  });

  it('downloads the donor’s own data as JSON and CSV, as attachments nobody caches', async () => {
    const json = await jsonLoader(args(get('/account/data.json', { cookie })));
    expect(json.headers.get('Content-Disposition')).toMatch(/^attachment; filename="my-giving-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(json.headers.get('Cache-Control')).toBe('private, no-store');
    const data = (await json.json()) as { donor: { email: string }; payments: { id: string; amount: { amount: string } }[] };
    expect(data.donor.email).toBe(donor.email);
    expect(data.payments).toEqual([expect.objectContaining({ id: paymentId, amount: expect.objectContaining({ amount: '123.45' }) })]);
    const csv = await csvLoader(args(get('/account/data.csv', { cookie })));
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toMatch(/,PAYMENT,.*,EUR,123\.45,12345,/);
  });

  it('refuses an unconfirmed erasure and one while a monthly gift runs, changing nothing', async () => {
    const unconfirmed = unwrap(await eraseAction(args(postForm('/account/data', {}, { cookie }))));
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.data)).toContain('erase.errors.confirm');

    const monthly = await db.pledge.create({
      data: {
        reference: `MYDATA-M-${donor.id.slice(0, 6)}`,
        donorId: donor.id,
        frequency: 'MONTHLY',
        method: 'CARD',
        currency: 'EUR',
        amountMinor: 2_000n,
        usdRate: '1.08',
        earmarkType: 'GENERAL_PURPOSE',
      },
    });
    const session = await db.checkoutSession.create({
      data: { pledgeId: monthly.id, stripeSessionId: `cs_mydata_${donor.id}`, status: 'complete', subscriptionStatus: 'active' },
    });
    const running = unwrap(await eraseAction(args(postForm('/account/data', { confirm: 'yes' }, { cookie }))));
    expect(running.status).toBe(409);
    expect(JSON.stringify(running.data)).toContain('erase.errors.activeMonthlyGift');
    expect(await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).toMatchObject({ email: donor.email, erasedAt: null });
    await db.checkoutSession.update({ where: { id: session.id }, data: { subscriptionStatus: 'canceled' } });
  });

  it('erases once confirmed: the session ends, the sign-in page says so, the gift stays', async () => {
    const response = (await eraseAction(args(postForm('/account/data', { confirm: 'yes' }, { cookie })))) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/account/sign-in?erased=1');
    expect(response.headers.get('Set-Cookie')).toMatch(/portal_account=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getDonor(get('/account', { cookie }))).toBeNull();
    expect(await db.donor.findUniqueOrThrow({ where: { id: donor.id } })).toMatchObject({
      email: null,
      displayName: '',
      erasedAt: expect.any(Date),
    });
    expect(await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ amountMinor: 12_345n });
  });
});
