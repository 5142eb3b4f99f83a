// Issue #12's "done when", as a new programme officer would do it: sign in with the emailed link,
// open a project from /staff/programmes, add an indicator value and an impact update; the public
// project page and IATI show them at once. A bad value gets its error next to the field. axe clean.
import { expect, test } from '@playwright/test';
import { axeOf, expectNoAxeViolations, signInAsAdmin } from './support.ts';

test('a programme officer adds an indicator value and an update; the project page and IATI show them', async ({ page, request }) => {
  test.setTimeout(90_000); // a sign-in by email, five saves, axe and two public reads
  await signInAsAdmin(page, '/staff/programmes');
  await expect(page.getByRole('heading', { level: 1, name: 'Programmes and projects' })).toBeVisible();
  const firstEdit = page
    .getByRole('table')
    .first()
    .getByRole('link', { name: /^Edit / })
    .first();
  const code = ((await firstEdit.getAttribute('aria-label')) ?? '').replace('Edit ', '');
  await firstEdit.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);

  // A new indicator, then a value with a mistake, then the right value
  const indicator = page.getByRole('form', { name: 'Add an indicator' });
  await indicator.getByLabel('Indicator code').fill('E2E-LABS');
  await indicator.getByRole('group', { name: 'Name in the six languages' }).getByLabel('English (required)').fill('Forensic labs equipped');
  await indicator.getByLabel('Unit', { exact: true }).fill('institutions');
  await indicator.getByLabel('Baseline').fill('120');
  await indicator.getByLabel('Target').fill('300');
  await indicator.getByRole('button', { name: 'Add indicator' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');

  const value = page.getByRole('form', { name: 'Record a value' });
  await value.getByLabel('Indicator', { exact: true }).selectOption({ label: 'E2E-LABS — Forensic labs equipped' });
  await value.getByLabel('Measured on').fill('2026-11-30');
  await value.getByLabel('Value').fill('one hundred');
  await value.getByRole('button', { name: 'Record value' }).click();
  await expect(value.getByText('Enter a number with at most 4 decimals')).toBeVisible();
  await value.getByLabel('Value').fill('185');
  await value.getByRole('button', { name: 'Record value' }).click();
  await expect(
    page.getByRole('table', { name: 'Indicators with their latest value' }).getByRole('row', { name: /E2E-LABS/ }),
  ).toContainText('185');

  const update = page.getByRole('form', { name: 'Publish an update' });
  await update.getByLabel('Date').fill('2026-11-30');
  await update.getByRole('group', { name: 'Title in the six languages' }).getByLabel('English (required)').fill('Labs handed over');
  await update
    .getByRole('group', { name: 'Text in the six languages' })
    .getByLabel('English (required)')
    .fill('Three labs were **handed over**. <script>alert(1)</script>');
  await expect(update.getByRole('group', { name: 'Text in the six languages' }).getByLabel('Arabic')).toHaveAttribute('dir', 'rtl');
  await update.getByRole('button', { name: 'Publish update' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  const axe = await axeOf(page).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The public page, read as an anonymous visitor (the page cache serves only them)
  const visitor = await page.context().browser()!.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/projects/${code}`);
  await expect(publicPage.getByRole('row', { name: /Forensic labs equipped/ })).toContainText('120 → 185 of 300 institutions');
  const article = publicPage.getByRole('article', { name: 'Labs handed over' });
  await expect(article.locator('strong')).toHaveText('handed over');
  await expect(article).toContainText('<script>alert(1)</script>');
  await visitor.close();

  const xml = await (await request.get('/iati/activities.xml')).text();
  const start = xml.indexOf(`-${code}</iati-identifier>`);
  const activity = xml.slice(start, xml.indexOf('</iati-activity>', start));
  expect(activity).toContain('<narrative xml:lang="en">Labs handed over</narrative>');
  expect(activity).toContain('<reference vocabulary="99" code="E2E-LABS"/>');
  expect(activity).toContain('<actual value="185"/>');
});

test('an officer writes suggested amounts for a programme; /give shows them with what each pays for (decision 057)', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page, '/staff/programmes/organized-crime');
  await page.getByRole('link', { name: 'Suggested amounts on the giving form' }).click();
  await page.getByLabel('Currency').selectOption('GBP');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText('GBP');
  const first = page.getByRole('group', { name: 'Suggested amount 1', exact: true });
  const second = page.getByRole('group', { name: 'Suggested amount 2', exact: true });
  await first.getByLabel('Amount (GBP)').fill('30');
  await first.getByLabel('What it pays for, in English').fill('A day of radio airtime for a witness-protection hotline');
  await first.getByLabel('What it pays for, in Arabic').fill('يوم من البث الإذاعي لخط حماية الشهود');
  await second.getByLabel('Amount (GBP)').fill('30.00');
  await second.getByLabel('Chosen when the form opens').check();
  await page.getByRole('button', { name: 'Save amounts' }).click();
  await expect(second.getByText('This amount is already in the list.')).toBeVisible();
  await second.getByLabel('Amount (GBP)').fill('60');
  await page.getByRole('button', { name: 'Save amounts' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(first.getByLabel('Amount (GBP)')).toHaveValue('30.00');
  await expectNoAxeViolations(page);

  await page.goto('/give?programme=organized-crime&lng=en');
  await page.getByLabel('Currency').selectOption('GBP');
  await expect(page.getByRole('button', { name: '£30.00', exact: true })).toHaveAccessibleDescription(
    'A day of radio airtime for a witness-protection hotline',
  );
});
