// The /give form in the browser (form level; the payment flows are in the giving specs): English
// and Arabic with axe, keyboard use, errors that keep the donor's input with a focused summary,
// prefill from links, and the whole form working with JavaScript turned off.
import { expect, test, type Page } from '@playwright/test';
import { GIVE_BUTTON, expectNoAxeViolations } from './support.ts';

const ARABIC = /[\u0600-\u06FF]/;

/** Waits until React has hydrated the form: the quick-amount buttons only exist then. */
async function waitForHydration(page: Page) {
  await expect(page.getByRole('group', { name: /Suggested amounts|مبالغ مقترحة/ })).toBeVisible();
}

test('English /give: fieldsets with legends, general purpose by default and explained; axe clean', async ({ page }) => {
  const response = await page.goto('/give?lng=en');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Give to crime prevention and criminal justice');
  for (const legend of ['Your gift', 'How often', 'How you pay', 'Where your gift goes', 'About you', 'Keeping in touch']) {
    await expect(page.getByRole('group', { name: legend, exact: true })).toBeVisible();
  }
  const general = page.getByRole('radio', { name: 'Where it is needed most (general purpose)' });
  await expect(general).toBeChecked();
  await expect(general).toHaveAccessibleDescription(/general-purpose funds/);
  await waitForHydration(page);
  // With JavaScript, options that do not apply are out of the way.
  await expect(page.getByLabel('Number of instalments')).toBeHidden();
  await expect(page.getByLabel('Name of the company or foundation')).toBeHidden();
  await expectNoAxeViolations(page);

  // Quick amounts follow the currency's decimals; the fee follows the amount.
  await page.getByLabel('Currency').selectOption('JPY');
  await page.getByRole('button', { name: '¥5,000', exact: true }).click();
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('5000');
  await expect(page.getByRole('button', { name: '¥5,000', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(/JPY has no decimal places/)).toBeVisible();
  // What most donors never need is folded away, one keyboard-reachable line each.
  const extras = page.getByText('Add a dedication or cover the card fee (optional)');
  await expect(page.getByLabel('Dedication (optional)')).toBeHidden();
  await extras.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel(/Add ¥150 \(3 %\) to cover the card processing fee/)).toBeVisible();
  await page.getByLabel('Currency').selectOption('KWD');
  await expect(page.getByRole('button', { name: /KWD\s?10\.000/ })).toBeVisible();

  // Choosing instalments and a company shows their fields.
  await page.getByRole('radio', { name: 'A pledge in instalments' }).check();
  await expect(page.getByLabel('Number of instalments')).toBeVisible();
  await page.getByRole('radio', { name: 'A company' }).check();
  await expect(page.getByLabel('Name of the company or foundation')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('Arabic /give is right to left and translated; axe clean', async ({ page }) => {
  await page.goto('/give?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ARABIC);
  await waitForHydration(page);
  for (const label of await page.locator('.give-form legend, .give-form label').allTextContents()) {
    if (label.trim()) expect(label, label).toMatch(ARABIC);
  }
  await expectNoAxeViolations(page);
});

test('keyboard: the form is usable without a mouse; errors land in a focused summary that links to each field', async ({ page }) => {
  await page.goto('/give?lng=en');
  await waitForHydration(page);
  await page.getByLabel('Currency').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Amount', { exact: true })).toBeFocused();
  // An amount is already chosen (about $50): select it to type another.
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('50.00');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('40');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '$25.00', exact: true })).toBeFocused();
  // Radio groups: arrow keys move the choice.
  await page.getByRole('radio', { name: 'Once' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Every month' })).toBeChecked();
  // The honeypot is never a tab stop.
  await expect(page.getByLabel('Leave this empty')).toHaveAttribute('tabindex', '-1');

  await page.getByRole('button', { name: GIVE_BUTTON }).focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'First name: Enter your name.',
    'Last name: Enter your name.',
    /^Email address: Enter a valid email address/,
  ]);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('First name')).toBeFocused();
  await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('First name')).toHaveAccessibleDescription('Enter your name.');
  // The typed amount and choice survived.
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('40');
  await expect(page.getByRole('radio', { name: 'Every month' })).toBeChecked();
});

