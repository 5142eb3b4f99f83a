// Giving end to end, as a new donor does it: the /give form, the Stripe emulator's hosted
// Checkout page with test cards, signed webhooks back to the portal, the ledger, the public
// figures and the receipt in the local mail viewer. The portal runs in demo mode (playwright.config.ts):
// its emulator on 127.0.0.1:3126 and its mail fake on 127.0.0.1:3125.
import { expect, test, type Page } from '@playwright/test';
import { toUsdMinor } from '../../app/platform/money.ts';
import { GIVE_BUTTON, query, mailTo } from './support.ts';

async function fillDonor(page: Page, email: string) {
  await page.getByLabel('First name').fill('Marta');
  await page.getByLabel('Last name').fill('Keller');
  await page.getByLabel('Email address').fill(email);
}

async function payOnCheckoutPage(page: Page, card: string) {
  await expect(page).toHaveURL(/127\.0\.0\.1:3126\/c\/pay\//);
  await page.getByLabel('Card number').fill(card);
  // a few years after today's: the Stripe emulator, as Stripe, refuses an expiry in the past
  await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${String((new Date().getUTCFullYear() + 7) % 100).padStart(2, '0')}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Pay' }).click();
}

async function programmeFunded(slug: string, year: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:3100/api/v1/programmes?year=${year}`);
  const { items } = (await response.json()) as { items: { slug: string; fundedUsdMinor: number }[] };
  const programme = items.find((item) => item.slug === slug);
  if (!programme) throw new Error(`programme ${slug} not in the open data`);
  return programme.fundedUsdMinor;
}

test('a new donor gives 50 EUR once by test card; the programme’s funded figure rises by the USD equivalent; the receipt arrives', async ({
  page,
}) => {
  const email = `e2e-card-${Date.now()}@example.org`;
  const [project] = await query<{ slug: string; year: number }>(
    `SELECT pg.slug, MAX(r.year) FILTER (WHERE r.year <= EXTRACT(YEAR FROM now())) AS year
     FROM projects p JOIN programmes pg ON pg.id = p."programmeId" JOIN project_requirements r ON r."projectId" = p.id
     WHERE p.code = 'GLOT59' GROUP BY pg.slug`,
  );
  const before = await programmeFunded(project!.slug, project!.year);

  await page.goto('/give?project=GLOT59&lng=en');
  await page.getByText(/^Your gift goes to: /).click();
  await expect(page.getByRole('radio', { name: 'A specific project' })).toBeChecked();
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount', { exact: true }).fill('50');
  await fillDonor(page, email);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await payOnCheckoutPage(page, '4242 4242 4242 4242');

  // Back on the portal: "processing" until the webhook has recorded the money, then "paid".
  await expect(page).toHaveURL(/\/give\/thanks\?session_id=cs_/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
  // What happens next, the project one click away, and plain share links (no third-party script).
  const next = page.getByRole('region', { name: 'What happens next' });
  await expect(next.getByRole('listitem')).toHaveCount(3);
  await expect(next.getByRole('link', { name: 'See the project' })).toHaveAttribute('href', '/projects/GLOT59');
  const share = page.getByRole('region', { name: 'Tell others' });
  await expect(share.getByLabel('Link to share')).toHaveValue(/\/projects\/GLOT59$/);
  await expect(share.getByRole('link', { name: 'Share by email' })).toHaveAttribute('href', /^mailto:\?subject=/);
  expect(await page.locator('script[src^="http"]').count()).toBe(0);

  const [payment] = await query<{ usdMinor: string; amountMinor: string; currency: string; year: number }>(
    `SELECT p."usdMinor", p."amountMinor", p.currency, a.year FROM payments p JOIN donors d ON d.id = p."donorId"
     JOIN allocations a ON a."paymentId" = p.id WHERE d.email = $1`,
    [email],
  );
  expect(payment).toMatchObject({ amountMinor: '5000', currency: 'EUR' });
  const [rate] = await query<{ usdRate: string }>(
    `SELECT "usdRate"::text FROM fx_rates WHERE currency = 'EUR' AND month <= now() ORDER BY month DESC LIMIT 1`,
  );
  // 50 EUR at the operational rate, half away from zero, in US cents
  const expectedUsd = Number(toUsdMinor({ amountMinor: 5000n, currency: 'EUR', usdRate: rate!.usdRate }));
  expect(Number(payment!.usdMinor)).toBe(expectedUsd);
  if (payment!.year === project!.year) {
    await expect.poll(() => programmeFunded(project!.slug, project!.year)).toBe(before + expectedUsd);
  }

  await expect
    .poll(async () => (await mailTo(email)).map((message) => message.subject).join(' | '), { timeout: 20_000 })
    .toMatch(/receipt/i);
  const [receipt] = await mailTo(email);
  expect(receipt?.text).toContain('€50.00');
});

test('a declined card keeps the donor’s form input when they go back', async ({ page }) => {
  const email = `e2e-declined-${Date.now()}@example.org`;
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByLabel('Amount', { exact: true }).fill('75');
  await fillDonor(page, email);
  await page.getByText('Add a dedication or cover the card fee (optional)').click();
  await page.getByLabel('Dedication (optional)').fill('For Ana');
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await payOnCheckoutPage(page, '4000 0000 0000 0002');
  await expect(page.getByText('Your card was declined.')).toBeVisible();
  await page.getByRole('link', { name: 'Cancel and go back' }).click();
  await expect(page).toHaveURL(/\/give\?resume=/);
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('75.00');
  await expect(page.getByLabel('Currency')).toHaveValue('GBP');
  await expect(page.getByLabel('Email address')).toHaveValue(email);
  await expect(page.getByLabel('Dedication (optional)')).toHaveValue('For Ana');
  expect(await query(`SELECT 1 FROM payments p JOIN donors d ON d.id = p."donorId" WHERE d.email = $1`, [email])).toHaveLength(0);
});

test('a monthly gift: the first month is recorded as paid', async ({ page }) => {
  const email = `e2e-monthly-${Date.now()}@example.org`;
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByLabel('Amount', { exact: true }).fill('25');
  await page.getByRole('radio', { name: 'Every month' }).check();
  await fillDonor(page, email);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await payOnCheckoutPage(page, '4242424242424242');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
  const rows = () =>
    query<{ frequency: string; amountMinor: string; subscriptionStatus: string | null }>(
      `SELECT pl.frequency, p."amountMinor", c."subscriptionStatus" FROM payments p JOIN pledges pl ON pl.id = p."pledgeId"
       JOIN donors d ON d.id = p."donorId" JOIN checkout_sessions c ON c."pledgeId" = pl.id WHERE d.email = $1`,
      [email],
    );
  // The subscription's own event may be applied a moment after the invoice's payment.
  await expect.poll(rows, { timeout: 15_000 }).toEqual([{ frequency: 'MONTHLY', amountMinor: '2500', subscriptionStatus: 'active' }]);
});

test('a 3-instalment bank-transfer pledge: instructions with the reference, schedule, and the email', async ({ page }) => {
  const email = `e2e-transfer-${Date.now()}@example.org`;
  const firstDue = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('CHF');
  await page.getByLabel('Amount', { exact: true }).fill('3000');
  await page.getByRole('radio', { name: 'A pledge in instalments' }).check();
  await page.getByLabel('Number of instalments').fill('3');
  await page.getByLabel('First instalment due on').fill(firstDue);
  await page.getByLabel('Time between instalments').selectOption('3');
  await page.getByRole('radio', { name: 'Bank transfer' }).check();
  await fillDonor(page, email);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();

  await expect(page).toHaveURL(/\/give\/transfer\/CPJ-/);
  const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await expect(page.getByText(reference).first()).toBeVisible();
  const schedule = page.getByRole('table');
  await expect(schedule.getByRole('row')).toHaveCount(4); // header + 3 instalments
  await expect(schedule).toContainText('CHF');
  const [pledge] = await query<{ frequency: string; method: string; n: string }>(
    `SELECT pl.frequency, pl.method, (SELECT count(*) FROM pledge_instalments i WHERE i."pledgeId" = pl.id) AS n
     FROM pledges pl WHERE pl.reference = $1`,
    [reference],
  );
  expect(pledge).toEqual({ frequency: 'INSTALMENTS', method: 'BANK_TRANSFER', n: '3' });
  await expect.poll(async () => (await mailTo(email)).length, { timeout: 20_000 }).toBe(1);
  const [mail] = await mailTo(email);
  expect(mail?.text).toContain(reference);
});
