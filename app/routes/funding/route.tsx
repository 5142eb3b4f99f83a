// /funding — the Member State dashboard: filters in the URL (a plain GET form), totals by source,
// requirement/funding/gap by year, contributions by donor with the general-purpose share that
// ECOSOC resolution 2002/17 asks for, and every table as open data with the same filters.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ContributionsSection } from './contributions-section.tsx';
import { DownloadsSection } from './downloads-section.tsx';
import { FilterForm } from './filter-form.tsx';
import { buildFundingDashboard } from '~/funding/dashboard-page.server.ts';
import { ProgrammesTable } from './programmes-table.tsx';
import { TotalsPanel } from './totals-panel.tsx';
import { YearsSection } from './years-section.tsx';
import { ErrorPage } from '~/ui/error-page.tsx';
import { HowToRead } from '~/funding/figures-notes.tsx';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return data(await buildFundingDashboard(request));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function FundingDashboard() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('funding');
  // Places and the project link to their pages; the rest is text.
  const scope: (string | { name: string; href: string })[] = [
    page.scope.programme ?? t('scope.allProgrammes'),
    ...(page.scope.region || page.scope.country ? [page.scope.region, page.scope.country] : [t('scope.allRegions')]),
    page.scope.project,
    page.scope.donorType,
  ].filter((part) => part !== undefined);
  return (
    <div className="dashboard">
      <h1>{t('heading')}</h1>
      <p className="dashboard__intro">{t('intro')}</p>

      {page.notices.length > 0 ? (
        <div className="dashboard-notice" role="status" aria-labelledby="notice-title">
          <h2 id="notice-title" className="dashboard-notice__title">
            {t('notice.title')}
          </h2>
          <p>{t('notice.body', { names: page.notices.join(', ') })}</p>
        </div>
      ) : null}

      <FilterForm form={page.form} />

      <p className="dashboard__scope">
        <strong>{t('scope.label')}</strong> {page.period}
        {scope.map((part) => (
          <span key={typeof part === 'string' ? part : part.href}>
            {' · '}
            {typeof part === 'string' ? part : <Link to={part.href}>{part.name}</Link>}
          </span>
        ))}
      </p>

      <TotalsPanel totals={page.totals} period={page.period} hasRegion={page.hasRegion} />

      <ProgrammesTable rows={page.programmes} period={page.period} />

      <YearsSection period={page.period} dir={page.dir} years={page.years} charts={page.charts} />

      <ContributionsSection
        period={page.period}
        headline={t('contributions.headline', { percent: page.contributionTotals.generalPurposeShare })}
        rows={page.contributions}
        count={page.contributionCount}
        totals={page.contributionTotals}
        sortLinks={page.sortLinks}
        isNarrowed={page.isNarrowedForGeneralPurpose}
      />

      <DownloadsSection downloads={page.downloads} />

      <HowToRead lastChanged={page.lastChanged} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
