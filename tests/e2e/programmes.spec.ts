// Programme and project pages against the built app with demo data: English and Arabic with axe,
// filtering and sorting through the URL (also with JavaScript off), the translated 404, and the
// project page's budget by year and "Fund this project" link.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

const ARABIC = /[\u0600-\u06FF]/;
/** The current year when the run started: tests that are not about the default year name it. */
const year = new Date().getUTCFullYear();

/** "$1,234.56" → 123456 (minor units), for comparing figures read off the page. */
function minor(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  const [whole = '0', cents = '00'] = digits.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

function projectsTable(page: Page) {
  return page.getByRole('table', { name: /^Projects of the / });
}

test('English /programmes: every programme with figures, a chart and a table; axe clean', async ({ page }) => {
  // Without ?year= the page shows this year (by the clock while it answered: the run may straddle New Year).
  const clockYears = [new Date().getUTCFullYear()];
  const response = await page.goto('/programmes?lng=en');
  clockYears.push(new Date().getUTCFullYear());
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Global programmes');
  const heading = page.getByRole('heading', { level: 2, name: /^Funding in \d{4}$/ });
  await expect(heading).toBeVisible();
  const shown = Number((await heading.textContent())?.slice(-4));
  expect(clockYears).toContain(shown);
  await expect(page.getByRole('img', { name: `Funding of each global programme in ${shown}` })).toBeVisible();
  const table = page.getByRole('table', { name: `Figures for each global programme in ${shown}, US dollars` });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('columnheader', { name: 'Funding gap' })).toBeVisible();
  await expect(table.getByRole('link', { name: /Corruption/ })).toHaveAttribute('href', '/programmes/corruption');
  await expectNoAxeViolations(page);

  // The year picker is a GET form.
  await page.getByRole('combobox', { name: 'Year', exact: true }).selectOption(String(shown - 1));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`year=${shown - 1}`));
  await expect(page.getByRole('heading', { level: 2, name: `Funding in ${shown - 1}` })).toBeVisible();
});

test('Arabic /programmes is right to left with Arabic names; axe clean', async ({ page }) => {
  await page.goto('/programmes?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('البرامج العالمية');
  const chart = page.getByRole('img', { name: /تمويل كل برنامج عالمي/ });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute('direction', 'rtl');
  for (const name of await page.getByRole('rowheader').allTextContents()) expect(name).toMatch(ARABIC);
  await expectNoAxeViolations(page);
});

test('programme page: filter by region with the form; the URL and the table follow', async ({ page }) => {
  await page.goto(`/programmes/corruption?year=${year}&lng=en`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Global Programme against Corruption');
  const allRows = await projectsTable(page).locator('tbody tr').count();
  expect(allRows).toBeGreaterThan(1);

  await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: 'Eastern Africa' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/region=014/);
  const rows = projectsTable(page).locator('tbody tr');
  await expect(rows).not.toHaveCount(allRows);
  for (const place of await rows.locator('td[data-column="place"]').allTextContents()) {
    expect(['Kenya', 'Eastern Africa']).toContain(place);
  }
  await expect(page.getByRole('combobox', { name: 'Region', exact: true })).toHaveValue('014');
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
    'href',
    `/api/v1/projects?year=${year}&programme=corruption&region=014&format=csv`,
  );
  await expectNoAxeViolations(page);
});

