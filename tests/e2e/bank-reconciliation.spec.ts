// Issue #12's first "done when", as a new finance officer would do it: an admin invites them, they
// sign in with the emailed link, register the bank account and import a camt.053 of 20 credits for
// bank-transfer pledges made on /give — 17 match themselves (one partial, one overpaid, one net of
// a bank charge), 3 are settled by hand on the review screen (a donor-name suggestion, a split over
// two pledges, bank interest set aside) and the overpayment's excess is recorded as returned to the sender. The
// project's funded figure and gap in the open data (and on its public page) move by exactly what
// was settled, a re-import adds nothing and the ledger check passes. axe clean in English and Arabic.
//
// The pledges go to PAKR31 (terrorism prevention, Southern Asia), which no other spec reads, so the
// figures other specs compare stay still while this one runs beside them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { buildCamt053, type CamtCredit } from '../fixtures/bank/camt-builder.ts';
import { GIVE_BUTTON, expectNoAxeViolations, DATABASE_URL, signInAsAdmin, emailedSignInLink } from './support.ts';

const API = 'http://127.0.0.1:3100';
const PROJECT = 'PAKR31';
const IBAN = 'CH9300762011623852957';
const run = Date.now();
const OFFICER = `finance-${run}@example.org`;

// One donor per pledge, names that share no word, so the remitter's name finds its donor.
const DONORS = [
  ['Amara', 'Nwachukwu'],
  ['Bruno', 'Castellanos'],
  ['Chiara', 'Benedetti'],
  ['Dmitri', 'Volkonsky'],
  ['Esther', 'Abernathy'],
  ['Farhan', 'Chowdhury'],
  ['Greta', 'Lindqvist'],
  ['Hiroshi', 'Takahashi'],
  ['Ingrid', 'Solberg'],
  ['Jomo', 'Kariuki'],
  ['Katarzyna', 'Zielinska'],
  ['Lucien', 'Delacroix'],
  ['Marisol', 'Quintero'],
  ['Nikhil', 'Raghunathan'],
  ['Oksana', 'Hrytsenko'],
  ['Pedro', 'Albuquerque'],
  ['Rania', 'Haddadin'],
  ['Tomasz', 'Wieczorek'],
  ['Ngozi', 'Okonkwo'],
  ['Emeka', 'Okonkwo'],
] as const;

interface ProjectFigures {
  code: string;
  fundedUsdMinor: number;
  gapUsdMinor: number;
}

async function projectFigures(year: number): Promise<ProjectFigures> {
  const response = await fetch(`${API}/api/v1/projects?year=${year}&programme=terrorism-prevention`);
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: ProjectFigures[] };
  const project = items.find((item) => item.code === PROJECT);
  expect(project).toBeTruthy();
  return project!;
}

