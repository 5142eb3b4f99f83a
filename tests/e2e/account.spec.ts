// Issue #14, as a new donor would do it: give once by test card (Stripe emulator on 3126), ask for
// a link at /account, open it from the local mail viewer (the Resend fake on 3125), see the gift in
// the history and its receipt, change the profile, read the account in Arabic, sign out. axe clean
// in English and Arabic.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const MAIL = 'http://127.0.0.1:3125';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, summary.join('\n')).toEqual([]);
}

async function giveByCard(page: Page, email: string) {
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount', { exact: true }).fill('50');
  await page.getByLabel('First name').fill('Lena');
  await page.getByLabel('Last name').fill('Moreau');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:3126\/c\/pay\//);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  // a few years after today's: the Stripe emulator, as Stripe, refuses an expiry in the past
  await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${String((new Date().getUTCFullYear() + 7) % 100).padStart(2, '0')}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
}

test('a donor who gave signs in by emailed link, sees the gift and its receipt, in English and Arabic, and signs out', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // a gift through Checkout, a sign-in by email, four axe runs
  const email = `e2e-account-${Date.now()}@example.org`;
  await giveByCard(page, email);

  // Not signed in: /account asks for the address.
  await page.goto('/account?lng=en');
  await expect(page).toHaveURL(/\/account\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your giving account' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText(email);

  // The link, from the mail viewer as a person would open it.
  await page.goto(MAIL);
  const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Your link to your giving account' });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1);
  }).toPass({ timeout: 20_000 });
  await row.getByRole('link').click();
  await page
    .getByRole('link', { name: /\/account\/verify\?token=/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open your account' })).toBeVisible();
  await page.getByRole('button', { name: 'Open my account' }).click();

  // The history: the gift with its amount, status and receipt.
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your giving' })).toBeVisible();
  await expect(page.getByText(`Signed in as Lena Moreau (${email}).`)).toBeVisible();
  const gift = page.getByRole('article').filter({ hasText: 'One-off gift' });
  await expect(gift).toHaveCount(1);
  await expect(gift).toContainText('€50.00');
  await expect(gift).toContainText('Paid');
  await expectNoAxeViolations(page);
  await gift.getByRole('link', { name: /^Receipt/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Receipt for your gift' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '€50.00' }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The same account in Arabic, right to left.
  await page.goto('/account?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'تبرعاتك' })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: 'تبرع لمرة واحدة' })).toHaveCount(1);
  await expectNoAxeViolations(page);

  // Profile and preferences: a field error, then a saved change of name, display and frequency.
  await page.goto('/account?lng=en');
  await page.getByRole('link', { name: 'Your profile and preferences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your profile and preferences' })).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveValue('Lena');
  await expectNoAxeViolations(page);
  await page.getByLabel('Last name').fill('');
  await page.getByRole('button', { name: 'Save my changes' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await page.getByLabel('Last name').fill('Moreau-Dupont');
  await page.getByLabel('Don’t show my name publicly').check();
  await page.getByLabel('Once a year').check();
  await page.getByRole('button', { name: 'Save my changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Your changes have been saved.');

  // Without JavaScript the same form works: the server's field error, then a saved change.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(new URL('/account/profile?lng=en', page.url()).toString());
  await plain.getByLabel('A company').check();
  await plain.getByRole('button', { name: 'Save my changes' }).click();
  await expect(plain.getByText('Enter the name of the company or foundation.')).toBeVisible();
  await plain.getByLabel('An individual').check();
  await plain.getByLabel('Don’t show my name publicly').uncheck();
  await plain.getByRole('button', { name: 'Save my changes' }).click();
  await expect(plain.getByRole('status')).toHaveText('Your changes have been saved.');
  await noScript.close();

  await page.goto('/account/profile?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByLabel('اسم العائلة')).toHaveValue('Moreau-Dupont');
  await expectNoAxeViolations(page);

  // Sign out: the account asks for an address again.
  await page.goto('/account?lng=en');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in\?signedOut=1$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account\/sign-in$/);
});
