// Donor pages (decision 048) as a delegate would use them: the list (search by name, Member States
// by type, bad parameters ignored) in English and Arabic with axe; Germany's page in English and
// Arabic with axe, its totals equal to the contributions API for Germany to the cent, and from
// Germany's page to a project it funds and back through the project page's donor table.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations } from './support.ts';

/** "$1,234.56" → 123456 (minor units). */
function minor(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  const [whole = '0', cents = '00'] = digits.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

test('the donor list links Germany; search for it by name, filter Member States, bad parameters ignored; axe clean', async ({ page }) => {
  const response = await page.goto('/donors?lng=en');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Donors');
  await expect(
    page.getByRole('table', { name: 'Donors with a page, by name' }).getByRole('link', { name: 'Germany', exact: true }),
  ).toHaveAttribute('href', '/donors/germany');
  await expect(page.locator('.donor-count')).toContainText(/^\d+ donors?/);
  await expectNoAxeViolations(page);

  // The search form is a plain GET form: typing and pressing the button lands on ?q=.
  const search = page.getByRole('search', { name: 'Search the donors' });
  await search.getByLabel('Name contains').fill('germ');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/donors\?q=germ(&|$)/);
  const table = page.getByRole('table', { name: 'Donors with a page, by name' });
  await expect(table.getByRole('link', { name: 'Germany', exact: true })).toBeVisible();
  for (const name of await table.locator('tbody th').allTextContents()) expect(name.toLowerCase()).toContain('germ');
  await expectNoAxeViolations(page);

  await page.getByRole('navigation', { name: 'Donors by type' }).getByRole('link', { name: 'Member States' }).click();
  await expect(page).toHaveURL(/\/donors\?type=member-state$/);
  await expect(table.getByRole('link', { name: 'Germany', exact: true })).toBeVisible();
  for (const type of await table.locator('tbody td:nth-child(2)').allTextContents()) expect(type).toBe('Member State');

  const bad = await page.goto('/donors?page=0&type=individual&lng=en');
  expect(bad?.status()).toBe(200);
  await expect(page.getByRole('status').filter({ hasText: 'not understood' })).toContainText('Type: “individual”');
});

test('the donor list in Arabic is right to left and searchable; axe clean', async ({ page }) => {
  await page.goto('/donors?q=germ&lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('search').getByLabel('الاسم يتضمن')).toHaveValue('germ');
  await expect(page.getByRole('link', { name: 'Germany', exact: true })).toHaveAttribute('href', '/donors/germany');
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

test('Germany’s spreadsheet, downloaded from its page, has numeric cells and equals the CSV', async ({ page }) => {
  await page.goto('/donors/germany?lng=en');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'These figures as a spreadsheet (.xlsx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('donor-germany.xlsx');
  const workbook = new ExcelJS.Workbook();
  const bytes = await readFile((await download.path()) ?? '');
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Years', 'Earmarks', 'About']);
  const csv = (await (await page.request.get('/api/v1/donors/germany?format=csv')).text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const header = csv[0]!.split(',');
  const sheet = workbook.getWorksheet('Years')!;
  expect(sheet.rowCount).toBe(csv.length);
  csv.slice(1).forEach((line, index) => {
    const row = sheet.getRow(index + 2);
    line.split(',').forEach((text, column) => {
      const value = row.getCell(column + 1).value;
      if (text === '') return expect(value ?? null).toBeNull();
      expect(typeof value).toBe('number');
      const name = header[column]!;
      expect(name.endsWith('UsdMinor') ? Math.round((value as number) * 100) : value).toBe(Number(text));
    });
  });
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