test('validation errors keep every value: monthly by bank transfer and too many decimals', async ({ page }) => {
  await page.goto('/give?lng=en');
  await waitForHydration(page);
  await page.getByLabel('Amount', { exact: true }).fill('12.345');
  await page.getByRole('radio', { name: 'Every month' }).check();
  await page.getByRole('radio', { name: 'Bank transfer' }).check();
  await page.getByLabel('First name').fill('Amal');
  await page.getByLabel('Last name').fill('Haddad');
  // A field is checked when it is left, and its error shows next to it, linked for screen readers.
  await page.getByLabel('Email address').fill('amal@');
  await page.getByLabel('Email address').blur();
  await expect(page.getByLabel('Email address')).toHaveAccessibleDescription(/Enter a valid email address, like name@example.org\./);
  await page.getByLabel('Email address').fill('amal@example.org');
  await expect(page.getByText('Enter a valid email address, like name@example.org.')).toHaveCount(0);
  await page.getByText('Add a dedication or cover the card fee (optional)').click();
  await page.getByLabel('Dedication (optional)').fill('For my students');
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Amount: This currency does not have that many decimal places.');
  await expect(summary).toContainText('How you pay: Monthly gifts can only be paid by card.');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('12.345');
  await expect(page.getByLabel('First name')).toHaveValue('Amal');
  await expect(page.getByLabel('Dedication (optional)')).toHaveValue('For my students');
  await expect(page.getByRole('radio', { name: 'Bank transfer' })).toBeChecked();
  // Fixing the amount clears its error as the donor types.
  await page.getByLabel('Amount', { exact: true }).fill('12.34');
  await expect(summary).not.toContainText('decimal places');
});

test('a gift for one project: the heading names it, its gap stands beside the form, and the button states the gift', async ({ page }) => {
  await page.goto('/give?project=GLOT59&lng=en');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^Give to .+/);
  const projectTitle = (await page.getByLabel('Project', { exact: true }).locator('option:checked').textContent())?.trim() ?? '';
  expect(projectTitle.length).toBeGreaterThan(0);
  // The choice is made: it folds into one line that names the project and opens to change it.
  await expect(page.getByText(/^Your gift goes to: .+ — change$/)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'A specific project' })).toBeHidden();
  expect(projectTitle).toContain((await heading.textContent())!.replace(/^Give to /, ''));
  const figures = page.getByRole('complementary', { name: (await heading.textContent())!.replace(/^Give to /, '') });
  await expect(figures.getByText(/^Still missing: \$[\d,]+\.\d\d$/)).toBeVisible();
  await expect(figures.getByRole('img', { name: /of the requirement funded/ })).toBeVisible();
  await expect(figures.getByRole('link', { name: 'About this project' })).toHaveAttribute('href', '/projects/GLOT59');
  await waitForHydration(page);
  await expect(page.getByRole('button', { name: 'Give $50.00', exact: true })).toBeVisible();
  await page.getByRole('radio', { name: 'Every month' }).check();
  await page.getByRole('button', { name: '$25.00', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Give $25.00 every month', exact: true })).toBeVisible();
  await page.getByRole('radio', { name: 'A pledge in instalments' }).check();
  await expect(page.getByRole('button', { name: 'Pledge $25.00 in instalments', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a gift for a project: its programme’s suggested amounts say what each pays for, in the reader’s language and without JavaScript; axe clean', async ({
  browser,
  page,
}) => {
  // Demo texts of the trafficking programme (prisma/seed-data/suggested-amounts.ts), GLOT59's programme.
  const paysFor = 'Trains one border official for a day to spot the signs of trafficking';
  await page.goto('/give?project=GLOT59&lng=en');
  await waitForHydration(page);
  const preselected = page.getByRole('button', { name: '$50.00', exact: true });
  await expect(preselected).toHaveAccessibleDescription(paysFor);
  await expect(preselected).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('50.00');
  await expect(page.getByRole('button', { name: '$100.00', exact: true })).toHaveAccessibleDescription(/shelter and legal advice/);
  await expectNoAxeViolations(page);
  // Another currency with its own list (EUR); one without (GBP) shows the form's usual amounts, without texts.
  await page.getByLabel('Currency').selectOption('EUR');
  await expect(page.getByRole('button', { name: '€50.00', exact: true })).toHaveAccessibleDescription(paysFor);
  await page.getByLabel('Currency').selectOption('GBP');
  await expect(page.getByRole('button', { name: '£40.00', exact: true })).not.toHaveAttribute('aria-describedby');

  await page.goto('/give?project=GLOT59&lng=ar');
  await waitForHydration(page);
  await expect(page.getByText('يدرّب موظف حدود واحداً ليوم على رصد علامات الاتجار بالبشر')).toBeVisible();
  await expectNoAxeViolations(page);

  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const plain = await noJs.newPage();
  await plain.goto('/give?project=GLOT59&lng=en');
  await expect(plain.getByRole('listitem').filter({ hasText: paysFor })).toContainText('$50.00');
  await expect(plain.getByLabel('Amount', { exact: true })).toHaveValue('50.00');
  await noJs.close();
});

test('links prefill the earmark; unknown values give a notice, not an error', async ({ page }) => {
  await page.goto('/give?project=GLOT59&lng=en');
  await page.getByText(/^Your gift goes to: /).click();
  await expect(page.getByRole('radio', { name: 'A specific project' })).toBeChecked();
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue('GLOT59');
  await page.goto('/give?programme=corruption&lng=en');
  await page.getByText(/^Your gift goes to: /).click();
  await expect(page.getByRole('radio', { name: 'A global programme' })).toBeChecked();
  await expect(page.getByLabel('Programme', { exact: true })).toHaveValue('corruption');
  const response = await page.goto('/give?programme=atlantis&lng=en');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: '“atlantis”' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Where it is needed most (general purpose)' })).toBeChecked();
});

test('without JavaScript: every option is shown, the server returns errors with the input kept, and a bank-transfer pledge goes through', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto('/give?lng=en');
  await expect(page.getByLabel('Number of instalments')).toBeVisible();
  await expect(page.getByLabel('Name of the company or foundation')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Suggested amounts' })).toHaveCount(0);

  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount', { exact: true }).fill('60');
  await page.getByRole('radio', { name: 'Bank transfer' }).check();
  await page.getByRole('radio', { name: 'A foundation' }).check();
  await page.getByLabel('First name').fill('Lena');
  await page.getByLabel('Last name').fill('Berg');
  await page.getByLabel('Email address').fill('lena@example.org');
  await page.getByLabel('Country (optional)').selectOption('SE');
  await page.getByLabel(/Email me impact reports/).check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: GIVE_BUTTON }).click(),
  ]);
  expect(response.status()).toBe(400);
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('Name of the company or foundation: Enter the name of the company or foundation.');
  await expect(summary).toBeFocused();
  await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('60');
  await expect(page.getByLabel('Currency')).toHaveValue('EUR');
  await expect(page.getByRole('radio', { name: 'A foundation' })).toBeChecked();
  await expect(page.getByLabel('Email address')).toHaveValue('lena@example.org');
  await expect(page.getByLabel('Country (optional)')).toHaveValue('SE');
  await expect(page.getByLabel(/Email me impact reports/)).toBeChecked();

  await page.getByLabel('Name of the company or foundation').fill('Berg Foundation');
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await expect(page).toHaveURL(/\/give\/transfer\/[^?]+\?t=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pay by bank transfer');
  await expect(page.getByText('Payment reference', { exact: true })).toBeVisible();
  await expect(page.getByText('€60.00').first()).toBeVisible();
  await expect(page.getByText(/print this page with your browser/)).toBeVisible();
  await context.close();
});

