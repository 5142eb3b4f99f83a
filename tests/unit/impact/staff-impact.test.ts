// /staff/impact: the coming run and donors by frequency, the audited trigger (a bad or unended
// quarter is refused, nothing started), runs with progress, and a donor's report preview — the
// email's HTML, served by /staff/impact/preview — or "nothing to report". Dates are fixed.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImpactReportPreview, buildImpactStaffPage } from '~/impact/impact-staff-page.server.ts';
import { continueImpactReportRun, createImpactReportRun } from '~/impact/impact-report-run-commands.server.ts';
import { triggerRunFromForm } from '~/impact/impact-trigger-actions.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { action, loader } from '~/routes/staff.impact.tsx';
import { loader as previewLoader } from '~/routes/staff.impact.preview.ts';
import { args, get, postForm, unwrap } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProject } from './impact-report-fixture.ts';

const db = () => getPrisma();
const NOW = new Date('2026-01-20T10:00:00Z');
let staff: Awaited<ReturnType<typeof signedIn>>;
let withNews: { id: string; email: string | null };
let quiet: { id: string; email: string | null };

beforeAll(async () => {
  staff = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-impact@example.org');
  const project = await createProject('STAFF-1');
  withNews = await createDonor({
    name: 'Nia',
    consents: [true],
    locale: 'ar',
    gifts: [{ projectId: project.id, usdMinor: 80_00n, on: '2025-11-02' }],
  });
  quiet = await createDonor({
    name: 'Quinn',
    consents: [true],
    frequency: 'ANNUAL',
    gifts: [{ projectId: project.id, usdMinor: 10_00n, on: '2024-03-02' }],
  });
  await createDonor({ name: 'Sam', frequency: 'SEMIANNUAL' });
  await createDonor({ name: 'Nil', frequency: 'NONE' });
});

