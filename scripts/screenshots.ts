// Screenshots of the donor's path for reviews and issue notes: home, a project, /give from that
// project and the thanks page, on a desktop and a 390 px phone, in English and Arabic.
// Runs against a portal in demo mode (its Stripe emulator takes the test card):
//   npm start                      # in one terminal (or any demo portal)
//   npm run screenshots -- --base http://localhost:3000 --project GLOT59 --out docs/screenshots
// Debian's Chromium drives the pages (Playwright cannot download its own browser here).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'http://localhost:3000' },
    project: { type: 'string', default: 'GLOT59' },
    out: { type: 'string', default: 'docs/screenshots' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const base = values.base.replace(/\/$/, '');
const out = path.resolve(values.out);

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
  { name: 'phone', width: 390, height: 844, isMobile: true },
] as const;
const LANGUAGES = ['en', 'ar'] as const;

/** A paid $50 gift to the project through the demo's Stripe emulator: the thanks page's address. */
async function thanksPageUrl(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/give?project=${encodeURIComponent(values.project)}&lng=en`);
    await page.getByLabel('Amount', { exact: true }).fill('50');
    await page.getByLabel('First name').fill('Amina');
    await page.getByLabel('Last name').fill('Haddad');
    await page.getByLabel('Email address').fill(`screenshots-${Date.now()}@example.org`);
    await page.getByRole('button', { name: /^(Continue$|Give |Pledge )/ }).click();
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    const year = String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0');
    await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${year}`);
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(/\/give\/thanks\?session_id=cs_/, { timeout: 30_000 });
    // wait until the webhook has recorded the payment: the page then stops saying "processing"
    await page.getByRole('region', { name: 'What happens next' }).waitFor({ timeout: 30_000 });
    return page.url().replace(/&lng=\w+/, '');
  } finally {
    await page.close();
  }
}

async function shoot(page: Page, url: string, file: string) {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.screenshot({ path: path.join(out, file), fullPage: true });
  console.log(`${file}  ${url}`);
}

const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox', '--disable-gpu'] });
try {
  mkdirSync(out, { recursive: true });
  const thanks = await thanksPageUrl(browser);
  const pages = [
    { name: 'home', url: `${base}/` },
    { name: 'project', url: `${base}/projects/${encodeURIComponent(values.project)}` },
    { name: 'give-project', url: `${base}/give?project=${encodeURIComponent(values.project)}` },
    { name: 'thanks', url: thanks },
  ];
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      isMobile: viewport.isMobile,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    for (const language of LANGUAGES)
      for (const { name, url } of pages)
        await shoot(page, `${url}${url.includes('?') ? '&' : '?'}lng=${language}`, `${name}-${viewport.name}-${language}.png`);
    await context.close();
  }
} finally {
  await browser.close();
}