test('programme page: sort by gap, largest first, then flip', async ({ page }) => {
  await page.goto('/programmes/organized-crime?lng=en');
  await projectsTable(page).getByRole('link', { name: /^Gap/ }).click();
  await expect(page).toHaveURL(/sort=gap&dir=desc/);
  await expect(projectsTable(page).getByRole('columnheader', { name: /^Gap/ })).toHaveAttribute('aria-sort', 'descending');
  const gaps = (await projectsTable(page).locator('tbody td[data-column="gap"]').allTextContents()).map(minor);
  expect(gaps.length).toBeGreaterThan(1);
  expect(gaps).toEqual([...gaps].sort((a, b) => b - a));

  await projectsTable(page).getByRole('link', { name: /^Gap/ }).click();
  await expect(page).toHaveURL(/sort=gap&dir=asc/);
  // The URL can change before React has rendered the new order (the navigation is a transition): wait for the table.
  await expect(projectsTable(page).getByRole('columnheader', { name: /^Gap/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(async () => (await projectsTable(page).locator('tbody td[data-column="gap"]').allTextContents()).map(minor))
    .toEqual([...gaps].sort((a, b) => a - b));
});

test('nonsense filters give a notice, not an error', async ({ page }) => {
  const response = await page.goto('/programmes/corruption?region=999&status=asleep&sort=bogus&lng=en');
  expect(response?.status()).toBe(200);
  const notice = page.getByRole('status').filter({ hasText: 'not understood' });
  await expect(notice).toContainText('Region: “999”');
  await expect(notice).toContainText('Status: “asleep”');
  await expect(notice).toContainText('Sort order: “bogus”');
  await expect(projectsTable(page).locator('tbody tr').first()).toBeVisible();
});

test('an unknown programme is a 404 page in French for ?lng=fr', async ({ page }) => {
  const response = await page.goto('/programmes/no-such-programme?lng=fr');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  const project = await page.goto('/projects/NOPE99?lng=fr');
  expect(project?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
});

test('project page: budget by year, donors, impact, and the Fund this project link', async ({ page }) => {
  const response = await page.goto('/projects/KENU12?lng=en');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 2, name: 'Budget by year' })).toBeVisible();
  const budget = page.getByRole('table', { name: /^Requirement, funding and gap of the project by year/ });
  await expect(budget.getByRole('rowheader', { name: String(year) })).toBeVisible();
  expect(await budget.locator('tbody tr').count()).toBeGreaterThan(1);
  await expect(page.getByRole('img', { name: /^Requirement and funding by year/ })).toBeVisible();
  const fund = page.getByRole('link', { name: 'Fund this project' });
  await expect(fund).toBeVisible();
  await expect(fund).toHaveAttribute('href', '/give?project=KENU12');
  await expect(page.getByRole('heading', { level: 2, name: 'Impact updates and indicators' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Result indicators of the project/ }).locator('tbody tr')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Global Programme against Corruption' }).first()).toHaveAttribute(
    'href',
    '/programmes/corruption',
  );
  await expectNoAxeViolations(page);
});

test('without JavaScript: filter by region and year, read the gap', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  try {
    await page.goto('/programmes/corruption?lng=en');
    await page.getByRole('combobox', { name: 'Region', exact: true }).selectOption({ label: 'Eastern Africa' });
    await page.getByRole('combobox', { name: 'Year', exact: true }).selectOption(String(year - 1));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`year=${year - 1}&region=014`));
    const table = projectsTable(page);
    await expect(table).toHaveAccessibleName(new RegExp(`, ${year - 1}, sorted by`));
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const rowGaps = (await rows.locator('td[data-column="gap"]').allTextContents()).map(minor);
    const totalGap = minor((await table.locator('tfoot td[data-column="gap"]').textContent()) ?? '');
    expect(totalGap).toBeGreaterThanOrEqual(0);
    // One project: its gap is the total; several: the total never exceeds the sum of shortfalls.
    if (rowGaps.length === 1) expect(totalGap).toBe(rowGaps[0]);
    else expect(totalGap).toBeLessThanOrEqual(rowGaps.reduce((a, b) => a + b, 0));
    await expect(table.locator('tfoot')).toContainText('$');
  } finally {
    await context.close();
  }
});

test('the pages hydrate without script errors, and filtering runs client-side with JavaScript', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  for (const path of ['/programmes?lng=ar', '/projects/GLOT59?lng=zh', '/programmes/trafficking-in-persons?lng=en']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
  await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Under way' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=implementation/);
  // The URL can change before the new rows render: wait until every row shown is one that is under way.
  await expect
    .poll(async () => [...new Set(await projectsTable(page).locator('tbody tr td:nth-child(4)').allTextContents())])
    .toEqual(['Under way']);
  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
  expect(problems).toEqual([]);
});
