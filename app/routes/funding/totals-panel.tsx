import { useTranslation } from 'react-i18next';
import { CoverageBar } from '~/ui/coverage-bar.tsx';
import type { TotalsView } from '~/funding/dashboard-types.ts';

const sources = ['regularBudget', 'generalPurpose', 'earmarked'] as const;

/** The headline figures for the filter; the same definitions as the programme cards. */
export function TotalsPanel({ totals, period, hasRegion }: { totals: TotalsView; period: string; hasRegion: boolean }) {
  const { t } = useTranslation('funding');
  return (
    <section className="dashboard-totals" aria-labelledby="totals-title">
      <h2 id="totals-title">{t('totals.heading', { period })}</h2>
      <div className="coverage">
        <CoverageBar basisPoints={totals.coverageBasisPoints} label={totals.coverageLabel} />
        <p className="coverage__text" aria-hidden="true">
          {t('totals.coverage', { percent: totals.coveragePercent })}
        </p>
      </div>
      <dl className="figures dashboard-totals__figures">
        <div className="figures__row">
          <dt>{t('totals.requirement')}</dt>
          <dd>{totals.requirement}</dd>
        </div>
        <div className="figures__row">
          <dt>{t('totals.funded')}</dt>
          <dd>{totals.funded}</dd>
          <dd className="figures__split-holder">
            <ul className="figures__split" aria-label={t('totals.bySource')}>
              {sources.map((source) => (
                <li key={source}>
                  <span className="figures__split-label">{t(`totals.${source}`)}</span>{' '}
                  <span className="figures__split-value">{totals[source]}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div className="figures__row">
          <dt>{t('totals.pledgedUnpaid')}</dt>
          <dd>{totals.pledgedUnpaid}</dd>
        </div>
        <div className="figures__row figures__row--gap">
          <dt>{t('totals.gap')}</dt>
          <dd data-testid="total-gap">{totals.gap}</dd>
        </div>
        {totals.unallocated === null ? null : (
          <div className="figures__row">
            <dt>{t('totals.unallocated')}</dt>
            <dd data-testid="total-unallocated">{totals.unallocated}</dd>
          </div>
        )}
      </dl>
      <p className="dashboard-note">{t('totals.definitions')}</p>
      {hasRegion ? <p className="dashboard-note">{t('totals.regionNote')}</p> : null}
    </section>
  );
}
