// Issue #15 item 2 as an officer meets it: write an appeal draft with one project block, save it,
// see its email in a sandboxed preview (the project's live gap in it), switch the preview to a
// language the draft has no text in (the fallback note), and send a test to oneself that arrives
// in the mail viewer as "[Test] …" with the give link and the one-click unsubscribe headers.
import { expect, test } from '@playwright/test';
import { axeOf, ADMIN, mailTo, signInAsAdmin } from './support.ts';

test('an officer writes an appeal draft, previews it in two languages and sends a test to herself', async ({ page }) => {
  test.setTimeout(90_000);
  const code = `composer-e2e-${Date.now()}`;
  const subject = `Close the gap ${code}`;
  await signInAsAdmin(page, '/staff/appeals/new?lng=en');
  await expect(page.getByRole('heading', { level: 1, name: 'New appeal' })).toBeVisible();
  await page.getByLabel('Code in the give link').fill(code);
  await page.getByLabel('Goal (USD)').fill('50,000');
  const english = page.getByRole('group', { name: /Texts in English/ });
  await english.getByLabel('Title (shown on the give page)').fill('Close the gap');
  await english.getByLabel('Subject').fill(subject);
  await english.getByLabel('Introduction').fill('Your gift **closes** the gap.\n\n- shelters\n- legal aid');
  const block = page.getByLabel('Block 1');
  const firstProject = await block.locator('optgroup[label^="Projects"] option').first().getAttribute('value');
  await block.selectOption(firstProject!);
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'The draft is saved.' })).toBeVisible();
  // The page itself; axe cannot run inside the preview frame, which allows no script at all.
  const axe = await axeOf(page).withTags(['wcag2a', 'wcag2aa']).exclude('iframe.email-preview').analyze();
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
  const frame = page.frameLocator('iframe.email-preview');
  await expect(frame.getByRole('heading', { name: subject })).toBeVisible();
  await expect(frame.getByText(/Still missing: \$[\d,]+\.\d\d/).first()).toBeVisible();
  await expect(frame.locator('strong', { hasText: 'closes' })).toBeVisible();
  await expect(page.locator('iframe.email-preview')).toHaveAttribute('sandbox', '');

  await page.getByRole('navigation', { name: 'Preview language' }).getByRole('link', { name: 'Arabic' }).click();
  await expect(page.getByText('No text in this language: its readers receive the email in English.')).toBeVisible();

  await page.getByRole('button', { name: 'Send a test in Arabic' }).click();
  await expect(page.getByRole('status').filter({ hasText: `A test in Arabic is queued to ${ADMIN}.` })).toBeVisible();
  await expect
    .poll(async () => (await mailTo(ADMIN)).filter((message) => message.subject === `[Test] ${subject}`).length, { timeout: 20_000 })
    .toBe(1);
  const [mail] = (await mailTo(ADMIN)).filter((message) => message.subject === `[Test] ${subject}`);
  expect(mail?.text).toMatch(new RegExp(`/give\\?appeal=${code}&project=`));
  expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
});
