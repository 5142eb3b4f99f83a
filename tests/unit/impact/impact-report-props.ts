// One donor's impact report as the scheduler stores it (the email's props): one project with an
// update, an indicator's movement and a pooled part, and an allocation notice. Shared by the email
// test and the web version's test, which must show the same figures.
import type { ImpactReportProps } from '~/impact/impact-report-email.server.ts';

const six = (en: string, ar: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar });

export function sampleImpactReportProps(donorId: string): ImpactReportProps {
  return {
    donorId,
    donorName: 'Amina Haddad',
    from: '2026-07-01',
    to: '2026-10-01',
    givenInPeriod: [{ currency: 'EUR', amountMinor: '5000' }],
    givenToDate: [
      { currency: 'EUR', amountMinor: '15000' },
      { currency: 'USD', amountMinor: '30000' },
    ],
    projects: [
      {
        code: 'GLOT59',
        title: six('Courts against trafficking', 'محاكم لمكافحة الاتجار'),
        countryCode: 'KE',
        regionCode: '014',
        donorUsdMinor: '25000',
        donorPooledUsdMinor: '15000',
        projectUsdMinor: '100000',
        shareBasisPoints: 2500,
        coverageBasisPoints: 4500,
        gapUsdMinor: '12000000',
        url: 'http://localhost:3000/projects/GLOT59',
        updates: [
          {
            title: six('Two courts opened', 'افتتاح محكمتين'),
            body: six('**Two** courts opened in Nairobi.', 'افتتحت محكمتان.'),
            publishedAt: '2026-08-15',
          },
        ],
        indicators: [
          {
            name: six('Prosecutors trained', 'المدعون المدربون'),
            unit: 'people',
            before: '120.0000',
            after: '185.0000',
            target: '300.0000',
          },
        ],
      },
    ],
    notices: [{ title: six('Courts against trafficking', 'محاكم لمكافحة الاتجار'), decidedAt: '2026-09-02', usdMinor: '15000' }],
  };
}
