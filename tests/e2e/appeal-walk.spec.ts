// Issue #15's "done when", tried as a new officer and a donor would: build a segment of lapsed
// donors to the corruption programme and see it counted live; write an appeal for one of the
// programme's projects and send it to that segment; a recipient opens it in the mail viewer,
// follows its link and gives through the Stripe emulator; the results page shows the click, the
// gift and the project's coverage the day before the send and now. The donor who withdrew appeal
// consent and the one whose address bounced (both in the seeded lapsed donors) receive nothing.
// The appeal is an A/B test (issue #15 item 3): two subjects to a sample of half the segment, the
// panel shows each subject's figures, the officer decides the winner now and the rest goes out.
import { expect, test } from '@playwright/test';
import { axeOf, GIVE_BUTTON, MAIL, expectNoAxeViolations, mailTo, payByTestCard, query, signInAsAdmin } from './support.ts';

test('an officer asks lapsed corruption donors; one clicks and gives; the results page shows it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const segmentName = `Lapsed corruption donors ${stamp}`;
  const code = `walk-${stamp}`;
  const subject = `The corruption gap is still open (${stamp})`;
  const subjectB = `Last year you helped close a gap (${stamp})`;
  const isAppealMail = (message: { subject: string }) => message.subject === subject || message.subject === subjectB;

  // ---- The segment, counted as it is built
  await signInAsAdmin(page, '/staff/appeals/segments/new?lng=en');
  await page.getByLabel('Name of the segment').fill(segmentName);
  const funded = page.getByRole('group', { name: 'Programmes or projects funded' });
  await funded.getByRole('checkbox', { name: /corruption/i }).check();
  await page.getByRole('radio', { name: 'Gave last year but not this year (LYBUNT)' }).check();
  const count = page.getByRole('status').filter({ hasText: 'Donors in this segment now:' });
  await expect(count).toHaveText(/Donors in this segment now: [1-9]\d*/, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The segment is saved.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Donors in this segment now:' })).toHaveText(/[1-9]/);
  const counted = Number(
    (await page.getByRole('status').filter({ hasText: 'Donors in this segment now:' }).textContent())!.replace(/\D/g, ''),
  );

  // ---- The appeal: texts, one project of the corruption programme, the segment
  await page.goto('/staff/appeals/new?lng=en');
  await page.getByLabel('Code in the give link').fill(code);
  await page.getByLabel('Goal (USD)').fill('25,000');
  await page.getByLabel('Segment', { exact: true }).selectOption({ label: segmentName });
  const english = page.getByRole('group', { name: /Texts in English/ });
  await english.getByLabel('Title (shown on the give page)').fill('Close the corruption gap');
  await english.getByLabel('Subject').fill(subject);
  await english.getByLabel('Introduction').fill('You helped last year. **The gap is still open.**');
  const block = page.getByLabel('Block 1');
  const projectOption = block.locator('optgroup[label*="orruption"] option').first();
  const projectValue = (await projectOption.getAttribute('value'))!;
  await block.selectOption(projectValue);
  // ---- … as an A/B test of two subjects on half the segment, the winner by clicks
  await page.getByText('A/B subject test (optional)').click();
  const abTest = page.getByRole('group', { name: 'A/B subject test', exact: true });
  // A share out of range is flagged on leaving the field; fixing it clears the error and leaves
  // the disclosure open under the officer's fingers (it used to fold shut with the last error).
  await abTest.getByLabel('Sample (% of the segment)').fill('60');
  await abTest.getByLabel('Sample (% of the segment)').press('Tab');
  await expect(abTest.getByText('Enter a whole number from 5 to 50.')).toBeVisible();
  await abTest.getByLabel('Sample (% of the segment)').fill('50');
  await expect(abTest.getByText('Enter a whole number from 5 to 50.')).toHaveCount(0);
  await expect(abTest).toBeVisible();
  await abTest.getByLabel('Winner chosen by').selectOption({ label: 'Share of recipients who clicked' });
  await abTest.getByLabel('Wait before choosing the winner').fill('2');
  await abTest.getByLabel('Unit of the wait').selectOption({ label: 'hours' });
  await abTest.getByRole('group', { name: 'Extra subjects in English' }).getByLabel('Subject B').fill(subjectB);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The draft is saved.' })).toBeVisible();
  // Shown back on the saved draft.
  await expect(page.getByRole('group', { name: 'Extra subjects in English' }).getByLabel('Subject B')).toHaveValue(subjectB);
  await expect(page.getByLabel('Sample (% of the segment)')).toHaveValue('50');
  const [appeal] = await query<{ id: string; projectCode: string; testSamplePercent: number; testWaitMinutes: number }>(
    `SELECT a.id, p.code AS "projectCode", a."testSamplePercent", a."testWaitMinutes"
       FROM appeals a JOIN appeal_blocks b ON b."appealId" = a.id JOIN projects p ON p.id = b."projectId"
     WHERE a.slug = $1`,
    [code],
  );
  expect(appeal).toMatchObject({ testSamplePercent: 50, testWaitMinutes: 120 });

  // ---- Send now, and watch it finish
  await expect(page.getByText(`To the donors of the segment “${segmentName}”: ${counted} now`)).toBeVisible();
  await page.getByRole('radio', { name: 'Send now' }).check();
  await page.getByRole('button', { name: 'Send the appeal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The appeal is being sent.' })).toBeVisible();
  // The sample goes first; the panel shows both subjects while the test waits for its winner.
  const decideNow = page.getByRole('button', { name: 'Decide the winner now' });
  await expect(decideNow).toBeVisible({ timeout: 60_000 });
  const subjects = page.getByRole('table', { name: 'Subjects in the test' });
  await expect(subjects.getByRole('row', { name: new RegExp(`^A ${subject.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
  await expect(subjects.getByRole('row', { name: new RegExp(`^B ${subjectB.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
  await decideNow.click();
  await expect(page.getByRole('status').filter({ hasText: /^Subject [AB] won; the rest of the segment is being sent\.$/ })).toBeVisible();
  await expect(page.getByText(new RegExp(`Emails handled: ${counted} of ${counted}`))).toBeVisible({ timeout: 60_000 });
  await expect(subjects.getByRole('rowheader', { name: /^[AB] \(winner\)$/ })).toBeVisible();
  // axe cannot run inside the email preview, a frame that allows no script at all (it would wait for it).
  const axe = await axeOf(page).withTags(['wcag2a', 'wcag2aa']).exclude('iframe.email-preview').analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // Each donor of the segment once; the withdrawn and the bounced donor nothing.
  const recipients = await query<{ email: string; locale: string }>(
    `SELECT d.email, d.locale FROM appeal_recipients r JOIN donors d ON d.id = r."donorId" WHERE r."appealId" = $1`,
    [appeal!.id],
  );
  expect(recipients).toHaveLength(counted);
  for (const address of ['bounced+lapsed-appeal@resend.dev']) {
    expect((await mailTo(address)).filter(isAppealMail)).toHaveLength(0);
  }
  const [withdrawn] = await query<{ email: string }>(`SELECT email FROM donors WHERE "givenName" = 'Peter' AND "familyName" = 'Novák'`);
  expect((await mailTo(withdrawn!.email)).filter(isAppealMail)).toHaveLength(0);
  expect(recipients.map((recipient) => recipient.email)).not.toContain(withdrawn!.email);

  // ---- A recipient reads it in the mail viewer and follows the project's link
  const reader = recipients.find((recipient) => recipient.locale === 'en')!;
  await expect.poll(async () => (await mailTo(reader.email)).filter(isAppealMail).length, { timeout: 30_000 }).toBe(1);
  // Subject A or B: the sample's draw, or the winner for the rest.
  const readerSubject = (await mailTo(reader.email)).find(isAppealMail)!.subject;
  const donorContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const donor = await donorContext.newPage();
  await donor.goto(MAIL);
  await donor.getByRole('row').filter({ hasText: reader.email }).getByRole('link', { name: readerSubject }).click();
  await donor
    .getByRole('link', { name: /\/a\/[\w.-]+$/ })
    .first()
    .click();
  await expect(donor).toHaveURL(new RegExp(`/give\\?appeal=${code}&project=${appeal!.projectCode}`));
  await expect(donor.getByRole('heading', { level: 1 })).toHaveText(/^Give to /);

  // ---- and gives through the emulator
  await donor.getByLabel('Amount', { exact: true }).fill('120');
  await donor.getByLabel('First name').fill('Walk');
  await donor.getByLabel('Last name').fill('Recipient');
  await donor.getByLabel('Email address').fill(reader.email);
  await donor.getByRole('button', { name: GIVE_BUTTON }).click();
  await payByTestCard(donor);
  await expect(donor.getByRole('heading', { level: 1 })).toHaveText('Thank you for your gift', { timeout: 20_000 });
  await donorContext.close();

  // ---- The results page: the click, the gift, the coverage before and now
  await page.goto(`/staff/appeals/${appeal!.id}/results?lng=en`);
  const figure = (key: string) => page.locator(`[data-figure="${key}"] dd`);
  await expect(figure('clicks')).toHaveText('1');
  await expect(figure('clickers')).toHaveText('1');
  await expect(figure('givers')).toHaveText('1');
  await expect(figure('gifts')).toHaveText('1');
  await expect(figure('raised')).toHaveText('$120.00');
  await expect(page.getByText(/^The day before the send \(.+\): [\d.]+% covered/)).toBeVisible();
  await expect(page.getByText(/^Now \(.+\): [\d.]+% covered/)).toBeVisible();
  // Other specs may give to the same project meanwhile: the change is at least this gift.
  const change = (await page.getByText(/^Change since the send: /).textContent())!;
  expect(Number(/, \$([\d,]+\.\d\d)/.exec(change)![1]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(120);
  await expect(page.getByRole('img', { name: /^Coverage of .+ over time/ })).toBeVisible();
  await expectNoAxeViolations(page);
});
