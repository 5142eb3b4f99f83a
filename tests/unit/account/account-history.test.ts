// /account (issue #14 item 2): the signed-in donor's gifts, pledges, instalments and payments,
// newest first, paged, amounts by their currency's exponent in the reader's language, each
// payment with its web receipt and each pledge with its own page.
import { beforeAll, describe, expect, it } from 'vitest';
import { loader as historyLoader } from '~/routes/account._index.tsx';
import { loader as receiptLoader } from '~/routes/account.receipts.$paymentId.tsx';
import { getPrisma } from '~/platform/db.server.ts';
import { formatMoney } from '~/platform/money.ts';
import type { HistoryPageData } from '~/account/history-page.server.ts';
import { args, get, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie, giveOnce, pledgeInInstalments, refreshSummaries } from './account-fixture.ts';

const db = getPrisma();
let cookie = '';
let references: string[] = [];
let paymentIds: string[] = [];

async function history(path: string): Promise<HistoryPageData> {
  return unwrap(await historyLoader(args(get(path, { cookie })))).data as HistoryPageData;
}

beforeAll(async () => {
  const donor = await createDonor(db, 'keller@example.org', { displayName: 'Marta Keller' });
  // Oldest first: eleven one-off gifts (USD, JPY, KWD among them), then a pledge in instalments today.
  const gifts = [];
  gifts.push(await giveOnce(db, donor.id, { currency: 'KWD', amountMinor: 1_234n, daysAgo: 30 }));
  gifts.push(await giveOnce(db, donor.id, { currency: 'JPY', amountMinor: 5_000n, daysAgo: 20 }));
  for (let i = 0; i < 9; i += 1)
    gifts.push(await giveOnce(db, donor.id, { currency: 'USD', amountMinor: BigInt(1_000 + i), daysAgo: 10 - i }));
  const pledge = await pledgeInInstalments(db, donor.id);
  references = [pledge.pledge.reference, ...gifts.map((gift) => gift.pledge.reference).reverse()];
  paymentIds = [pledge.payment.id, ...gifts.map((gift) => gift.payment.id).reverse()];
  // Someone else's gift, which must never show.
  const other = await createDonor(db, 'other@example.org');
  await giveOnce(db, other.id, { daysAgo: 0 });
  await refreshSummaries(db);
  cookie = (await donorCookie(donor.id)).cookie;
});

describe('/account history', () => {
  it('without a session sends the visitor to the sign-in page', async () => {
    const response = await thrownResponse(() => historyLoader(args(get('/account'))));
    expect(response.headers.get('Location')).toBe('/account/sign-in');
  });

  it('lists every pledge newest first, ten a page, and the rest on the next page', async () => {
    const first = await history('/account?lng=en');
    expect(first.total).toBe(12);
    expect(first.pageCount).toBe(2);
    expect(first.entries.map((entry) => entry.reference)).toEqual(references.slice(0, 10));
    expect(first.nextHref).toBe('/account?page=2');
    expect(first.previousHref).toBeNull();
    const second = await history('/account?page=2&lng=en');
    expect(second.entries.map((entry) => entry.reference)).toEqual(references.slice(10));
    expect(second.previousHref).toBe('/account?page=1');
    expect((await history('/account?page=99&lng=en')).entries).toEqual([]);
    expect((await history('/account?page=-1&lng=en')).page).toBe(1);
  });

  it('shows the pledge in instalments with its schedule, payments, status and a link to its own page', async () => {
    const [pledge] = (await history('/account?lng=en')).entries;
    expect(pledge).toMatchObject({ title: 'Pledge in instalments', amount: '€200.00', status: 'in-progress', statusLabel: 'In progress' });
    expect(pledge?.instalments.map((row) => [row.number, row.amount, row.paid, row.status])).toEqual([
      ['1', '€100.00', '€100.00', 'paid'],
      ['2', '€100.00', '€0.00', 'due'],
    ]);
    expect(pledge?.payments).toHaveLength(1);
    expect(pledge?.payments[0]).toMatchObject({ amount: '€100.00', status: 'received', receiptHref: `/account/receipts/${paymentIds[0]}` });
    expect(pledge?.pledgeHref).toBe(`/account/pledges/${references[0]}`);
  });

  it('formats each amount by its currency’s exponent, in the reader’s language', async () => {
    const second = await history('/account?page=2&lng=en');
    expect(second.entries.map((entry) => entry.amount)).toEqual([formatMoney(5_000n, 'JPY', 'en'), formatMoney(1_234n, 'KWD', 'en')]);
    expect(second.entries[0]?.amount).toBe('¥5,000');
    expect(second.entries[1]?.amount).toMatch(/1\.234/);
    const arabic = await history('/account?page=2&lng=ar');
    expect(arabic.entries.map((entry) => entry.amount)).toEqual([formatMoney(5_000n, 'JPY', 'ar'), formatMoney(1_234n, 'KWD', 'ar')]);
    expect(arabic.entries[0]?.statusLabel).toBe('مدفوع');
    expect(arabic.pageLabel).toBe('الصفحة 2 من 2');
  });

  it('shows a refund on the payment and the gift', async () => {
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentIds[1]! } });
    await db.reversal.create({
      data: { paymentId: payment.id, kind: 'REFUND', amountMinor: payment.amountMinor, usdMinor: payment.usdMinor, reason: 'test' },
    });
    await refreshSummaries(db);
    const entry = (await history('/account?lng=en')).entries[1];
    expect(entry).toMatchObject({ status: 'refunded', statusLabel: 'Refunded' });
    expect(entry?.payments[0]).toMatchObject({ status: 'refunded', refunded: '$10.08' });
  });
});

