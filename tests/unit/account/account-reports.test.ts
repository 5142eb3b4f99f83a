// /account/reports (issue #14 item 7): the impact reports the signed-in donor was sent — and only
// those that were sent, only theirs — newest first, the period as a date range in the reader's
// language, each linking to the report's signed web version.
import { beforeAll, describe, expect, it } from 'vitest';
import { loader } from '~/routes/account.reports.tsx';
import type { ReportArchivePageData } from '~/account/impact-report-archive-page.server.ts';
import { reportPeriodDays } from '~/account/impact-report-archive-page.server.ts';
import { impactReportIdempotencyKey, readImpactReportWebLink } from '~/impact/impact-report-links.server.ts';
import type { EmailStatus } from '~/generated/prisma/client.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { args, get, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie } from './account-fixture.ts';

const db = getPrisma();
let cookie = '';
let otherCookie = '';
let emptyCookie = '';
let donorId = '';

/** A report row for (donor, period) with its outbox row in `status`, sent `daysAgo` days before now. */
async function report(id: string, period: string, status: EmailStatus, daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const email = await db.emailOutbox.create({
    data: {
      idempotencyKey: impactReportIdempotencyKey({ donorId: id, period }),
      template: 'impact-report',
      toAddress: 'reader@example.org',
      locale: 'en',
      props: {},
      status,
      donorId: id,
      createdAt: at,
      sentAt: status === 'SENT' ? at : null,
    },
  });
  await db.impactReport.create({ data: { donorId: id, period, status: 'QUEUED', emailId: email.id, createdAt: at } });
}

async function page(path: string, withCookie = cookie): Promise<ReportArchivePageData> {
  return unwrap(await loader(args(get(path, { cookie: withCookie })))).data as ReportArchivePageData;
}

beforeAll(async () => {
  const donor = await createDonor(db, 'reader@example.org', { displayName: 'Rana Reader' });
  donorId = donor.id;
  await report(donor.id, '2025-Q3', 'SENT', 200);
  await report(donor.id, '2025-H2', 'SENT', 100);
  await report(donor.id, '2025-Q4', 'SENT', 101);
  await report(donor.id, '2026-Q1', 'FAILED', 10);
  await report(donor.id, '2026-Q2', 'PENDING', 1);
  await db.impactReport.create({ data: { donorId: donor.id, period: '2024-Q4', status: 'SKIPPED', skipReason: 'nothing-new' } });
  const other = await createDonor(db, 'other-reader@example.org');
  await report(other.id, '2024-Q1', 'SENT', 300);
  cookie = (await donorCookie(donor.id)).cookie;
  otherCookie = (await donorCookie(other.id)).cookie;
  emptyCookie = (await donorCookie((await createDonor(db, 'no-reports@example.org')).id)).cookie;
});

describe('/account/reports', () => {
  it('without a session sends the visitor to the sign-in page', async () => {
    const response = await thrownResponse(() => loader(args(get('/account/reports'))));
    expect(response.headers.get('Location')).toBe('/account/sign-in');
  });

  it('lists only the reports that were sent, newest first, each period as a date range', async () => {
    const { reports } = await page('/account/reports?lng=en');
    expect(reports.map((row) => row.period)).toEqual(['2025-H2', '2025-Q4', '2025-Q3']);
    expect(reports.map((row) => row.range.replace(/\s/g, ' '))).toEqual([
      'July 1 – December 31, 2025',
      'October 1 – December 31, 2025',
      'July 1 – September 30, 2025',
    ]);
  });

  it('shows the range in the reader’s language', async () => {
    const fr = await page('/account/reports?lng=fr');
    expect(fr.reports[0]!.range).toMatch(/^1(er)? juillet\s?–\s?31 décembre 2025$/);
    const ar = await page('/account/reports?lng=ar');
    expect(ar.reports[0]!.range).not.toContain('July');
    expect(ar.title).toContain('تقارير الأثر');
  });

  it('links each report to the signed web version of that donor’s report for that period', async () => {
    const { reports } = await page('/account/reports?lng=en');
    for (const row of reports) {
      const url = new URL(row.href);
      expect(url.pathname).toMatch(/^\/impact\/report\/[^/]+$/);
      const token = url.pathname.split('/').pop()!;
      expect(readImpactReportWebLink(token)).toEqual({ donorId, period: row.period });
    }
  });

  it('another donor sees only their own, and a donor without reports an empty list', async () => {
    expect((await page('/account/reports?lng=en', otherCookie)).reports.map((row) => row.period)).toEqual(['2024-Q1']);
    expect((await page('/account/reports?lng=en', emptyCookie)).reports).toEqual([]);
  });

  it('knows the days of every kind of period', () => {
    expect(reportPeriodDays('2026')).toEqual({ first: new Date(Date.UTC(2026, 0, 1)), last: new Date(Date.UTC(2026, 11, 31)) });
    expect(reportPeriodDays('2024-Q1')).toEqual({ first: new Date(Date.UTC(2024, 0, 1)), last: new Date(Date.UTC(2024, 2, 31)) });
    expect(reportPeriodDays('2026-H1')).toEqual({ first: new Date(Date.UTC(2026, 0, 1)), last: new Date(Date.UTC(2026, 5, 30)) });
    expect(reportPeriodDays('2026-Q5')).toBeNull();
  });
});
