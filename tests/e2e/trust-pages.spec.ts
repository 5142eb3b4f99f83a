// The trust pages (issue #16 item 4) in English and Arabic: each opens from the footer, has one
// h1 and its h2 sections, links the other two, fits a 320 px screen and is axe clean.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support.ts';

const pages = [
  { path: '/about/money', en: 'How your money is used', ar: 'كيف تُستخدم أموالك' },
  { path: '/about/privacy', en: 'Privacy notice', ar: 'إشعار الخصوصية' },
  { path: '/about/contact', en: 'Contact', ar: 'اتصل بنا' },
] as const;

for (const { path, en, ar } of pages) {
  for (const [locale, heading, dir] of [
    ['en', en, 'ltr'],
    ['ar', ar, 'rtl'],
  ] as const) {
    test(`${path} in ${locale}: its heading, sections and links, axe clean`, async ({ page }) => {
      const response = await page.goto(`${path}?lng=${locale}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(2);
      for (const { path: other } of pages) {
        await expect(page.locator('footer').locator(`a[href="${other}"]`)).toHaveCount(1);
      }
      await expectNoAxeViolations(page);
    });
  }
}

test('the footer leads to the trust pages, and they fit a 320 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto('/?lng=en');
  await page.locator('footer').getByRole('link', { name: 'How your money is used' }).click();
  await expect(page).toHaveURL(/\/about\/money$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How your money is used');
  for (const { path } of pages) {
    for (const locale of ['en', 'ar']) {
      await page.goto(`${path}?lng=${locale}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} ${locale}`).toBeLessThanOrEqual(0);
    }
  }
});