test('thank-you page before the webhook: "processing" in a live region, refreshing itself with and without JavaScript', async ({
  browser,
}) => {
  const baseURL = test.info().project.use.baseURL;
  // Without JavaScript the form's plain POST still ends on the payment page (an external 303).
  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await noJs.newPage();
  await page.goto('/give?lng=en');
  await page.getByLabel('Amount', { exact: true }).fill('30');
  await page.getByLabel('First name').fill('Rui');
  await page.getByLabel('Last name').fill('Costa');
  await page.getByLabel('Email address').fill(`e2e-thanks-${Date.now()}@example.org`);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await expect(page).toHaveURL(/\/c\/pay\/cs_/);
  const sessionId = new URL(page.url()).pathname.split('/').pop() ?? '';

  // Back on the portal without paying: nothing is marked paid, and the page reloads itself.
  await page.goto(`/give/thanks?session_id=${sessionId}&lng=en`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you — your payment is being confirmed');
  await expect(page.getByRole('status')).toContainText('this page updates by itself');
  await expect(page).toHaveURL(/poll=1/, { timeout: 8_000 });
  await noJs.close();

  // With JavaScript the loader is revalidated instead: no meta refresh is in force.
  const withJs = await browser.newPage({ baseURL });
  const reloads: string[] = [];
  withJs.on('request', (request) => {
    if (request.url().includes('/give/thanks')) reloads.push(request.url());
  });
  await withJs.goto(`/give/thanks?session_id=${sessionId}&lng=en`);
  await expect(withJs.getByRole('status')).toHaveAttribute('aria-live', 'polite');
  await expect.poll(() => reloads.filter((url) => url.includes('.data')).length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(withJs.url()).not.toContain('poll=');
  await withJs.close();
});
