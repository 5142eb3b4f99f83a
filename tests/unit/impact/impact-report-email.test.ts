// The impact report email (issue #13 item 2): rendered in the donor's language (Arabic right to
// left), amounts and shares formatted, indicator movement, a coverage bar, allocation notices,
// the plain-text part, and RFC 8058 headers whose link unsubscribes exactly this donor.
import { describe, expect, it } from 'vitest';
import { renderEmail } from '~/email-templates.server.ts';
import { impactReportProps, type ImpactReportProps } from '~/impact/impact-report-email.server.ts';
import { verifyLinkToken } from '~/platform/signed-link.server.ts';
import { sampleImpactReportProps } from './impact-report-props.ts';

const donorId = '2b1f8f0e-5d7a-4c1e-9a7b-0c6f3e2d1a90';

const props: ImpactReportProps = {
  ...sampleImpactReportProps(donorId),
  webVersionUrl: 'http://localhost:3000/impact/reports/abc.def',
  accountUrl: 'http://localhost:3000/account',
};

describe('impact-report email', () => {
  it('tells the donor, in English, their amount and share, the coverage, the results and the allocation', async () => {
    const email = await renderEmail({ template: 'impact-report', locale: 'en', props });
    expect(email.subject).toBe('Your impact report: July 1, 2026 – September 30, 2026');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Courts against trafficking');
      expect(part).toContain('Kenya');
      expect(part).toContain('Your money: $250.00 — 25% of all the project has received ($1,000.00).');
      expect(part).toContain('$150.00 of it came from general-purpose or programme funds');
      expect(part).toContain('Funded: 45% of its requirement; still needed: $120,000.00.');
      expect(part).toContain('Prosecutors trained: 120 → 185 of 300 people');
      expect(part).toContain('Two courts opened in Nairobi.'); // Markdown reduced to text
      expect(part).toContain('September 2, 2026: $150.00 of your gift to Courts against trafficking');
      expect(part).toContain('€50.00');
      expect(part).toContain('Vienna International Centre');
    }
    expect(email.html).toContain('role="img" aria-label="Funded: 45% of its requirement; still needed: $120,000.00."');
    expect(email.html).toContain('width:45%');
    expect(email.text).toContain('Read this report in your browser: http://localhost:3000/impact/reports/abc.def');
    expect(email.text).toContain('Your gifts, pledges and receipts are in your account: http://localhost:3000/account');
    expect(email.html).toContain('href="http://localhost:3000/account"');
    const unsubscribe = email.headers?.['List-Unsubscribe']?.match(/^<(.+)>$/)?.[1];
    expect(unsubscribe).toMatch(/\/email\/unsubscribe\//);
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.text).toContain(`Unsubscribe from impact reports: ${unsubscribe}`);
    const token = unsubscribe!.split('/email/unsubscribe/')[1]!;
    expect(verifyLinkToken({ purpose: 'unsubscribe', token })).toEqual({ donorId, kind: 'IMPACT_REPORTS' });
  });

  it('renders Arabic right to left, in Arabic, and the same every time (a retried send is identical)', async () => {
    const email = await renderEmail({ template: 'impact-report', locale: 'ar', props });
    expect(email.html).toMatch(/<html[^>]*dir="rtl"[^>]*lang="ar"|<html[^>]*lang="ar"[^>]*dir="rtl"/);
    expect(email.html).toContain('محاكم لمكافحة الاتجار');
    expect(email.html).toContain('المدعون المدربون');
    expect(email.subject).toContain('تقرير الأثر');
    expect(await renderEmail({ template: 'impact-report', locale: 'ar', props })).toEqual(email);
  });

  it('says so when the money has reached no project yet', async () => {
    const email = await renderEmail({
      template: 'impact-report',
      locale: 'fr',
      props: { ...props, projects: [], notices: [], givenInPeriod: [] },
    });
    expect(email.text).toContain("Votre argent n'a pas encore été affecté à un projet");
    expect(email.text).toContain('Aucun nouveau don pendant cette période');
  });

  it('refuses props that would print nonsense', () => {
    const project = props.projects[0]!;
    expect(impactReportProps.safeParse({ ...props, givenToDate: [{ currency: 'XXX', amountMinor: '1' }] }).success).toBe(false);
    expect(impactReportProps.safeParse({ ...props, projects: [{ ...project, shareBasisPoints: 10_001 }] }).success).toBe(false);
    expect(impactReportProps.safeParse({ ...props, projects: [{ ...project, url: 'javascript:alert(1)' }] }).success).toBe(false);
    expect(impactReportProps.safeParse({ ...props, projects: [{ ...project, donorUsdMinor: '1.5' }] }).success).toBe(false);
    expect(impactReportProps.safeParse(props).success).toBe(true);
  });
});
