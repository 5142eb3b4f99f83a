// #11 item 16: every public page fits a 320–390 px phone without sideways scrolling, in English
// and Arabic (right to left); what is wider than the screen (data tables) scrolls inside a
// labelled, focusable region; axe finds nothing; optional checkboxes are not required; the site
// has a favicon and /favicon.ico is no 404.
import { expect, test, type Page } from '@playwright/test';
import { axeOf } from './support.ts';

const pages = [
  '/',
  '/programmes',
  '/programmes/trafficking-in-persons',
  '/projects/GLOT59',
  '/funding',
  '/give',
  '/give?project=XAMT72',
  '/give?programme=trafficking-in-persons',
  '/give/thanks',
  '/login',
  '/no-such-page',
];
const widths = [320, 390];
const languages = ['en', 'ar'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await axeOf(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  // axe ships label-content-name-mismatch (WCAG 2.5.3) as experimental, off unless asked for by name.
  const nameMismatch = await axeOf(page).withRules(['label-content-name-mismatch']).analyze();
  return [...results.violations, ...nameMismatch.violations].map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
}

/** Elements that scroll sideways, and whether each is a labelled, focusable region. */
async function sidewaysScrollers(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => {
        const overflow = getComputedStyle(element).overflowX;
        return (overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth;
      })
      .map((element) => ({
        what: `${element.tagName.toLowerCase()}.${element.className}`,
        role: element.getAttribute('role'),
        isNamed: Boolean(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby')),
        tabIndex: element.getAttribute('tabindex'),
      })),
  );
}

// One test per page, language and width: each stays well within the default timeout.
for (const language of languages) {
  for (const width of widths) {
    for (const path of pages) {
      test(`${path} fits ${width} px in ${language}, with axe clean`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${language}`);
        await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
        // Every problem on the page is listed, so one run shows all that is wrong.
        const problems: string[] = [];
        const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);
        if (scrollWidth > width) {
          problems.push(`${path} is ${scrollWidth} px wide at ${width} px: ${(await widestElements(page, width)).join(', ')}`);
        }
        for (const scroller of await sidewaysScrollers(page)) {
          if (scroller.role !== 'region' || !scroller.isNamed || scroller.tabIndex !== '0') {
            problems.push(`${scroller.what} scrolls sideways but is not a labelled, focusable region`);
          }
        }
        problems.push(...(await axeViolations(page)).map((violation) => `axe ${violation}`));
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }
  }
}

test('optional checkboxes on the give form are not required', async ({ page }) => {
  await page.goto('/give?lng=en');
  const checkboxes = page.locator('input[type="checkbox"]');
  expect(await checkboxes.count()).toBeGreaterThan(2);
  await expect(page.locator('input[type="checkbox"][required]')).toHaveCount(0);
});

test('the site has an SVG favicon, and /favicon.ico leads to it', async ({ page, request }) => {
  await page.goto('/?lng=en');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('/favicon.svg');
  const icon = await request.get('/favicon.svg');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  const legacy = await request.get('/favicon.ico');
  expect(legacy.status()).toBe(200);
  expect(legacy.headers()['content-type']).toContain('image/svg+xml');
});

/** Which element sticks out of the page: a debugging aid printed when a width check fails. */
async function widestElements(page: Page, width: number): Promise<string[]> {
  return page.evaluate(
    (limit) =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => element.getBoundingClientRect().right > limit + 1 || element.getBoundingClientRect().left < -1)
        .slice(0, 8)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().width)}px`),
    width,
  );
}
