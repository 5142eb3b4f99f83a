// Issue #16 item 5: a programme officer uploads a project photo with alt text in English and
// Arabic; the public project page shows it (srcset, width and height) with the alt text in the
// reader's language, and /give for the project shows it beside the form. A non-image is refused
// on the form. axe clean. The PNG is made here with sharp.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeViolations, signInAsAdmin } from './support.ts';

test('a programme officer uploads a photo; the project page and /give show it with its alt text in English and Arabic', async ({
  page,
}) => {
  test.setTimeout(120_000); // a sign-in by email, an upload resized on the server, axe and four public reads
  const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 120, b: 90 } } })
    .png()
    .toBuffer();
  await signInAsAdmin(page, '/staff/programmes');
  const firstEdit = page
    .getByRole('table')
    .first()
    .getByRole('link', { name: /^Edit / })
    .first();
  const code = ((await firstEdit.getAttribute('aria-label')) ?? '').replace('Edit ', '');
  await firstEdit.click();

  const form = page.getByRole('form', { name: /Add a photo|Replace the photo/ });
  // A file that is not a photo: refused next to the field, nothing stored
  await form.getByLabel('Photo file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a photo') });
  const alt = form.getByRole('group', { name: 'Description for people who cannot see the photo in the six languages' });
  await alt.getByLabel('English (required)').fill('Officers inspect a container at a port');
  await alt.getByLabel('Arabic').fill('موظفون يفتشون حاوية في ميناء');
  await form.getByRole('button', { name: /Upload photo|Save photo/ }).click();
  await expect(page.getByText('This file is not a photo we can read')).toBeVisible();

  const again = page.getByRole('form', { name: /Add a photo|Replace the photo/ });
  await again.getByLabel('Photo file').setInputFiles({ name: 'port.png', mimeType: 'image/png', buffer: png });
  await again.getByRole('button', { name: /Upload photo|Save photo/ }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.getByRole('img', { name: 'Officers inspect a container at a port' })).toBeVisible();
  await expectNoAxeViolations(page);

  const visitor = await page.context().browser()!.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/projects/${code}`);
  const photo = publicPage.getByRole('img', { name: 'Officers inspect a container at a port' });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('width', '960');
  await expect(photo).toHaveAttribute('height', '640');
  await expect(photo).toHaveAttribute('srcset', /480-[0-9a-f]{16}\.webp 480w, .*960-[0-9a-f]{16}\.webp 960w/);
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expectNoAxeViolations(publicPage);

  await publicPage.goto(`/give?project=${code}`);
  await expect(publicPage.getByRole('complementary').getByRole('img', { name: 'Officers inspect a container at a port' })).toBeVisible();

  await publicPage.goto(`/projects/${code}?lng=ar`);
  await expect(publicPage.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(publicPage.getByRole('img', { name: 'موظفون يفتشون حاوية في ميناء' })).toBeVisible();
  await expectNoAxeViolations(publicPage);
  await visitor.close();
});
