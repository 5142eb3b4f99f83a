// The web version of an impact report (/impact/report/$token): the signed link opens the report
// the donor was emailed — same figures, the donor's language and direction — and nothing else:
// an altered link, another purpose's link or another donor's period finds nothing, and an erased
// donor's report is gone. The token is a capability: no index, no Referer, no cache.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import ImpactReportWebVersion, { headers, loader, meta } from '~/routes/impact.report.$token.tsx';
import { impactReportIdempotencyKey, impactReportWebLink } from '~/impact/impact-report-links.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import type { Locale } from '~/platform/i18n.ts';
import { preferencesLink } from '~/platform/email/unsubscribe-link.server.ts';
import { page } from './remix-react-mock.tsx';
import { sampleImpactReportProps } from '../impact/impact-report-props.ts';
import { args, get, unwrap } from '../staff/helpers.ts';

vi.mock('@remix-run/react', () => import('./remix-react-mock.tsx'));

const db = () => getPrisma();

/** A donor whose 2026-Q3 report is in the outbox, as the scheduler writes it; returns its web link's token. */
async function donorWithReport(locale: Locale, period = '2026-Q3') {
  const donor = await db().donor.create({
    data: { type: 'INDIVIDUAL', displayName: 'Amina', email: `amina-${crypto.randomUUID()}@example.org`, locale },
  });
  await enqueueEmail({
    db: db(),
    template: 'impact-report',
    to: donor.email!,
    locale,
    props: { ...sampleImpactReportProps(donor.id) },
    idempotencyKey: impactReportIdempotencyKey({ donorId: donor.id, period }),
    donorId: donor.id,
    consentKind: 'IMPACT_REPORTS',
  });
  return { donorId: donor.id, token: tokenOf(impactReportWebLink({ donorId: donor.id, period })) };
}

const tokenOf = (url: string) => url.split('/impact/report/')[1]!;
const open = async (token: string, query = '') =>
  unwrap(await loader({ ...args(get(`/impact/report/${token}${query}`)), params: { token } }));

function render(data: unknown, siteLocale: Locale = 'en') {
  page.data = data;
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance(siteLocale, getLocaleResources(siteLocale))}>
      <ImpactReportWebVersion />
    </I18nextProvider>,
  );
}

describe('/impact/report/$token', () => {
  it('shows the emailed report: totals, amounts and shares, coverage, indicator movement, updates, notices, project link', async () => {
    const { token } = await donorWithReport('en');
    const shown = await open(token);
    expect(shown.status).toBe(200);
    const html = render(shown.data);
    expect(html).toContain('<article class="impact-report" lang="en" dir="ltr"');
    expect(html).toContain('What your gifts did, July 1, 2026 – September 30, 2026');
    expect(html).toContain('€50.00');
    expect(html).toContain('€150.00');
    expect(html).toContain('Your money: $250.00 — 25% of all the project has received ($1,000.00).');
    expect(html).toContain('Funded: 45% of its requirement; still needed: $120,000.00.');
    expect(html).toContain('role="img" aria-label="Funded: 45% of its requirement; still needed: $120,000.00."');
    expect(html).toContain('Prosecutors trained: 120 → 185 of 300 people');
    expect(html).toContain('Two courts opened in Nairobi.');
    expect(html).toContain('September 2, 2026: $150.00 of your gift to Courts against trafficking');
    expect(html).toContain('href="http://localhost:3000/projects/GLOT59"');
    expect(html).toContain('Vienna International Centre');
    expect(html).toMatch(/href="http:\/\/localhost:3000\/email\/unsubscribe\/[\w-]+\.[\w-]+"/);
    const sent = headers({} as Parameters<typeof headers>[0]) as Record<string, string>;
    expect(sent).toMatchObject({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' });
    const tags = meta({ data: shown.data } as Parameters<typeof meta>[0]);
    expect(tags).toContainEqual({ name: 'robots', content: 'noindex, nofollow' });
    expect(tags).toContainEqual({
      title: 'What your gifts did, July 1, 2026 – September 30, 2026 — Crime Prevention and Criminal Justice Programme',
    });
  });

  it('answers 404 with a clear page for an altered link or a link made for something else', async () => {
    const { donorId, token } = await donorWithReport('en');
    const altered = `${token.slice(0, -3)}abc`;
    const refused = await open(altered);
    expect(refused).toMatchObject({ status: 404, data: { state: 'not-found' } });
    const html = render(refused.data);
    expect(html).toContain('<h1 id="report-title">This report cannot be found</h1>');
    expect(html).toContain('role="alert"');
    const preferences = tokenOf(preferencesLink({ donorId }).replace('/email/preferences/', '/impact/report/'));
    expect((await open(preferences)).status).toBe(404);
  });

  it('finds nothing for a signed link naming another donor or another period', async () => {
    const amina = await donorWithReport('en');
    const other = await db().donor.create({
      data: { type: 'INDIVIDUAL', displayName: 'Other', email: `other-${crypto.randomUUID()}@example.org` },
    });
    const otherDonor = tokenOf(impactReportWebLink({ donorId: other.id, period: '2026-Q3' }));
    expect(await open(otherDonor)).toMatchObject({ status: 404, data: { state: 'not-found' } });
    const otherPeriod = tokenOf(impactReportWebLink({ donorId: amina.donorId, period: '2026-Q2' }));
    expect(await open(otherPeriod)).toMatchObject({ status: 404, data: { state: 'not-found' } });
    // A row under a donor's key whose own donor differs is not theirs either.
    await db().emailOutbox.update({
      where: { idempotencyKey: impactReportIdempotencyKey({ donorId: amina.donorId, period: '2026-Q3' }) },
      data: { donorId: other.id },
    });
    expect((await open(amina.token)).status).toBe(404);
  });

  it("renders an Arabic donor's report right to left in Arabic, and in the language the visitor switches to", async () => {
    const { token } = await donorWithReport('ar');
    const shown = await open(token);
    expect(shown.data).toMatchObject({ state: 'report', locale: 'ar', dir: 'rtl' });
    const html = render(shown.data);
    expect(html).toContain('<article class="impact-report" lang="ar" dir="rtl"');
    expect(html).toContain('محاكم لمكافحة الاتجار');
    expect(html).toContain('المدعون المدربون');
    const switched = await open(token, '?lng=fr');
    expect(switched.data).toMatchObject({ state: 'report', locale: 'fr', dir: 'ltr' });
    expect(render(switched.data, 'fr')).toContain('Résultats mesurés');
  });

  it('is gone once the donor has been erased', async () => {
    const { donorId, token } = await donorWithReport('es');
    await db().donor.update({ where: { id: donorId }, data: { erasedAt: new Date('2026-11-01T00:00:00Z') } });
    const gone = await open(token);
    expect(gone).toMatchObject({ status: 410, data: { state: 'gone' } });
    expect(JSON.stringify(gone.data)).not.toContain('Amina');
    expect(render(gone.data)).toContain('This report is no longer available');
  });
});
