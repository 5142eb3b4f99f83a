// What the browser specs share: the demo server's mail viewer and database (playwright.config.ts
// starts them on these ports), and the accessibility check every page of a walk passes.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Cookie, type Page } from '@playwright/test';
import pg from 'pg';
import { embeddedDatabaseUrl } from '../../app/platform/database/embedded-postgres.server.ts';

/** The Resend fake's mail viewer (DEMO_MAIL_PORT). */
export const MAIL = 'http://127.0.0.1:3125';
/** The Stripe emulator (DEMO_STRIPE_PORT). */
export const STRIPE = 'http://127.0.0.1:3126';
/** The demo database (EMBEDDED_PG_PORT). */
export const DATABASE_URL = embeddedDatabaseUrl(54349, 'portal');

/** One SQL query against the demo database. */
export async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A message as the mail viewer's JSON lists it (the fields the specs read). */
export interface MailMessage {
  id: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  created_at: string;
}

/** Every message the fake holds for `address`. */
export async function mailTo(address: string): Promise<MailMessage[]> {
  const { data } = (await (await fetch(`${MAIL}/messages.json`)).json()) as { data: MailMessage[] };
  return data.filter((message) => message.to.includes(address));
}

/**
 * An axe check of `page` as it stands. A page without iframes is checked inside the page itself
 * (axe's "legacy mode"): @axe-core/playwright's default opens a blank page for every check to merge
 * the frames' results, which was half to two thirds of a check's time on the two-core CI machine,
 * and on single-frame pages it finds exactly the same (every rule's passes, violations and
 * incomplete nodes compared on 22 pages; docs/performance.md, "CI run time"). A page with
 * iframes (the email previews) keeps the default, which also checks frames of other origins.
 */
export function axeOf(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1);
}

/** WCAG 2 A and AA, as axe checks them: the violations listed by rule and element. */
export async function expectNoAxeViolations(page: Page) {
  const results = await axeOf(page).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, summary.join('\n')).toEqual([]);
}

/** The demo's first administrator (ADMIN_EMAIL's default). */
export const ADMIN = 'admin@example.org';

/** /give's submit button: it states the gift once the page runs ("Give $50.00 every month"), else "Continue". */
export const GIVE_BUTTON = /^(Continue$|Give |Pledge )/;

/** The sign-in link (`/login/verify?token=…`) of the newest email to `address` sent at or after `since` (ms). */
export async function emailedSignInLink(address: string, since: number): Promise<string> {
  let link: string | undefined;
  await expect(async () => {
    const message = (await mailTo(address)).find((email) => Date.parse(email.created_at) >= since);
    link = message?.text?.match(/https?:\/\/\S+\/login\/verify\S*/)?.[0];
    expect(link).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return link!;
}

const ADMIN_SIGN_IN_LOCK = path.join(process.cwd(), '.data', 'e2e', 'admin-sign-in.lock');

/**
 * Holds a lock across the spec processes (workers): a directory, made atomically. One left by a
 * killed run is taken over after a minute.
 */
async function holdingLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 60_000)
        rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited two minutes for ${lockDir}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

const ADMIN_SESSION_FILE = path.join(process.cwd(), '.data', 'e2e', 'admin-session.json');

/**
 * Signs the demo admin in and waits for `redirectTo`. The first spec to ask signs in by emailed
 * link; the others reuse that session's cookies (kept in .data/e2e for the run), because the portal
 * allows five sign-in links per address in 15 minutes and more specs than that need an admin. A
 * session that no longer opens the page (another run's, or ended) falls back to a new sign-in.
 * Specs take turns: each asks for a link, takes the one sent after its request and uses it (which
 * voids the admin's other links) before the next asks — otherwise two could swap links.
 */
export async function signInAsAdmin(page: Page, redirectTo: string) {
  await holdingLock(ADMIN_SIGN_IN_LOCK, async () => {
    if (existsSync(ADMIN_SESSION_FILE)) {
      await page.context().addCookies(JSON.parse(readFileSync(ADMIN_SESSION_FILE, 'utf8')) as Cookie[]);
      await page.goto(redirectTo);
      if (!new URL(page.url()).pathname.startsWith('/login')) return;
    }
    const started = Date.now();
    await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}&lng=en`);
    await page.getByLabel('Work email address').fill(ADMIN);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await page.goto(await emailedSignInLink(ADMIN, started));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${redirectTo}`);
    writeFileSync(ADMIN_SESSION_FILE, JSON.stringify(await page.context().cookies()));
  });
}

/** Fills the Stripe emulator's Checkout card form with the test card that pays, and pays. */
export async function payByTestCard(page: Page) {
  await expect(page).toHaveURL(/127\.0\.0\.1:3126\/c\/pay\//);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  // a few years after today's: the Stripe emulator, as Stripe, refuses an expiry in the past
  await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${String((new Date().getUTCFullYear() + 7) % 100).padStart(2, '0')}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: 'Pay' }).click();
}

