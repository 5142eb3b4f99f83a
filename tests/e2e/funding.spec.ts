// The Member State dashboard as a delegate uses it: choose a region and years in the form, read
// the gap, follow the CSV link to the open data API with the same filters; in English and Arabic
// with axe clean, and the same with JavaScript disabled. Runs against the built, seeded app.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

const year = new Date().getUTCFullYear();
const MONEY = /\$\s?[\d,]+\.\d{2}/;

/** A small RFC 4180 reader: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      endCell();
    } else if (!quoted && char === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else if (quoted || char !== '\r') {
      cell += char;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  const [header = [], ...body] = rows;
  const names = header.map((name) => name.replace(/^\uFEFF/, ''));
  return body.map((cells) => Object.fromEntries(names.map((name, index) => [name, cells[index] ?? ''])));
}

/** US dollars from integer cents, as the English page writes them ("$1,234.50"), without floats. */
function usd(minor: number): string {
  const dollars = Math.trunc(minor / 100);
  return `$${dollars.toLocaleString('en-US')}.${String(minor % 100).padStart(2, '0')}`;
}

const sumColumn = (rows: Record<string, string>[], column: string) => rows.reduce((total, row) => total + Number(row[column]), 0);

/** Filters by region and years with the form, as a person would, and checks what comes back. */
async function filterByRegionAndYears(page: Page) {
  await page.goto('/funding?lng=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funding dashboard');
  const form = page.getByRole('form', { name: 'Filter the figures' });
  await form.getByLabel('Region').selectOption({ label: 'Eastern Africa' });
  await form.getByLabel('From year').selectOption(String(year - 2));
  await form.getByLabel('To year').selectOption(String(year));
  await form.getByRole('button', { name: 'Show figures' }).click();

  await expect(page).toHaveURL(new RegExp(`[?&]region=014(&|$)`));
  const url = new URL(page.url());
  expect(url.searchParams.get('from')).toBe(String(year - 2));
  expect(url.searchParams.get('to')).toBe(String(year));
  await expect(page.getByRole('heading', { level: 2, name: `Totals, ${year - 2}–${year}` })).toBeVisible();
  await expect(page.getByText(/^Showing:.*Eastern Africa/)).toBeVisible();
  // The form keeps the choices after the round trip.
  await expect(page.getByLabel('Region')).toHaveValue('014');

  const totals = page.getByRole('region', { name: `Totals, ${year - 2}–${year}` });
  const gap = totals.getByRole('definition').filter({ hasText: MONEY }).last();
  await expect(gap).toHaveText(MONEY);
  await expect(totals.getByRole('term').filter({ hasText: /^Funding gap$/ })).toBeVisible();
  await expect(totals.getByText(/pledges to projects in that region/)).toBeVisible();
  await expect(page.getByText(/General-purpose gifts are not tied to any global programme or region/)).toBeVisible();

  const csv = page.getByRole('link', { name: 'Download contributions as CSV' });
  const href = await csv.getAttribute('href');
  expect(href).toBe(`/api/v1/contributions?from=${year - 2}&to=${year}&region=014&format=csv`);
  return { gap: await page.getByTestId('total-gap').textContent() };
}

