// Issue #14 item 4's "done when", as a new donor would do it: two monthly gifts by card on /give,
// sign in to /account by the emailed link (from the demo mail viewer), change one gift's amount
// (Stripe's next invoice shows it, the renewal charges it), pause the other (its renewal charges
// nothing) and cancel it. Each change shows on the page only once Stripe's webhook has come back,
// and each is confirmed by email. axe clean in English and Arabic. The portal runs in demo mode
// (playwright.config.ts): its Stripe emulator on 127.0.0.1:3126, its mail fake on 127.0.0.1:3125.
import { expect, test } from '@playwright/test';
import {
  axeOf,
  askNewMonthlyAmount,
  expectMonthlyGiftShows,
  giveMonthly,
  mailSubjects,
  nextInvoiceAmount,
  query,
  signInAsDonor,
  STRIPE,
} from './support.ts';

async function renew(subscriptionId: string) {
  const response = await fetch(`${STRIPE}/_emulator/subscriptions/${subscriptionId}/renew`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(200);
  return (await response.json()) as { outcome: string; invoice: { status: string; amount_due: number; amount_paid: number } | null };
}

test('a donor changes one monthly gift’s amount, pauses and cancels another, each confirmed by webhook and email', async ({ page }) => {
  test.setTimeout(180_000); // two Checkout payments, a sign-in by email, five changes each waiting for its webhook, axe twice
  const email = `e2e-account-monthly-${Date.now()}@example.org`;
  const first = await giveMonthly(page, email, '25');
  const second = await giveMonthly(page, email, '10');

  await signInAsDonor(page, email);
  await page.getByRole('link', { name: `Change, pause or end monthly gift ${first.reference}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your monthly gift');
  await expect(page.getByText('$25.00 on ')).toBeVisible();
  const axeEnglish = await axeOf(page).analyze();
  expect(axeEnglish.violations).toEqual([]);

  // A new amount: refused when below the smallest gift, then accepted.
  const amount = page.getByLabel('New monthly amount (USD)');
  await amount.fill('0.50');
  await page.getByRole('button', { name: 'Change the amount' }).click();
  await expect(page.getByText('The amount is below the smallest monthly gift in this currency.')).toBeVisible();
  await askNewMonthlyAmount(page, '40');
  expect(await nextInvoiceAmount(first.subscriptionId)).toBe(4_000);
  // The page shows it once the webhook has recorded it.
  await expectMonthlyGiftShows(page, 'Monthly amount', '$40.00');
  await expect(page.getByText('$40.00 on ')).toBeVisible();
  await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift is now $40.00');
  // The next month charges the new amount.
  expect(await renew(first.subscriptionId)).toMatchObject({ outcome: 'paid', invoice: { status: 'paid', amount_paid: 4_000 } });
  await expect
    .poll(async () =>
      (
        await query<{ amountMinor: string }>(
          `SELECT p."amountMinor" FROM payments p JOIN pledges pl ON pl.id = p."pledgeId" WHERE pl.reference = $1 ORDER BY p."receivedAt"`,
          [first.reference],
        )
      ).map((row) => row.amountMinor),
    )
    .toEqual(['2500', '4000']);

  // The other gift: paused (its renewal charges nothing), then cancelled.
  await page.goto(`/account/monthly/${second.reference}?lng=ar`);
  const axeArabic = await axeOf(page).analyze();
  expect(axeArabic.violations).toEqual([]);
  await page.goto(`/account/monthly/${second.reference}?lng=en`);
  await page.getByRole('button', { name: 'Pause my monthly gift' }).click();
  await expect(page.getByRole('status')).toContainText('Your request to pause has been sent to Stripe');
  await expectMonthlyGiftShows(page, 'Status', 'Paused');
  await expect(page.getByText('None while your gift is paused')).toBeVisible();
  expect(await renew(second.subscriptionId)).toMatchObject({ outcome: 'paused', invoice: { status: 'void', amount_paid: 0 } });
  await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift is paused');

  await page.getByRole('button', { name: 'End my monthly gift' }).click();
  await expect(page.getByText('Tick the box to confirm that you want to end your monthly gift.')).toBeVisible();
  await page.getByLabel('Yes, end my monthly gift').check();
  await page.getByRole('button', { name: 'End my monthly gift' }).click();
  await expect(page.getByRole('status')).toContainText('Your request to end your monthly gift has been sent to Stripe');
  await expectMonthlyGiftShows(page, 'Status', 'Ended');
  await expect(page.getByText('This monthly gift has ended. No further payments will be taken.')).toBeVisible();
  await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift has ended');
  const [payments] = await query<{ n: string }>(
    `SELECT COUNT(*)::text AS n FROM payments p JOIN pledges pl ON pl.id = p."pledgeId" WHERE pl.reference = $1`,
    [second.reference],
  );
  expect(payments?.n).toBe('1');
});
