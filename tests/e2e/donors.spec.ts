// Donor pages (decision 048) as a delegate would use them: the list, Germany's page in English and
// Arabic with axe, its totals equal to the contributions API for Germany to the cent, and from
// Germany's page to a project it funds and back through the project page's donor table.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

/** "$1,234.56" → 123456 (minor units). */
function minor(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  const [whole = '0', cents = '00'] = digits.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

test('the donor list links Germany; axe clean', async ({ page }) => {
  const response = await page.goto('/donors?lng=en');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Donors');
  await expect(
    page.getByRole('table', { name: 'Donors with a page, by name' }).getByRole('link', { name: 'Germany', exact: true }),
  ).toHaveAttribute('href', '/donors/germany');
  await expectNoAxeViolations(page);
});

test('Germany’s page: totals equal the contributions API to the cent; to a project and back; axe clean', async ({ page }) => {
  await page.goto('/donors/germany?lng=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Germany');
  const detail = (await (await page.request.get('/api/v1/donors/germany')).json()) as {
    totals: { paidUsdMinor: number; pledgedUsdMinor: number };
    years: { year: number }[];
  };
  const years = detail.years.map((row) => row.year);
  const contributions = (await (
    await page.request.get(`/api/v1/contributions?from=${Math.min(...years)}&to=${Math.max(...years)}`)
  ).json()) as { items: { name: string; isAnonymous: boolean; paidUsdMinor: number; pledgedUsdMinor: number }[] };
  const germany = contributions.items.find((item) => item.name === 'Germany' && !item.isAnonymous);
  expect(minor((await page.locator('[data-figure="paid"]').textContent()) ?? '')).toBe(germany?.paidUsdMinor);
  expect(minor((await page.locator('[data-figure="pledged"]').textContent()) ?? '')).toBe(germany?.pledgedUsdMinor);
  expect(detail.totals.paidUsdMinor).toBe(germany?.paidUsdMinor);
  await expect(page.getByRole('img', { name: 'Contributions over time' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'How to read these figures' })).toBeVisible();
  await expectNoAxeViolations(page);

  const projects = page.getByRole('table', { name: 'Earmarked to single projects, all years' });
  const project = projects.getByRole('link').first();
  const href = await project.getAttribute('href');
  await project.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  // The project page's donor table names Germany with a link back (the table opens from the chart).
  const donors = page.locator('section', { has: page.getByRole('img', { name: /^Donors/ }) });
  await donors.getByText('Show the figures as a table').click();
  await donors.getByRole('link', { name: 'Germany', exact: true }).click();
  await expect(page).toHaveURL(/\/donors\/germany$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Germany');
});

test('Germany’s page in Arabic is right to left; axe clean', async ({ page }) => {
  await page.goto('/donors/germany?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 2, name: 'كيف تُقرأ هذه الأرقام' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an unknown slug is 404', async ({ page }) => {
  const response = await page.goto('/donors/no-such-donor?lng=en');
  expect(response?.status()).toBe(404);
});