/** US dollars from integer cents, as the English pages write them ("$1,234.50"), without floats. */
function usd(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}$${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

async function signInWithLink(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The admin invites a finance officer; the officer signs in from the invitation in a context of their own. */
async function signInNewFinanceOfficer(browser: Browser): Promise<Page> {
  const baseURL = test.info().project.use.baseURL;
  const admin = await (await browser.newContext({ baseURL })).newPage();
  await signInAsAdmin(admin, '/staff/users');
  await admin.goto('/staff/users?lng=en');
  const invite = admin.getByRole('form', { name: 'Invite a staff member' });
  await invite.getByLabel('Full name').fill('Farida Mensah');
  await invite.getByLabel('Email address').fill(OFFICER);
  await invite.getByRole('checkbox', { name: 'Finance' }).check();
  const invited = Date.now();
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(admin.getByRole('status')).toContainText('Farida Mensah has been invited');
  await admin.context().close();

  const officer = await (await browser.newContext({ baseURL })).newPage();
  await signInWithLink(officer, await emailedSignInLink(OFFICER, invited));
  return officer;
}

/** A USD 100 bank-transfer gift to the project through /give, as a donor makes it; its payment reference. */
async function pledgeByTransfer(page: Page, [first, last]: readonly [string, string], index: number): Promise<string> {
  await page.goto(`/give?project=${PROJECT}&lng=en`);
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue(PROJECT);
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByLabel('Amount', { exact: true }).fill('100');
  await page.getByRole('radio', { name: 'Once' }).check();
  await page.getByRole('radio', { name: 'Bank transfer' }).check();
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Email address').fill(`bank-e2e-${index}-${run}@example.org`);
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await expect(page).toHaveURL(/\/give\/transfer\/CPJ-/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

function statementFile(references: string[], bookingDate: string): Buffer {
  const credit = (index: number, amount: string, extra: Partial<CamtCredit> = {}): CamtCredit => ({
    amount,
    currency: 'USD',
    bookingDate,
    bankRef: `E2E-${run}-${index}`,
    ...extra,
  });
  const name = (index: number) => DONORS[index - 1]!.join(' ');
  const quoting = (index: number) => ({ debtor: name(index), remittance: `Gift ${references[index - 1]}` });
  const credits = [
    ...Array.from({ length: 14 }, (_, i) => credit(i + 1, '100.00', quoting(i + 1))),
    credit(15, '40.00', quoting(15)), // partial
    credit(16, '130.00', quoting(16)), // overpaid by 30.00
    credit(17, '97.50', { ...quoting(17), instructed: '100.00', charges: '2.50' }), // a bank charge on the way
    credit(18, '100.00', { debtor: name(18).toUpperCase(), remittance: 'June gift' }), // no reference
    credit(19, '200.00', { debtor: 'N AND E OKONKWO', remittance: 'Two gifts for the project' }), // two pledges at once
    credit(20, '12.34', { debtor: 'Bank interest', remittance: 'Interest June' }), // not a contribution
  ];
  return Buffer.from(buildCamt053({ version: '08', statementId: `E2E-${run}`, iban: IBAN, credits }), 'utf8');
}

test('a finance officer imports a camt.053 of 20 credits: 17 match themselves, 3 by hand, the gap moves by exactly that, re-import adds nothing, the ledger checks', async ({
  browser,
}) => {
  test.setTimeout(480_000); // 5.4 min seen beside the other specs on a loaded two-core machine: 20 gifts on /give, two sign-ins by email, two imports, four reviews, axe twice, the ledger check
  const baseURL = test.info().project.use.baseURL;
  // The donors' browsers without JavaScript: the plain form posts, and 20 hydrations are spared.
  const donor = await (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage();
  const references: string[] = [];
  for (const [index, names] of DONORS.entries()) references.push(await pledgeByTransfer(donor, names, index + 1));
  await donor.context().close();
  expect(new Set(references).size).toBe(20);

  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const before = await projectFigures(year);
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(`/projects/${PROJECT}?lng=en`);
  await expect(visitor.getByText(usd(before.gapUsdMinor)).first()).toBeVisible();

  const page = await signInNewFinanceOfficer(browser);
  await page.goto('/staff/finance/bank?lng=en');
  await expect(page.getByRole('heading', { level: 1, name: 'Bank statements' })).toBeVisible();

  // The account is registered as a user would (a statement for an unknown IBAN is refused).
  await page.getByLabel('IBAN').fill('CH93 0076 2011 6238 5295 7');
  await page.getByLabel('Currency').fill('USD');
  await page.getByLabel('Name', { exact: true }).fill('UNODC trust fund, USD');
  await page.getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByRole('status')).toHaveText('The bank account was saved.');

  // A broken file: a clear error naming where, and nothing imported.
  await page
    .getByLabel('Statement file')
    .setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from('<Document>\n<BkToCstmrStmt>') });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing was imported. The file has a fault:');
  await expect(page.getByRole('alert')).toContainText('line');
  await expect(page.getByText('Nothing awaits review')).toBeVisible();

  // The import: while the upload is on its way the page says what it is importing, with a progress bar.
  const file = statementFile(references, today);
  await page.getByLabel('Statement file').setInputFiles({ name: 'statement-june.xml', mimeType: 'application/xml', buffer: file });
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/staff/finance/bank**', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Import' }).click();
  const sizeKb = new Intl.NumberFormat('en', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 }).format(file.length / 1_000);
  await expect(page.getByRole('status')).toContainText(`Importing statement-june.xml (${sizeKb})`);
  await expect(page.getByRole('progressbar', { name: 'Import in progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Importing/ })).toBeDisabled();
  release();
  await expect(page.getByRole('status')).toHaveText(
    'Imported: 20 credits in the file, 20 new, 17 matched automatically, 3 left for review.',
  );
  await page.unroute('**/staff/finance/bank**');
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  // What waits for a person: the three without a usable reference and the overpayment's excess.
  const review = page.getByRole('table', { name: '4 of 4 credits with an amount still open' });
  await expect(review.getByRole('row')).toHaveCount(5);
  await expect(review.getByRole('row', { name: /Pedro Albuquerque/ })).toContainText('$30.00');
  await expectNoAxeViolations(page);
  await page.goto('/staff/finance/bank?lng=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('كشوف الحسابات المصرفية');
  await expectNoAxeViolations(page);
  await page.goto('/staff/finance/bank?lng=en');

  // 1. Found by the remitter's name: the suggestion is filled in; the officer checks it and matches.
  const byName = page.getByRole('form', { name: 'Match the credit from TOMASZ WIECZOREK' });
  await expect(byName.getByText(`Suggested: ${references[17]} instalment 1, Tomasz Wieczorek, owes $100.00`)).toBeVisible();
  await expect(byName.getByLabel(/^Pledge reference \/ instalment/)).toHaveValue(`${references[17]}/1`);
  await byName.getByRole('button', { name: 'Match' }).click();
  await expect(page.getByRole('status')).toHaveText('The credit was matched and the payment recorded.');
  // The row left with the focused button: the keyboard resumes at the list, not the top of the page.
  await expect(page.getByRole('heading', { level: 2, name: 'Credits awaiting review' })).toBeFocused();

  // 2. Split over the two Okonkwo pledges, by keyboard.
  const split = page.getByRole('form', { name: 'Match the credit from N AND E OKONKWO' });
  const typo = `${references[18]!.slice(0, -1)}Ö/1`;
  await split.getByLabel(/^Pledge reference \/ instalment/).fill(typo);
  await split.getByRole('button', { name: 'Match' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `No instalment is named “${typo}”. Write the pledge reference and the instalment number, e.g. CPJ-AB12-CD34/1.`,
  );
  await split.getByLabel(/^Pledge reference \/ instalment/).fill(`${references[18]}/1`);
  await split.getByLabel('Amount (USD)', { exact: true }).fill('100.00');
  await split.getByText('Split over a second instalment').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(split.getByLabel('Second pledge reference / instalment')).toBeFocused();
  await page.keyboard.type(`${references[19]}/1`);
  await page.keyboard.press('Tab');
  await expect(split.getByLabel('Second amount (USD)')).toBeFocused();
  await page.keyboard.type('100.00');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('The credit was matched and the payment recorded.');
  // The status says the same as after the first match: wait until the settled credit has left the
  // list, or the next form could be filled while the page is still being replaced.
  await expect(split).toHaveCount(0);

  // 3. Bank interest is not a contribution.
  const interest = page.getByRole('form', { name: 'Set aside the credit from Bank interest' });
  await interest.getByLabel('Why it is not a contribution').fill('Interest paid by the bank');
  await interest.getByRole('button', { name: 'Not a contribution' }).click();
  await expect(page.getByRole('status')).toHaveText('The credit was set aside as not a contribution.');

  // The overpayment's excess (30.00): the bank sent it back to the donor; recorded as returned, with the return's reference.
  const excess = page.getByRole('form', { name: 'Record that the credit from Pedro Albuquerque was returned' });
  await excess.getByLabel('Returned on').fill('2026-06-20');
  await excess.getByLabel('Bank reference of the return transfer').fill('RET-2026-0620');
  await excess.getByRole('button', { name: 'Returned to the sender ($30.00)' }).click();
  await expect(page.getByRole('status')).toHaveText('What was open on the credit is recorded as returned to the sender.');
  await expect(page.getByText('Nothing awaits review: every credit is matched or set aside.')).toBeVisible();

  // 14 × 100 + 40 (partial) + 100 (of 130) + 100 (gross of 97.50) + 100 (by name) + 2 × 100 (split)
  const settled = 194_000;
  const after = await projectFigures(year);
  expect(after.fundedUsdMinor - before.fundedUsdMinor).toBe(settled);
  expect(before.gapUsdMinor - after.gapUsdMinor).toBe(settled);
  await visitor.reload();
  await expect(visitor.getByText(usd(after.gapUsdMinor)).first()).toBeVisible();
  await visitor.context().close();

  // The same file again adds nothing.
  await page.getByLabel('Statement file').setInputFiles({ name: 'statement-june.xml', mimeType: 'application/xml', buffer: file });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toHaveText('Imported: 20 credits in the file, 0 new, 0 matched automatically, 0 left for review.');
  expect(await projectFigures(year)).toEqual(after);

  // The ledger check recomputes every public figure from the money facts.
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/ledger-check.ts'], {
    env: { ...process.env, DATABASE_URL },
  });
  expect(stdout).toMatch(/, 0 problems$/m);
});