describe('the staff impact page', () => {
  it('shows the coming run and how many donors each frequency has', async () => {
    const page = await buildImpactStaffPage({ locale: 'en', previewQuery: '', now: NOW });
    expect(page.next.text).toBe('Next run: the reports for 2026-Q1, started on April 1, 2026 at 06:00 UTC.');
    expect(page.next.frequencies).toEqual([
      { frequency: 'QUARTERLY', label: 'Quarterly', donors: '1', period: '2026-Q1' },
      { frequency: 'SEMIANNUAL', label: 'Half-yearly', donors: '1', period: 'none in this run' },
      { frequency: 'ANNUAL', label: 'Yearly', donors: '1', period: 'none in this run' },
      { frequency: 'NONE', label: 'No reports', donors: '1', period: 'none in this run' },
    ]);
    expect(page.suggestedPeriod).toBe('2025-Q4');
    expect(page.preview).toEqual({ state: 'none' });
  });

  it('previews a donor’s report as the outbox would send it, or says there is nothing to report', async () => {
    const report = await buildImpactReportPreview({ query: withNews.email!.toUpperCase(), locale: 'en', now: NOW });
    expect(report.state).toBe('report');
    if (report.state !== 'report') return;
    expect(report.heading).toBe('Nia — 2025-Q4 (ar)');
    expect(report.html).toContain('dir="rtl"');
    expect(report.html).toContain('STAFF-1');
    const nothing = await buildImpactReportPreview({ query: quiet.id, locale: 'en', now: NOW });
    expect(nothing).toEqual({ state: 'nothing', message: expect.stringContaining('Nothing to report to Quinn for 2025') });
    expect(await buildImpactReportPreview({ query: 'nobody@example.org', locale: 'en', now: NOW })).toMatchObject({ state: 'not-found' });
  });

  it('serves the preview document and points the page’s frame at it', async () => {
    const response = (await previewLoader(
      args(get(`/staff/impact/preview?donor=${withNews.id}&quarter=2025-Q4`, { cookie: staff.cookie })),
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<html');
    const page = unwrap(await loader(args(get(`/staff/impact?donor=${withNews.id}&quarter=2025-Q4`, { cookie: staff.cookie })))).data as {
      preview: { state: string; src?: string };
    };
    expect(page.preview).toMatchObject({ state: 'report', src: `/staff/impact/preview?donor=${withNews.id}&quarter=2025-Q4` });
    const missing = (await previewLoader(
      args(get('/staff/impact/preview?donor=nobody%40example.org', { cookie: staff.cookie })),
    )) as Response;
    expect(missing.status).toBe(404);
  });

  it('refuses a period that is no ended quarter, starting nothing', async () => {
    const before = await db().impactReportRun.count();
    for (const period of ['2025-H2', '', '2025-Q9']) {
      const result = unwrap(await action(args(postForm('/staff/impact', { intent: 'trigger', period }, { cookie: staff.cookie }))));
      expect(result.status, period).toBe(400);
      expect(result.data).toEqual({ error: 'Enter a quarter such as 2026-Q4.' });
    }
    expect(
      await triggerRunFromForm({ form: { intent: 'trigger', period: '2026-Q1' }, staffUserId: staff.user.id, locale: 'fr', now: NOW }),
    ).toEqual({
      ok: false,
      error: 'Ce trimestre n’est pas encore terminé.',
    });
    expect(await db().impactReportRun.count()).toBe(before);
  });

  it('starts a run by hand: audited, its job queued, its progress on the page', async () => {
    const response = await action(args(postForm('/staff/impact', { intent: 'trigger', period: '2025-Q4' }, { cookie: staff.cookie })));
    expect(response).toBeInstanceOf(Response);
    const location = (response as Response).headers.get('location') ?? '';
    const runId = /started=([0-9a-f-]{36})/.exec(location)?.[1];
    expect(runId).toBeDefined();
    const run = await db().impactReportRun.findUniqueOrThrow({ where: { id: runId! } });
    expect(run).toMatchObject({ period: '2025-Q4', trigger: 'MANUAL', staffUserId: staff.user.id, finishedAt: null });
    const audit = await db().auditLog.findFirst({ where: { entityId: runId!, action: 'impact-reports.run' } });
    expect(audit).toMatchObject({ actorId: staff.user.id, actorKind: 'staff', after: { period: '2025-Q4' } });
    const jobs = await db().$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) AS count FROM graphile_worker.jobs WHERE key = ${`impact-reports:${runId}`}`;
    expect(jobs[0]?.count).toBe(1n);

    // Started again while it runs: the same run, no second one.
    const again = await triggerRunFromForm({
      form: { intent: 'trigger', period: '2025-Q4' },
      staffUserId: staff.user.id,
      locale: 'en',
      now: NOW,
    });
    expect(again).toEqual({ ok: true, runId, isNew: false });

    let page = await buildImpactStaffPage({ locale: 'en', previewQuery: '', now: NOW });
    expect(page.isRunning).toBe(true);
    expect(page.runs[0]).toMatchObject({ period: '2025-Q4', trigger: 'By hand (rm-impact)', state: 'Running…', donors: '0' });

    await continueImpactReportRun({ runId: runId! });
    await db().emailOutbox.updateMany({ where: { template: 'impact-report' }, data: { status: 'FAILED' } });
    page = await buildImpactStaffPage({ locale: 'en', previewQuery: '', now: NOW });
    expect(page.isRunning).toBe(false);
    // Nia (quarterly) is queued; Sam (semi-annual: H2) has no consent, Quinn (annual: 2025) nothing new; Nil asked for none.
    expect(page.runs[0]).toMatchObject({ state: 'Finished', donors: '3', queued: '1', skipped: '2', sent: '0 of 1', failed: '1' });
  });

  it('shows the sending after the fan-out: sent of queued, failed, the sending rate, and polls until the outbox is done', async () => {
    const run = await createImpactReportRun({ period: '2025-Q2', trigger: 'COMMAND', now: new Date(NOW.getTime() - 60_000) });
    const firstSentAt = new Date(NOW.getTime() - 10_000);
    const emailIds: string[] = [];
    for (const [index, status] of (['SENT', 'SENT', 'PENDING', 'FAILED'] as const).entries()) {
      const donor = await createDonor({ name: `Sending ${index}` });
      const email = await db().emailOutbox.create({
        data: {
          template: 'impact-report',
          toAddress: donor.email!,
          locale: 'en',
          props: {},
          idempotencyKey: `progress:${index}`,
          donorId: donor.id,
          status,
          sentAt: status === 'SENT' ? new Date(firstSentAt.getTime() + index * 1000) : null,
        },
      });
      emailIds.push(email.id);
      await db().impactReport.create({
        data: { donorId: donor.id, period: '2025-Q2', status: 'QUEUED', runId: run.id, emailId: email.id },
      });
    }
    await db().impactReportRun.update({
      where: { id: run.id },
      data: { donors: 4, queued: 4, finishedAt: new Date(NOW.getTime() - 30_000) },
    });

    // Fan-out finished, one email still waiting: "Sending…", 2 sent in the 10 s since the first.
    let page = await buildImpactStaffPage({ locale: 'en', previewQuery: '', now: NOW });
    expect(page.isRunning).toBe(true);
    expect(page.runs.find((row) => row.id === run.id)).toMatchObject({
      state: 'Sending…',
      queued: '4',
      sent: '2 of 4',
      failed: '1',
      sendRate: '0.2 emails/s',
    });

    // The last one sent 5 s after the first: finished, 3 sent over those 5 s; the page stops polling.
    await db().emailOutbox.update({
      where: { id: emailIds[2]! },
      data: { status: 'SENT', sentAt: new Date(firstSentAt.getTime() + 5000) },
    });
    page = await buildImpactStaffPage({ locale: 'fr', previewQuery: '', now: NOW });
    expect(page.isRunning).toBe(false);
    expect(page.runs.find((row) => row.id === run.id)).toMatchObject({
      state: 'Terminé',
      sent: '3 sur 4',
      failed: '1',
      sendRate: '0,6 e-mails/s',
    });
    // A run that has sent nothing yet has no sending rate.
    expect(page.runs.find((row) => row.period === '2025-Q4')).toMatchObject({ sent: '0 sur 1', sendRate: '—' });
  });
});
