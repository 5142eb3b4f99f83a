// Issue #13's "done when", as staff and donors meet it. The demo seed's impact-report story
// (prisma/seed.ts planReportStory): Rosa Reportwell funded two projects directly in the quarter
// that ended last and finance allocated part of her earlier general-purpose gift to a third (a
// pool_allocations decision); Layla Mansour (Arabic) writes from Resend's bouncing test address.
// An admin runs that quarter on /staff/impact and watches it finish; Rosa's report arrives in the
// mail viewer naming the three projects with amounts and shares that agree with each other and
// with the ledger, and the quarter's field reports; its web version shows the same, and in Arabic
// right to left. Rosa leaves by a cookie-less one-click POST; Layla's report bounces, the fake's
// signed webhook suppresses her address, and the staff donor record says so. The quarter before
// (news for both of them too) then sends neither of them anything.
// Parallel-safe: it reads only mail to its two donors, and only this spec starts report runs.
import { expect, request, test, type Page } from '@playwright/test';
import { lastEndedQuarter, reportPeriodsOfRun } from '../../app/impact/report-periods.ts';
import { expectNoAxeViolations, query, mailTo, type MailMessage, MAIL, signInAsAdmin } from './support.ts';

const ROSA = 'report-story@example.org';
const LAYLA = 'bounced+report-story@resend.dev';

/** Starts the run of `quarter` on /staff/impact and waits for its row to read "Finished" (the page polls). */
async function runQuarter(page: Page, quarter: string) {
  await page.goto('/staff/impact?lng=en');
  await page.getByLabel('Quarter (e.g. 2026-Q4)').fill(quarter);
  await page.getByRole('button', { name: 'Start the run' }).click();
  await expect(page.getByRole('status')).toHaveText('The run has started. Its progress appears below.');
  const row = page
    .getByRole('table', { name: 'Runs, newest first' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: quarter, exact: true }) });
  await expect(row).toContainText('Finished', { timeout: 30_000 });
  const cells = await row.getByRole('cell').allTextContents();
  // Started by, Started, State, Donors done, Queued, Skipped, Sent, Failed sends, Rate
  return { donors: Number(cells[3]), queued: Number(cells[4]), skipped: Number(cells[5]) };
}

/** A US-dollar amount as the English report prints it ("$1,234.56") in cents. */
const cents = (shown: string) => Math.round(Number(shown.replace(/[$,]/g, '')) * 100);

interface ReportProject {
  title: string;
  amount: number;
  share: number;
  total: number;
}

/** The projects of an English report's plain text: "## title", place, then the amount line. */
function projectsOf(text: string): ReportProject[] {
  const pattern = /^## (.+)\n.+\nYour money: (\$[\d,]+\.\d\d) — ([\d.]+)% of all the project has received \((\$[\d,]+\.\d\d)\)\./gm;
  return [...text.matchAll(pattern)].map(([, title, amount, share, total]) => ({
    title: title!,
    amount: cents(amount!),
    share: Number(share),
    total: cents(total!),
  }));
}

