// Issue #14, as a new donor would do it: give once by test card (Stripe emulator on 3126), ask for
// a link at /account, open it from the local mail viewer (the Resend fake on 3125), see the gift in
// the history and its receipt, its page and the impact reports archive, change the profile (also
// without JavaScript), read the account in Arabic, sign out; axe clean in English and Arabic. And a card pledge in instalments whose next instalment
// the donor pays from /account/pledges/:reference, marked paid once Stripe's webhook is applied.
import { expect, test, type Page } from '@playwright/test';
import { GIVE_BUTTON, expectNoAxeViolations, payByTestCard, pledgeInInstalments, signInAsDonor } from './support.ts';

async function giveByCard(page: Page, email: string) {
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount', { exact: true }).fill('50');
  await page.getByLabel('First name').fill('Lena');
  await page.getByLabel('Last name').fill('Moreau');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await payByTestCard(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
}

test('a donor who gave signs in by emailed link, sees the gift and its receipt, in English and Arabic, and signs out', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // a gift through Checkout, a sign-in by email, ten axe runs
  const email = `e2e-account-${Date.now()}@example.org`;
  await giveByCard(page, email);

  await signInAsDonor(page, email, { checkAxe: true });

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

  // The gift's own page in the account, and the impact reports archive (empty: no report was sent yet).
  await page.goto('/account?lng=en');
  await gift.getByRole('link', { name: /^The page of pledge/ }).click();
  await expect(page).toHaveURL(/\/account\/pledges\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Your pledge / })).toBeVisible();
  await expectNoAxeViolations(page);
  const pledgeUrl = page.url();
  await page.goto('/account?lng=en');
  await page.getByRole('link', { name: 'Your impact reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your impact reports' })).toBeVisible();
  await expect(page.getByText('We have not sent you an impact report yet.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`${pledgeUrl}?lng=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: /^تعهدك / })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/account/reports?lng=ar');
  await expect(page.getByRole('heading', { level: 1, name: 'تقارير الأثر الخاصة بك' })).toBeVisible();
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

test('a donor pays the next instalment of a card pledge from their account; the webhook marks it paid', async ({ page }) => {
  test.setTimeout(120_000);
  const email = `e2e-account-pledge-${Date.now()}@example.org`;
  await pledgeInInstalments(page, { email, givenName: 'Ines', familyName: 'Duarte' });

  await signInAsDonor(page, email);
  const pledge = page.getByRole('article').filter({ hasText: 'Pledge in instalments' });
  await pledge.getByRole('link', { name: /^The page of pledge/ }).click();
  await expect(page).toHaveURL(/\/account\/pledges\/[^/]+$/);
  const pledgeUrl = page.url();
  await expect(page.getByText('Still to pay')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '€300.00' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Pay €100.00 now by card' }).click();

  await expect(page).toHaveURL(/127\.0\.0\.1:3126\/c\/pay\//);
  await expect(page.getByText('€100.00').first()).toBeVisible();
  await payByTestCard(page);
  await expect(page).not.toHaveURL(/127\.0\.0\.1:3126/, { timeout: 20_000 });

  // Paid once Stripe's webhook is applied: the first instalment, and the button moves to the second.
  await expect(async () => {
    await page.goto(pledgeUrl);
    await expect(page.getByRole('definition').filter({ hasText: '€200.00' }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Paid');
  await expect(page.getByRole('button', { name: 'Pay €100.00 now by card' })).toBeVisible();
  await expect(page.getByText('Instalment 2,')).toBeVisible();
});

test('without JavaScript, the emailed link opens the account', async ({ page, browser }) => {
  test.setTimeout(60_000);
  const email = `e2e-account-nojs-${Date.now()}@example.org`;
  await pledgeInInstalments(page, { email, givenName: 'Noor', familyName: 'Saleh' });
  // The link page's form posts without a script: its referrer policy must still let the browser
  // name our origin, or the origin check refuses the sign-in.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(new URL('/', page.url()).toString());
  await signInAsDonor(plain, email);
  await expect(plain.getByRole('heading', { level: 1, name: 'Your giving' })).toBeVisible();
  await noScript.close();
});
