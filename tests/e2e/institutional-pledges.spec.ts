// Issue #12 item 4, as a new finance officer would do it: invited by the admin, they sign in with
// the emailed link, record a Member State's pledge of three instalments to a programme, and see the
// programme's public "pledged, not yet paid" move by exactly the pledge; they record the transfer
// of the first instalment and the figure moves back by exactly that instalment. axe clean.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeOf, signInAsAdmin, emailedSignInLink } from './support.ts';

/** The admin invites a finance officer; the officer signs in with the invitation's link in a browser of their own. */
async function financeOfficer(browser: Browser, adminPage: Page): Promise<Page> {
  const email = `finance-${Date.now()}@example.org`;
  const started = Date.now();
  await signInAsAdmin(adminPage, '/staff/users');
  const invite = adminPage.getByRole('form', { name: 'Invite a staff member' });
  await invite.getByLabel('Full name').fill('Fatima Finance');
  await invite.getByLabel('Email address').fill(email);
  await invite.getByRole('checkbox', { name: 'Finance' }).check();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(adminPage.getByRole('status')).toContainText('Fatima Finance has been invited');
  const page = await (await browser.newContext()).newPage();
  await page.goto(await emailedSignInLink(email, started));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/staff/);
  return page;
}

/** The programme's pledged-unpaid for a year as the open data gives it, and as its public page shows it. */
async function pledgedUnpaid(page: Page, slug: string, year: number): Promise<{ usdMinor: number; shown: string }> {
  const { items } = (await (await fetch(`http://127.0.0.1:3100/api/v1/programmes?year=${year}`)).json()) as {
    items: { slug: string; pledgedUnpaidUsdMinor: number }[];
  };
  const usdMinor = items.find((item) => item.slug === slug)?.pledgedUnpaidUsdMinor;
  if (usdMinor === undefined) throw new Error(`programme ${slug} not in the open data`);
  await page.goto(`/programmes/${slug}?year=${year}&lng=en`);
  const row = page.locator('.figures__row', { has: page.getByText('Pledged, not yet paid', { exact: true }) });
  return { usdMinor, shown: (await row.locator('dd').first().textContent()) ?? '' };
}

const dollars = (usdMinor: number) => `$${(usdMinor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

test('a finance officer records a Member State pledge in three instalments and its first transfer; the programme’s pledged-unpaid follows exactly', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // two sign-ins by email, two saves, axe and four public reads
  const finance = await financeOfficer(browser, page);
  const today = new Date().toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear() + 1; // the instalments fall due next year

  const visitor = await (await browser.newContext()).newPage();
  const { items } = (await (await fetch(`http://127.0.0.1:3100/api/v1/programmes?year=${year}`)).json()) as {
    items: { slug: string; code: string }[];
  };
  const programme = items.at(-1)!; // the last programme: the give form's tests earmark others
  const before = await pledgedUnpaid(visitor, programme.slug, year);
  expect(before.shown).toBe(dollars(before.usdMinor));

  // From the staff home to the form
  await finance.goto('/staff');
  await finance.getByRole('link', { name: 'Institutional pledges' }).click();
  await expect(finance.getByRole('heading', { level: 1, name: 'Institutional pledges' })).toBeVisible();
  await finance.getByRole('link', { name: 'Record a pledge' }).click();
  await expect(finance.getByRole('heading', { level: 1, name: 'Record an institutional pledge' })).toBeVisible();

  const donorName = `Republic of Testland ${Date.now()}`;
  await finance.getByRole('radio', { name: 'A new donor' }).check();
  await finance.getByLabel('Type of the new donor').selectOption({ label: 'Member State' });
  await finance.getByLabel('Name of the new donor').fill(donorName);
  await finance.getByLabel('Country (ISO 3166 code, two letters)').fill('NO');
  await finance.getByLabel('Date of the document').fill(today);
  await finance.getByLabel('Document reference (note verbale, agreement number)').fill('NV/E2E/2026/1');
  await finance.getByLabel('Currency').selectOption('USD');
  await finance.getByLabel('Total pledged').fill('450,000');
  await finance.getByRole('radio', { name: 'A programme' }).check();
  const programmeSelect = finance.getByLabel('Programme (for a programme earmark)');
  const programmeLabel = await programmeSelect
    .locator('option', { hasText: `${programme.code} — ` })
    .first()
    .textContent();
  await programmeSelect.selectOption({ label: programmeLabel ?? '' });
  const rows: [string, string][] = [
    [`${year}-03-01`, '150,000'],
    [`${year}-06-01`, '150,000'],
    [`${year}-09-01`, '150,001'], // a slip: the sum no longer matches
  ];
  for (const [index, [dueOn, amount]] of rows.entries()) {
    await finance.getByLabel(`Instalment ${index + 1}: due date`).fill(dueOn);
    await finance.getByLabel(`Instalment ${index + 1}: amount`).fill(amount);
  }
  await finance.getByRole('button', { name: 'Record the pledge' }).click();
  await expect(finance.getByText('The instalments do not add up to the total pledged.')).toBeVisible();
  expect((await pledgedUnpaid(visitor, programme.slug, year)).usdMinor).toBe(before.usdMinor);

  await finance.getByLabel('Instalment 3: amount').fill('150,000');
  const axe = await axeOf(finance).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await finance.getByRole('button', { name: 'Record the pledge' }).click();
  await expect(finance.getByRole('status')).toHaveText('The pledge has been recorded.');
  await expect(finance.getByRole('heading', { level: 1 })).toHaveText(/^Pledge CPJ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  const pledged = await pledgedUnpaid(visitor, programme.slug, year);
  expect(pledged.usdMinor).toBe(before.usdMinor + 45_000_000);
  expect(pledged.shown).toBe(dollars(pledged.usdMinor));

  // The first instalment arrives
  await finance.getByLabel('Amount received').fill('150,000');
  await finance.getByLabel('Date received').fill(today);
  await finance.getByLabel('Instalment', { exact: true }).selectOption({ index: 1 });
  await finance.getByLabel('Bank reference or note (optional)').fill('MT103 E2E');
  await finance.getByRole('button', { name: 'Record the transfer' }).click();
  await expect(finance.getByRole('status')).toHaveText('The transfer has been recorded.');
  const schedule = finance.getByRole('table', { name: /^Instalments/ });
  await expect(schedule.getByRole('row').nth(1)).toContainText('$0.00');
  await expect(finance.getByRole('table', { name: 'Payments received' }).getByRole('row')).toHaveCount(2);

  const paid = await pledgedUnpaid(visitor, programme.slug, year);
  expect(paid.usdMinor).toBe(before.usdMinor + 30_000_000);
  expect(paid.shown).toBe(dollars(paid.usdMinor));

  // The list shows it, found by the donor's name
  await finance.goto(`/staff/finance/pledges?q=${encodeURIComponent(donorName)}`);
  const listed = finance.getByRole('table').getByRole('row', { name: new RegExp(donorName) });
  await expect(listed).toContainText('$300,000.00');
});
