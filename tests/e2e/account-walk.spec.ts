// Issue #14's "done when", tried as a new donor would: two monthly gifts and a pledge in
// instalments given on /give (publicly anonymous), then, in the account they reach by an emailed
// link: a new monthly amount (Stripe's next invoice shows it), a new card, one gift paused and the
// other ended, the next instalment paid through Checkout and seen paid, the data exported (JSON
// and CSV), and the personal data erased — refused while a monthly gift can still be charged,
// done once it has ended. Every public figure (pages, open data, IATI) is byte-identical before
// and after the erasure, and the ledger check passes. axe clean in English and Arabic on every
// account page visited. The walk runs alone, after the other specs (playwright.config.ts): a gift
// paid by another spec between the two readings would move the figures.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  askNewMonthlyAmount,
  DATABASE_URL,
  expectMonthlyGiftShows,
  expectNoAxeViolations,
  giveMonthly,
  mailSubjects,
  nextInvoiceAmount,
  payByTestCard,
  pledgeInInstalments,
  signInAsDonor,
} from './support.ts';

/** The account page at `path` in English and in Arabic (right to left), each axe clean; ends on the English page. */
async function expectAccessibleInEnglishAndArabic(page: Page, path: string) {
  await page.goto(`${path}?lng=ar`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page);
  await page.goto(`${path}?lng=en`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expectNoAxeViolations(page);
}

/**
 * Every public answer that shows figures, byte for byte: the pages (HTML with the per-response
 * CSP nonce blanked, the only part that differs between two readings of an unchanged page), the
 * open data in JSON and CSV, and both IATI files. Each programme's and project's page is read.
 */
async function publicFigures(request: APIRequestContext): Promise<Map<string, string>> {
  const year = new Date().getUTCFullYear();
  const read = async (path: string) => {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    return (await response.text()).replace(/nonce="[^"]*"/g, 'nonce=""');
  };
  const programmes = JSON.parse(await read('/api/v1/programmes')) as { items: { slug: string }[] };
  const projects = JSON.parse(await read('/api/v1/projects')) as { items: { code: string }[] };
  expect(programmes.items.length).toBeGreaterThan(0);
  expect(projects.items.length).toBeGreaterThan(0);
  const paths = [
    '/?lng=en',
    '/funding?lng=en',
    `/funding?lng=en&year=${year}`,
    '/programmes?lng=en',
    ...programmes.items.map((programme) => `/programmes/${programme.slug}?lng=en`),
    ...projects.items.map((project) => `/projects/${project.code}?lng=en`),
    ...['programmes', 'projects', 'contributions'].flatMap((table) => [
      `/api/v1/${table}`,
      `/api/v1/${table}?format=csv`,
      `/api/v1/${table}?year=${year}`,
    ]),
    '/iati/activities.xml',
    '/iati/organisation.xml',
  ];
  const figures = new Map<string, string>();
  for (const path of paths) figures.set(path, await read(path));
  return figures;
}

test('a new donor changes, pauses and ends monthly gifts, pays an instalment, exports and erases their data; public figures do not move', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000); // three gifts on /give, two Checkout payments more, six webhooks, ten axe runs, the public pages twice
  const email = `e2e-account-walk-${Date.now()}@example.org`;

  const { kept, paused } = await test.step('give twice monthly and pledge in instalments on /give', async () => {
    const kept = await giveMonthly(page, email, '25', { isAnonymous: true });
    const paused = await giveMonthly(page, email, '10', { isAnonymous: true });
    await pledgeInInstalments(page, { email, givenName: 'Marta', familyName: 'Keller', isAnonymous: true });
    return { kept, paused };
  });

  await test.step('sign in by the emailed link', async () => {
    await signInAsDonor(page, email, { checkAxe: true });
    await expect(page.getByRole('heading', { level: 1, name: 'Your giving' })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(3);
    await expectAccessibleInEnglishAndArabic(page, '/account');
  });

  await test.step('change a monthly amount: Stripe’s next invoice shows it', async () => {
    await page.getByRole('link', { name: `Change, pause or end monthly gift ${kept.reference}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your monthly gift');
    await expectAccessibleInEnglishAndArabic(page, `/account/monthly/${kept.reference}`);
    expect(await nextInvoiceAmount(kept.subscriptionId)).toBe(2_500);
    await askNewMonthlyAmount(page, '40');
    expect(await nextInvoiceAmount(kept.subscriptionId)).toBe(4_000);
    await expectMonthlyGiftShows(page, 'Monthly amount', '$40.00');
    await expect(page.getByText('$40.00 on ')).toBeVisible();
    await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift is now $40.00');
  });

  await test.step('pause the other monthly gift', async () => {
    await page.goto(`/account/monthly/${paused.reference}?lng=en`);
    await page.getByRole('button', { name: 'Pause my monthly gift' }).click();
    await expect(page.getByRole('status')).toContainText('Your request to pause has been sent to Stripe');
    await expectMonthlyGiftShows(page, 'Status', 'Paused');
    await expect(page.getByText('None while your gift is paused')).toBeVisible();
    await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift is paused');
    await expectAccessibleInEnglishAndArabic(page, `/account/monthly/${paused.reference}`);
  });

  await test.step('save a new card for the first monthly gift on Stripe’s page', async () => {
    await page.goto(`/account/monthly/${kept.reference}?lng=en`);
    await page.getByRole('button', { name: 'Update my card' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:3126\/p\//);
    await page.getByLabel('Card number').fill('5555 5555 5555 4444');
    await page.getByLabel('Expiry date (MM / YY)').fill(`11 / ${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`);
    await page.getByLabel('Security code (CVC)').fill('321');
    await page.getByRole('button', { name: 'Update card' }).click();
    await expect(page).toHaveURL(new RegExp(`/account/monthly/${kept.reference}\\?requested=card$`));
    await expect(page.getByRole('status')).toContainText('If you saved a new card, it will be used for your next payment.');
    // Confirmed once Stripe's webhook reports the subscription's new card; the amount stays.
    await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('A new card for your monthly gift');
    expect(await nextInvoiceAmount(kept.subscriptionId)).toBe(4_000);
  });

  await test.step('end the first monthly gift', async () => {
    await page.goto(`/account/monthly/${kept.reference}?lng=en`);
    await page.getByLabel('Yes, end my monthly gift').check();
    await page.getByRole('button', { name: 'End my monthly gift' }).click();
    await expect(page.getByRole('status')).toContainText('Your request to end your monthly gift has been sent to Stripe');
    await expectMonthlyGiftShows(page, 'Status', 'Ended');
    await expect.poll(() => mailSubjects(email), { timeout: 20_000 }).toContain('Your monthly gift has ended');
  });

  await test.step('pay the next instalment through Checkout and see it paid', async () => {
    await page.goto('/account?lng=en');
    const pledge = page.getByRole('article').filter({ hasText: 'Pledge in instalments' });
    await pledge.getByRole('link', { name: /^The page of pledge/ }).click();
    await expect(page).toHaveURL(/\/account\/pledges\/[^/?]+/);
    const pledgePath = new URL(page.url()).pathname;
    await expectAccessibleInEnglishAndArabic(page, pledgePath);
    // The reading the erasure is compared with sees money move: this payment changes it.
    const unpaid = await publicFigures(request);
    await page.getByRole('button', { name: 'Pay €100.00 now by card' }).click();
    await expect(page.getByText('€100.00').first()).toBeVisible();
    await payByTestCard(page);
    await expect(page).not.toHaveURL(/127\.0\.0\.1:3126/, { timeout: 20_000 });
    await expect(async () => {
      await page.goto(`${pledgePath}?lng=en`);
      await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Paid', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('definition').filter({ hasText: '€200.00' }).first()).toBeVisible();
    await expect(page.getByText('Instalment 2,')).toBeVisible();
    await expect
      .poll(async () => {
        const paid = await publicFigures(request);
        return [...unpaid].filter(([path, body]) => paid.get(path) !== body).map(([path]) => path);
      })
      .toEqual(expect.arrayContaining(['/funding?lng=en', '/api/v1/contributions?format=csv', '/iati/organisation.xml']));
  });

  await test.step('download a statement PDF', async () => {
    await page.goto('/account?lng=en');
    await page.getByRole('link', { name: 'Statements of your giving (PDF)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Statements' })).toBeVisible();
    await expectAccessibleInEnglishAndArabic(page, '/account/statements');
    await expect(page.getByRole('link', { name: /^Statement for \d{4} \(PDF\)$/ }).first()).toBeVisible();
    // A range around now (UTC days, as the page says): the three payments of this walk, whatever the date.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From').fill(day(-1));
    await page.getByLabel('To').fill(day(1));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download statement (PDF)' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`statement-${day(-1)}-to-${day(1)}.pdf`);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', '-enc', 'UTF-8', await pdf.path(), '-']);
    const text = stdout.replace(/\s+/g, ' ');
    for (const expected of [
      'Statement of giving',
      'Marta',
      '$25.00',
      '$10.00',
      '€100.00',
      'Total in US dollars',
      'Vienna International Centre',
    ])
      expect(text).toContain(expected);
  });

  await test.step('export the data as JSON and CSV', async () => {
    await page.goto('/account/data?lng=en');
    await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();
    await expectAccessibleInEnglishAndArabic(page, '/account/data');

    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download everything (JSON)' }).click();
    const json = await jsonDownload;
    expect(json.suggestedFilename()).toMatch(/^my-giving-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
      donor: { email: string; givenName: string; isAnonymous: boolean };
      pledges: { reference: string; frequency: string; amount: { currency: string; minor: string } }[];
      payments: { pledge: string; amount: { currency: string; minor: string } }[];
    };
    expect(exported.donor).toMatchObject({ email, givenName: 'Marta', isAnonymous: true });
    expect(exported.pledges.map((pledge) => pledge.reference)).toEqual(expect.arrayContaining([kept.reference, paused.reference]));
    expect(exported.pledges).toHaveLength(3);
    expect(exported.payments.map((payment) => `${payment.amount.minor} ${payment.amount.currency}`).sort()).toEqual([
      '1000 USD',
      '10000 EUR',
      '2500 USD',
    ]);

    const csvDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download your payments and refunds (CSV, for a spreadsheet)' }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^my-giving-data-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile(await csv.path(), 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('date,kind,pledge,method,currency,amount,amount_minor,usd,usd_minor');
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.includes(`,PAYMENT,${kept.reference},`))).toHaveLength(1);
    expect(lines.some((line) => /,PAYMENT,[^,]+,[A-Z_]+,EUR,100\.00,10000,/.test(line))).toBe(true);
  });

  await test.step('erase the personal data: public figures byte-identical, ledger check clean', async () => {
    // Refused while the paused gift could still be charged; the donor ends it, then erases.
    await page.getByLabel(`I understand that the personal data of ${email} will be erased and cannot be restored.`).check();
    await page.getByRole('button', { name: 'Erase my personal data' }).click();
    await expect(page.getByText('You have a monthly gift that is still running. Cancel it first, then erase your data.')).toBeVisible();
    await page.goto(`/account/monthly/${paused.reference}?lng=en`);
    await page.getByLabel('Yes, end my monthly gift').check();
    await page.getByRole('button', { name: 'End my monthly gift' }).click();
    await expectMonthlyGiftShows(page, 'Status', 'Ended');

    const before = await publicFigures(request);
    await page.goto('/account/data?lng=en');
    await page.getByLabel(`I understand that the personal data of ${email} will be erased and cannot be restored.`).check();
    await page.getByRole('button', { name: 'Erase my personal data' }).click();
    await expect(page).toHaveURL(/\/account\/sign-in\?erased=1$/);
    await expect(page.getByRole('status')).toHaveText('Your personal data has been erased. Thank you for your support.');
    const after = await publicFigures(request);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, body] of before) expect(after.get(path), path).toBe(body);

    // Signed out, and the address is gone from the account: it signs in to nothing.
    await page.goto('/account?lng=en');
    await expect(page).toHaveURL(/\/account\/sign-in$/);

    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/ledger-check.ts'], { env: { ...process.env, DATABASE_URL } });
    expect(stdout).toMatch(/, 0 problems$/m);
  });
});
