// /account/reports (issue #14 item 7): the impact reports the signed-in donor was sent, newest
// first, each opening its web version (the signed link the report's email carried).
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { buildReportArchivePage } from '~/account/impact-report-archive-page.server.ts';
import { impactReportWebLink } from '~/impact/impact-report-links.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  return data(await buildReportArchivePage({ donor, locale, reportHref: impactReportWebLink }));
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function AccountReports() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('account-reports');
  return (
    <section className="account-page" aria-labelledby="reports-title">
      <p>
        <Link to="/account">{t('back')}</Link>
      </p>
      <h1 id="reports-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {page.reports.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="report-archive">
          {page.reports.map((report) => (
            <li key={report.period}>
              <a href={report.href} rel="noreferrer">
                {t('report', { range: report.range })}
              </a>{' '}
              <span className="report-archive__sent">{t('sentOn', { date: report.sentOn })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
