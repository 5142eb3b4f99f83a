// Country and region pages as a delegate would use them: from a project to its country page and
// its region page and back; /funding narrowed to a country with the filter form; unknown codes
// are a 404 that says so; axe clean in English and Arabic.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

test('from a project to its country page, on to its region page, and back to the project; axe clean', async ({ page }) => {
  test.setTimeout(120_000); // four pages, two axe runs on pages with wide tables
  await page.goto('/projects/NGAT81?lng=en');
  const summary = page.locator('dl.summary-list');
  await summary.getByRole('link', { name: 'Nigeria', exact: true }).click();
  await expect(page).toHaveURL(/\/countries\/NG$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nigeria');
  await expect(page.getByRole('img', { name: /^Requirement and funding by year/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'How to read these figures' })).toBeVisible();
  await expect(page.getByText(/^Figures last changed /)).toBeVisible();
  await expectNoAxeViolations(page);

  // The country sits in Western Africa, Sub-Saharan Africa and Africa; Africa's page holds the project too.
  await page.getByRole('link', { name: 'Africa', exact: true }).click();
  await expect(page).toHaveURL(/\/regions\/002$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Africa');
  const projects = page.getByRole('table', { name: /^Projects in Africa/ });
  await expect(projects.getByRole('link', { name: /^KENU12/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await projects.getByRole('link', { name: /^NGAT81/ }).click();
  await expect(page).toHaveURL(/\/projects\/NGAT81$/);
  await expect(page.locator('dl.summary-list').getByRole('link', { name: 'Western Africa' })).toHaveAttribute('href', '/regions/011');
});

test('the region page in Arabic: right to left, axe clean', async ({ page }) => {
  test.setTimeout(120_000); // two pages, two axe runs
  await page.goto('/regions/002?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: 'كيف تُقرأ هذه الأرقام' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/countries/NG?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page);
});

test('/funding narrowed to a country with the plain filter form links the country page; unknown codes say so', async ({ page }) => {
  test.setTimeout(120_000); // five pages, two axe runs
  await page.goto('/funding?lng=en');
  await page.getByLabel('Country').selectOption('KE');
  await page.getByRole('button', { name: 'Show figures' }).click();
  await expect(page).toHaveURL(/[?&]country=KE/);
  await page.locator('.dashboard__scope').getByRole('link', { name: 'Kenya' }).click();
  await expect(page).toHaveURL(/\/countries\/KE$/);

  const response = await page.goto('/countries/XX?lng=en');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Country not found');
  await expectNoAxeViolations(page);
  const region = await page.goto('/regions/999?lng=ar');
  expect(region?.status()).toBe(404);
  await expectNoAxeViolations(page);
});