describe('/account/receipts/:paymentId', () => {
  it('shows the receipt of the donor’s payment, with the USD equivalent of another currency', async () => {
    const page = unwrap(
      await receiptLoader({ ...args(get(`/account/receipts/${paymentIds[0]}?lng=en`, { cookie })), params: { paymentId: paymentIds[0] } }),
    ).data as { rows: { label: string; value: string }[]; donorName: string };
    expect(page.donorName).toBe('Marta Keller');
    const rows = Object.fromEntries(page.rows.map((row) => [row.label, row.value]));
    expect(rows).toMatchObject({
      Amount: '€100.00',
      Gift: 'Instalment 1 of 2',
      'Paid by': 'Bank transfer',
      'Earmarked to': 'General-purpose funds',
      Reference: references[0],
    });
    expect(rows['Equivalent in US dollars']).toBe('$108.00 (operational rate: 1 EUR = 1.08 USD)');
  });

  it('for a company: its name, number and contact, and the card fee it chose to cover, as the emailed receipt says', async () => {
    const company = await db.donor.create({
      data: {
        type: 'COMPANY',
        email: 'csr@acme.example',
        displayName: 'Acme Logistics SA',
        organisationName: 'Acme Logistics SA',
        organisationId: 'CHE-123.456.789',
        givenName: 'Ana',
        familyName: 'Silva',
      },
    });
    const { payment } = await giveOnce(db, company.id, { currency: 'EUR', amountMinor: 10_300n, coversFee: true });
    await refreshSummaries(db);
    const companyCookie = (await donorCookie(company.id)).cookie;
    const page = unwrap(
      await receiptLoader({
        ...args(get(`/account/receipts/${payment.id}?lng=en`, { cookie: companyCookie })),
        params: { paymentId: payment.id },
      }),
    ).data as { rows: { label: string; value: string }[] };
    expect(page.rows.slice(0, 5)).toEqual([
      { label: 'Organisation', value: 'Acme Logistics SA' },
      { label: 'Registration or tax number', value: 'CHE-123.456.789' },
      { label: 'Contact person', value: 'Ana Silva' },
      { label: 'Amount', value: '€103.00' },
      { label: 'Of which, the card processing fee you chose to cover', value: '€3.00' },
    ]);
  });

  it('is 404 for an unknown payment or a malformed id', async () => {
    for (const paymentId of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await thrownResponse(() =>
        receiptLoader({ ...args(get(`/account/receipts/${paymentId}`, { cookie })), params: { paymentId } }),
      );
      expect(response.status).toBe(404);
    }
  });
});
