// What the browser specs share: the demo server's mail viewer and database (playwright.config.ts
// starts them on these ports), and the accessibility check every page of a walk passes.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { embeddedDatabaseUrl } from '../../app/platform/database/embedded-postgres.server.ts';

/** The Resend fake's mail viewer (DEMO_MAIL_PORT). */
export const MAIL = 'http://127.0.0.1:3125';
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

/** WCAG 2 A and AA, as axe checks them: the violations listed by rule and element. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, summary.join('\n')).toEqual([]);
}

/** The demo's first administrator (ADMIN_EMAIL's default). */
export const ADMIN = 'admin@example.org';

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

/**
 * Signs the demo admin in by emailed link and waits for `redirectTo`. Specs running side by side
 * take turns: each asks for a link, takes the one sent after its request and uses it (which voids
 * the admin's other links) before the next asks — otherwise two could swap links.
 */
export async function signInAsAdmin(page: Page, redirectTo: string) {
  await holdingLock(ADMIN_SIGN_IN_LOCK, async () => {
    const started = Date.now();
    await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}&lng=en`);
    await page.getByLabel('Work email address').fill(ADMIN);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await page.goto(await emailedSignInLink(ADMIN, started));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${redirectTo}`);
  });
}
