import { useTranslation } from 'react-i18next';
import type { FormattedFigures } from './funding-format.ts';

/**
 * Requirement, funded (split by source), pledged-unpaid, gap and coverage as a description list;
 * for a programme also what was received for it and is not yet allocated to projects.
 */
export function FiguresList({ figures, unallocated }: { figures: FormattedFigures; unallocated?: string }) {
  const { t } = useTranslation('programmes');
  return (
    <dl className="figures figures--wide">
      <div className="figures__row">
        <dt>{t('figures.requirement')}</dt>
        <dd>{figures.requirement}</dd>
      </div>
      <div className="figures__row">
        <dt>{t('figures.funded')}</dt>
        <dd>{figures.funded}</dd>
        <dd className="figures__split-holder">
          <ul className="figures__split" aria-label={t('figures.bySource')}>
            {(['regularBudget', 'generalPurpose', 'earmarked'] as const).map((source) => (
              <li key={source}>
                <span className="figures__split-label">{t(`figures.${source}`)}</span>{' '}
                <span className="figures__split-value">{figures[source]}</span>
              </li>
            ))}
          </ul>
        </dd>
      </div>
      <div className="figures__row">
        <dt>{t('figures.pledgedUnpaid')}</dt>
        <dd>{figures.pledgedUnpaid}</dd>
      </div>
      <div className="figures__row figures__row--gap">
        <dt>{t('figures.gap')}</dt>
        <dd>{figures.gap}</dd>
      </div>
      <div className="figures__row">
        <dt>{t('figures.coverage')}</dt>
        <dd>{figures.coverage}</dd>
      </div>
      {unallocated === undefined ? null : (
        <div className="figures__row">
          <dt>{t('figures.unallocated')}</dt>
          <dd data-testid="programme-unallocated">{unallocated}</dd>
        </div>
      )}
    </dl>
  );
}