test('a delegate filters by region and years, reads the gap and finds the CSV with the same filters', async ({ page }) => {
  const { gap } = await filterByRegionAndYears(page);
  expect(gap).toMatch(MONEY);

  const contributions = page.getByRole('table', { name: /Contributions by donor/ });
  await expect(contributions.getByRole('columnheader', { name: /Paid ÷ pledged/ })).toBeVisible();
  await expect(page.getByText(/General-purpose funds: [\d.]+% of contributions in this period/)).toBeVisible();
  await expect(page.getByText(/ECOSOC resolution 2002\/17 asks/)).toBeVisible();
  await expect(page.getByRole('img', { name: new RegExp(`Requirement and funding by source, ${year - 2}–${year}`) })).toBeVisible();
  await expect(page.getByRole('link', { name: /OpenAPI/ })).toHaveAttribute('href', '/api/v1/openapi.json');
  await expect(page.getByRole('link', { name: /IATI/ })).toHaveAttribute('href', '/iati/activities.xml');

  // The downloads hold the page's figures: donors' paid total, the projects' requirement and funding.
  const contributionsCsv = await page.request.get(
    (await page.getByRole('link', { name: 'Download contributions as CSV' }).getAttribute('href')) ?? '',
  );
  expect(contributionsCsv.status()).toBe(200);
  const donors = parseCsv(await contributionsCsv.text());
  expect(donors.length).toBeGreaterThan(0);
  const footer = contributions.locator('tfoot tr');
  await expect(footer.getByRole('cell').nth(1)).toHaveText(usd(sumColumn(donors, 'paidUsdMinor')));
  await expect(footer.getByRole('cell').nth(0)).toHaveText(usd(sumColumn(donors, 'pledgedUsdMinor')));

  const projectsCsv = await page.request.get(
    (await page.getByRole('link', { name: 'Download projects as CSV' }).getAttribute('href')) ?? '',
  );
  const projects = parseCsv(await projectsCsv.text());
  expect(projects.length).toBeGreaterThan(1);
  for (const project of projects) expect(project.regionCode).toBe('014');
  const totals = page.getByRole('region', { name: `Totals, ${year - 2}–${year}` });
  const figure = (term: string) =>
    totals
      .locator('.figures__row')
      .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
      .getByRole('definition')
      .first();
  await expect(figure('Requirement')).toHaveText(usd(sumColumn(projects, 'requirementUsdMinor')));
  await expect(figure('Funded')).toHaveText(usd(sumColumn(projects, 'fundedUsdMinor')));
  const requirement = sumColumn(projects, 'requirementUsdMinor');
  const funded = sumColumn(projects, 'fundedUsdMinor');
  await expect(page.getByTestId('total-gap')).toHaveText(usd(Math.max(0, requirement - funded)));
});

test('contributions sort by the URL, anonymous donors are shown as Anonymous; no script errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // The browser's own favicon request 404s (no icon yet); real 4xx/5xx are caught below by URL.
    if (message.type() === 'error' && !/status of 404/.test(message.text())) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('/funding?lng=en');
  const table = page.getByRole('table', { name: /Contributions by donor/ });
  await expect(table.getByRole('columnheader', { name: 'Paid', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await table.getByRole('link', { name: 'Pledged', exact: true }).click();
  await expect(page).toHaveURL(/sort=pledged/);
  await expect(page.getByRole('table', { name: /sorted by amount pledged/ })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Pledged', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: 'Paid', exact: true })).not.toHaveAttribute('aria-sort');
  await expect(table.getByRole('rowheader', { name: 'Anonymous' }).first()).toBeVisible();
  expect(problems).toEqual([]); // hydration and navigation under the CSP stay clean
});

test('with JavaScript disabled the form and the figures work the same', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const { gap } = await filterByRegionAndYears(page);
    expect(gap).toMatch(MONEY);
  } finally {
    await context.close();
  }
});

test('nonsense filters give a notice on a 200 page', async ({ page }) => {
  const response = await page.goto('/funding?from=abc&region=zz&lng=en');
  expect(response?.status()).toBe(200);
  const notice = page.getByRole('status');
  await expect(notice).toContainText('Some filters were not understood');
  await expect(notice).toContainText('from year');
  await expect(notice).toContainText('region');
  await expect(page.getByTestId('total-gap')).toHaveText(MONEY);
});

test('Arabic dashboard is right-to-left with translated headings and regions', async ({ page }) => {
  await page.goto('/funding?lng=ar&region=014');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('لوحة معلومات التمويل');
  await expect(page.getByLabel('المنطقة')).toHaveValue('014');
  await expect(page.getByText(/^المعروض:.*شرق أفريقيا/)).toBeVisible();
  await expect(page).toHaveTitle(/لوحة معلومات التمويل للدول الأعضاء/);
});

for (const lng of ['en', 'ar']) {
  test(`axe finds no WCAG 2 A/AA violations on the ${lng} dashboard`, async ({ page }) => {
    await page.goto(`/funding?lng=${lng}`);
    await expect(page.getByRole('table').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