/**
 * A monthly gift in USD by card through /give and the emulator's Checkout page, given by Marta
 * Keller (publicly anonymous if asked); its reference and Stripe subscription, once active.
 */
export async function giveMonthly(page: Page, email: string, amount: string, { isAnonymous = false } = {}) {
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('USD');
  await page.getByLabel('Amount', { exact: true }).fill(amount);
  await page.getByRole('radio', { name: 'Every month' }).check();
  await page.getByLabel('First name').fill('Marta');
  await page.getByLabel('Last name').fill('Keller');
  await page.getByLabel('Email address').fill(email);
  if (isAnonymous) await page.getByLabel('Don’t show my name publicly').check();
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await payByTestCard(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
  const rows = () =>
    query<{ reference: string; subscription: string | null; status: string | null }>(
      `SELECT pl.reference, c."stripeSubscriptionId" AS subscription, c."subscriptionStatus" AS status
       FROM pledges pl JOIN donors d ON d.id = pl."donorId" JOIN checkout_sessions c ON c."pledgeId" = pl.id
       WHERE d.email = $1 AND pl."amountMinor" = $2`,
      [email, Math.round(Number(amount) * 100)],
    );
  await expect.poll(async () => (await rows())[0]?.status, { timeout: 15_000 }).toBe('active');
  const [row] = await rows();
  return { reference: row!.reference, subscriptionId: row!.subscription! };
}

/** The amount due on a subscription's next invoice, as Stripe (the emulator) previews it. */
export async function nextInvoiceAmount(subscriptionId: string): Promise<number> {
  const response = await fetch(`${STRIPE}/v1/invoices/create_preview`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_demo_local_emulator', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ subscription: subscriptionId }).toString(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { amount_due: number }).amount_due;
}

/**
 * Signs a donor in by emailed link as a new donor would: /account sends them to the sign-in page,
 * they ask for a link, open it from the mail viewer's list and confirm. With `checkAxe` the
 * sign-in page is checked too. Each spec's donor has an address of its own, so the one message
 * with that subject is theirs.
 */
export async function signInAsDonor(page: Page, email: string, { checkAxe = false } = {}) {
  await page.goto('/account?lng=en');
  await expect(page).toHaveURL(/\/account\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your giving account' })).toBeVisible();
  if (checkAxe) await expectNoAxeViolations(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText(email);

  // The link, from the mail viewer as a person would open it.
  await page.goto(MAIL);
  const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Your link to your giving account' });
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1);
  }).toPass({ timeout: 20_000 });
  await row.getByRole('link').click();
  await page
    .getByRole('link', { name: /\/account\/verify\?token=/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open your account' })).toBeVisible();
  await page.getByRole('button', { name: 'Open my account' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** The subjects of every message the fake holds for `address`. */
export async function mailSubjects(address: string): Promise<string[]> {
  return (await mailTo(address)).map((message) => message.subject);
}

/**
 * A EUR 300 pledge in three card instalments on /give, the first due in ten days (nothing is paid
 * on /give): what a donor pays from their account later.
 */
export async function pledgeInInstalments(
  page: Page,
  donor: { email: string; givenName: string; familyName: string; isAnonymous?: boolean },
) {
  const firstDue = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await page.goto('/give?lng=en');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount', { exact: true }).fill('300');
  await page.getByRole('radio', { name: 'A pledge in instalments' }).check();
  await page.getByLabel('Number of instalments').fill('3');
  await page.getByLabel('First instalment due on').fill(firstDue);
  await page.getByLabel('First name').fill(donor.givenName);
  await page.getByLabel('Last name').fill(donor.familyName);
  await page.getByLabel('Email address').fill(donor.email);
  if (donor.isAnonymous) await page.getByLabel('Don’t show my name publicly').check();
  await page.getByRole('button', { name: GIVE_BUTTON }).click();
  await expect(page).not.toHaveURL(/\/give\?/);
}

/** On /account/monthly/:reference: asks for a new monthly amount; the page says Stripe has it. */
export async function askNewMonthlyAmount(page: Page, amount: string) {
  await page.getByLabel(/^New monthly amount/).fill(amount);
  await page.getByRole('button', { name: 'Change the amount' }).click();
  await expect(page.getByRole('status')).toContainText('Your new amount has been sent to Stripe');
}

/**
 * On /account/monthly/:reference: reloads until the gift's `term` (Monthly amount, Status) reads
 * `value` — the page changes only once Stripe's webhook has been applied.
 */
export async function expectMonthlyGiftShows(page: Page, term: 'Monthly amount' | 'Status', value: string) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').textContent();
      },
      { timeout: 20_000 },
    )
    .toBe(value);
}
