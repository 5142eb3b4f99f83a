// Home: the mandate in a sentence and, for each global programme, this year's requirement, funded
// (by source), pledged-unpaid, gap and coverage, straight from the ledger queries, formatted here
// in the reader's language so the page ships only the strings it shows.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { FundingSources } from './funding-sources.tsx';
import { ProgrammeCard, type ProgrammeCardData } from './programme-card.tsx';
import { listProgrammeFunding, type ProgrammeFunding } from '~/ledger/funding-figure-queries.server.ts';
import { getEnv, isDemoMode } from '~/platform/env.server.ts';
import { formatYear } from '~/platform/format.ts';
import { formatMoney } from '~/platform/money.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText, type Locale } from '~/platform/i18n.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';
import { formatFigures } from '~/funding/funding-format.ts';

function toCard(programme: ProgrammeFunding, locale: Locale, t: ReturnType<typeof getT>): ProgrammeCardData {
  const { coverage: coveragePercent, ...amounts } = formatFigures(programme, locale);
  return {
    slug: programme.slug,
    title: pickText(programme.title, locale),
    ...amounts,
    coverageBasisPoints: programme.coverageBasisPoints,
    coveragePercent,
    unallocated: formatMoney(programme.unallocatedUsdMinor, 'USD', locale),
    coverageLabel: t('programme.coverageLabel', { percent: coveragePercent, funded: amounts.funded, requirement: amounts.requirement }),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  const t = getT(locale, 'home');
  const year = new Date().getUTCFullYear();
  const programmes = await listProgrammeFunding({ year });
  return data({
    title: pageTitle(locale, t('meta.title')),
    description: t('meta.description'),
    year: formatYear(year, locale),
    isDemo: isDemoMode(getEnv()),
    programmes: programmes.map((programme) => toCard(programme, locale, t)),
  });
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function Home() {
  const { year, isDemo, programmes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('home');
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('hero.heading')}</h1>
        <p className="hero__lead">{t('hero.lead')}</p>
        <p className="hero__actions">
          <Link to="/give" className="button">
            {t('hero.give')}
          </Link>
          <Link to="/programmes" className="button button--secondary">
            {t('hero.explore')}
          </Link>
        </p>
      </section>

      {isDemo ? (
        <aside className="note note--illustrative" aria-label={t('illustrative.label')}>
          <p>{t('illustrative.text')}</p>
        </aside>
      ) : null}

      <section className="funding" aria-labelledby="funding-title">
        <h2 id="funding-title">{t('funding.heading', { year })}</h2>
        <p>{t('funding.intro')}</p>
        {programmes.length === 0 ? (
          <p>{t('funding.empty', { year })}</p>
        ) : (
          <ul className="programme-list">
            {programmes.map((programme) => (
              <li key={programme.slug}>
                <ProgrammeCard programme={programme} />
              </li>
            ))}
          </ul>
        )}
        <p className="funding__mandate">{t('hero.mandate')}</p>
      </section>

      <FundingSources />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
