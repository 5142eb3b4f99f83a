// What the browser specs share: the demo server's mail viewer and database (playwright.config.ts
// starts them on these ports), and the accessibility check every page of a walk passes.
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