test('a quarter’s impact reports: the donor’s three projects add up in the email and on the web, one-click unsubscribe and a bounce stop the next run', async ({
  page,
}) => {
  test.setTimeout(90_000); // a sign-in by email, two report runs and their sends at the fake's 2 requests/s
  const last = reportPeriodsOfRun(lastEndedQuarter(new Date())).QUARTERLY!;
  const earlier = reportPeriodsOfRun(lastEndedQuarter(last.from)).QUARTERLY!;
  const [rosa, layla] = await Promise.all(
    [ROSA, LAYLA].map(async (email) => (await query<{ id: string }>('SELECT id::text FROM donors WHERE email = $1', [email]))[0]!),
  );

  await signInAsAdmin(page, '/staff/impact');
  await expectNoAxeViolations(page);
  const firstRun = await runQuarter(page, last.name);
  expect(firstRun.queued).toBeGreaterThanOrEqual(2); // Rosa and Layla at least

  // ---- Rosa's report in the mail viewer
  let report: MailMessage | undefined;
  await expect(async () => {
    report = (await mailTo(ROSA)).find((message) => message.subject.startsWith('Your impact report:'));
    expect(report).toBeTruthy();
  }).toPass({ timeout: 20_000 });
  // as a person would open it in the viewer
  const viewer = await (await page.context().browser()!.newContext()).newPage();
  await viewer.goto(MAIL);
  await viewer.getByRole('row').filter({ hasText: ROSA }).getByRole('link', { name: report!.subject }).click();
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(report!.subject);
  const text = report!.text!;
  await expect(viewer.locator('pre')).toHaveText(text);
  const projects = projectsOf(text);
  // What the ledger says her money reached by the end of the quarter, project by project
  const ledger = await query<{ title: string; donor: string; total: string; pooled: string }>(
    `SELECT pr.title->>'en' AS title,
            SUM(a."usdMinor") FILTER (WHERE p."donorId" = $1)::text AS donor,
            SUM(a."usdMinor")::text AS total,
            COALESCE(SUM(a."usdMinor") FILTER (WHERE p."donorId" = $1 AND a."poolAllocationId" IS NOT NULL), 0)::text AS pooled
     FROM allocations a LEFT JOIN payments p ON p.id = a."paymentId" JOIN projects pr ON pr.id = a."projectId"
     WHERE a."createdAt" < $2 AND a."projectId" IN (
       SELECT a2."projectId" FROM allocations a2 JOIN payments p2 ON p2.id = a2."paymentId" WHERE p2."donorId" = $1 AND a2."createdAt" < $2)
     GROUP BY pr.id, pr.title ORDER BY 2 DESC`,
    [rosa.id, last.to],
  );
  expect(ledger).toHaveLength(3);
  expect(projects.map((project) => project.title).sort()).toEqual(ledger.map((row) => row.title).sort());
  for (const project of projects) {
    const row = ledger.find((candidate) => candidate.title === project.title)!;
    expect(project.amount).toBe(Number(row.donor));
    expect(project.total).toBe(Number(row.total));
    // the share is her amount over the project's total, to two decimals of a percent
    expect(Math.abs(project.share - (100 * project.amount) / project.total)).toBeLessThan(0.006);
  }
  // Given in the quarter: her two project gifts; the third project's money is the pool decision's part,
  // named in the notice and in the project's own "came from general-purpose funds" line.
  const direct = projects.filter((project) => Number(ledger.find((row) => row.title === project.title)!.pooled) === 0);
  const [pooled] = projects.filter((project) => !direct.includes(project));
  expect(direct).toHaveLength(2);
  const givenInPeriod = cents(text.match(/^Given in this period \(USD\): (\$[\d,.]+)$/m)![1]!);
  expect(direct.reduce((sum, project) => sum + project.amount, 0)).toBe(givenInPeriod);
  const notice = text.match(/^- .+: (\$[\d,.]+) of your gift to (.+)$/m)!;
  expect(notice[2]).toBe(pooled!.title);
  expect(cents(notice[1]!)).toBe(pooled!.amount);
  expect(text).toContain(`${notice[1]} of it came from general-purpose or programme funds that UNODC staff allocated to this project.`);
  const givenToDate = cents(text.match(/^Given to date \(USD\): (\$[\d,.]+)$/m)![1]!);
  expect(givenToDate).toBeGreaterThan(projects.reduce((sum, project) => sum + project.amount, 0)); // part of the pooled gift waits
  // The quarter's news: each project's field report and its indicators' movement
  expect(text.match(new RegExp(`^Field report: ${last.name} · `, 'gm'))).toHaveLength(3);
  const movements = [...text.matchAll(/^- .+: ([\d,.]+) → ([\d,.]+) of ([\d,.]+) \w+$/gm)];
  expect(movements.length).toBeGreaterThanOrEqual(3);
  for (const [, before, after, target] of movements) {
    const [b, a, t] = [before, after, target].map((value) => Number(value!.replace(/,/g, '')));
    expect(b).toBeLessThan(a!);
    expect(a).toBeLessThanOrEqual(t!);
  }

  // ---- the web version: the same projects and lines, axe clean; in Arabic right to left
  const webUrl = text.match(/^Read this report in your browser: (\S+)$/m)![1]!;
  const reader = await (await page.context().browser()!.newContext()).newPage();
  await reader.goto(webUrl);
  const article = reader.getByRole('article');
  await expect(article.getByRole('heading', { level: 3 })).toHaveText(projects.map((project) => project.title));
  for (const line of text.match(/^Your money: .+$/gm)!) await expect(article.getByText(line, { exact: true })).toBeVisible();
  await expect(article.getByText(/^Field report: /)).toHaveCount(3);
  await expectNoAxeViolations(reader);
  await reader.goto(`${webUrl}?lng=ar`);
  await expect(reader.locator('article.impact-report')).toHaveAttribute('dir', 'rtl');
  await expect(reader.locator('article.impact-report')).toHaveAttribute('lang', 'ar');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(/[\u0600-\u06FF]/);
  await expect(reader.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expectNoAxeViolations(reader);

  // ---- one-click unsubscribe from the email's own headers, without cookies
  expect(report!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  const unsubscribeUrl = report!.headers?.['List-Unsubscribe']?.match(/^<(https?:\/\/[^>]+)>$/)?.[1];
  expect(unsubscribeUrl).toBeTruthy();
  const latestConsent = async () =>
    (
      await query<{ isGranted: boolean; source: string }>(
        `SELECT "isGranted", source FROM donor_consents WHERE "donorId" = $1 AND kind = 'IMPACT_REPORTS' ORDER BY "recordedAt" DESC, id DESC LIMIT 1`,
        [rosa.id],
      )
    )[0]!;
  const bare = await request.newContext(); // no cookie, no Origin: what a mail provider sends
  const confirm = await bare.get(unsubscribeUrl!);
  expect(confirm.status()).toBe(200);
  expect(await confirm.text()).toContain('Unsubscribe from impact reports');
  expect((await latestConsent()).isGranted).toBe(true); // a GET (a link scanner) changes nothing
  const oneClick = await bare.post(unsubscribeUrl!, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
    maxRedirects: 0,
  });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toContain('You are unsubscribed');
  expect(await latestConsent()).toEqual({ isGranted: false, source: 'email:one-click' });
  await bare.dispose();

  // ---- Layla's report (in Arabic, right to left) bounced: the webhook suppressed her address
  const [laylaReport] = await mailTo(LAYLA);
  expect(laylaReport?.html).toMatch(/<html[^>]*dir="rtl"/);
  expect(laylaReport?.subject).toMatch(/[\u0600-\u06FF]/);
  await expect(async () => {
    await page.goto(`/staff/donors/${layla.id}?lng=en`);
    await expect(page.getByRole('note')).toContainText(
      'No email is sent to this address any more: a message to it bounced permanently on',
      {
        timeout: 1_000,
      },
    );
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText(`impact-report to ${LAYLA}: bounced`)).toBeVisible();
  await expectNoAxeViolations(page);

  // ---- the quarter before: both have news in it, neither gets anything
  const rosaMail = (await mailTo(ROSA)).length;
  const secondRun = await runQuarter(page, earlier.name);
  expect(secondRun.skipped).toBeGreaterThanOrEqual(1); // Rosa: no consent any more
  const reports = await query<{ donorId: string; status: string; skipReason: string | null; email: string | null }>(
    `SELECT r."donorId"::text AS "donorId", r.status::text AS status, r."skipReason" AS "skipReason", o.status::text AS email
     FROM impact_reports r LEFT JOIN email_outbox o ON o.id = r."emailId" WHERE r.period = $1 AND r."donorId" = ANY($2::uuid[])`,
    [earlier.name, [rosa.id, layla.id]],
  );
  expect(reports.find((row) => row.donorId === rosa.id)).toMatchObject({ status: 'SKIPPED', skipReason: 'no-consent' });
  // Layla's report was queued (her consent stands) and the outbox refused to send it to a suppressed address
  await expect(async () => {
    await page.goto(`/staff/donors/${layla.id}?lng=en`);
    await expect(page.getByText(`impact-report to ${LAYLA}: not sent: address suppressed (bounced or marked as spam)`)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  expect(await mailTo(LAYLA)).toHaveLength(1);
  expect(await mailTo(ROSA)).toHaveLength(rosaMail);
});
